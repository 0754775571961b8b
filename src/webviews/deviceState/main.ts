// Device state page: cards for mode, battery, position ("no fix" without one), altitude, signal and the
// last update; a payload table, other details, and the HMS alerts with their explanations. The host
// sends everything in words and re-sends it every few seconds while the panel is visible.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../browser/base.css';
import './deviceState.css';
import { connect, h } from '../browser/host';
import { alertList } from './alerts';
import {
  toWebview,
  type DeviceStateLabels,
  type DeviceStateState,
  type DeviceStateView,
  type FromWebview,
  type HmsAlertView,
  type ToWebview,
} from './protocol';

type Setup = Extract<ToWebview, { type: 'setup' }>;

const app = document.getElementById('app') as HTMLElement;
let setup: Setup | undefined;
let view: DeviceStateView | undefined;
let alerts: HmsAlertView[] | undefined;
let failure = '';
let polling = true;
let wantFocus: 'state' | 'alerts' | undefined;

const channel = connect<ToWebview, FromWebview, DeviceStateState>(toWebview, (m) => {
  switch (m.type) {
    case 'setup':
      setup = m;
      channel.saveState({ device: m.device, binding: m.binding });
      break;
    case 'state':
      view = m.view;
      failure = '';
      break;
    case 'alerts':
      alerts = m.alerts;
      break;
    case 'failed':
      failure = m.message;
      break;
    case 'polling':
      polling = m.active;
      break;
    case 'focus':
      wantFocus = m.section;
      break;
  }
  render();
});

function button(label: string, icon: string, testId: string, onClick: () => void): HTMLElement {
  const b = h('vscode-button', { icon, secondary: '', 'data-testid': testId }, label);
  b.addEventListener('click', onClick);
  return b;
}

function card(label: string, value: Node | string, testId: string): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-testid': testId },
    h('div', { class: 'card-label muted' }, label),
    h('div', { class: 'card-value' }, value),
  );
}

function render(): void {
  if (!setup) return;
  const l = setup.labels;
  const status = h('span', { class: 'muted', 'data-testid': 'status' });
  if (!polling) status.textContent = l.paused;
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('strong', {}, setup.device.name),
    h('span', { class: 'muted' }, setup.device.sn),
    status,
    h('span', { class: 'spacer' }),
    button(l.refresh, 'refresh', 'refresh', () => channel.post({ type: 'refresh' })),
    button(l.openJson, 'json', 'open-json', () => channel.post({ type: 'openJson' })),
  );
  const body = h('div', { class: 'body' });
  if (failure) body.append(h('div', { class: 'error-text message', 'data-testid': 'failure' }, failure));
  if (!view) body.append(h('div', { class: 'message muted' }, l.loading));
  else body.append(stateSection(l, view, setup.locale));
  const alertsSection = h(
    'section',
    { id: 'alerts', 'data-testid': 'alerts' },
    h('h2', {}, l.alerts),
    alerts === undefined ? h('div', { class: 'muted' }, l.loading) : alertList(l, alerts, setup.locale),
  );
  body.append(alertsSection);
  // Every refresh redraws: keep the reader where they were.
  const scrolled = app.querySelector('.body')?.scrollTop ?? 0;
  app.replaceChildren(toolbar, body);
  body.scrollTop = scrolled;
  if (wantFocus && (wantFocus === 'state' ? view : alerts)) {
    document.getElementById(wantFocus)?.scrollIntoView({ block: 'start' });
    wantFocus = undefined;
  }
}

function batteryBar(percent: number): HTMLElement {
  const fill = h('span', { class: percent < 30 ? 'fill low' : 'fill' });
  // Through the CSSOM: the page's CSP allows no inline style attributes.
  fill.style.width = `${percent}%`;
  return h('span', { class: 'battery' }, h('span', { class: 'bar' }, fill), `${percent} %`);
}

function stateSection(l: DeviceStateLabels, v: DeviceStateView, locale: string): HTMLElement {
  const unknown = h('span', { class: 'muted' }, l.unknownValue);
  const battery = v.battery === null ? unknown.cloneNode(true) : batteryBar(v.battery);
  const position =
    v.position === null
      ? h('span', { class: 'no-fix', 'data-testid': 'no-fix' }, l.noFix)
      : `${v.position.latitude.toFixed(6)}, ${v.position.longitude.toFixed(6)}`;
  const updated = new Date(v.updatedAt).toLocaleTimeString(locale || undefined);
  const cards = h(
    'div',
    { class: 'cards' },
    card(l.mode, v.mode ?? unknown.cloneNode(true), 'mode'),
    card(l.battery, battery, 'battery'),
    card(l.position, position, 'position'),
    card(l.altitude, v.altitude ?? unknown.cloneNode(true), 'altitude'),
    card(l.signal, v.signal ?? unknown.cloneNode(true), 'signal'),
    card(l.updated, updated, 'updated'),
  );
  const section = h('section', { id: 'state' }, cards);
  if (v.payloads.length) {
    const rows = v.payloads.map((p) =>
      h('tr', {}, h('td', {}, p.name), h('td', { class: 'mono' }, p.index), h('td', {}, p.detail)),
    );
    section.append(
      h('h2', {}, l.payloads),
      h('table', { class: 'grid', 'data-testid': 'payloads' }, h('tbody', {}, ...rows)),
    );
  }
  if (v.details.length) {
    const rows = v.details.map((d) => h('tr', {}, h('th', {}, d.label), h('td', {}, d.value)));
    section.append(
      h('h2', {}, l.details),
      h('table', { class: 'grid', 'data-testid': 'details' }, h('tbody', {}, ...rows)),
    );
  }
  return section;
}
