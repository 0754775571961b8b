// The built-in simulator's controls in the UI (issue 15, part 9): a fault shows its explained error in
// the next refresh, clearing it heals the view, and moving the clock moves a task on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import type { TreeNode } from '../../../../src/ui/tree/nodes';
import {
  children,
  connectSimulator,
  eventually,
  extensionApi,
  labelOf,
  mainDockWithRoute,
  startOtherSimulator,
  taskBody,
} from '../../api';

describe('built-in simulator controls', () => {
  let api: TestApi;
  let sim: Simulator;

  const deviceRows = async (): Promise<TreeNode[]> => {
    api.views.devices.reset();
    return children(api.views.devices);
  };

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
  });

  after(async () => {
    sim.faults.clear();
    sim.clock.setSpeed(1);
    await vscode.commands.executeCommand('flighthub.refresh');
  });

  it('a fault shows its explained error at the next refresh; clearing heals it', async () => {
    const before = await deviceRows();
    assert.ok(before.length > 0 && !before.some((n) => n.id.endsWith(':error')), 'devices load first');

    const added = await vscode.commands.executeCommand<{ id: number }>('flighthub.simulatorInjectFault', {
      kind: 'html',
      match: 'project.devices',
    });
    assert.ok(added?.id, String(api.lastCommandError()));
    const failed = await deviceRows();
    const error = failed.find((n) => n.id.endsWith(':error'));
    assert.ok(error, `an error row: ${failed.map((n) => n.id).join(', ')}`);
    assert.match(
      labelOf(api.views.devices, error),
      /^The server answered with a web page, not the API: check the URL of this connection\./,
    );

    await eventually(() => /\$\(bug\) 1$/.test(api.simulatorStatus.text ?? '')).catch(() =>
      assert.fail(`the status bar does not count the fault: ${api.simulatorStatus.text}`),
    );
    assert.equal(await vscode.commands.executeCommand('flighthub.simulatorClearFaults'), 1);
    await eventually(() => api.simulatorStatus.text === '$(beaker)');
    assert.deepEqual(sim.faults.list(), []);
    const healed = await deviceRows();
    assert.deepEqual(
      healed.map((n) => n.id),
      before.map((n) => n.id),
    );
  });

  it('speeding up and advancing the clock moves a waiting task on', async () => {
    // Another dock than the main one: the other suites fly the main dock and want it free.
    const project = api.services.session.project?.uuid;
    const world = sim.world.describe();
    const main = mainDockWithRoute(api, sim);
    const other = world.docks
      .filter((d) => d.projectUuid === project && d.sn !== main.dockSn)
      .map((d) => ({
        dockSn: d.sn,
        routeUuid: world.routes.find(
          (r) => r.projectUuid === project && r.deviceModelKey === d.aircraftModelKey,
        )?.uuid,
      }))
      .find((d) => d.routeUuid !== undefined);
    const { dockSn, routeUuid } = other?.routeUuid ? { ...other, routeUuid: other.routeUuid } : main;
    const client = await api.services.session.projectApi();
    const created = await client.tasks.create({
      ...taskBody(dockSn, routeUuid),
      name: 'IT clock',
      task_type: 'timed',
      begin_at: Math.floor(sim.clock.now() / 1000) + 30,
    } as Parameters<typeof client.tasks.create>[0]);
    assert.equal((await client.tasks.info(created.task_uuid)).status, 'waiting');

    const sped = await vscode.commands.executeCommand<{ speed: number }>('flighthub.simulatorSpeedUpClock', {
      speed: 3,
    });
    assert.equal(sped?.speed, 3, String(api.lastCommandError()));
    assert.equal(sim.clock.speed, 3);
    await vscode.commands.executeCommand('flighthub.simulatorSpeedUpClock', { speed: 1 });

    // One minute only: this is the built-in simulator every suite shares, and some compare its clock
    // with this machine's (a restore "within 10 minutes" in the safety suite).
    const start = sim.clock.now();
    const moved = await vscode.commands.executeCommand<{ now: number }>('flighthub.simulatorAdvanceClock', {
      minutes: 1,
    });
    assert.ok(moved && moved.now - start >= 60_000, String(api.lastCommandError()));
    assert.notEqual((await client.tasks.info(created.task_uuid)).status, 'waiting');
  });

  it('refuses bad arguments', async () => {
    const result = await vscode.commands.executeCommand('flighthub.simulatorInjectFault', {
      kind: 'nonsense',
    });
    assert.equal(result, undefined);
    assert.match(String(api.lastCommandError()), /Invalid arguments/);
    assert.deepEqual(sim.faults.list(), []);
  });

  it('refuses to act on any other connection', async () => {
    const other = await startOtherSimulator({ seed: 'sim-controls-other', tasksPerDock: 0 });
    const id = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
      name: 'Not the built-in one',
      url: other.url,
      orgKey: other.orgKey,
    });
    try {
      assert.ok(id, String(api.lastCommandError()));
      const result = await vscode.commands.executeCommand('flighthub.simulatorAdvanceClock', { minutes: 5 });
      assert.equal(result, undefined);
      assert.match(String(api.lastCommandError()), /built-in simulator only/);
      assert.equal(api.simulatorStatus.text, undefined, 'the status bar item hides');
    } finally {
      if (id) await vscode.commands.executeCommand('flighthub.removeConnection', { id, confirm: true });
      await other.stop();
      await connectSimulator(api);
    }
  });
});
