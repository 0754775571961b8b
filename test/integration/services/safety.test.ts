// The safety gate in a real VS Code on the simulator (issue 11): the allowedDevices fence holds for every
// command that addresses a device, confirmed or not; restoring a task that takes off within minutes is
// confirmed; lens, camera and stream-quality changes are audited; the livestream panel's lens button
// offers payload control through the gate when FlightHub answers 228402.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { defaultTimeZone, formatLocal } from '../../../src/features/tasks/zonedTime';
import type { TestApi } from '../../../src/extension';
import type { Simulator } from '../../../src/simulator/simulator';
import {
  connectSimulator,
  extensionApi,
  mainDockWithRoute,
  readAudit,
  runAudited,
  setAllowedDevices,
  taskBody,
} from '../api';

/** The open livestream panel of a device camera, as the page reaches the host. */
function livePage(api: TestApi, sn: string, camera: string) {
  const page = api.panels
    .open()
    .find((p) => p.viewType === 'flighthub.livestream' && p.key.endsWith(`/${sn}/${camera}`));
  assert.ok(page, `no livestream panel for ${sn} ${camera}`);
  return page;
}

const CAMERA = '81-0-0';
const DOCK_CAMERA = '165-0-7';

describe('safety of flight commands', function () {
  this.timeout(90_000);
  let api: TestApi;
  let sim: Simulator;
  let dockSn: string;
  let aircraftSn: string;
  let routeUuid: string;
  let prompts: { message: string; detail: string }[];
  let answer: boolean;

  const audit = () => readAudit(api);
  const run = (command: string, arg: unknown) => runAudited(api, command, arg);
  const taskStatus = async (uuid: string) =>
    (await (await api.services.session.projectApi()).tasks.info(uuid)).status;
  /** Counts the simulator's device and task-status writes (a zero-delay "latency" rule matches and counts). */
  const countWrites = () => {
    const rules = [
      ...(['POST', 'PUT', 'DELETE'] as const).map((method) =>
        sim.faults.add({ kind: 'latency', ms: 0, match: 'device.*', method }),
      ),
      sim.faults.add({ kind: 'latency', ms: 0, match: 'task.status.update' }),
    ];
    return {
      count: () => rules.reduce((n, r) => n + r.hits, 0),
      dispose: () => rules.forEach((r) => sim.faults.remove(r.id)),
    };
  };
  const setAllowed = setAllowedDevices;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    ({ dockSn, aircraftSn, routeUuid } = mainDockWithRoute(api, sim));
  });

  /** The aircraft's livestream panel open, and nobody holding payload control of its camera. */
  async function livestreamWithoutControl(): Promise<void> {
    assert.ok((await run('flighthub.releaseControl', { sn: aircraftSn, payload_index: [CAMERA] })).result);
    const started = await vscode.commands.executeCommand('flighthub.startLivestream', {
      sn: aircraftSn,
      camera_index: CAMERA,
      quality: 'smooth',
    });
    assert.equal(started, 'whep', String(api.lastCommandError()));
  }

  beforeEach(() => {
    prompts = [];
    answer = true;
    api.setSafetyPrompt((message, detail) => {
      prompts.push({ message, detail });
      return Promise.resolve(answer);
    });
  });

  afterEach(() => setAllowed(undefined));

  after(() => {
    for (const host of api.panels.open()) if (host.viewType === 'flighthub.livestream') host.panel.dispose();
  });

  it('the allowedDevices fence holds for every command that addresses a device, confirmed or not', async () => {
    const { suspended, timedWaiting } = sim.world.describe().tasks;
    assert.ok(suspended && timedWaiting);
    const task = (t: typeof suspended) => ({ uuid: t.uuid, name: t.name, dockSn, taskType: 'timed' });
    const started = await vscode.commands.executeCommand('flighthub.startLivestream', {
      sn: aircraftSn,
      camera_index: CAMERA,
      quality: 'smooth',
    });
    assert.equal(started, 'whep', String(api.lastCommandError()));
    await setAllowed(['SOME-TEST-DEVICE']);
    const writes = countWrites();
    try {
      const commands: [string, unknown, string][] = [
        ['flighthub.pauseTask', task(timedWaiting), 'task.pause'],
        ['flighthub.suspendTask', task(timedWaiting), 'task.suspend'],
        ['flighthub.restoreTask', task(suspended), 'task.restore'],
        ['flighthub.cancelReturnHome', { sn: aircraftSn }, 'device.return_home_cancel'],
        ['flighthub.releaseControl', { sn: aircraftSn, payload_index: [CAMERA] }, 'device.control.release'],
        [
          'flighthub.changeLens',
          { sn: aircraftSn, camera_index: CAMERA, lens_type: 'zoom' },
          'device.lens.change',
        ],
        [
          'flighthub.changeCamera',
          { sn: dockSn, camera_index: DOCK_CAMERA, camera_position: 'indoor' },
          'device.camera.change',
        ],
      ];
      for (const [command, arg, action] of commands) {
        const { result, entries, error } = await run(command, arg);
        assert.equal(result, undefined, `${command} went through on a fenced device`);
        assert.ok(error instanceof Error, `${command}: no error`);
        assert.equal((error as { code?: string }).code, 'safety_blocked', `${command}: ${String(error)}`);
        assert.deepEqual(
          entries.map((e) => [e.action, e.outcome]),
          [[action, 'blocked']],
        );
      }
      const before = (await audit()).length;
      await livePage(api, aircraftSn, CAMERA).send({ type: 'setQuality', quality: 'ultra_high_definition' });
      assert.deepEqual(
        (await audit()).slice(before).map((e) => [e.action, e.outcome, e.device]),
        [['device.stream.quality', 'blocked', aircraftSn]],
      );
      assert.equal(writes.count(), 0, 'a write reached the simulator');
      assert.equal(prompts.length, 0, 'a fenced device was offered for confirmation');
    } finally {
      writes.dispose();
    }
  });

  it('restoring a task that takes off within minutes is confirmed, naming device, project and start', async () => {
    // "Within minutes" is judged against the real clock, the simulator's accepts no start in its past: other
    // suites move the shared simulator's clock forward a few minutes, so the start is close to its now.
    const drift = sim.clock.now() - Date.now();
    assert.ok(drift < 8 * 60_000, `the shared simulator's clock runs ${drift} ms ahead of the real one`);
    const begin = Math.floor(Math.max(sim.clock.now(), Date.now()) / 1000) + 60;
    const created = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...taskBody(dockSn, routeUuid),
      name: 'IT restore soon',
      task_type: 'timed',
      begin_at: begin,
    });
    assert.ok(created?.task_uuid, String(api.lastCommandError()));
    const target = { uuid: created.task_uuid, dockSn, name: 'IT restore soon', taskType: 'timed' };
    assert.ok((await run('flighthub.suspendTask', target)).result);
    assert.equal(await taskStatus(created.task_uuid), 'suspended');
    prompts = [];

    answer = false;
    const declined = await run('flighthub.restoreTask', target);
    assert.equal(prompts.length, 1, 'restoring a task that takes off within minutes was not confirmed');
    assert.equal(declined.result, undefined);
    assert.equal(await taskStatus(created.task_uuid), 'suspended');
    assert.deepEqual(
      declined.entries.map((e) => [e.action, e.outcome]),
      [['task.restore', 'declined']],
    );
    const [prompt] = prompts;
    assert.match(prompt?.message ?? '', new RegExp(dockSn));
    assert.ok(prompt?.detail.includes(api.services.session.project?.name ?? '?'), prompt?.detail);
    assert.ok(prompt?.detail.includes(formatLocal(begin, defaultTimeZone())), prompt?.detail);

    answer = true;
    const restored = await run('flighthub.restoreTask', target);
    assert.equal(restored.result, true, String(restored.error));
    assert.equal(prompts.length, 2);
    assert.equal(await taskStatus(created.task_uuid), 'waiting');
    assert.deepEqual(
      restored.entries.map((e) => [e.action, e.outcome]),
      [['task.restore', 'succeeded']],
    );
  });

  it('restoring a task days ahead asks nothing', async () => {
    const { suspended } = sim.world.describe().tasks;
    assert.ok(suspended);
    const info = await (await api.services.session.projectApi()).tasks.info(suspended.uuid);
    assert.equal(info.status, 'suspended');
    assert.ok(suspended.beginAt - Date.now() / 1000 > 3600, 'the seeded suspended task starts hours ahead');
    const target = { uuid: suspended.uuid, dockSn, name: suspended.name, taskType: 'timed' };
    const { result, error } = await run('flighthub.restoreTask', target);
    assert.equal(result, true, String(error));
    assert.equal(prompts.length, 0);
    assert.ok((await run('flighthub.suspendTask', target)).result);
  });

  it('the livestream panel offers payload control for a lens switch, and lens, camera and quality are audited', async () => {
    // No control held: the lens switch is answered with 228402 first.
    await livestreamWithoutControl();
    const before = (await audit()).length;
    let finished = false;
    const switching = livePage(api, aircraftSn, CAMERA)
      .send({ type: 'switchLens' })
      .finally(() => (finished = true));
    // The lens command asks which lens: take the first one offered, as soon as the pick is shown.
    const deadline = Date.now() + 30_000;
    while (!finished && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await switching;
    const entries = (await audit()).slice(before);
    assert.equal(prompts.length, 1, `control was not offered: ${JSON.stringify(entries)}`);
    assert.match(prompts[0]?.message ?? '', /Acquire payload control/);
    assert.match(prompts[0]?.message ?? '', new RegExp(aircraftSn));
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome]),
      [
        ['device.lens.change', 'failed'],
        ['device.control.acquire', 'succeeded'],
        ['device.lens.change', 'succeeded'],
      ],
    );
    assert.match(entries[0]?.detail ?? '', /228402/);
    const lens = entries[2]?.detail?.split(' ')[1];
    const client = await api.services.session.projectApi();
    const drone = (await client.devices.list()).list.find((t) => t.drone?.sn === aircraftSn)?.drone;
    const camera = drone?.camera_list?.find((c) => c.camera_index === CAMERA);
    assert.equal(camera?.lens_list?.[0]?.lens_type, lens);

    const quality = await audit().then((a) => a.length);
    await livePage(api, aircraftSn, CAMERA).send({ type: 'setQuality', quality: 'ultra_high_definition' });
    assert.deepEqual(
      (await audit()).slice(quality).map((e) => [e.action, e.outcome, e.detail]),
      [['device.stream.quality', 'succeeded', `${CAMERA} ultra_high_definition`]],
    );

    const dock = await run('flighthub.changeCamera', {
      sn: dockSn,
      camera_index: DOCK_CAMERA,
      camera_position: 'indoor',
    });
    assert.equal(dock.result, true, String(dock.error));
    assert.deepEqual(
      dock.entries.map((e) => [e.action, e.outcome, e.device]),
      [['device.camera.change', 'succeeded', dockSn]],
    );
  });

  it('a stream-quality change without payload control offers control through the gate, then sets it', async () => {
    await livestreamWithoutControl();
    const before = (await audit()).length;
    await livePage(api, aircraftSn, CAMERA).send({ type: 'setQuality', quality: 'adaptive' });
    const entries = (await audit()).slice(before);
    assert.equal(prompts.length, 1, `control was not offered: ${JSON.stringify(entries)}`);
    assert.match(prompts[0]?.message ?? '', /Acquire payload control/);
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome]),
      [
        ['device.stream.quality', 'failed'],
        ['device.control.acquire', 'succeeded'],
        ['device.stream.quality', 'succeeded'],
      ],
    );

    // Declined: nothing more is sent after the refusal.
    assert.ok((await run('flighthub.releaseControl', { sn: aircraftSn, payload_index: [CAMERA] })).result);
    answer = false;
    const declined = (await audit()).length;
    await livePage(api, aircraftSn, CAMERA).send({ type: 'setQuality', quality: 'ultra_high_definition' });
    assert.deepEqual(
      (await audit()).slice(declined).map((e) => [e.action, e.outcome]),
      [
        ['device.stream.quality', 'failed'],
        ['device.control.acquire', 'declined'],
      ],
    );
  });
});
