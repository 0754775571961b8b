// Open modeling's upload against the simulator: its object store checks SigV4 with the session token
// of obtain_token, and the upload callback declares only objects it finds in the store.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../../../src/api/projectApi';
import { storeKey } from '../../../../src/features/models/modelState';
import { uploadPhotos, type PhotoFile } from '../../../../src/features/models/photoUpload';
import { SIM_BUCKET } from '../../../../src/simulator/simulator';
import { firstProject, withSimulator, type SimSetup } from '../../../helpers/sim';

let s: SimSetup;
let api: ProjectApi;
let dataDir: string;
let folder: string;
const photos: PhotoFile[] = [];

after(async () => {
  await s?.close();
  for (const dir of [dataDir, folder]) if (dir) await rm(dir, { recursive: true, force: true });
});
before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fh2-photo-store-'));
  folder = await mkdtemp(join(tmpdir(), 'fh2-photos-'));
  s = await withSimulator({ seed: 'photo-upload', dataDir });
  api = firstProject(s).api;
  for (let i = 1; i <= 5; i++) {
    const name = i === 5 ? 'Pier photo 5.jpg' : `DJI_000${i}.JPG`;
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20_000 + i * 1000)]);
    await writeFile(join(folder, name), data);
    photos.push({ name, size: data.length });
  }
});

/** The API with the token and the callbacks recorded. */
function spied() {
  const seen = { storePath: '', callbacks: 0 };
  const openModel = {
    obtainToken: async (signal?: AbortSignal) => {
      const token = await api.openModel.obtainToken(signal);
      seen.storePath = token.store_path;
      return token;
    },
    uploadCallback: (...args: Parameters<ProjectApi['openModel']['uploadCallback']>) => {
      seen.callbacks++;
      return api.openModel.uploadCallback(...args);
    },
  };
  return { api: { openModel } as unknown as ProjectApi, seen };
}

describe('open-modeling photo upload', () => {
  it('puts every photo under store_path and declares them as one resource', async () => {
    const { api: spy, seen } = spied();
    const progress: number[] = [];
    const out = await uploadPhotos({
      api: spy,
      folder,
      photos,
      resourceName: 'Pier',
      onProgress: (_sent, _total, done) => progress.push(done),
    });
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
    assert.equal(seen.callbacks, 1);
    const resource = await api.openModel.resource(out.resourceUuid);
    const names = ['DJI_0001.JPG', 'DJI_0002.JPG', 'DJI_0003.JPG', 'DJI_0004.JPG', 'photo-0005.jpg'];
    assert.deepEqual([...(resource.file_names ?? [])].sort(), names);
    assert.equal(
      resource.resource_size,
      photos.reduce((sum, p) => sum + p.size, 0),
    );
    for (const [i, name] of names.entries()) {
      const size = await s.sim.storage.readObject(SIM_BUCKET, storeKey(seen.storePath, name), (o) => o.size);
      assert.equal(size, photos[i]?.size, name);
    }
  });

  it('removes what it put and declares nothing when cancelled', async () => {
    const { api: spy, seen } = spied();
    const abort = new AbortController();
    await assert.rejects(
      uploadPhotos({
        api: spy,
        folder,
        photos,
        resourceName: 'Cancelled',
        signal: abort.signal,
        onProgress: () => abort.abort(),
      }),
    );
    assert.equal(seen.callbacks, 0);
    assert.ok(seen.storePath);
    for (const name of ['DJI_0001.JPG', 'DJI_0002.JPG', 'DJI_0003.JPG', 'DJI_0004.JPG', 'photo-0005.jpg'])
      assert.equal(await s.sim.storage.hasObject(SIM_BUCKET, storeKey(seen.storePath, name)), false, name);
  });

  it('stops the other photos, removes what it put and declares nothing when one photo fails', async () => {
    const { api: spy, seen } = spied();
    const list = [...photos.slice(0, 2), { name: 'vanished.jpg', size: 10 }, ...photos.slice(2)];
    await assert.rejects(
      uploadPhotos({ api: spy, folder, photos: list, resourceName: 'Broken' }),
      (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
    );
    assert.equal(seen.callbacks, 0);
    const names = [
      'DJI_0001.JPG',
      'DJI_0002.JPG',
      'vanished.jpg',
      'DJI_0003.JPG',
      'DJI_0004.JPG',
      'photo-0006.jpg',
    ];
    for (const name of names)
      assert.equal(await s.sim.storage.hasObject(SIM_BUCKET, storeKey(seen.storePath, name)), false, name);
  });
});
