// The validator's findings: a badge with the counts in the toolbar, and the list it opens.
import { h } from '../browser/host';
import type { RouteLabels, RouteView } from './protocol';

export function findingsBadge(route: RouteView, labels: RouteLabels, toggle: () => void): HTMLElement {
  const f = route.findings;
  const kind = f.errors > 0 ? 'error' : f.warnings > 0 ? 'warning' : 'ok';
  const parts: string[] = [];
  if (f.errors > 0) parts.push(`${f.errors} ${labels.errors}`);
  if (f.warnings > 0) parts.push(`${f.warnings} ${labels.warnings}`);
  if (f.infos > 0) parts.push(`${f.infos} ${labels.infos}`);
  const icon = { error: 'error', warning: 'warning', ok: 'pass' }[kind];
  const badge = h('button', { class: `findings-badge ${kind}`, 'data-kind': kind });
  badge.append(
    h('span', { class: `codicon codicon-${icon}` }),
    parts.length ? parts.join(' · ') : labels.noFindings,
  );
  badge.addEventListener('click', toggle);
  return badge;
}

export function findingsPanel(route: RouteView, labels: RouteLabels): HTMLElement {
  const list = h('ul', { class: 'findings' });
  for (const f of route.findings.list) {
    const icon = { error: 'error', warning: 'warning', info: 'info' }[f.severity];
    list.append(
      h(
        'li',
        { class: f.severity },
        h('span', { class: `codicon codicon-${icon}` }),
        h('span', {}, f.text),
        h('span', { class: 'muted' }, f.where),
      ),
    );
  }
  if (route.findings.list.length === 0) list.append(h('li', { class: 'muted' }, labels.noFindings));
  // Open by default only when the route cannot be flown as it is.
  list.hidden = route.findings.errors === 0;
  return list;
}
