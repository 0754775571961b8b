// Every panel type, restored by its serializer after a window reload (each page saves what it needs
// with `saveState`; package.json lists the matching `onWebviewPanel:` activation events). One line per
// panel. The TestApi's read-only view of open panels is made here too.
import type * as vscode from 'vscode';
import type { Services } from '../services/services';
import { galleryPanel } from '../features/media/galleryPanel';
import { livePanel } from '../features/live/livePanel';
import { routePreviewPanel } from '../features/routes/routePreviewPanel';
import { trajectoryPanel } from '../features/tasks/trajectoryPanel';
import { deviceStatePanel } from '../features/devices/statePanel';
import { registerSerializers, type RestorablePanel } from '../ui/panels/definePanel';
import { openPanels, type OpenPanel } from '../ui/panels/panelHost';

const PANELS: readonly RestorablePanel[] = [
  galleryPanel,
  livePanel,
  routePreviewPanel,
  trajectoryPanel,
  deviceStatePanel,
];

/** What integration tests see of the panels: the ones open now, and the serializers' restore path. */
export interface PanelsView {
  open(): readonly OpenPanel[];
  /** What the serializer does with a panel VS Code restores (resolves once loaded; undefined: closed). */
  revive(viewType: string, panel: vscode.WebviewPanel, state: unknown): Promise<OpenPanel | undefined>;
}

export function registerPanels(services: Services): {
  disposables: vscode.Disposable[];
  panels: PanelsView;
} {
  const panels: PanelsView = {
    open: openPanels,
    revive: (viewType, panel, state) => {
      const type = PANELS.find((p) => p.viewType === viewType);
      if (!type) throw new Error(`no panel type ${viewType}`);
      return type.revive(services, panel, state);
    },
  };
  return { disposables: registerSerializers(services, PANELS), panels };
}
