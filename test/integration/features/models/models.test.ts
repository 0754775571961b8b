import * as assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import { MODEL_BUILD_MS } from '../../../../src/simulator/world/models';
import type { TreeNode } from '../../../../src/ui/tree/nodes';
import { children, connectSimulator, eventually, extensionApi, mainDockWithRoute } from '../../api';

/** The view's node for `id` (`model:<n>`), with the tree item VS Code would draw. */
async function modelItem(api: TestApi, id: string): Promise<vscode.TreeItem | undefined> {
  const node = (await children(api.views.models)).find((n) => n.id === id);
  return node ? api.views.models.getTreeItem(node) : undefined;
}

describe('Models view', () => {
  let api: TestApi;
  let sim: Simulator;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
  });

  it('lists the simulator models of the active project, with status and an open-modeling group', async () => {
    const client = await api.services.session.projectApi();
    const expected = (await client.models.list()).list.map((m) => `model:${m.id}`);
    assert.ok(expected.length >= 2, 'the simulator seeds two models per project');
    const nodes: TreeNode[] = await children(api.views.models);
    const ids = nodes.map((n) => n.id);
    for (const id of expected) assert.ok(ids.includes(id), `${id} not in ${ids.join(', ')}`);
    const first = await modelItem(api, expected[0] ?? '');
    assert.equal(first?.contextValue, 'model.ready');
    assert.match(String(first?.description), /ready/);
    assert.equal(ids.at(-1), 'models:openModeling');
  });

  it('starts a reconstruction from a finished task, follows it while visible, then downloads the file', async () => {
    const { dockSn } = mainDockWithRoute(api, sim);
    const client = await api.services.session.projectApi();
    const now = Math.floor(sim.clock.now() / 1000);
    const { list } = await client.tasks.list({ sn: dockSn, begin_at: now - 7 * 86_400, end_at: now });
    const done = list.find((t) => t.status === 'success' && t.folder_id);
    assert.ok(done, `no finished task among ${list.map((t) => t.status).join(', ')}`);

    const created = await vscode.commands.executeCommand<{ id: number } | undefined>(
      'flighthub.createModelFromTask',
      { uuid: done.uuid, modelName: 'IT reconstruction', kinds: ['model_3d'] },
    );
    assert.ok(created?.id, String(api.lastCommandError()));
    const id = `model:${created.id}`;
    assert.equal((await modelItem(api, id))?.contextValue, 'model.building');

    const dir = await mkdtemp(path.join(tmpdir(), 'fh-model-'));
    const early = await vscode.commands.executeCommand('flighthub.downloadModel', {
      id: created.id,
      path: path.join(dir, 'early.obj'),
    });
    assert.equal(early, undefined);
    assert.match(String(api.lastCommandError()), /still being reconstructed/);

    // From here on nobody refreshes the view: its polling must notice the model is built.
    await vscode.commands.executeCommand('flighthub.models.focus');
    await eventually(() => api.views.modelsView.visible);
    sim.clock.advance(MODEL_BUILD_MS + 1000);
    await eventually(async () => (await modelItem(api, id))?.contextValue === 'model.ready', 30_000);

    const file = path.join(dir, 'IT reconstruction.obj');
    const saved = await vscode.commands.executeCommand<string | undefined>('flighthub.downloadModel', {
      id: created.id,
      path: file,
    });
    assert.equal(saved, file, String(api.lastCommandError()));
    assert.match(await readFile(file, 'utf8'), /^# FlightHub 2 simulator model\n/);
  });
});
