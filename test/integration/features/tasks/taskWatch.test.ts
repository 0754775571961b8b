// Watching a task (issue 15, part 7): a created task is followed until it lands, then a notification
// offers its media and trajectory; nothing polls while nothing is watched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import { connectOwnSimulator, eventually, extensionApi, taskBody } from '../../api';

describe('watching a task', () => {
  let api: TestApi;
  let sim: Simulator;
  let own: Awaited<ReturnType<typeof connectOwnSimulator>> | undefined;

  before(async () => {
    api = await extensionApi();
    // A simulator of its own, with no seeded tasks: the dock is free, so the new task takes off at once.
    own = await connectOwnSimulator(api, 'Task watch', { seed: 'task-watch', tasksPerDock: 0 });
    sim = own.sim;
    await vscode.workspace
      .getConfiguration('flighthub.tasks')
      .update('refreshSeconds', 2, vscode.ConfigurationTarget.Global);
    api.setSafetyPrompt(() => Promise.resolve(true));
  });

  after(async () => {
    api.setSafetyPrompt(undefined);
    await vscode.workspace
      .getConfiguration('flighthub.tasks')
      .update('refreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await own?.close();
  });

  it('does not poll while nothing is watched', () => {
    for (const uuid of api.views.taskWatch.uuids) api.views.taskWatch.unwatch(uuid);
    assert.deepEqual(api.views.taskWatch.uuids, []);
    assert.equal(api.views.taskWatch.polling, false, 'a poll is pending with nothing watched');
  });

  it('tells when a created task finishes, and its actions open the trajectory', async () => {
    const world = sim.world.describe();
    const dock = world.docks.find((d) => d.role === 'main');
    assert.ok(dock);
    const project = world.projects.find((p) => p.uuid === dock.projectUuid);
    assert.ok(project);
    await api.services.session.setActiveProject({ uuid: project.uuid, name: project.name });
    const route = world.routes.find(
      (r) => r.projectUuid === project.uuid && r.deviceModelKey === dock.aircraftModelKey,
    );
    assert.ok(route);

    const seen = api.notifications.length;
    const created = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...taskBody(dock.sn, route.uuid),
      name: 'IT watched',
      task_type: 'immediate',
    });
    assert.ok(created?.task_uuid, String(api.lastCommandError()));
    const uuid = created.task_uuid;
    assert.ok(api.views.taskWatch.isWatched(uuid), 'the created task is watched');
    assert.equal(api.views.taskWatch.polling, true);
    await vscode.commands.executeCommand('flighthub.showTaskDetails', { uuid });

    // The flight takes minutes of simulated time: run the clock fast until it lands.
    sim.clock.setSpeed(2_000);
    const note = await eventually(
      () => api.notifications.slice(seen).find((n) => n.message.includes('IT watched')),
      60_000,
    ).catch(async () => {
      const client = await api.services.session.projectApi();
      assert.fail(`no notification; the task is ${(await client.tasks.info(uuid)).status}`);
    });
    sim.clock.setSpeed(1);
    assert.equal(note.message, 'Task "IT watched" finished: succeeded.');
    assert.deepEqual(note.actions, ['Open Media', 'Open Trajectory']);
    assert.equal(api.views.taskWatch.isWatched(uuid), false, 'a finished task is no longer watched');
    assert.equal(api.views.taskWatch.polling, false, 'no polling once nothing is watched');
    // The open details page followed the task to its end.
    await eventually(() => api.details.shown.get(`task:${uuid}`)?.badge === 'succeeded').catch(() =>
      assert.fail(`the details page still says ${api.details.shown.get(`task:${uuid}`)?.badge}`),
    );

    note.choose('Open Trajectory');
    const panel = await eventually(
      () => api.panels.open().find((p) => p.viewType === 'flighthub.trajectory' && p.key.includes(uuid)),
      30_000,
    );
    assert.ok(panel);
    // Later suites count the trajectory panels they open.
    panel.panel.dispose();
  });

  it('Watch Task and Stop Watching from the menu', async () => {
    const world = sim.world.describe();
    const dock = world.docks.find((d) => d.role === 'main');
    assert.ok(dock);
    const route = world.routes.find((r) => r.projectUuid === dock.projectUuid);
    assert.ok(route);
    const client = await api.services.session.projectApi();
    const created = await client.tasks.create({
      ...taskBody(dock.sn, route.uuid),
      name: 'IT watch later',
      task_type: 'timed',
      begin_at: Math.floor(sim.clock.now() / 1000) + 3 * 86_400,
    } as Parameters<typeof client.tasks.create>[0]);
    const target = { uuid: created.task_uuid };
    assert.equal(await vscode.commands.executeCommand('flighthub.watchTask', target), true);
    assert.ok(api.views.taskWatch.isWatched(created.task_uuid));
    assert.equal(await vscode.commands.executeCommand('flighthub.unwatchTask', target), true);
    assert.equal(api.views.taskWatch.isWatched(created.task_uuid), false);
    assert.equal(api.views.taskWatch.polling, false);
  });

  it('stops watching the tasks of a removed connection', async () => {
    const world = sim.world.describe();
    const dock = world.docks.find((d) => d.role === 'main');
    assert.ok(dock);
    const route = world.routes.find((r) => r.projectUuid === dock.projectUuid);
    assert.ok(route);
    const client = await api.services.session.projectApi();
    const created = await client.tasks.create({
      ...taskBody(dock.sn, route.uuid),
      name: 'IT orphan',
      task_type: 'timed',
      begin_at: Math.floor(sim.clock.now() / 1000) + 60,
    } as Parameters<typeof client.tasks.create>[0]);
    assert.equal(
      await vscode.commands.executeCommand('flighthub.watchTask', { uuid: created.task_uuid }),
      true,
    );
    await vscode.commands.executeCommand('flighthub.removeConnection', {
      id: own?.connectionId,
      confirm: true,
    });
    await eventually(() => !api.views.taskWatch.isWatched(created.task_uuid), 15_000).catch(() =>
      assert.fail('the task of a removed connection is still watched'),
    );
    assert.equal(api.views.taskWatch.polling, false);
  });
});
