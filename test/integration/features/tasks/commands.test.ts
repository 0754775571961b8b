import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import { connectSimulator, extensionApi, mainDockWithRoute, taskBody } from '../../api';

describe('flight-task commands against the simulator', () => {
  let api: TestApi;
  let sim: Simulator;
  let dockSn: string;
  let aircraftSn: string;
  let routeUuid: string;
  let confirmations: string[];

  const base = () => taskBody(dockSn, routeUuid);
  const taskStatus = async (uuid: string) => {
    const client = await api.services.session.projectApi();
    return (await client.tasks.info(uuid)).status;
  };

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    ({ dockSn, aircraftSn, routeUuid } = mainDockWithRoute(api, sim));
  });

  beforeEach(() => {
    confirmations = [];
    api.setSafetyPrompt((message) => {
      confirmations.push(message);
      return Promise.resolve(true);
    });
  });

  it('creates timed, recurring and continuous tasks from arguments, and the simulator has them', async () => {
    const now = Math.floor(sim.clock.now() / 1000);
    const day = 86_400;
    const specs = [
      { ...base(), name: 'IT timed', task_type: 'timed', begin_at: now + 2 * day },
      {
        ...base(),
        name: 'IT recurring',
        task_type: 'recurring',
        begin_at: now + 2 * day,
        end_at: now + 9 * day,
        recurring_task_start_time_list: [now + 2 * day, now + 2 * day + 3600],
        repeat_option: { interval: 1 },
      },
      {
        ...base(),
        name: 'IT continuous',
        task_type: 'continuous',
        begin_at: now + 2 * day,
        end_at: now + 3 * day,
        continuous_task_periods: [[now + 2 * day, now + 2 * day + 7200]],
        min_battery_capacity: 60,
      },
    ];
    for (const spec of specs) {
      const result = await vscode.commands.executeCommand<{ task_uuid: string }>(
        'flighthub.createTask',
        spec,
      );
      assert.ok(result?.task_uuid, `${spec.task_type}: ${String(api.lastCommandError())}`);
      const client = await api.services.session.projectApi();
      const info = await client.tasks.info(result.task_uuid);
      assert.equal(info.task_type, spec.task_type);
      assert.equal(info.name, spec.name);
    }
    assert.equal(confirmations.length, 0, 'scheduled tasks days ahead need no flight confirmation');
  });

  it('an immediate task goes through the safety gate, then pause and resume change the simulator state', async () => {
    const created = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...base(),
      name: 'IT immediate',
      task_type: 'immediate',
    });
    assert.ok(created?.task_uuid, String(api.lastCommandError()));
    assert.equal(confirmations.length, 1);
    assert.match(confirmations[0] ?? '', new RegExp(dockSn));
    sim.clock.advance(60_000);
    assert.equal(await taskStatus(created.task_uuid), 'executing');
    const target = { uuid: created.task_uuid, dockSn, name: 'IT immediate' };
    assert.ok(
      await vscode.commands.executeCommand('flighthub.pauseTask', target),
      String(api.lastCommandError()),
    );
    assert.equal(await taskStatus(created.task_uuid), 'paused');
    assert.ok(
      await vscode.commands.executeCommand('flighthub.resumeTask', target),
      String(api.lastCommandError()),
    );
    assert.equal(await taskStatus(created.task_uuid), 'executing');
    assert.equal(confirmations.length, 2, 'resume asks too');
  });

  it('suspends and restores a timed task', async () => {
    const now = Math.floor(sim.clock.now() / 1000);
    const created = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...base(),
      name: 'IT suspend',
      task_type: 'timed',
      begin_at: now + 5 * 86_400,
    });
    assert.ok(created?.task_uuid);
    const target = { uuid: created.task_uuid, dockSn, taskType: 'timed' };
    await vscode.commands.executeCommand('flighthub.suspendTask', target);
    assert.equal(await taskStatus(created.task_uuid), 'suspended');
    await vscode.commands.executeCommand('flighthub.restoreTask', target);
    assert.equal(await taskStatus(created.task_uuid), 'waiting');
  });

  it('the safety gate blocks a return-home that is not confirmed, and logs it', async () => {
    api.setSafetyPrompt(() => Promise.resolve(false));
    const before = sim.world.inspect().commands.length;
    const result = await vscode.commands.executeCommand('flighthub.returnHome', {
      sn: aircraftSn,
      gatewaySn: dockSn,
    });
    assert.equal(result, undefined);
    assert.equal(sim.world.inspect().commands.length, before, 'a command reached the simulator');
    const audit = await readFile(api.services.audit.file, 'utf8');
    const last = JSON.parse(audit.trim().split('\n').at(-1) ?? '{}') as { outcome?: string; device?: string };
    assert.equal(last.outcome, 'declined');
  });

  it('flighthub.safety.allowedDevices fences devices off, even when confirmed', async () => {
    const config = vscode.workspace.getConfiguration('flighthub.safety');
    await config.update('allowedDevices', ['SOME-TEST-DEVICE'], vscode.ConfigurationTarget.Global);
    try {
      const before = sim.world.inspect().commands.length;
      const result = await vscode.commands.executeCommand('flighthub.returnHome', {
        sn: aircraftSn,
        gatewaySn: dockSn,
      });
      assert.equal(result, undefined);
      assert.equal(confirmations.length, 0);
      assert.equal(sim.world.inspect().commands.length, before);
    } finally {
      await config.update('allowedDevices', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
