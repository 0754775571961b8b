import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { Simulator } from '../../src/simulator/simulator';
import type { DeviceNode, LoadMoreNode, ProjectNode, TreeNode } from '../../src/ui/tree/nodes';
import type { DockTasksNode } from '../../src/features/tasks/tasksView';
import { children, connectSimulator, eventually, extensionApi, startOtherSimulator } from './api';

// The extension runs from its bundle, these tests from tsc's output: classes differ, ids don't.
const isProject = (n: TreeNode): n is ProjectNode => n.id.startsWith('project:');
const isDevice = (n: TreeNode): n is DeviceNode => n.id.startsWith('device:');
const isDockTasks = (n: TreeNode): n is DockTasksNode => n.id.startsWith('tasks:dock:');
const isTask = (n: TreeNode) => n.id.startsWith('task:');
const isRoute = (n: TreeNode) => n.id.startsWith('route:');
const isLoadMore = (n: TreeNode): n is LoadMoreNode => n.id.endsWith(':loadMore');

describe('the sidebar on the built-in simulator', () => {
  let api: TestApi;
  let sim: Simulator;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
  });

  it('Projects lists the organization with the active project marked, and a project expands to devices', async () => {
    const roots = await children(api.views.projects);
    const projects = roots.filter(isProject);
    assert.ok(projects.length >= 2, `projects: ${roots.map((r) => r.id).join(', ')}`);
    const active = projects.filter((p) => p.active);
    assert.equal(active.length, 1);
    assert.equal(active[0]?.project.uuid, api.services.session.project?.uuid);
    const devices = await children(api.views.projects, active[0]);
    assert.ok(devices.some((d) => d.id.includes('device:')));
  });

  it('Devices shows docks with their aircraft and HMS counts', async () => {
    const docks = (await children(api.views.devices)).filter(isDevice);
    const main = sim.world
      .describe()
      .docks.find((d) => d.role === 'main' && d.projectUuid === api.services.session.project?.uuid);
    assert.ok(main);
    const dock = docks.find((d) => d.sn === main.sn);
    assert.ok(dock, `no dock ${main.sn}`);
    assert.equal(dock.attached[0]?.sn, main.aircraftSn);
    assert.ok(dock.hmsCount > 0);
  });

  it('Flight Tasks shows per-dock tasks in the window and loads older ones', async () => {
    const docks = (await children(api.views.tasks)).filter(isDockTasks);
    assert.ok(docks.length > 0);
    const dock = docks[0]!;
    const first = await children(api.views.tasks, dock);
    const tasks = first.filter(isTask);
    assert.ok(tasks.length > 0);
    const more = first.find(isLoadMore);
    assert.ok(more);
    await vscode.commands.executeCommand('flighthub.loadMore', more);
    const after = (await children(api.views.tasks, dock)).filter(isTask);
    assert.ok(after.length > tasks.length, `${after.length} <= ${tasks.length}`);
  });

  it('Flight Routes lists the project routes', async () => {
    const routes = (await children(api.views.routes)).filter(isRoute);
    const expected = sim.world
      .describe()
      .routes.filter((r) => r.projectUuid === api.services.session.project?.uuid);
    assert.equal(routes.length, expected.length);
  });

  it('pages projects with a Load more node', async () => {
    await vscode.workspace
      .getConfiguration('flighthub')
      .update('projects.pageSize', 1, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('flighthub.refresh', 'flighthub.projects');
      const first = await children(api.views.projects);
      assert.equal(first.filter(isProject).length, 1);
      const more = first.find(isLoadMore);
      assert.ok(more);
      await vscode.commands.executeCommand('flighthub.loadMore', more);
      const second = await children(api.views.projects);
      assert.equal(second.filter(isProject).length, 2);
    } finally {
      await vscode.workspace
        .getConfiguration('flighthub')
        .update('projects.pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('switching the connection refreshes every view: nothing stale from the old one', async () => {
    const other = await startOtherSimulator({ seed: 'other-org' });
    try {
      const before = (await children(api.views.projects)).map((n) => n.id);
      const id = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
        name: 'Other org',
        url: other.url,
        orgKey: other.orgKey,
      });
      assert.ok(id, String(api.lastCommandError()));
      assert.equal(api.services.session.connection?.name, 'Other org');
      const after = await eventually(async () => {
        const ids = (await children(api.views.projects)).map((n) => n.id);
        return ids.some((i) => i.startsWith('project:')) ? ids : undefined;
      });
      assert.ok(!after.some((i) => before.includes(i)), 'a project of the old connection is still shown');
      // No active project on the new connection yet: project-scoped views say so instead of showing old data.
      const devices = await children(api.views.devices);
      assert.ok(devices.every((n) => !n.id.includes('device:')));
      await vscode.commands.executeCommand('flighthub.removeConnection', { id, confirm: true });
    } finally {
      await other.stop();
      await connectSimulator(api);
    }
  });
});
