import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { TreeNode } from '../../../../src/ui/tree/nodes';
import { children, connectSimulator, extensionApi } from '../../api';

/** A real w×h grey PNG (signature, IHDR, IDAT, IEND), distinct per `shade`. */
function png(w: number, h: number, shade: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((w + 1) * h, shade);
  for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The reconstructions under "Open modeling", read from the view's current roots. */
async function openEntries(api: TestApi): Promise<TreeNode[]> {
  const group = (await children(api.views.models)).find((n) => n.id === 'models:openModeling');
  assert.ok(group, 'the Models view has its open-modeling group');
  return children(api.views.models, group);
}

async function folderWith(files: Record<string, Buffer | string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fh-photos-'));
  for (const [name, data] of Object.entries(files)) await writeFile(path.join(dir, name), data);
  return dir;
}

describe('open modeling from a photo folder', () => {
  let api: TestApi;
  let confirmations: string[];
  let answer: boolean;

  before(async () => {
    api = await extensionApi();
    await connectSimulator(api);
  });

  beforeEach(() => {
    confirmations = [];
    answer = true;
    api.setSafetyPrompt((message) => {
      confirmations.push(message);
      return Promise.resolve(answer);
    });
  });

  after(() => api.setSafetyPrompt(undefined));

  it('uploads the photos, starts a reconstruction, then stops and deletes it after confirmation', async () => {
    const photos = {
      'DJI_0001.png': png(16, 16, 10),
      'DJI_0002.png': png(16, 16, 90),
      'DJI_0003.png': png(24, 16, 170),
      'DJI_0004.png': png(16, 24, 250),
    };
    const folder = await folderWith({ ...photos, 'flight-notes.txt': 'not a photo' });
    const result = await vscode.commands.executeCommand<
      { resourceUuid: string; models: { uuid: string; type: string }[] } | undefined
    >('flighthub.reconstructFromPhotos', { folder, modelName: 'IT harbour photos', kinds: ['3d'] });
    assert.ok(result, String(api.lastCommandError()));

    // The simulator declared the resource only after finding each object in its storage.
    const client = await api.services.session.projectApi();
    const resource = await client.openModel.resource(result.resourceUuid);
    assert.deepEqual([...(resource.file_names ?? [])].sort(), Object.keys(photos));
    const bytes = Object.values(photos).reduce((sum, b) => sum + b.length, 0);
    assert.equal(resource.resource_size, bytes);

    const [started] = result.models;
    assert.ok(started);
    assert.equal(started.type, 'model_3d');
    const entry = (await openEntries(api)).find((n) => n.id === `openModel:${started.uuid}`);
    assert.ok(entry, 'the Models view lists the new reconstruction');
    const item = api.views.models.getTreeItem(entry);
    assert.equal(item.contextValue, 'openModel.requesting');
    assert.match(
      typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      /IT harbour photos/,
    );

    answer = false;
    assert.equal(
      await vscode.commands.executeCommand('flighthub.stopOpenModel', { uuid: started.uuid }),
      undefined,
    );
    assert.match(confirmations[0] ?? '', /Stop reconstructing "IT harbour photos \(3D\)"/);
    assert.equal((await client.openModel.model(started.uuid)).model_status, 12, 'declined: still running');

    answer = true;
    assert.equal(
      await vscode.commands.executeCommand('flighthub.stopOpenModel', { uuid: started.uuid }),
      true,
    );
    assert.equal((await client.openModel.model(started.uuid)).model_status, 16);
    const stopped = (await openEntries(api)).find((n) => n.id === `openModel:${started.uuid}`);
    assert.ok(stopped);
    assert.equal(api.views.models.getTreeItem(stopped).contextValue, 'openModel.cancelled');

    assert.equal(
      await vscode.commands.executeCommand('flighthub.deleteOpenResource', { uuid: started.uuid }),
      true,
    );
    assert.match(confirmations.at(-1) ?? '', /Delete the 4 uploaded photos/);
    assert.equal((await client.openModel.resource(result.resourceUuid)).status, 3);

    assert.equal(
      await vscode.commands.executeCommand('flighthub.deleteOpenModel', { uuid: started.uuid }),
      true,
    );
    assert.match(confirmations.at(-1) ?? '', /Delete the model "IT harbour photos \(3D\)"/);
    await assert.rejects(
      client.openModel.model(started.uuid),
      // The extension's error classes come from its bundle, not from this test's copy of src.
      (e: unknown) => (e as { businessCode?: number }).businessCode === 200404,
    );
    const after = await openEntries(api);
    assert.ok(!after.some((n) => n.id === `openModel:${started.uuid}`));
  });

  it('refuses folders without enough real photos, with a clear error', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'fh-photos-'));
    await mkdir(path.join(empty, 'nested'));
    const cases: [string, RegExp][] = [
      [empty, /has no files to reconstruct from/],
      [
        await folderWith({ 'a.txt': 'x', 'b.mp4': 'y' }),
        /has no photos: open modeling takes JPEG, PNG or TIFF/,
      ],
      [
        await folderWith({ 'a.png': png(8, 8, 1), 'b.jpg': 'text, not a JPEG', 'c.png': png(8, 8, 3) }),
        /named like photos but are not JPEG, PNG or TIFF images: b\.jpg/,
      ],
      [await folderWith({ 'a.png': png(8, 8, 1), 'b.png': png(8, 8, 2) }), /only 2 photos; .* at least 3/],
      [path.join(empty, 'missing'), /is not a folder/],
    ];
    for (const [folder, message] of cases) {
      const before = api.commandFailures.length;
      const result = await vscode.commands.executeCommand('flighthub.reconstructFromPhotos', {
        folder,
        modelName: 'IT bad',
        kinds: ['3d'],
      });
      assert.equal(result, undefined, folder);
      assert.equal(api.commandFailures.length, before + 1, `no failure for ${folder}`);
      assert.match(String(api.lastCommandError()), message);
    }
    assert.ok((await stat(empty)).isDirectory());
  });
});
