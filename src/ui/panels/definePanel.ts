// One panel type = one definePanel(...): the view type, the page bundle and its message union, what
// identifies a panel (one panel per key: opening it again reveals the open one), the title, the CSP
// origins, and how to make its controller. The base does the rest the same way for every panel: the
// ready handshake (PanelHost), the per-key registry, and restoring after a reload from the state the
// page saved — checked with the definition's zod schema; unusable state shows the definition's message
// in the panel, or closes it when the panel has nothing to say.
import * as vscode from 'vscode';
import type * as z from 'zod';
import type { Services } from '../../services/services';
import type { CspOrigins } from './html';
import { openPanels, PanelHost, panelOptions, type OpenPanel, type PanelSpec } from './panelHost';

/** The panel's own logic: the base calls it on `ready`, on each page message, and when it closes. */
export interface PanelController<In> {
  /** Every `ready` (first load and each re-render): post the page's full state. */
  ready(): void;
  /** A validated page message; the returned promise is what TestApi `send` waits for. */
  receive(message: In): Promise<void> | void;
  dispose?(): void;
}

export interface PanelDefinition<
  A,
  Out extends { type: string },
  In extends { type: string },
  C,
> extends PanelSpec<In> {
  /** What a saved page state must hold for the panel to come back after a reload (extra fields ignored). */
  readonly state: z.ZodType<A>;
  /** Identity within the view type (e.g. connection/project/task): one open panel per key. */
  readonly keyOf: (args: A) => string;
  readonly title: (args: A) => string;
  /** CSP origins the page needs from the start (more can be allowed later with `host.allowOrigins`). */
  readonly origins?: (args: A) => CspOrigins;
  readonly create: (host: PanelHost<Out, In>, args: A, services: Services) => C & PanelController<In>;
  /** After a restore: starts loading if `create` does not already; `revive` resolves once it settles. */
  readonly revived?: (controller: C) => Promise<unknown>;
  /** What a panel restored from unusable state shows; without it, such a panel closes. */
  readonly unrestorable?: () => Out;
}

/** What app/panels.ts needs to restore panels of any type after a reload. */
export interface RestorablePanel {
  readonly viewType: string;
  /**
   * Wraps a panel VS Code restored; resolves once its data is loaded, with the panel, or with undefined
   * when the state was unusable and the panel closed.
   */
  revive(services: Services, panel: vscode.WebviewPanel, state: unknown): Promise<OpenPanel | undefined>;
}

export interface PanelType<A, C> extends RestorablePanel {
  /** The open panel for these args, if any. */
  find(args: A): C | undefined;
  /** Reveals the open panel for these args, or opens one. `origins` adds to the definition's. */
  open(services: Services, args: A, origins?: CspOrigins): C;
}

export function definePanel<A, Out extends { type: string }, In extends { type: string }, C>(
  def: PanelDefinition<A, Out, In, C>,
): PanelType<A, C> {
  const open = new Map<string, { readonly controller: C; readonly host: PanelHost<Out, In> }>();

  function attach(services: Services, panel: vscode.WebviewPanel, args: A, extra?: CspOrigins): C {
    const key = def.keyOf(args);
    // Made right after its host, which needs these callbacks first (the page cannot answer before).
    const made: { controller?: C & PanelController<In> } = {};
    const host = new PanelHost<Out, In>(panel, services.context.extensionUri, def, services.log, {
      key,
      origins: merge(def.origins?.(args), extra),
      handler: {
        ready: () => made.controller?.ready(),
        receive: (message) => made.controller?.receive(message),
        dispose: () => {
          if (open.get(key)?.host === host) open.delete(key);
          made.controller?.dispose?.();
        },
      },
    });
    const controller = def.create(host, args, services);
    made.controller = controller;
    open.set(key, { controller, host });
    return controller;
  }

  return {
    viewType: def.viewType,
    find: (args) => open.get(def.keyOf(args))?.controller,
    open(services, args, origins) {
      const existing = open.get(def.keyOf(args));
      if (existing !== undefined) {
        existing.host.reveal();
        return existing.controller;
      }
      const panel = vscode.window.createWebviewPanel(
        def.viewType,
        def.title(args),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        panelOptions(services.context.extensionUri, def.retainContextWhenHidden),
      );
      return attach(services, panel, args, origins);
    },
    async revive(services, panel, state) {
      const saved = def.state.safeParse(state);
      if (saved.success) {
        panel.title = def.title(saved.data);
        const controller = attach(services, panel, saved.data);
        await def.revived?.(controller);
        return openPanels().find((p) => p.panel === panel);
      }
      const message = def.unrestorable?.();
      if (message === undefined) {
        panel.dispose();
        return undefined;
      }
      // A host with nobody behind it, only to show why the panel is empty.
      const host = new PanelHost<Out, In>(panel, services.context.extensionUri, def, services.log, {
        key: '',
        handler: { ready: () => undefined, receive: () => undefined, dispose: () => undefined },
      });
      host.post(message);
      return openPanels().find((p) => p.panel === panel);
    },
  };
}

function merge(a: CspOrigins | undefined, b: CspOrigins | undefined): CspOrigins {
  return {
    img: [...(a?.img ?? []), ...(b?.img ?? [])],
    media: [...(a?.media ?? []), ...(b?.media ?? [])],
    connect: [...(a?.connect ?? []), ...(b?.connect ?? [])],
  };
}

/** Restores every panel type after a window reload (package.json lists the `onWebviewPanel:` events). */
export function registerSerializers(
  services: Services,
  types: readonly RestorablePanel[],
): vscode.Disposable[] {
  return types.map((type) =>
    vscode.window.registerWebviewPanelSerializer(type.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        // Not awaited: the restored panel says "loading" while its data is read or downloaded.
        void type.revive(services, panel, state);
        return Promise.resolve();
      },
    }),
  );
}
