// Route preview page: the route on the shared map (numbered waypoints, lines, take-off point), the
// waypoint table beside it, and the validator's findings behind a badge. Selecting a row highlights the
// waypoint on the map and the other way round. The page only draws what the host read.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../browser/base.css';
import '../map/map.css';
import './routePreview.css';
import { connect, h } from '../browser/host';
import { AnnotateTool, type AnnotateTarget } from '../map/annotate';
import { lineLayer, pointLayer, projectAll } from '../map/layers';
import { MapCanvas, type MapHit, type MapLayer } from '../map/mapCanvas';
import { cssColour } from '../map/theme';
import { boundsOf } from '../map/projection';
import type { MapLabels } from '../map/protocol';
import { findingsPanel, findingsBadge } from './findings';
import {
  routePreviewState,
  toWebview,
  type FromWebview,
  type RouteLabels,
  type RoutePreviewState,
  type RouteView,
  type ToWebview,
} from './protocol';
import { waypointTable, type Row } from './table';

type Setup = Extract<ToWebview, { type: 'setup' }>;

const app = document.getElementById('app') as HTMLElement;
let setup: Setup | undefined;
let route: RouteView | undefined;
let failure: string | undefined;
let shown: MapCanvas | undefined;
let selected: number | undefined;

const channel = connect<ToWebview, FromWebview, RoutePreviewState>(toWebview, (message) => {
  switch (message.type) {
    case 'setup':
      setup = message;
      break;
    case 'route':
      route = message.route;
      failure = undefined;
      break;
    case 'failed':
      failure = message.message;
      break;
  }
  render();
});

const restored = routePreviewState.safeParse(channel.savedState());
if (restored.success) selected = restored.data.selected;
const annotate = new AnnotateTool(
  (message) => channel.post(message),
  () => shown?.redraw(),
);

function save(): void {
  if (setup) channel.saveState({ source: setup.source, ...(selected !== undefined ? { selected } : {}) });
}

function render(): void {
  if (!setup) return;
  save();
  const labels = setup.labels;
  const sourceText = setup.source.kind === 'file' ? setup.source.label : setup.source.name;
  if (!route) {
    const text = failure ?? labels.loading;
    app.replaceChildren(
      h('div', { class: `message ${failure ? 'error-text' : 'muted'}` }, `${sourceText}: ${text}`),
    );
    return;
  }
  const rows: Row[] = route.waylines.flatMap((w, wi) => w.waypoints.map((p) => ({ wayline: wi, point: p })));
  if (selected !== undefined && selected >= rows.length) selected = undefined;
  // New data for the same page (a file saved, settings changed) keeps the person's pan and zoom.
  const kept = shown?.viewport;
  const map = new MapCanvas(setup.mapLabels, setup.map);
  shown = map;
  const details = findingsPanel(route, labels);
  const refresh = h(
    'vscode-button',
    { icon: 'refresh', secondary: '', title: labels.refresh },
    labels.refresh,
  );
  refresh.addEventListener('click', () => channel.post({ type: 'refresh' }));
  const distance = route.waylines.reduce((d, w) => d + w.distance, 0);
  // Heights mean different things per mode (docs/wpml.md#heights): say which one the table shows.
  const modes = [...new Set(route.waylines.flatMap((w) => (w.heightMode ? [w.heightMode] : [])))];
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('strong', {}, route.name),
    h(
      'span',
      { class: 'muted' },
      [
        sourceText,
        `${rows.length} ${labels.waypoints}`,
        `${labels.distance} ${formatDistance(distance, setup.mapLabels)}`,
        ...(modes.length ? [`${labels.heightMode}: ${modes.join(', ')}`] : []),
        ...(route.templateType ? [route.templateType] : []),
      ].join(' · '),
    ),
    h('span', { class: 'spacer' }),
    findingsBadge(route, labels, () => (details.hidden = !details.hidden)),
    annotate.toggle(setup.mapLabels),
    refresh,
  );
  if (failure) toolbar.append(h('span', { class: 'error-text' }, failure));
  const table = waypointTable(rows, labels, route.waylines.length > 1, (i) => select(i, 'list'));
  map.element.append(annotate.overlay(setup.mapLabels));
  const body = h('div', { class: 'route-body' }, map.element, table.element);
  if (!route.readable) body.prepend(h('div', { class: 'message error-text' }, labels.unreadable));
  app.replaceChildren(toolbar, details, body);

  const select = (index: number | undefined, from: 'list' | 'map'): void => {
    selected = index;
    table.select(index, from === 'map');
    document.body.dataset.selected = index === undefined ? '' : String(index);
    const row = index === undefined ? undefined : rows[index];
    if (row && from === 'list') {
      const at = projectAll([row.point]);
      map.reveal(at[0] ?? 0, at[1] ?? 0);
    }
    map.redraw();
    save();
  };
  map.setLayers([...layersFor(route, rows, labels, () => selected), annotate.layer()]);
  map.onClick = (hit, at) => {
    // A waypoint or the take-off point is annotated where it is, named after it.
    annotate.click(targetOf(route, hit, labels) ?? at, at);
    if (!hit || hit.layer === 'takeOff') return;
    const wayline = Number(hit.layer.slice('waypoints-'.length));
    const flat = rows.findIndex(
      (r) => r.wayline === wayline && r.point === route?.waylines[wayline]?.waypoints[hit.index],
    );
    if (flat >= 0) select(flat, 'map');
  };
  map.onDrawn = (counts) => {
    let points = 0;
    for (const [id, n] of Object.entries(counts)) if (id.startsWith('waypoints-')) points += n;
    // Read-only debug counters for the browser tests: waypoints drawn in the last frame.
    document.body.dataset.drawnWaypoints = String(points);
  };
  const all = [...rows.map((r) => r.point), ...(route.takeOff ? [route.takeOff] : [])];
  map.fit(boundsOf(all), kept && kept.width > 1 ? kept : undefined);
  select(selected, 'map');
}

