// Webview panel serializers, registered at activation so VS Code can restore open panels after a
// reload (each panel's page saves what it needs with `saveState`; package.json lists the matching
// `onWebviewPanel:` activation events). One line per panel.
import type * as vscode from 'vscode';
import type { Services } from '../services/services';
import { routePreviewRevivable } from '../features/routes/routePreviewPanel';
import { trajectoryRevivable } from '../features/tasks/trajectoryPanel';
import { registerRevivable } from '../ui/panels/revive';
import { GALLERY_VIEW_TYPE, reviveGallery } from '../features/media/galleryPanel';
import { registerLiveSerializer } from '../features/live/livePanel';
import { registerPanelSerializer } from '../ui/panels/panelHost';

export function registerPanels(services: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(GALLERY_VIEW_TYPE, async (panel, state) => {
      await reviveGallery(services, panel, state);
    }),
    registerRevivable(services, routePreviewRevivable),
    registerRevivable(services, trajectoryRevivable),
    registerLiveSerializer(services),
  ];
}
