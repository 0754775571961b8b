// The waypoint table: one row per waypoint of every wayline (index, position, height, speed, actions).
// Rows are plain DOM built once per route; selection toggles one class and `aria-selected`.
import { h } from '../browser/host';
import type { RouteLabels, WaypointView } from './protocol';

export interface Row {
  readonly wayline: number;
  readonly point: WaypointView;
}

export interface WaypointTable {
  readonly element: HTMLElement;
  /** Highlights a row (undefined: none); `scroll` brings it into view (a click on the map). */
  select(index: number | undefined, scroll: boolean): void;
}

export function waypointTable(
  rows: readonly Row[],
  labels: RouteLabels,
  showWayline: boolean,
  onPick: (index: number) => void,
): WaypointTable {
  const head = [
    ...(showWayline ? [labels.wayline] : []),
    '#',
    labels.latitude,
    labels.longitude,
    labels.height,
    labels.speed,
    labels.actions,
  ];
  const body = h('tbody');
  const trs: HTMLTableRowElement[] = [];
  const fragment = document.createDocumentFragment();
  rows.forEach((row, i) => {
    const p = row.point;
    const cells = [
      ...(showWayline ? [String(row.wayline)] : []),
      String(p.index),
      p.lat.toFixed(7),
      p.lon.toFixed(7),
      p.height === null ? '–' : String(p.height),
      p.speed === null ? '–' : String(p.speed),
      p.actions.join(', '),
    ];
    const tr = h(
      'tr',
      { 'data-row': String(i), 'aria-selected': 'false' },
      ...cells.map((c) => h('td', {}, c)),
    );
    trs.push(tr);
    fragment.append(tr);
  });
  body.append(fragment);
  // One listener for all rows: a 5,000-waypoint route would otherwise carry 5,000 closures.
  body.addEventListener('click', (e) => {
    const tr = (e.target as Element).closest('tr');
    const index = Number(tr?.dataset.row);
    if (Number.isInteger(index)) onPick(index);
  });
  const table = h(
    'table',
    { class: 'waypoints' },
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    body,
  );
  const element = h('div', { class: 'table-pane' }, table);
  let current: HTMLTableRowElement | undefined;
  return {
    element,
    select(index, scroll) {
      current?.classList.remove('selected');
      current?.setAttribute('aria-selected', 'false');
      current = index === undefined ? undefined : trs[index];
      current?.classList.add('selected');
      current?.setAttribute('aria-selected', 'true');
      if (scroll) current?.scrollIntoView({ block: 'nearest' });
    },
  };
}
