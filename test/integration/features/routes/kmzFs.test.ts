import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KmzContents } from '../../../../src/features/routes/kmz';
import { DIAGNOSTIC_SOURCE } from '../../../../src/features/routes/diagnostics';
import { KMZ_SCHEME } from '../../../../src/routes/kmzArchive';
import { readZip, writeZip } from '../../../../src/routes/zip/zip';
import { generateRouteKmz, planPatrolRoute } from '../../../../src/simulator/routegen';
import { eventually, extensionApi } from '../../api';

const TEMPLATE = 'wpmz/template.kml';
const WAYLINES = 'wpmz/waylines.wpml';

/** The URI the provider serves for `entry` of the .kmz at `source` (the scheme documented in kmzArchive.ts). */
const inner = (source: vscode.Uri, entry = '') =>
  vscode.Uri.from({
    scheme: KMZ_SCHEME,
    path: `/${source.path.slice(source.path.lastIndexOf('/') + 1)}${entry ? `/${entry}` : ''}`,
    query: source.toString(),
  });

function route(name: string): Buffer {
  return generateRouteKmz({
    name,
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 3, 12),
  });
}

const entryText = (kmz: Buffer, name: string) => {
  const entry = readZip(kmz).find((e) => e.name === name);
  assert.ok(entry, `no ${name}`);
  return entry.data().toString('utf8');
};

