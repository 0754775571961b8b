import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from '../../../../src/features/routes/diagnostics';
import { readZip, writeZip } from '../../../../src/routes/zip/zip';
import { generateRouteKmz, planPatrolRoute } from '../../../../src/simulator/routegen';
import { eventually, extensionApi } from '../../api';

const TEMPLATE = 'wpmz/template.kml';
const WAYLINES = 'wpmz/waylines.wpml';

/** A valid route from the simulator's generator, as the text of its two files. */
function validRoute(): { template: string; waylines: string } {
  const kmz = generateRouteKmz({
    name: 'Diagnostics',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 3, 12),
  });
  const text = (name: string) => {
    const entry = readZip(kmz).find((e) => e.name === name);
    assert.ok(entry, `generateRouteKmz wrote no ${name}`);
    return entry.data().toString('utf8');
  };
  return { template: text(TEMPLATE), waylines: text(WAYLINES) };
}

const flyAway = (xml: string): string => {
  const broken = xml.replace(/<wpml:finishAction>\w+</, '<wpml:finishAction>flyAway<');
  assert.notEqual(broken, xml, 'the generated route has a finishAction to break');
  return broken;
};

/** 0-based line of the first line containing `needle`, as VS Code counts. */
const lineOf = (xml: string, needle: string): number => {
  const line = xml.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `no ${needle}`);
  return line;
};

/** Ours only: other extensions (an XML language server, say) may report on the same files. */
const ours = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);

const codes = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();

