// Panels stay on the connection and project they were opened for (issue 11, item 7): after the active
// project or connection changes, a panel's reload, renewal or restore still asks its own project, and
// once its connection is removed the page says so instead of quietly using another one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { OpenPanel } from '../../src/ui/panels/panelHost';
import type { Simulator } from '../../src/simulator/simulator';
import { connectSimulator, eventually, extensionApi, PAGE_LOAD_MS, startOtherSimulator } from './api';

type Message = { type: string; message?: string };
type Host = OpenPanel;

describe('panels keep their connection and project', function () {
  this.timeout(120_000);
  let api: TestApi;
  let sim: Simulator;
  let projectA: { uuid: string; name: string };
  let projectB: { uuid: string; name: string };

  const readyPanel = (viewType: string) =>
    eventually(() => api.panels.open().find((h) => h.viewType === viewType && h.ready), PAGE_LOAD_MS);

  /** Acts as the page (a refresh button), then waits for the panel's next answer of one of `types`. */
  async function answer(host: Host, message: { type: string }, types: string[]): Promise<Message> {
    const before = host.lastPosted;
    await host.send(message);
    return eventually(() => {
      const last: Message | undefined = host.lastPosted;
      return last !== before && last && types.includes(last.type) ? last : undefined;
    }, 60_000);
  }

  /** The page's current answer once it is ready (a restored page gets everything on `ready`). */
  const settled = (host: Host, types: string[]): Promise<Message> =>
    eventually(() => {
      const last: Message | undefined = host.lastPosted;
      return host.ready && last && types.includes(last.type) ? last : undefined;
    }, 60_000);

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    const active = api.services.session.project;
    assert.ok(active);
    projectA = active;
    const other = sim.world.describe().projects.find((p) => p.uuid !== active.uuid && p.accessible);
    assert.ok(other, 'the simulator has a second project');
    projectB = other;
  });

  afterEach(async () => {
    for (const host of api.panels.open()) host.panel.dispose();
    await connectSimulator(api);
    await api.services.session.setActiveProject(projectA);
  });

  it('a trajectory panel reloads from its own project after the active project changes', async () => {
    const task = sim.world.describe().tasks.bigMedia;
    assert.ok(task);
    const opened = await vscode.commands.executeCommand('flighthub.openTaskTrajectory', { uuid: task.uuid });
    assert.ok(opened, String(api.lastCommandError()));
    const host = await readyPanel('flighthub.trajectory');
    await api.services.session.setActiveProject(projectB);
    const shown = await answer(host, { type: 'reload' }, ['trajectory', 'failed']);
    assert.equal(shown.type, 'trajectory', `the panel shows: ${shown.message}`);
  });

  it('a route preview reads its project route from that project after the active project changes', async () => {
    const route = sim.world.describe().routes.find((r) => r.projectUuid === projectA.uuid);
    assert.ok(route);
    const opened = await vscode.commands.executeCommand('flighthub.previewRoute', {
      id: route.uuid,
      name: route.name,
    });
    assert.ok(opened, String(api.lastCommandError()));
    const host = await readyPanel('flighthub.routePreview');
    await api.services.session.setActiveProject(projectB);
    const shown = await answer(host, { type: 'refresh' }, ['route', 'failed']);
    assert.equal(shown.type, 'route', `the panel shows: ${shown.message}`);
  });

  it('the livestream renews on its own connection after another connection becomes active', async () => {
    const dock = sim.world.describe().docks.find((d) => d.projectUuid === projectA.uuid);
    assert.ok(dock);
    const kind = await vscode.commands.executeCommand('flighthub.startLivestream', {
      sn: dock.aircraftSn,
      camera_index: '81-0-0',
      quality: 'smooth',
    });
    assert.equal(kind, 'whep', String(api.lastCommandError()));
    const host = await readyPanel('flighthub.livestream');
    const other = await startOtherSimulator({ seed: 'panel-binding-live' });
    try {
      const id = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
        name: 'Other org',
        url: other.url,
        orgKey: other.orgKey,
      });
      assert.ok(id, String(api.lastCommandError()));
      assert.equal(api.services.session.connection?.id, id);
      const shown = await answer(host, { type: 'restart' }, ['whep', 'failed', 'unsupported']);
      assert.equal(shown.type, 'whep', `the panel shows: ${shown.message}`);
      await vscode.commands.executeCommand('flighthub.removeConnection', { id, confirm: true });
    } finally {
      host.panel.dispose();
      await other.stop();
    }
  });

  it('a gallery refreshes on its own connection, and says so once that connection is removed', async () => {
    const other = await startOtherSimulator({ seed: 'panel-binding-gallery', bigMediaTaskCount: 12 });
    try {
      const id = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
        name: 'Gallery org',
        url: other.url,
        orgKey: other.orgKey,
      });
      assert.ok(id, String(api.lastCommandError()));
      const task = other.world.describe().tasks.bigMedia;
      assert.ok(task);
      await api.services.session.setActiveProject({ uuid: task.projectUuid, name: 'Gallery project' });
      const opened = await vscode.commands.executeCommand<{ count: number }>('flighthub.openTaskMedia', {
        uuid: task.uuid,
      });
      assert.equal(opened?.count, 12, String(api.lastCommandError()));
      const host = await readyPanel('flighthub.gallery');
      await connectSimulator(api);
      assert.notEqual(api.services.session.connection?.id, id);
      const shown = await answer(host, { type: 'refresh' }, ['media', 'error']);
      assert.equal(shown.type, 'media', `the panel shows: ${shown.message}`);
      assert.equal((shown as { items?: unknown[] }).items?.length, 12);
      await vscode.commands.executeCommand('flighthub.removeConnection', { id, confirm: true });
      const gone = await answer(host, { type: 'refresh' }, ['media', 'error']);
      assert.equal(gone.type, 'error');
      assert.match(String(gone.message), /connection "Gallery org", which was removed/);
    } finally {
      await other.stop();
    }
  });

  it('a restored panel loads from its saved project; a removed connection is named; no binding closes it', async () => {
    const task = sim.world.describe().tasks.bigMedia;
    assert.ok(task);
    const connection = api.services.session.connection;
    assert.ok(connection);
    const binding = {
      connectionId: connection.id,
      connectionName: connection.name,
      projectUuid: projectA.uuid,
    };
    await api.services.session.setActiveProject(projectB);
    const panel = () =>
      vscode.window.createWebviewPanel('flighthub.trajectory', 'restored', vscode.ViewColumn.Active, {
        enableScripts: true,
      });
    const taskRef = { uuid: task.uuid, name: task.name };
    const restored = await api.panels.revive('flighthub.trajectory', panel(), { task: taskRef, binding });
    assert.ok(restored);
    const shown = await settled(restored, ['trajectory', 'failed']);
    assert.equal(shown.type, 'trajectory', `the panel shows: ${shown.message}`);
    restored.panel.dispose();

    const orphan = await api.panels.revive('flighthub.trajectory', panel(), {
      task: taskRef,
      binding: { ...binding, connectionId: 'removed-long-ago', connectionName: 'Old org' },
    });
    assert.ok(orphan);
    const failed = await settled(orphan, ['trajectory', 'failed']);
    assert.equal(failed.type, 'failed');
    assert.match(String(failed.message), /connection "Old org", which was removed/);
    orphan.panel.dispose();

    const broken = panel();
    let closed = false;
    broken.onDidDispose(() => (closed = true));
    assert.equal(await api.panels.revive('flighthub.trajectory', broken, { task: taskRef }), undefined);
    assert.ok(closed, 'a state without its connection and project closes the panel');
  });
});
