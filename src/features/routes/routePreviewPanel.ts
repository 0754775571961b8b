// "Preview Route" (issue 4): a route's waypoints and lines on the map, its waypoint table and the
// validator's findings. One panel per route; a route on disk is read again whenever its files change,
// and a panel restored after a reload reads its route again from the source the page saved.
import * as vscode from 'vscode';
import type * as z from 'zod';
import type { CommandFactory } from '../../ui/context';
import { describeError } from '../../core/errorText';
import type { Services } from '../../services/services';
import {
  fromWebview,
  routePreviewState,
  type FromWebview,
  type RouteLabels,
  type RouteSource,
  type RouteView,
  type ToWebview,
} from '../../webviews/routePreview/protocol';
import { mapLabels, mapOrigins, mapSettings, onMapSettingsChanged } from '../../ui/panels/mapSettings';
import { PanelHost, type PanelSpec } from '../../ui/panels/panelHost';
import type { Revivable } from '../../ui/panels/revive';
import { routeView } from './routePreviewData';
import { loadRoute, sourceFromArg, sourceKey, sourceName, watchSource } from './routePreviewLoad';

export const ROUTE_PREVIEW_VIEW = 'flighthub.routePreview';

const spec: PanelSpec<FromWebview> = { viewType: ROUTE_PREVIEW_VIEW, bundle: 'routePreview', fromWebview };

const open = new Map<string, RoutePreview>();

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
    const key = sourceKey(source);
    open.set(key, this);
    this.disposables.push(
      host.onDidBecomeReady(() => this.sendAll()),
      host.onMessage((m) => {
        if (m.type === 'refresh') this.loaded = this.load();
      }),
      onMapSettingsChanged(
        (o) => host.allowOrigins(o),
        () => this.sendAll(),
      ),
    );
    const watcher = watchSource(source, () => {
      this.loaded = this.load();
    });
    if (watcher) this.disposables.push(watcher);
    host.onDidDispose(() => {
      if (open.get(key) === this) open.delete(key);
      for (const d of this.disposables.splice(0)) d.dispose();
    });
    this.loaded = this.load();
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

  private sendAll(): void {
    this.host.post({
      type: 'setup',
      labels: labels(),
      mapLabels: mapLabels(),
      map: mapSettings(),
      source: this.source,
    });
    if (this.current) this.host.post(this.current);
  }
}

function title(source: RouteSource): string {
  return vscode.l10n.t('Route: {0}', sourceName(source));
}

export const previewRoute: CommandFactory = (ctx) => async (arg?: unknown) => {
  const source = await sourceFromArg(arg, () => ctx.services.session.binding());
  let preview = open.get(sourceKey(source));
  if (preview) preview.host.reveal();
  else {
    const host = PanelHost.create<ToWebview, FromWebview>(
      ctx.services.context.extensionUri,
      spec,
      ctx.services.log,
      title(source),
      mapOrigins(mapSettings()),
    );
    preview = new RoutePreview(host, source, ctx.services);
  }
  const route = await preview.loaded;
  return (
    route && {
      name: route.name,
      waypoints: route.waylines.reduce((n, w) => n + w.waypoints.length, 0),
      findings: route.findings,
    }
  );
};

/** After a reload, the page saved where its route comes from, which is read again (or the panel closes). */
export const routePreviewRevivable: Revivable<z.infer<typeof routePreviewState>, ToWebview, FromWebview> = {
  spec,
  state: routePreviewState,
  origins: () => mapOrigins(mapSettings()),
  attach: (host, saved, services) => new RoutePreview(host, saved.source, services).loaded,
};

function labels(): RouteLabels {
  const t = vscode.l10n.t;
  return {
    waypoint: t('Waypoint'),
    latitude: t('Latitude'),
    longitude: t('Longitude'),
    height: t('Height (m)'),
    speed: t('Speed (m/s)'),
    actions: t('Actions'),
    wayline: t('Wayline'),
    turnMode: t('Turn mode'),
    heightMode: t('Height mode'),
    takeOff: t('Take-off point'),
    errors: t('errors'),
    warnings: t('warnings'),
    infos: t('notes'),
    noFindings: t('No findings'),
    refresh: t('Reload'),
    unreadable: t('The route could not be read; see the findings.'),
    loading: t('Reading the route…'),
    waypoints: t('waypoints'),
    distance: t('Distance'),
  };
}
