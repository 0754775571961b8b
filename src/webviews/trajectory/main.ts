// Flight trajectory page: the flown track and the planned route on the shared map (legend in the
// toolbar), photo markers, and a replay — scrubber, play/pause at 1×/4×/16× — moving the aircraft marker
// with its height in a readout and on the profile chart. "Export GeoJSON" asks the host to write the file.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../browser/base.css';
import '../map/map.css';
import './trajectory.css';
import { connect, h } from '../browser/host';
import { AnnotateTool } from '../map/annotate';
import { lineLayer, marker, pointLayer, projectAll } from '../map/layers';
import { MapCanvas, type MapLayer } from '../map/mapCanvas';
import { cssColour } from '../map/theme';
import { boundsOf, lonLatToWorld } from '../map/projection';
import { formatDuration, formatTime } from './format';
import { HeightProfile } from './profile';
import {
  toWebview,
  trajectoryState,
  type FromWebview,
  type ToWebview,
  type TrajectoryState,
  type TrajectoryView,
} from './protocol';
import { Replay } from './replayControls';

type Setup = Extract<ToWebview, { type: 'setup' }>;

const app = document.getElementById('app') as HTMLElement;
let setup: Setup | undefined;
let data: TrajectoryView | undefined;
let failure: string | undefined;
let shown: MapCanvas | undefined;
let replay: Replay | undefined;

const channel = connect<ToWebview, FromWebview, TrajectoryState>(toWebview, (message) => {
  if (message.type === 'setup') setup = message;
  else if (message.type === 'trajectory') {
    data = message.data;
    failure = undefined;
  } else failure = message.message;
  render();
});
const restored = trajectoryState.safeParse(channel.savedState());
let savedTime = restored.success ? restored.data.time : undefined;
const annotate = new AnnotateTool(
  (message) => channel.post(message),
  () => shown?.redraw(),
);

const colours = {
  flown: () => cssColour('--vscode-charts-blue', '#3794ff'),
  planned: () => cssColour('--vscode-charts-orange', '#d18616'),
  media: () => cssColour('--vscode-charts-purple', '#b180d7'),
  aircraft: () => cssColour('--vscode-charts-yellow', '#cca700'),
};

