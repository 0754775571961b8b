// "Preview Route" (issue 4): a route's waypoints and lines on the map, its waypoint table and the
// validator's findings. One panel per route; a route on disk is read again whenever its files change,
// and a panel restored after a reload reads its route again from the source the page saved.
import * as vscode from 'vscode';
import type { CommandFactory } from '../../ui/context';
import { describeError } from '../../core/errorText';
import type { Services } from '../../services/services';
import {
  fromWebview,
  routePreviewState,
  type FromWebview,
  type RouteSource,
  type RouteView,
  type ToWebview,
} from '../../webviews/routePreview/protocol';
import { mapLabels, routeLabels } from '../../ui/panels/labels';
import { mapOrigins, mapSettings, onMapSettingsChanged } from '../../ui/panels/mapSettings';
import { definePanel } from '../../ui/panels/definePanel';
import type { PanelHost } from '../../ui/panels/panelHost';
import { annotateFromPanel } from '../annotations/fromPanel';
import { routeView } from './routePreviewData';
import { loadRoute, sourceFromArg, sourceKey, sourceName, watchSource } from './routePreviewLoad';

class RoutePreview {
  private current: ToWebview | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Settles with the route of the latest load (the command returns it). */
  loaded: Promise<RouteView | undefined>;

  constructor(
    readonly host: PanelHost<ToWebview, FromWebview>,
    private readonly source: RouteSource,
    private readonly services: Services,
  ) {
    this.disposables.push(
      onMapSettingsChanged(
        (o) => host.allowOrigins(o),
        () => this.ready(),
      ),
    );
    const watcher = watchSource(source, () => {
      this.loaded = this.load();
    });
    if (watcher) this.disposables.push(watcher);
    this.loaded = this.load();
  }

  async receive(message: FromWebview): Promise<void> {
    if (message.type === 'refresh') {
      this.loaded = this.load();
      await this.loaded;
      return;
    }
    // A project's route is annotated in its own project; a file's in the project active now.
    const source = this.source;
    await annotateFromPanel(
      this.services,
      () => (source.kind === 'remote' ? source.binding : this.services.session.binding()),
      message,
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async load(): Promise<RouteView | undefined> {
    try {
      const read = await loadRoute(this.services, this.source);
      const zh = vscode.env.language.toLowerCase().startsWith('zh');
      const route = routeView(read.name, read.model, read.findings, zh);
      this.show({ type: 'route', route });
      return route;
    } catch (error) {
      this.services.log.error(`route preview: ${describeError(error)}`);
      this.show({ type: 'failed', message: describeError(error).slice(0, 2000) });
      return undefined;
    }
  }

  /** Posts only to a ready page: a page that is still loading gets everything on `ready`, in order. */
  private show(message: ToWebview): void {
    this.current = message;
    if (this.host.ready) this.host.post(message);
  }

  /** Every `ready`. */
  ready(): void {
    this.host.post({
      type: 'setup',
      labels: routeLabels(),
      mapLabels: mapLabels(),
      map: mapSettings(),
      source: this.source,
    });
    if (this.current) this.host.post(this.current);
  }
}

/** One panel per route source; after a reload the source the page saved is read again (or it closes). */
export const routePreviewPanel = definePanel({
  viewType: 'flighthub.routePreview',
  bundle: 'routePreview',
  fromWebview,
  state: routePreviewState.pick({ source: true }),
  keyOf: ({ source }) => sourceKey(source),
  title: ({ source }) => vscode.l10n.t('Route: {0}', sourceName(source)),
  origins: () => mapOrigins(mapSettings()),
  create: (host: PanelHost<ToWebview, FromWebview>, { source }, services) =>
    new RoutePreview(host, source, services),
  revived: (preview) => preview.loaded,
});

export const previewRoute: CommandFactory = (ctx) => async (arg?: unknown) => {
  const source = await sourceFromArg(arg, () => ctx.services.session.binding());
  const preview = routePreviewPanel.open(ctx.services, { source });
  const route = await preview.loaded;
  return (
    route && {
      name: route.name,
      waypoints: route.waylines.reduce((n, w) => n + w.waypoints.length, 0),
      findings: route.findings,
    }
  );
};
