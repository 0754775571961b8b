// The device state panel in a real VS Code, on a simulator of its own whose main aircraft flies an
// immediate task: the panel shows the aircraft's values, reads them again while it is visible (the
// aircraft moves), pauses while hidden, and never asks again once closed; Show HMS Alerts and an
// offline device on the same simulator.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import type { OpenPanel } from '../../../../src/ui/panels/panelHost';
import type { DeviceStateView, ToWebview } from '../../../../src/webviews/deviceState/protocol';
import { eventually, extensionApi, extensionPath, PAGE_LOAD_MS, connectOwnSimulator } from '../../api';

/** statePanel.ts STATE_POLL_MS (the bundle's constant is not importable from here). */
const POLL_MS = 3000;
const VIEW_TYPE = 'flighthub.deviceState';

describe('device state panel', function () {
  this.timeout(120_000);
  let api: TestApi;
  let sim: Simulator;
  let own: Awaited<ReturnType<typeof connectOwnSimulator>> | undefined;
  let aircraftSn: string;
  let dockSn: string;
  let projectUuid: string;

  const panels = (): OpenPanel[] => api.panels.open().filter((p) => p.viewType === VIEW_TYPE);
  const panel = (): OpenPanel | undefined => panels().find((p) => p.key.endsWith(`/${aircraftSn}`));
  const lastView = (): DeviceStateView | undefined => {
    const last = panel()?.lastPosted as ToWebview | undefined;
    return last?.type === 'state' ? last.view : undefined;
  };
  /** When each read of this aircraft's state ended, from the extension's request log. */
  const stateReads = (): number[] =>
    api.services.log
      .recentRequests()
      .filter((r) => r.path.includes(`/device/${aircraftSn}/state`))
      .map((r) => r.at);

  before(async () => {
    api = await extensionApi();
    own = await connectOwnSimulator(api, 'Device state', { seed: 'device-state-panel', tasksPerDock: 0 });
    sim = own.sim;
    const world = sim.world.describe();
    const dock = world.docks.find((d) => d.role === 'main');
    assert.ok(dock);
    const project = world.projects.find((p) => p.uuid === dock.projectUuid);
    assert.ok(project);
    await api.services.session.setActiveProject({ uuid: project.uuid, name: project.name });
    const route = world.routes.find(
      (r) =>
        r.projectUuid === project.uuid &&
        r.purpose === 'patrol' &&
        r.deviceModelKey === dock.aircraftModelKey,
    );
    assert.ok(route);
    ({ sn: dockSn, aircraftSn, projectUuid } = dock);
    // Straight to the simulator (no safety gate: nobody is asked), then a minute on: the aircraft is
    // in the air and moves in real time for minutes more.
    const client = await api.services.session.projectApi();
    await client.tasks.create({
      name: 'IT device state',
      sn: dockSn,
      wayline_uuid: route.uuid,
      task_type: 'immediate',
      time_zone: 'UTC',
      rth_altitude: 100,
      rth_mode: 'preset',
      out_of_control_action_in_flight: 'return_home',
      resumable_status: 'auto',
    });
    sim.clock.advance(60_000);
  });

  after(async () => {
    for (const p of panels()) p.panel.dispose();
    await own?.close();
  });

  it('shows the flying aircraft and reads it again while visible', async () => {
    const state = await vscode.commands.executeCommand<{ device_sn: string }>('flighthub.showDeviceState', {
      sn: aircraftSn,
    });
    assert.equal(state?.device_sn, aircraftSn, String(api.lastCommandError()));
    const host = await eventually(() => panel()?.ready && panel(), PAGE_LOAD_MS);
    assert.match(host.panel.title, /^State: /);
    const first = await eventually(() => lastView());
    assert.equal(first.mode, 'Flying a route');
    assert.ok(first.position, 'a flying aircraft has a fix');
    assert.ok(first.battery !== null && first.battery < 100, `battery ${first.battery}`);
    assert.match(first.altitude ?? '', /m above take-off/);
    assert.ok(first.payloads.length > 0);
    // No refresh asked for: the panel reads again by itself, and the aircraft has moved.
    const later = await eventually(() => {
      const v = lastView();
      return v && v.updatedAt > first.updatedAt && v.position && v !== first ? v : undefined;
    }, 4 * POLL_MS);
    assert.notDeepEqual(later.position, first.position);
    // The page's "Open as JSON": the raw thing model in an editor.
    await host.send({ type: 'openJson' });
    const json = await eventually(() => vscode.window.activeTextEditor?.document.getText());
    assert.equal((JSON.parse(json) as { device_sn?: string }).device_sn, aircraftSn);
  });

  it('Show HMS Alerts opens the panel of the device at its alerts', async () => {
    const none = await vscode.commands.executeCommand<unknown[]>('flighthub.showHms', { sn: aircraftSn });
    assert.deepEqual(none, [], String(api.lastCommandError()));
    assert.equal(panels().length, 1, 'the open panel of this aircraft is reused');
    const dock3 = sim.world.describe().docks.find((d) => d.role === 'dock3' && d.projectUuid === projectUuid);
    assert.ok(dock3);
    const alerts = await vscode.commands.executeCommand<{ code?: string }[]>('flighthub.showHms', {
      sn: dock3.aircraftSn,
    });
    assert.deepEqual(
      alerts?.map((a) => a.code),
      ['0x16100083'],
      String(api.lastCommandError()),
    );
    const other = panels().find((p) => p.key.endsWith(dock3.aircraftSn));
    assert.ok(other, 'a panel of its own');
    assert.equal(panels().length, 2);
    other.panel.dispose();
  });

  it('an offline device says why it shows nothing', async () => {
    const offline = sim.world
      .describe()
      .docks.find((d) => d.role === 'offline' && d.projectUuid === projectUuid);
    assert.ok(offline);
    await vscode.commands.executeCommand('flighthub.showDeviceState', { sn: offline.sn });
    const host = await eventually(() => panels().find((p) => p.key.endsWith(offline.sn)));
    const failed = await eventually(() => {
      const last = host.lastPosted as ToWebview | undefined;
      return last?.type === 'failed' ? last : undefined;
    }, PAGE_LOAD_MS);
    assert.match(failed.message, /The device is offline\..*212015/);
    host.panel.dispose();
  });

  it('pauses while hidden, and stops for good when closed', async () => {
    const host = panel();
    assert.ok(host);
    // A file, not an untitled document: closing it asks nothing.
    const doc = await vscode.workspace.openTextDocument(path.join(extensionPath(), 'package.json'));
    await vscode.window.showTextDocument(doc, { viewColumn: host.panel.viewColumn, preview: false });
    await eventually(() => !host.panel.visible);
    await eventually(() => host.lastPosted?.type === 'polling');
    assert.deepEqual(host.lastPosted, { type: 'polling', active: false });
    host.panel.reveal();
    const revealedAt = Date.now();
    await eventually(() => stateReads().some((at) => at > revealedAt), 2 * POLL_MS);
    // While visible it keeps reading: two more reads within a few periods.
    const openAt = Date.now();
    await eventually(() => stateReads().filter((at) => at > openAt).length >= 2, 4 * POLL_MS);
    host.panel.dispose();
    const closedAt = Date.now();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Proving that nothing happens needs a wait: three poll periods, in which the visible panel above
    // read at least twice.
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    const after = stateReads().filter((at) => at > closedAt + 1000);
    assert.deepEqual(after, [], 'the closed panel still reads the device');
    assert.equal(panel(), undefined);
  });
});
