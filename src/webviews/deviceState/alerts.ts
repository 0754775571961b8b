// The HMS alert list: one row per alert with its level, module and code, the device's own message, and
// our explanation and remedy (or "no explanation yet" for a code the dictionary does not know).
import { h } from '../browser/host';
import type { DeviceStateLabels, HmsAlertView } from './protocol';

const ICONS = { notice: 'info', caution: 'warning', warning: 'error', unknown: 'question' } as const;

export function alertList(
  l: DeviceStateLabels,
  alerts: readonly HmsAlertView[],
  locale: string,
): HTMLElement {
  if (!alerts.length) return h('div', { class: 'muted', 'data-testid': 'no-alerts' }, l.noAlerts);
  return h('ul', { class: 'alerts' }, ...alerts.map((a) => alertItem(l, a, locale)));
}

function alertItem(l: DeviceStateLabels, a: HmsAlertView, locale: string): HTMLElement {
  const head = h(
    'div',
    { class: 'alert-head' },
    h('span', { class: `codicon codicon-${ICONS[a.level]} level-${a.level}`, 'aria-hidden': 'true' }),
    h('span', { class: `level level-${a.level}`, 'data-testid': 'level' }, a.levelLabel),
    h('span', { class: 'module' }, a.module),
    h('code', { 'data-testid': 'code' }, a.code),
  );
  if (a.since !== null)
    head.append(
      h('span', { class: 'muted' }, `${l.since} ${new Date(a.since).toLocaleString(locale || undefined)}`),
    );
  const item = h('li', { class: `alert alert-${a.level}`, 'data-testid': 'alert' }, head);
  if (a.message) item.append(h('div', { class: 'alert-message' }, a.message));
  if (a.explanation === null) {
    item.append(h('div', { class: 'muted', 'data-testid': 'explanation' }, l.noExplanation));
  } else {
    item.append(h('div', { 'data-testid': 'explanation' }, a.explanation));
    if (a.remedy) item.append(h('div', { class: 'remedy', 'data-testid': 'remedy' }, a.remedy));
  }
  return item;
}
