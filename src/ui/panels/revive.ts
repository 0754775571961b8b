// Restoring a panel after a window reload, the same way for every panel that can rebuild itself from
// the state its page saved: parse the state, wrap the restored webview in a PanelHost again, then load
// (or close when the state is unusable — nothing could be shown).
import type * as vscode from 'vscode';
import type * as z from 'zod';
import type { Services } from '../../services/services';
import type { CspOrigins } from './html';
import { PanelHost, registerPanelSerializer, type PanelSpec } from './panelHost';

export interface Revivable<S, Out extends { type: string }, In extends { type: string }> {
  readonly spec: PanelSpec<In>;
  readonly state: z.ZodType<S>;
  readonly origins: () => CspOrigins;
  /** Attaches the panel's controller to the new host; resolves when its data is loaded. */
  readonly attach: (host: PanelHost<Out, In>, state: S, services: Services) => Promise<unknown>;
}

export async function revivePanel<S, Out extends { type: string }, In extends { type: string }>(
  services: Services,
  panel: vscode.WebviewPanel,
  r: Revivable<S, Out, In>,
  state: unknown,
): Promise<PanelHost<Out, In>> {
  const saved = r.state.safeParse(state);
  const host = new PanelHost<Out, In>(
    panel,
    services.context.extensionUri,
    r.spec,
    services.log,
    r.origins(),
  );
  if (!saved.success) host.dispose();
  else await r.attach(host, saved.data, services);
  return host;
}

export function registerRevivable<S, Out extends { type: string }, In extends { type: string }>(
  services: Services,
  r: Revivable<S, Out, In>,
): vscode.Disposable {
  return registerPanelSerializer(r.spec.viewType, (panel, state) => {
    // Not awaited: the restored panel says "loading" while the data is read or downloaded.
    void revivePanel(services, panel, r, state);
    return Promise.resolve();
  });
}