/** Waits for our diagnostics on `uri` to satisfy `check`; the last ones seen go into the failure. */
async function diagnosticsOn(
  uri: vscode.Uri,
  check: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    return await eventually(() => {
      last = ours(uri);
      return check(last) && last;
    });
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} on ${uri.path}: ${JSON.stringify(last.map((d) => [d.code, d.message]))}`,
    );
  }
}

describe('route findings in the Problems panel', () => {
  const route = validRoute();
  let root: vscode.Uri;
  const write = (uri: vscode.Uri, text: string | Buffer) =>
    vscode.workspace.fs.writeFile(uri, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  const kmzOf = (entries: Record<string, string>) =>
    writeZip(Object.entries(entries).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));

  let api: TestApi;

  before(async () => {
    api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens a workspace folder');
    root = vscode.Uri.joinPath(folder.uri, `route-diagnostics-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(root);
  });

  after(async () => {
    await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false });
  });

  it('speaks Chinese to a Chinese VS Code, and maps 1-based findings to 0-based positions', () => {
    const finding = {
      rule: 'wpml.mission.finish_action.invalid',
      severity: 'warning',
      message: { en: 'English', zh: '中文' },
      file: WAYLINES,
      line: 7,
      column: 7,
    } as const;
    const zh = toDiagnostic(finding, false, 'zh-cn');
    assert.deepEqual(
      [zh.message, zh.range.start.line, zh.range.start.character, zh.severity, zh.source, zh.code],
      ['中文', 6, 6, vscode.DiagnosticSeverity.Warning, DIAGNOSTIC_SOURCE, finding.rule],
    );
    const en = toDiagnostic(finding, true, 'en');
    assert.deepEqual([en.message, en.range.start.line], [`${WAYLINES}:7:7 — English`, 0]);
  });

  it('reports a broken unzipped route on the real file and line, and clears it when the folder goes', async () => {
    const dir = vscode.Uri.joinPath(root, 'bad-route');
    const template = vscode.Uri.joinPath(dir, TEMPLATE);
    const waylines = vscode.Uri.joinPath(dir, WAYLINES);
    const broken = flyAway(route.waylines);
    await write(template, route.template);
    await write(waylines, broken);

    const found = await diagnosticsOn(waylines, (d) => d.length > 0);
    assert.deepEqual(codes(found), ['wpml.consistency.mission', 'wpml.mission.finish_action.invalid']);
    const invalid = found.find((d) => d.code === 'wpml.mission.finish_action.invalid');
    assert.ok(invalid);
    assert.equal(invalid.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(invalid.range.start.line, lineOf(broken, '<wpml:finishAction>'));
    assert.equal(invalid.range.start.character, broken.split('\n')[invalid.range.start.line]?.indexOf('<'));
    assert.match(invalid.message, /flyAway/);
    assert.equal(
      found.find((d) => d.code === 'wpml.consistency.mission')?.severity,
      vscode.DiagnosticSeverity.Warning,
    );
    assert.deepEqual(ours(template), [], 'the template is fine');

    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    await diagnosticsOn(waylines, (d) => d.length === 0);
  });

  it('follows unsaved edits of an open route file, and clears when the file is fixed', async () => {
    const dir = vscode.Uri.joinPath(root, 'edited-route');
    const template = vscode.Uri.joinPath(dir, TEMPLATE);
    const waylines = vscode.Uri.joinPath(dir, WAYLINES);
    await write(template, route.template);
    await write(waylines, route.waylines);

    const doc = await vscode.workspace.openTextDocument(template);
    const line = lineOf(route.template, '<wpml:finishAction>');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const replaceAll = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(template, whole, text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await replaceAll(flyAway(route.template));
    assert.ok(doc.isDirty, 'the break is in memory only');
    const found = await diagnosticsOn(template, (d) => d.length > 0);
    assert.deepEqual(codes(found), ['wpml.mission.finish_action.invalid']);
    assert.equal(found[0]?.range.start.line, line);
    // The other half of the mismatch is reported on the file that was not edited.
    assert.deepEqual(codes(await diagnosticsOn(waylines, (d) => d.length > 0)), ['wpml.consistency.mission']);

    await replaceAll(route.template);
    assert.ok(await doc.save());
    await diagnosticsOn(template, (d) => d.length === 0);
    await diagnosticsOn(waylines, (d) => d.length === 0);
  });

  it('reports a KMZ with waylines.kml at 0:0 with the entry in the message, and clears it when fixed or deleted', async () => {
    const valid = vscode.Uri.joinPath(root, 'valid.kmz');
    const bad = vscode.Uri.joinPath(root, 'misnamed.kmz');
    await write(valid, kmzOf({ [TEMPLATE]: route.template, [WAYLINES]: route.waylines }));
    await write(bad, kmzOf({ [TEMPLATE]: route.template, 'wpmz/waylines.kml': route.waylines }));

    const found = await diagnosticsOn(bad, (d) => d.length > 0);
    assert.deepEqual(codes(found), ['kmz.waylines_kml', 'route.checks_skipped']);
    const misnamed = found.find((d) => d.code === 'kmz.waylines_kml');
    assert.ok(misnamed);
    assert.deepEqual(
      [misnamed.range.start.line, misnamed.range.start.character, misnamed.severity],
      [0, 0, vscode.DiagnosticSeverity.Error],
    );
    assert.match(misnamed.message, /^wpmz\/waylines\.kml:1:1 — The route has wpmz\/waylines\.kml/);
    assert.equal(
      found.find((d) => d.code === 'route.checks_skipped')?.severity,
      vscode.DiagnosticSeverity.Information,
    );
    // A check publishes an entry for every target, an empty one for a valid route: that entry, not a
    // pause, shows the valid route was checked.
    await eventually(() => api.routeDiagnostics.collection.has(valid)).catch(() => {
      throw new Error(`${valid.path} was never checked`);
    });
    assert.deepEqual(ours(valid), [], 'a valid route has no diagnostics');

    await write(bad, kmzOf({ [TEMPLATE]: route.template, [WAYLINES]: flyAway(route.waylines) }));
    const refound = await diagnosticsOn(bad, (d) => !d.some((x) => x.code === 'kmz.waylines_kml'));
    assert.deepEqual(codes(refound), ['wpml.consistency.mission', 'wpml.mission.finish_action.invalid']);
    const line = lineOf(route.waylines, '<wpml:finishAction>') + 1;
    assert.match(
      refound.find((d) => d.code === 'wpml.mission.finish_action.invalid')?.message ?? '',
      new RegExp(`^wpmz/waylines\\.wpml:${line}:\\d+ — `),
    );

    await write(bad, kmzOf({ [TEMPLATE]: route.template, [WAYLINES]: route.waylines }));
    await diagnosticsOn(bad, (d) => d.length === 0);

    await write(bad, kmzOf({ [TEMPLATE]: route.template, 'wpmz/waylines.kml': route.waylines }));
    await diagnosticsOn(bad, (d) => d.length > 0);
    await vscode.workspace.fs.delete(bad, { useTrash: false });
    await diagnosticsOn(bad, (d) => d.length === 0);
  });
});
