// Readable task and route details (issue 15, part 6) and the Flight Tasks view's order around now.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import type { DetailsModel } from '../../../../src/ui/details/detailsPage';
import type { TaskNode, TreeNode } from '../../../../src/ui/tree/nodes';
import {
  children,
  connectSimulator,
  eventually,
  extensionApi,
  mainDockWithRoute,
  startOtherSimulator,
  taskBody,
} from '../../api';

// The extension runs from its bundle: its tree nodes are not this file's classes, so no instanceof.
const isTask = (n: TreeNode): n is TaskNode => n.id.startsWith('task:');
const rows = (model: DetailsModel) =>
  new Map(model.sections.flatMap((s) => s.rows.map((r) => [r.label, r.value] as const)));

describe('readable task details', () => {
  let api: TestApi;
  let sim: Simulator;
  let dockSn: string;
  let routeUuid: string;
  let flying: string;
  let farFuture: string;
  let connectionId: string | undefined;

  before(async () => {
    api = await extensionApi();
    // A simulator of its own: moving its clock to get a task flying moves no other suite's clock.
    sim = await startOtherSimulator({ seed: 'task-details' });
    connectionId = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
      name: 'Task details',
      url: sim.url,
      orgKey: sim.orgKey,
    });
    assert.ok(connectionId, String(api.lastCommandError()));
    const world = sim.world.describe();
    const main = world.docks.find((d) => d.role === 'main');
    const project = world.projects.find((p) => p.uuid === main?.projectUuid);
    assert.ok(project);
    await api.services.session.setActiveProject({ uuid: project.uuid, name: project.name });
    ({ dockSn, routeUuid } = mainDockWithRoute(api, sim));
    api.setSafetyPrompt(() => Promise.resolve(true));
    const now = Math.floor(sim.clock.now() / 1000);
    const far = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...taskBody(dockSn, routeUuid),
      name: 'IT far future',
      task_type: 'timed',
      begin_at: now + 6 * 86_400,
    });
    const now2 = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...taskBody(dockSn, routeUuid),
      name: 'IT flying now',
      task_type: 'immediate',
    });
    assert.ok(far?.task_uuid && now2?.task_uuid, String(api.lastCommandError()));
    farFuture = far.task_uuid;
    flying = now2.task_uuid;
    // Past the dock's preparation (and any flight the dock had under way): the new task is in the air.
    const client = await api.services.session.projectApi();
    for (let minute = 0; minute < 120; minute++) {
      if ((await client.tasks.info(flying)).status === 'executing') break;
      sim.clock.advance(60_000);
    }
    assert.equal((await client.tasks.info(flying)).status, 'executing');
  });

  after(async () => {
    api.setSafetyPrompt(undefined);
    for (const uuid of [flying, farFuture]) api.views.taskWatch.unwatch(uuid);
    if (connectionId)
      await vscode.commands.executeCommand('flighthub.removeConnection', { id: connectionId, confirm: true });
    await sim.stop();
    // The other suites expect the built-in simulator.
    await connectSimulator(api);
  });

  it('orders the view around now: flying first, then upcoming soonest first, then past newest first', async () => {
    api.views.tasks.reset();
    const dock = (await children(api.views.tasks)).find((n) => n.id === `tasks:dock:${dockSn}`);
    assert.ok(dock, 'the main dock is in the view');
    const tasks = (await children(api.views.tasks, dock)).filter(isTask);
    const order = tasks.map((n) => n.task.uuid);
    assert.ok(order.indexOf(flying) >= 0 && order.indexOf(farFuture) >= 0, 'both new tasks are shown');
    assert.ok(
      order.indexOf(flying) < order.indexOf(farFuture),
      `the flying task comes before the one six days ahead: ${tasks.map((n) => `${n.task.name}/${n.task.status}`).join(', ')}`,
    );
    const underWay = new Set(['preparing', 'queue_for_takeoff', 'executing', 'paused']);
    const time = (n: TaskNode) => Date.parse(String(n.task.begin_at ?? n.task.run_at ?? '')) || 0;
    const phase = (n: TaskNode) =>
      underWay.has(n.task.status) ? 0 : n.task.status === 'waiting' || time(n) > Date.now() ? 1 : 2;
    for (let i = 1; i < tasks.length; i++) {
      const [a, b] = [tasks[i - 1]!, tasks[i]!];
      const where = `${a.task.name} (${a.task.status}) before ${b.task.name} (${b.task.status})`;
      assert.ok(phase(a) <= phase(b), where);
      if (phase(a) === phase(b) && phase(a) === 1) assert.ok(time(a) <= time(b), `soonest first: ${where}`);
      if (phase(a) === phase(b) && phase(a) === 2) assert.ok(time(a) >= time(b), `newest first: ${where}`);
    }
  });

  it('keeps the JSON beside it, and shows routes readably too', async () => {
    const info = await vscode.commands.executeCommand<{ uuid: string }>('flighthub.showTaskDetailsJson', {
      uuid: farFuture,
    });
    assert.equal(info?.uuid, farFuture, String(api.lastCommandError()));
    const editor = await eventually(() => vscode.window.activeTextEditor);
    assert.equal(editor.document.languageId, 'json');
    assert.ok(editor.document.getText().includes(farFuture));

    const route = await vscode.commands.executeCommand<DetailsModel>('flighthub.showRouteDetails', {
      id: routeUuid,
    });
    assert.ok(route, String(api.lastCommandError()));
    assert.match(route.title, / route$/);
    assert.equal(rows(route).get('UUID'), routeUuid);
    assert.ok(route.actions.some((a) => a.command === 'flighthub.showRouteDetailsJson'));
    const detail = await vscode.commands.executeCommand<{ id: string }>('flighthub.showRouteDetailsJson', {
      id: routeUuid,
    });
    assert.equal(detail?.id, routeUuid);
  });

  it('shows a flying task as a readable page with local times, progress, dock, route and actions', async () => {
    const model = await vscode.commands.executeCommand<DetailsModel>('flighthub.showTaskDetails', {
      uuid: flying,
    });
    assert.ok(model, String(api.lastCommandError()));
    assert.equal(model.title, 'IT flying now details');
    const shown = rows(model);
    assert.equal(shown.get('Status'), 'executing');
    // The task information names no time zone: times are this machine's local times, zone named.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    assert.equal(shown.get('Time zone'), zone);
    const when = shown.get('Ran at') ?? shown.get('Begins') ?? '';
    assert.match(when, /^\d{4}-\d\d-\d\d \d\d:\d\d \((.+)\)$/);
    assert.ok(when.endsWith(`(${zone})`), when);
    assert.match(shown.get('Dock') ?? '', new RegExp(dockSn));
    assert.match(shown.get('Route') ?? '', new RegExp(routeUuid));
    assert.ok(shown.has('Waypoints'), `progress is shown: ${[...shown.keys()].join(', ')}`);
    const commands = model.actions.map((a) => a.command);
    for (const id of ['flighthub.pauseTask', 'flighthub.openTaskMedia', 'flighthub.openTaskTrajectory'])
      assert.ok(commands.includes(id), `${id} in ${commands.join(', ')}`);
    assert.ok(commands.includes('flighthub.showTaskDetailsJson'), 'Open as JSON is one of the actions');
    assert.deepEqual(api.details.shown.get(`task:${flying}`), model, 'the page shows this model');
    assert.ok(api.views.taskWatch.isWatched(flying), 'opening a task watches it');

    // The links carry arguments their commands accept: the media action opens this task's gallery.
    const media = model.actions.find((a) => a.command === 'flighthub.openTaskMedia');
    const opened = await vscode.commands.executeCommand<{ taskUuid: string }>(media!.command, ...media!.args);
    assert.equal(opened?.taskUuid, flying, String(api.lastCommandError()));
  });
});
