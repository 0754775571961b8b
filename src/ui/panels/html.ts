// The one HTML builder for every webview panel. Pure (no `vscode` import) so the Playwright harness
// renders exactly the page VS Code gets. Policy: nothing is allowed by default; scripts only by nonce;
// styles, fonts and bundles only from the extension's own webview origin; images, media and fetches only
// from the origins a panel names (presigned media hosts, the stream's host).
import { randomBytes } from 'node:crypto';

export interface CspOrigins {
  /** Extra `img-src` origins (e.g. the presigned thumbnail host). */
  readonly img?: readonly string[];
  /** Extra `media-src` origins (video). */
  readonly media?: readonly string[];
  /** `connect-src` origins (e.g. the WHEP endpoint). */
  readonly connect?: readonly string[];
}

export interface PageOptions {
  readonly title: string;
  /** `webview.cspSource`: the origin local resources are served from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** The panel's browser bundle (already mapped with `asWebviewUri`). */
  readonly scriptUri: string;
  /** Stylesheets (the panel's CSS, the codicon font CSS), already mapped. */
  readonly styleUris: readonly string[];
  readonly origins?: CspOrigins;
  /** `<html lang>`: VS Code's display language. */
  readonly lang?: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The origin of a URL for a CSP source list, or undefined for anything that is not http(s)/ws(s).
 * A full origin (scheme + host + port) rather than a wildcard: presigned hosts are known per panel.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^(https?|wss?):$/.test(parsed.protocol) ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Distinct, valid origins; anything that could break out of the CSP header is dropped. */
export function cleanOrigins(list: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const item of list ?? []) {
    const origin = originOf(item);
    if (origin !== undefined && /^[a-z0-9+.:/[\]-]+$/i.test(origin)) out.add(origin);
  }
  return [...out];
}

/** `inlineStyle`: also allow `<style>` elements carrying the nonce (a scriptless page with no bundle). */
export function contentSecurityPolicy(
  o: Pick<PageOptions, 'cspSource' | 'nonce' | 'origins'> & { readonly inlineStyle?: boolean },
): string {
  const join = (...parts: (string | readonly string[])[]): string => parts.flat().join(' ');
  const img = cleanOrigins(o.origins?.img);
  const media = cleanOrigins(o.origins?.media);
  const connect = cleanOrigins(o.origins?.connect);
  return [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource}${o.inlineStyle ? ` 'nonce-${o.nonce}'` : ''}`,
    `font-src ${o.cspSource}`,
    `img-src ${join(o.cspSource, 'data:', 'blob:', img)}`,
    `media-src ${join(o.cspSource, 'blob:', media)}`,
    `connect-src ${connect.length > 0 ? connect.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The page: CSP meta first, stylesheets, an empty `#app` the bundle renders into, the bundle by nonce.
 * The codicon stylesheet keeps the id `vscode-codicon-stylesheet`: @vscode-elements looks it up to
 * share the icon font with its shadow roots.
 */
export function renderPage(o: PageOptions): string {
  const styles = o.styleUris
    .map((href) => {
      const id = href.includes('codicon') ? ' id="vscode-codicon-stylesheet"' : '';
      return `<link rel="stylesheet" href="${escapeHtml(href)}"${id}>`;
    })
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o))}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(o.title)}</title>
    ${styles}
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
  </body>
</html>
`;
}
