import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import type { TreeNode } from '../../../../src/ui/tree/nodes';
import type { DockTasksNode } from '../../../../src/features/tasks/tasksView';
import { children, connectOwnSimulator, eventually, extensionApi } from '../../api';

const isDockTasks = (n: TreeNode): n is DockTasksNode => n.id.startsWith('tasks:dock:');

describe('Flight Tasks polling', () => {
  let api: TestApi;
  let sim: Simulator;
  let own: Awaited<ReturnType<typeof connectOwnSimulator>> | undefined;

  before(async () => {
    api = await extensionApi();
    // A simulator of its own: its clock starts at the real now (the view's clock) and its docks have
    // no tasks but the one this test creates, so nothing else is under way.
    own = await connectOwnSimulator(api, 'Task polling', { seed: 'task-polling', tasksPerDock: 0 });
    sim = own.sim;
    await vscode.workspace
      .getConfiguration('flighthub.tasks')
      .update('refreshSeconds', 2, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('flighthub.tasks')
      .update('refreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await own?.close();
  });

  it('picks up a waiting task that takes off, without a manual refresh', async () => {
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

    const client = await api.services.session.projectApi();
    const startsAt = Math.floor(sim.clock.now() / 1000) + 60;
    const created = await client.tasks.create({
      name: 'IT take-off soon',
      sn: dock.sn,
      wayline_uuid: route.uuid,
      task_type: 'timed',
      begin_at: startsAt,
      time_zone: 'UTC',
      rth_altitude: 100,
      rth_mode: 'preset',
      out_of_control_action_in_flight: 'return_home',
      resumable_status: 'auto',
    });

    // The view shows the dock with the task waiting; from here on, nobody refreshes it.
    await vscode.commands.executeCommand('workbench.view.extension.flighthub');
    await eventually(() => api.views.tasksView.visible);
    const docks = (await children(api.views.tasks)).filter(isDockTasks);
    const node = docks.find((d) => d.dock.sn === dock.sn);
    assert.ok(node, `no dock ${dock.sn} in ${docks.map((d) => d.id).join(', ')}`);
    await children(api.views.tasks, node);
    const statusOf = () =>
      api.views.tasks.findDock(dock.sn)?.tasks.find((t) => t.uuid === created.task_uuid)?.status;
    assert.equal(statusOf(), 'waiting');

    // Take-off time passes on the simulator: the task prepares, then flies.
    sim.clock.advance(90_000);
    const seen = await eventually(() => {
      const status = statusOf();
      return status !== 'waiting' && status;
    }, 15_000).catch(() => assert.fail(`the view still shows the task as ${String(statusOf())}`));
    assert.ok(['preparing', 'executing'].includes(seen), seen);
  });
});
