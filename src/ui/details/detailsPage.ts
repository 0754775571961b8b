// The readable details page (task, route): a title, rows of label and value, and actions as `command:`
// links. Pure (no `vscode` import) so unit tests read the exact page VS Code gets. The page runs no
// script at all: its links are command URIs that the panel allows one by one (`enableCommandUris`), so
// the page can ask for nothing but the commands it was given, with the arguments the host wrote.
import { contentSecurityPolicy, escapeHtml } from '../panels/html';

export interface DetailsRow {
  readonly label: string;
  readonly value: string;
}

export interface DetailsSection {
  readonly title: string;
  readonly rows: readonly DetailsRow[];
}

export interface DetailsAction {
  readonly label: string;
  /** A `flighthub.` command id; the panel allows exactly the commands of its actions. */
  readonly command: string;
  readonly args: readonly unknown[];
}

export interface DetailsModel {
  readonly title: string;
  /** The page's heading (default: the title, which is the tab's). */
  readonly heading?: string;
  /** A short state shown beside the title (the task's status). */
  readonly badge?: string;
  readonly sections: readonly DetailsSection[];
  readonly actions: readonly DetailsAction[];
}

export interface DetailsPageOptions {
  readonly cspSource: string;
  readonly nonce: string;
  readonly lang?: string;
  /** The label of the actions' group (localized by the host). */
  readonly actionsLabel: string;
}

/** `command:<id>?<JSON array of arguments>`, the form VS Code's command links take. */
export function commandUri(action: Pick<DetailsAction, 'command' | 'args'>): string {
  return `command:${action.command}?${encodeURIComponent(JSON.stringify(action.args))}`;
}

export function renderDetailsPage(model: DetailsModel, o: DetailsPageOptions): string {
  const badge = model.badge ? ` <span class="badge">${escapeHtml(model.badge)}</span>` : '';
  const sections = model.sections
    .filter((s) => s.rows.length > 0)
    .map(
      (s) => `<section>
      <h2>${escapeHtml(s.title)}</h2>
      <dl>
        ${s.rows.map((r) => `<dt>${escapeHtml(r.label)}</dt><dd>${escapeHtml(r.value)}</dd>`).join('\n        ')}
      </dl>
    </section>`,
    )
    .join('\n    ');
  const actions = model.actions.length
    ? `<nav aria-label="${escapeHtml(o.actionsLabel)}">
      ${model.actions
        .map((a) => `<a class="action" href="${escapeHtml(commandUri(a))}">${escapeHtml(a.label)}</a>`)
        .join('\n      ')}
    </nav>`
    : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy({ ...o, inlineStyle: true }))}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(model.title)}</title>
    <style nonce="${o.nonce}">${STYLE}</style>
  </head>
  <body>
    <h1>${escapeHtml(model.heading ?? model.title)}${badge}</h1>
    ${actions}
    ${sections}
  </body>
</html>
`;
}

// Inline (by nonce) rather than a stylesheet file: one request less for a page that must show at once.
// VS Code's theme variables only.
const STYLE = `
body {
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  color: var(--vscode-foreground);
  padding: 0 20px 20px;
  max-width: 820px;
}
h1 {
  font-size: 1.5em;
  font-weight: 600;
  display: flex;
  align-items: center;
  gap: 10px;
}
h2 {
  font-size: 1.05em;
  font-weight: 600;
  margin: 20px 0 6px;
  padding-bottom: 4px;
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884));
}
.badge {
  font-size: 0.7em;
  font-weight: 500;
  padding: 2px 8px;
  border-radius: 10px;
  color: var(--vscode-badge-foreground);
  background: var(--vscode-badge-background);
}
dl {
  display: grid;
  grid-template-columns: minmax(9em, max-content) 1fr;
  gap: 4px 18px;
  margin: 0;
}
dt {
  color: var(--vscode-descriptionForeground);
}
dd {
  margin: 0;
  overflow-wrap: anywhere;
}
nav {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
}
a.action {
  display: inline-block;
  padding: 4px 12px;
  border-radius: 2px;
  text-decoration: none;
  color: var(--vscode-button-secondaryForeground);
  background: var(--vscode-button-secondaryBackground);
}
a.action:hover {
  background: var(--vscode-button-secondaryHoverBackground);
}
a.action:focus-visible {
  outline: 1px solid var(--vscode-focusBorder);
  outline-offset: 2px;
}
`;
