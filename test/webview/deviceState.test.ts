// The device state page in Chromium, fed exactly what its panel sends: the simulator's thing model and
// HMS alerts read over HTTP, turned into words by the host's own functions (English through the l10n
// shim). Checks the cards, "no fix", the alert list with explanations, the buttons and the CSP.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { readStateFacts } from '../../src/features/devices/stateFacts';
import type { DeviceStateView, HmsAlertView } from '../../src/webviews/deviceState/protocol';
import { withSimulator, type SimSetup } from '../helpers/sim';
import { hostModule } from '../helpers/vscodeShim';
import { startHarness, type Harness, type PanelPage } from '../helpers/webviewHarness';

const OUT = 'test-output/webview';
const words = hostModule<typeof import('../../src/features/devices/stateWords')>(
  'features/devices/stateWords',
);
const binding = { connectionId: 'c1', connectionName: 'Simulator', projectUuid: 'p1' };

let s: SimSetup;
let h: Harness;
let view: DeviceStateView;
let alerts: HmsAlertView[];
let device: { sn: string; name: string; role: 'aircraft' };

before(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await withSimulator();
  h = await startHarness();
  const dock = s.sim.world.describe().docks.find((d) => d.role === 'dock3');
  assert.ok(dock, 'the simulator has a Dock 3 (its aircraft has an HMS alert)');
  const api = s.client.project(dock.projectUuid);
  const state = await api.devices.state(dock.aircraftSn);
  view = words.deviceStateView(
    readStateFacts(state.device_state ?? {}, 'aircraft'),
    Date.UTC(2026, 0, 5, 9, 30),
  );
  const hms = await api.devices.hms([dock.aircraftSn]);
  alerts = words.hmsAlertsView(hms.list[0]?.device_hms?.list ?? []);
  assert.ok(alerts.length > 0);
  device = { sn: dock.aircraftSn, name: 'M3TD of Dock 3', role: 'aircraft' };
});
after(async () => {
  await h?.close();
  await s?.close();
});

async function open(): Promise<PanelPage> {
  const p = await h.open('deviceState', { viewport: { width: 1000, height: 700 } });
  await p.waitForPosted('ready');
  await p.send({ type: 'setup', labels: words.deviceStateLabels(), device, binding, locale: 'en' });
  return p;
}

const text = (p: PanelPage, testId: string) =>
  p.page.$eval(`[data-testid="${testId}"]`, (e) => (e as HTMLElement).innerText.trim());

describe('device state page', () => {
  it('shows the simulator aircraft: mode, battery, position, altitude, signal, payloads and its alerts', async () => {
    const p = await open();
    assert.match(await p.page.innerText('body'), /Reading the device state…/);
    await p.send({ type: 'state', view });
    await p.send({ type: 'alerts', alerts });
    assert.ok(view.mode && view.battery !== null && view.position && view.altitude && view.signal);
    assert.equal(await value(p, 'mode'), view.mode);
    assert.equal(await value(p, 'battery'), `${view.battery} %`);
    const { latitude, longitude } = view.position;
    assert.equal(await value(p, 'position'), `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`);
    assert.match(view.altitude, /^[\d.]+ m \(ellipsoid\) · [\d.]+ m above take-off$/);
    assert.equal(await value(p, 'altitude'), view.altitude);
    assert.match(view.signal, /^GPS 24 satellites · RTK 29 satellites$/);
    assert.equal(await value(p, 'signal'), view.signal);
    assert.match(await text(p, 'updated'), /\d{1,2}:\d{2}:\d{2}/);
    assert.equal(await p.page.$$eval('[data-testid="payloads"] tr', (r) => r.length), view.payloads.length);
    assert.match(await text(p, 'payloads'), /Main gimbal camera\s+\d+-0-0\s+pitch -?\d+°/);
    const alert = await text(p, 'alert');
    assert.match(alert, /Warning/);
    assert.match(alert, /0x16100083/);
    assert.match(alert, /too cold to take off safely/);
    assert.match(alert, /warm the battery/);
    assert.deepEqual(await p.state(), { device, binding });
    await p.page.screenshot({ path: `${OUT}/device-state.png` });
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('says "no fix" without a position, and "no explanation yet" for an unknown alert code', async () => {
    const p = await open();
    await p.send({ type: 'state', view: { ...view, position: null, battery: null } });
    await p.send({
      type: 'alerts',
      alerts: words.hmsAlertsView([
        { code: '0x1234ABCD', level: 'reminder', module: 'gimbal', message: 'Odd' },
      ]),
    });
    assert.equal(await text(p, 'no-fix'), 'no fix');
    assert.match(await text(p, 'position'), /no fix$/);
    assert.match(await text(p, 'battery'), /unknown$/);
    const alert = await text(p, 'alert');
    assert.match(alert, /Caution\s+Gimbal\s+0x1234ABCD/);
    assert.match(alert, /Odd/);
    assert.equal(await text(p, 'explanation'), 'No explanation yet.');
    await p.send({ type: 'alerts', alerts: [] });
    assert.equal(await text(p, 'no-alerts'), 'No HMS alerts.');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('asks the host for JSON and a refresh, keeps the last values on a failure, and says when it pauses', async () => {
    const p = await open();
    await p.send({ type: 'state', view });
    await p.page.click('[data-testid="open-json"]');
    await p.page.click('[data-testid="refresh"]');
    const asked = (await p.posted()).map((m) => m.type).filter((t) => t !== 'ready');
    assert.deepEqual(asked, ['openJson', 'refresh']);
    await p.send({ type: 'failed', message: 'The device is offline. [code 212015]' });
    assert.match(await text(p, 'failure'), /offline/);
    assert.equal(await value(p, 'mode'), view.mode, 'the last values stay');
    await p.send({ type: 'polling', active: false });
    assert.equal(await text(p, 'status'), 'Updates paused while the panel is hidden.');
    await p.send({ type: 'state', view: { ...view, mode: 'Returning to home' } });
    assert.equal(await p.page.$('[data-testid="failure"]'), null, 'a good read clears the failure');
    assert.equal(await value(p, 'mode'), 'Returning to home');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('keeps the reader where they scrolled when the next reading arrives', async () => {
    const p = await h.open('deviceState', { viewport: { width: 700, height: 300 } });
    await p.waitForPosted('ready');
    await p.send({ type: 'setup', labels: words.deviceStateLabels(), device, binding, locale: 'en' });
    await p.send({ type: 'state', view });
    await p.send({ type: 'alerts', alerts });
    const scrollTop = () => p.page.$eval('.body', (b) => b.scrollTop);
    await p.page.$eval('.body', (b) => (b.scrollTop = 150));
    assert.equal(await scrollTop(), 150, 'the page is long enough to scroll');
    await p.send({ type: 'state', view: { ...view, updatedAt: view.updatedAt + 3000 } });
    assert.equal(await scrollTop(), 150);
    await p.close();
  });
});

/** What a card shows under its label. */
function value(p: PanelPage, testId: string): Promise<string> {
  return p.page.$eval(`[data-testid="${testId}"] .card-value`, (e) => (e as HTMLElement).innerText.trim());
}
