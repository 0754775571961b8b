// The task media gallery in a real VS Code: the command opens the panel for a task with media and its
// page completes the ready handshake; Download Task Media with a folder argument (no dialog) writes
// complete files.
import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { DownloadReport } from '../../../../src/features/media/download';
import type { Simulator } from '../../../../src/simulator/simulator';
import { connectSimulator, eventually, extensionApi, PAGE_LOAD_MS } from '../../api';

describe('task media gallery', function () {
  // Each 10,000-item media list costs the in-process simulator seconds of URL signing (×3 on a busy machine).
  this.timeout(120_000);
  let api: TestApi;
  let sim: Simulator;
  let task: { uuid: string; name: string };
  let folder: string;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    const big = sim.world.describe().tasks.bigMedia;
    assert.ok(big, 'the simulator has a task with media');
    assert.equal(api.services.session.project?.uuid, big.projectUuid);
    task = big;
    folder = await mkdtemp(join(tmpdir(), 'fh2-it-media-'));
  });

  after(async () => {
    for (const host of api.panels.open()) if (host.viewType === 'flighthub.gallery') host.panel.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('opens the gallery panel for a task with media and the page says ready', async () => {
    const result = await vscode.commands.executeCommand<{ taskUuid: string; count: number }>(
      'flighthub.openTaskMedia',
      { uuid: task.uuid },
    );
    assert.ok(result, `openTaskMedia failed: ${String(api.lastCommandError())}`);
    assert.equal(result.count, sim.world.describe().tasks.bigMediaCount);
    const host = await eventually(
      () => api.panels.open().find((h) => h.viewType === 'flighthub.gallery' && h.ready),
      PAGE_LOAD_MS,
    );
    assert.equal(host.panel.title, `Media: ${task.name}`);
    // Opening it again reveals the same panel with a fresh list.
    const again = await vscode.commands.executeCommand<{ count: number }>('flighthub.openTaskMedia', {
      uuid: task.uuid,
    });
    assert.equal(again?.count, result.count);
    assert.equal(api.panels.open().filter((h) => h.viewType === 'flighthub.gallery').length, 1);
  });

  it('a page message the protocol does not allow is dropped; a valid one is handled', async () => {
    const host = await eventually(
      () => api.panels.open().find((h) => h.viewType === 'flighthub.gallery' && h.ready),
      20_000,
    );
    const before = host.lastPosted;
    await host.send({ type: 'download', uuids: 'not a list' });
    await host.send({ type: 'drop tables' });
    assert.equal(host.lastPosted, before, 'a rejected message reached the panel');
    await host.send({ type: 'refresh' });
    assert.notEqual(host.lastPosted, before, 'a refresh posts the list again');
    assert.equal(host.lastPosted?.type, 'media');
  });

  it('a gallery restored from state it cannot use says so in the panel', async () => {
    const panel = vscode.window.createWebviewPanel(
      'flighthub.gallery',
      'restored',
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
      },
    );
    const restored = await api.panels.revive('flighthub.gallery', panel, { task: { uuid: 42 } });
    assert.ok(restored, 'the panel stays open to say why it is empty');
    const shown: { type: string; message?: string } | undefined = restored.lastPosted;
    assert.equal(shown?.type, 'error');
    assert.match(String(shown?.message), /cannot be restored/);
    panel.dispose();
  });

  it('downloads a few media into a folder given as an argument', async () => {
    const project = await api.services.session.projectApi();
    const list = (await project.tasks.media(task.uuid)).list;
    const picked = [list[0], list[1], list.find((m) => m.file_type === 'video')].filter(
      (m) => m !== undefined,
    );
    assert.equal(picked.length, 3);
    const report = await vscode.commands.executeCommand<DownloadReport>(
      'flighthub.downloadTaskMedia',
      { uuid: task.uuid },
      vscode.Uri.file(folder),
      { uuids: picked.map((m) => m.uuid) },
    );
    assert.ok(report, `downloadTaskMedia failed: ${String(api.lastCommandError())}`);
    assert.deepEqual(report.failed, []);
    assert.equal(report.saved.length, 3);
    const names = (await readdir(folder)).sort();
    assert.deepEqual(names, [...report.saved].sort());
    for (const m of picked) {
      const file = names.find((n) => n.startsWith(m.name));
      assert.ok(file, `${m.name} is on disk`);
      assert.equal((await stat(join(folder, file))).size, m.size);
    }
  });
});
