// Webview panel serializers, registered at activation so VS Code can restore open panels after a
// reload (each panel's page saves what it needs with `saveState`; package.json lists the matching
// `onWebviewPanel:` activation events). One line per panel.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerRoutePreviewSerializer } from './routePreviewPanel';
import { registerTrajectorySerializer } from './trajectoryPanel';
import { GALLERY_VIEW_TYPE, reviveGallery } from './gallery';
import { registerLiveSerializer } from './livePanel';
import { registerPanelSerializer } from './panelHost';

export function registerPanels(services: Services): vscode.Disposable[] {
  return [
    registerPanelSerializer(GALLERY_VIEW_TYPE, (panel, state) => reviveGallery(services, panel, state)),
    registerRoutePreviewSerializer(services),
    registerTrajectorySerializer(services),
    registerLiveSerializer(services),
  ];
}