function layersFor(
  route: RouteView,
  rows: readonly Row[],
  labels: RouteLabels,
  current: () => number | undefined,
): MapLayer[] {
  const layers: MapLayer[] = [];
  const line = () => cssColour('--vscode-charts-blue', '#3794ff');
  const point = () => cssColour('--vscode-charts-orange', '#d18616');
  route.waylines.forEach((w, wi) => {
    const coords = projectAll(w.waypoints);
    const offset = rows.findIndex((r) => r.wayline === wi);
    layers.push(lineLayer(`line-${wi}`, coords, { colour: line, width: 2.5, halo: true }));
    layers.push(
      pointLayer(
        `waypoints-${wi}`,
        coords,
        {
          colour: point,
          radius: 9,
          label: (i) => String(w.waypoints[i]?.index ?? i),
          selected: () => {
            const s = current();
            return s === undefined ? undefined : s - offset;
          },
        },
        (i) => tooltip(w.waypoints[i], labels),
      ),
    );
  });
  if (route.takeOff) {
    const t = route.takeOff;
    layers.push(
      pointLayer(
        'takeOff',
        projectAll([t]),
        { colour: () => cssColour('--vscode-charts-green', '#89d185'), radius: 9, shape: 'triangle' },
        () => `${labels.takeOff}\n${t.lat.toFixed(6)}, ${t.lon.toFixed(6)}`,
      ),
    );
  }
  return layers;
}

function targetOf(
  route: RouteView | undefined,
  hit: MapHit | undefined,
  labels: RouteLabels,
): AnnotateTarget | undefined {
  if (!route || !hit) return undefined;
  if (hit.layer === 'takeOff') return route.takeOff ? { ...route.takeOff, label: labels.takeOff } : undefined;
  const p = route.waylines[Number(hit.layer.slice('waypoints-'.length))]?.waypoints[hit.index];
  return p && { lon: p.lon, lat: p.lat, label: `${labels.waypoint} ${p.index}` };
}

function tooltip(
  p: RouteView['waylines'][number]['waypoints'][number] | undefined,
  labels: RouteLabels,
): string {
  if (!p) return '';
  const lines = [
    `${labels.waypoint} ${p.index}`,
    `${p.lat.toFixed(6)}, ${p.lon.toFixed(6)}`,
    `${labels.height}: ${p.height ?? '–'} · ${labels.speed}: ${p.speed ?? '–'}`,
  ];
  if (p.turnMode) lines.push(`${labels.turnMode}: ${p.turnMode}`);
  if (p.actions.length > 0) lines.push(`${labels.actions}: ${p.actions.join(', ')}`);
  return lines.join('\n');
}

function formatDistance(m: number, units: MapLabels): string {
  return m >= 1000 ? `${(m / 1000).toFixed(2)} ${units.kilometres}` : `${Math.round(m)} ${units.metres}`;
}
