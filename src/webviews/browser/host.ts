// The page side of the protocol: one `acquireVsCodeApi()` per page, incoming messages parsed with the
// panel's zod union (anything else is dropped and reported), `ready` sent once the listener is on,
// uncaught errors reported to the host's log. State given to `saveState` survives reloads and is what
// the host's WebviewPanelSerializer receives.
import type * as z from 'zod';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel<Out, State> {
  post(message: Out): void;
  /** The state saved before the last reload, if any (unvalidated: parse it before use). */
  savedState(): State | undefined;
  saveState(state: State): void;
}

let api: VsCodeApi | undefined;

function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

export function connect<In, Out, State = unknown>(
  schema: z.ZodType<In>,
  onMessage: (message: In) => void,
): HostChannel<Out, State> {
  const vscode = vscodeApi();
  const report = (message: string): void =>
    vscode.postMessage({ type: 'pageError', message: message.slice(0, 2000) });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = schema.safeParse(event.data);
    if (!parsed.success) {
      report(`dropped an invalid message: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
      return;
    }
    try {
      onMessage(parsed.data);
    } catch (error) {
      report(error instanceof Error ? `${error.message}` : String(error));
    }
  });
  window.addEventListener('error', (event) => report(String(event.message)));
  window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) =>
    report(event.reason instanceof Error ? event.reason.message : String(event.reason)),
  );
  vscode.postMessage({ type: 'ready' });
  return {
    post: (message: Out) => vscode.postMessage(message),
    savedState: () => (vscode.getState() ?? undefined) as State | undefined,
    saveState: (state: State) => vscode.setState(state),
  };
}

/** Small DOM helper: an element with attributes and children, no innerHTML (CSP- and XSS-safe). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) el.append(child);
  return el;
}