function render(): void {
  replay?.stop();
  replay = undefined;
  if (!setup) return;
  const { labels } = setup;
  channel.saveState({
    task: setup.task,
    binding: setup.binding,
    ...(savedTime !== undefined ? { time: savedTime } : {}),
  });
  if (!data || data.track.length === 0) {
    const text = failure ?? (data ? labels.noTrack : labels.loading);
    app.replaceChildren(
      h('div', { class: `message ${failure ? 'error-text' : 'muted'}` }, `${setup.task.name}: ${text}`),
    );
    return;
  }
  const view = data;
  // New data for the same page (a file saved, settings changed) keeps the person's pan and zoom.
  const kept = shown?.viewport;
  const map = new MapCanvas(setup.mapLabels, setup.map);
  shown = map;
  const exportButton = h('vscode-button', { icon: 'export', 'data-action': 'export' }, labels.export);
  exportButton.addEventListener('click', () => channel.post({ type: 'exportGeoJson' }));
  const reload = h(
    'vscode-button',
    { icon: 'refresh', secondary: '', 'data-action': 'reload', title: labels.reload },
    labels.reload,
  );
  reload.addEventListener('click', () => channel.post({ type: 'reload' }));
  const swatch = (cls: string, colour: string, text: string) => {
    const s = h('span', { class: `legend-swatch ${cls}` });
    s.style.background = colour;
    return h('span', {}, s, text);
  };
  const legend = h(
    'span',
    { class: 'legend' },
    swatch('', colours.flown(), labels.flown),
    ...(view.planned ? [swatch('band', colours.planned(), labels.planned)] : []),
    ...(view.media.length ? [swatch('dot', colours.media(), `${labels.media} (${view.media.length})`)] : []),
    swatch('dot', colours.aircraft(), labels.aircraft),
  );
  const facts = [
    view.flightDistance !== null ? `${labels.distance} ${formatMetres(view.flightDistance, setup)}` : '',
    view.flightDuration !== null ? `${labels.duration} ${formatDuration(view.flightDuration * 1000)}` : '',
  ].filter(Boolean);
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('strong', {}, view.task.name),
    h('span', { class: 'muted' }, facts.join(' · ')),
    legend,
    h('span', { class: 'spacer' }),
    annotate.toggle(setup.mapLabels),
    reload,
    exportButton,
  );
  const notices: HTMLElement[] = [];
  if (view.plannedError)
    notices.push(
      h(
        'div',
        { class: 'notice', 'data-notice': 'planned' },
        `${labels.plannedMissing} ${view.plannedError}`,
      ),
    );
  if (view.mediaUnplaced > 0)
    notices.push(
      h('div', { class: 'notice muted', 'data-notice': 'media' }, `${view.mediaUnplaced} ${labels.unplaced}`),
    );
  const info = h('div', { class: 'media-info' });
  info.hidden = true;
  map.element.append(info, annotate.overlay(setup.mapLabels));
  const profile = new HeightProfile(view.track, setup.mapLabels.metres);
  const current = new Replay(view.track, labels, setup.locale, setup.mapLabels.metres);
  replay = current;
  app.replaceChildren(toolbar, ...notices, map.element, current.element, profile.element);

  const aircraft: MapLayer = {
    id: 'aircraft',
    draw: ({ ctx, t }) => {
      const p = current.position();
      if (!p) return 0;
      const w = lonLatToWorld(p.lon, p.lat);
      marker(ctx, 'circle', w.x * t.k + t.ox, w.y * t.k + t.oy, 7, colours.aircraft());
      return 1;
    },
  };
  map.setLayers([
    ...plannedLayers(view, labels.waypoint),
    ...trackLayers(view, setup),
    aircraft,
    annotate.layer(),
  ]);
  map.fit(
    boundsOf([
      ...view.track.map((p) => ({ lat: p[1], lon: p[2] })),
      ...(view.planned?.waylines.flat() ?? []),
    ]),
    kept && kept.width > 1 ? kept : undefined,
  );
  map.onDrawn = (counts) => {
    // Read-only debug counters for the browser tests.
    document.body.dataset.drawnPoints = String(counts.track ?? 0);
    document.body.dataset.drawnMedia = String(counts.media ?? 0);
  };
  map.onClick = (hit, at) => {
    const m = hit?.layer === 'media' ? view.media[hit.index] : undefined;
    info.hidden = !m;
    if (m) info.textContent = `${m.name}\n${formatTime(m.time, setup?.locale)}`;
    // A photo is annotated where it was taken, named after its file.
    annotate.click(m ? { lon: m.lon, lat: m.lat, label: m.name } : at, at);
  };
  current.onChange = (time) => {
    savedTime = time;
    profile.setTime(time);
    map.redraw();
    if (setup) channel.saveState({ task: setup.task, binding: setup.binding, time });
  };
  profile.onSeek = (time) => current.seek(time);
  current.seek(savedTime ?? view.track[0]?.[0] ?? 0);
}

function trackLayers(view: TrajectoryView, s: Setup): MapLayer[] {
  const coords = projectAll(view.track.map((p) => ({ lat: p[1], lon: p[2] })));
  const tip = (i: number) => {
    const p = view.track[i];
    return p ? `${formatTime(p[0], s.locale)}\n${s.labels.height}: ${formatHeight(p[3], s)}` : '';
  };
  const media = projectAll(view.media);
  return [
    lineLayer('track', coords, { colour: colours.flown, width: 2.5, halo: true }, tip),
    pointLayer(
      'media',
      media,
      { colour: colours.media, radius: 5, shape: 'diamond' },
      (i) => `${view.media[i]?.name ?? ''}\n${formatTime(view.media[i]?.time ?? 0, s.locale)}`,
    ),
  ];
}

function plannedLayers(view: TrajectoryView, waypoint: string): MapLayer[] {
  return (view.planned?.waylines ?? []).flatMap((points, wi) => {
    const coords = projectAll(points);
    return [
      // A wide translucent band: a flight that follows its route exactly still shows both.
      lineLayer(`planned-${wi}`, coords, { colour: colours.planned, width: 9, alpha: 0.45 }),
      pointLayer(
        `plannedWaypoints-${wi}`,
        coords,
        { colour: colours.planned, radius: 7, label: (i) => String(points[i]?.index ?? i) },
        (i) => `${waypoint} ${points[i]?.index ?? i}\n${points[i]?.height ?? '–'}`,
      ),
    ];
  });
}

function formatHeight(v: number | null, s: Setup): string {
  return v === null ? '–' : `${v.toFixed(1)} ${s.mapLabels.metres}`;
}

function formatMetres(m: number, s: Setup): string {
  return m >= 1000
    ? `${(m / 1000).toFixed(2)} ${s.mapLabels.kilometres}`
    : `${Math.round(m)} ${s.mapLabels.metres}`;
}