describe('KMZ contents as a read-only file system', () => {
  let dir: vscode.Uri;
  let kmz: vscode.Uri;
  const original = route('Browse');

  before(async () => {
    await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens a workspace folder');
    // A space and Chinese in the path: the source travels in the query, whole.
    dir = vscode.Uri.joinPath(folder.uri, `kmz fs ${Date.now()}`, '航线');
    kmz = vscode.Uri.joinPath(dir, 'patrol route.kmz');
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(kmz, original);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, '..'), { recursive: true, useTrash: false });
  });

  it('lists the root and nested folders, stats and reads entries', async () => {
    assert.deepEqual(await vscode.workspace.fs.readDirectory(inner(kmz)), [
      ['wpmz', vscode.FileType.Directory],
    ]);
    assert.deepEqual((await vscode.workspace.fs.readDirectory(inner(kmz, 'wpmz'))).sort(), [
      ['template.kml', vscode.FileType.File],
      ['waylines.wpml', vscode.FileType.File],
    ]);
    const bytes = await vscode.workspace.fs.readFile(inner(kmz, TEMPLATE));
    assert.equal(Buffer.from(bytes).toString('utf8'), entryText(original, TEMPLATE));
    const stat = await vscode.workspace.fs.stat(inner(kmz, TEMPLATE));
    assert.equal(stat.type, vscode.FileType.File);
    assert.equal(stat.size, bytes.length);
    assert.equal(stat.permissions, vscode.FilePermission.Readonly);
    assert.equal((await vscode.workspace.fs.stat(inner(kmz))).type, vscode.FileType.Directory);
    await assert.rejects(async () => vscode.workspace.fs.stat(inner(kmz, 'wpmz/nothing.kml')), /NotFound/);
  });

  it('refuses every write with NoPermissions', async () => {
    await assert.rejects(
      async () => vscode.workspace.fs.writeFile(inner(kmz, TEMPLATE), Buffer.from('<kml/>')),
      (error: unknown) => error instanceof vscode.FileSystemError && /NoPermissions/.test(error.code),
    );
    await assert.rejects(
      async () => vscode.workspace.fs.delete(inner(kmz, TEMPLATE)),
      (error: unknown) => error instanceof vscode.FileSystemError && /NoPermissions/.test(error.code),
    );
  });

  it('gives the safe reader’s reason for an unsafe archive, and no content', async () => {
    const bad = vscode.Uri.joinPath(dir, 'bomb.kmz');
    await vscode.workspace.fs.writeFile(
      bad,
      writeZip([{ name: TEMPLATE, data: Buffer.alloc(4 * 1024 * 1024, 0x20) }]),
    );
    await assert.rejects(async () => vscode.workspace.fs.readDirectory(inner(bad)), /bomb\.kmz.*zip bomb/);
    await assert.rejects(async () => vscode.workspace.fs.readFile(inner(bad, TEMPLATE)), /zip bomb/);
  });

  it('opens template.kml and waylines.wpml as read-only XML documents', async () => {
    const result = await vscode.commands.executeCommand<KmzContents | undefined>(
      'flighthub.openKmzContents',
      kmz,
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(result, 'the command succeeded');
    assert.deepEqual(
      result.opened.map((u) => u.toString()),
      [inner(kmz, TEMPLATE).toString(), inner(kmz, WAYLINES).toString()],
    );
    for (const uri of result.opened) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.ok(doc, `${uri.path} is open`);
      assert.equal(doc.languageId, 'xml');
    }
    const waylines = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/waylines.wpml'));
    assert.equal(waylines?.getText(), entryText(original, WAYLINES));
    assert.ok(
      vscode.window.tabGroups.all.some((g) =>
        g.tabs.some(
          (t) =>
            t.input instanceof vscode.TabInputText && t.input.uri.toString() === result.opened[0]?.toString(),
        ),
      ),
      'template.kml has a tab',
    );
  });

  it('announces a change of the .kmz on disk, and open documents show the new content', async () => {
    const doc = await vscode.workspace.openTextDocument(inner(kmz, TEMPLATE));
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(inner(kmz), '**'));
    const changed: string[] = [];
    const subscription = watcher.onDidChange((uri) => changed.push(uri.path));
    try {
      const edited = writeZip([
        {
          name: TEMPLATE,
          data: Buffer.from(entryText(original, TEMPLATE).replace('<Document>', '<Document><!-- v2 -->')),
        },
        { name: WAYLINES, data: Buffer.from(entryText(original, WAYLINES)) },
        { name: 'wpmz/res/note.txt', data: Buffer.from('new') },
      ]);
      await vscode.workspace.fs.writeFile(kmz, edited);
      await eventually(() => doc.getText().includes('<!-- v2 -->'));
      await eventually(() => changed.some((p) => p.endsWith(`/${TEMPLATE}`)));
      const res = await vscode.workspace.fs.readFile(inner(kmz, 'wpmz/res/note.txt'));
      assert.equal(Buffer.from(res).toString(), 'new');
    } finally {
      subscription.dispose();
      watcher.dispose();
    }
  });

  it('links a KMZ finding to its line inside the entry', async () => {
    const waylines = entryText(original, WAYLINES);
    const broken = waylines.replace(/<wpml:finishAction>\w+</, '<wpml:finishAction>flyAway<');
    assert.notEqual(broken, waylines, 'the generated route has a finishAction to break');
    // In a folder of its own, created now: code-server's workspace watcher now and then stops reporting
    // changes in a folder it already knows (seen in 1 of 11 runs before this test did so), while a new
    // folder is scanned, and its files reported, when it appears.
    const own = vscode.Uri.joinPath(dir, '..', `finding ${Date.now()}`);
    await vscode.workspace.fs.createDirectory(own);
    const bad = vscode.Uri.joinPath(own, 'fly away.kmz');
    await vscode.workspace.fs.writeFile(
      bad,
      writeZip([
        { name: TEMPLATE, data: Buffer.from(entryText(original, TEMPLATE)) },
        { name: WAYLINES, data: Buffer.from(broken) },
      ]),
    );
    const finding = await eventually(() =>
      vscode.languages
        .getDiagnostics(bad)
        .find((d) => d.source === DIAGNOSTIC_SOURCE && d.code === 'wpml.mission.finish_action.invalid'),
    ).catch((error: unknown) => {
      const seen = vscode.languages.getDiagnostics(bad).map((d) => [d.source, d.code, d.message]);
      throw new Error(`${String(error)}; diagnostics on the .kmz: ${JSON.stringify(seen)}`);
    });
    assert.deepEqual([finding.range.start.line, finding.range.start.character], [0, 0], 'stays on the .kmz');
    const link = finding.relatedInformation?.[0]?.location;
    assert.ok(link, 'the finding links into the archive');
    assert.equal(link.uri.toString(), inner(bad, WAYLINES).toString());
    const doc = await vscode.workspace.openTextDocument(link.uri);
    assert.match(
      doc.lineAt(link.range.start.line).text.slice(link.range.start.character),
      /^<wpml:finishAction>flyAway/,
    );
  });
});
