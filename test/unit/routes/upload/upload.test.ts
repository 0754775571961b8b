// The route upload flow end to end against the simulator: its object store checks SigV4 with session
// tokens, takes multipart parts of 64 KiB, and lets STS credentials write only under the project prefix.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../../../src/api/projectApi';
import {
  kmzFromFolder,
  objectFileName,
  RouteNameClashError,
  RouteValidationError,
  UploadError,
  uploadRoute,
} from '../../../../src/routes/upload/upload';
import { s3Settings } from '../../../../src/routes/upload/uploadS3';
import { validateKmz } from '../../../../src/routes/wpml/validate';
import { readZip, writeZip } from '../../../../src/routes/zip/zip';
import { shortRouteKmz } from '../../../helpers/routes';
import { firstProject, withSimulator, type SimSetup } from '../../../helpers/sim';

const PART = 64 * 1024;
let s: SimSetup;
let api: ProjectApi;
let dataDir: string;

after(async () => {
  await s?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fh2-upload-test-'));
  s = await withSimulator({ seed: 'upload-flow', minPartSize: PART, dataDir });
  api = firstProject(s).api;
});

let counter = 0;
/** A valid route; `padBytes` adds an incompressible `wpmz/res/` entry so the KMZ needs several parts. */
const routeKmz = (padBytes = 0): Buffer => shortRouteKmz(`Route ${++counter}`, { padBytes });

/** Every object key under the project's prefix, listed with fresh STS credentials through the SDK. */
async function storedKeys(): Promise<string[]> {
  const sts = await api.stsToken();
  const s3 = new S3Client({
    ...s3Settings(sts),
    credentials: {
      accessKeyId: sts.credentials.access_key_id,
      secretAccessKey: sts.credentials.access_key_secret,
      sessionToken: sts.credentials.security_token,
    },
  });
  try {
    const out = await s3.send(
      new ListObjectsV2Command({ Bucket: sts.bucket, Prefix: `${sts.object_key_prefix}/` }),
    );
    return (out.Contents ?? []).map((o) => o.Key ?? '').sort();
  } finally {
    s3.destroy();
  }
}

async function routeCount(): Promise<number> {
  return ((await api.waylines.list()).list ?? []).length;
}

async function partFiles(): Promise<string[]> {
  return readdir(join(dataDir, 'parts')).catch(() => []);
}

function uniqueName(label: string): string {
  return `${label} ${randomBytes(3).toString('hex')}`;
}

describe('uploadRoute', () => {
  it('uploads a valid route with one PUT and registers it with the derived metadata', async () => {
    const kmz = routeKmz();
    const name = uniqueName('Patrol / north');
    const progress: number[] = [];
    const result = await uploadRoute({ api, name, kmz, onProgress: (sent) => progress.push(sent) });
    const sts = await api.stsToken();
    assert.ok(result.objectKey.startsWith(`${sts.object_key_prefix}/`));
    assert.ok(result.objectKey.endsWith(`/${objectFileName(name)}`));
    assert.equal(result.name, name);
    const route = (await api.waylines.list()).list?.find((r) => r.id === result.uuid);
    assert.equal(route?.name, name);
    assert.equal(route?.device_model_key, '0-91-1');
    assert.equal(route?.size, kmz.length);
    assert.equal(progress.at(-1), kmz.length);
    // A single PUT reports once, when it has landed (multipart reports once per part).
    assert.equal(progress.length, 1, `progress events: ${progress.length}`);
    assert.ok((await storedKeys()).includes(result.objectKey));
  });

  it('uploads a large route in parts, reporting progress up to the total', async () => {
    const kmz = routeKmz(300 * 1024);
    assert.equal(
      validateKmz(kmz).filter((f) => f.severity === 'error').length,
      0,
      'the padded KMZ is still valid',
    );
    const progress: Array<[number, number]> = [];
    const result = await uploadRoute({
      api,
      name: uniqueName('Big'),
      kmz,
      partSize: PART,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    const detail = await api.waylines.detail(result.uuid);
    assert.equal(detail.size, kmz.length);
    assert.equal(detail.wayline_point_nums, 3);
    // One event per 64 KiB part (5 of them) plus the final one: it really went multipart.
    assert.ok(progress.length >= 5, `progress events: ${progress.length}`);
    assert.deepEqual(progress.at(-1), [kmz.length, kmz.length]);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]![0] >= progress[i - 1]![0]);
    assert.deepEqual(await partFiles(), []);
  });

  it('sends a part again after a transient store failure (503 SlowDown) and completes', async () => {
    const storage = s.sim.storage;
    const handle = storage.handle.bind(storage);
    const refused: string[] = [];
    storage.handle = (req, res, baseUrl) => {
      const part = /[?&]partNumber=(\d+)/.exec(req.url ?? '')?.[1];
      if (req.method !== 'PUT' || part !== '2' || refused.length > 0) return handle(req, res, baseUrl);
      refused.push(part);
      res.writeHead(503, { 'Content-Type': 'application/xml' });
      res.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      return Promise.resolve();
    };
    try {
      const kmz = routeKmz(200 * 1024);
      const result = await uploadRoute({ api, name: uniqueName('Retried'), kmz, partSize: PART });
      assert.deepEqual(refused, ['2'], 'part 2 was refused once');
      assert.equal((await api.waylines.detail(result.uuid)).size, kmz.length);
    } finally {
      storage.handle = handle;
    }
    assert.deepEqual(await partFiles(), []);
  });

  it('on cancel mid-upload rejects with `cancelled`, leaving no object, no parts and no route', async () => {
    const keysBefore = await storedKeys();
    const routesBefore = await routeCount();
    const finished = () => s.logs.filter((l) => l.id === 'wayline.finishUpload' && !l.error).length;
    const finishedBefore = finished();
    const controller = new AbortController();
    let sentWhenCancelled = -1;
    const error = await uploadRoute({
      api,
      name: uniqueName('Cancelled'),
      kmz: routeKmz(1024 * 1024),
      partSize: PART,
      signal: controller.signal,
      onProgress: (sent) => {
        if (sentWhenCancelled < 0) {
          sentWhenCancelled = sent;
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    assert.ok(UploadError.is(error), String(error));
    assert.equal(error.code, 'cancelled');
    assert.ok(sentWhenCancelled > 0, 'cancelled after the first part, i.e. mid-upload');
    assert.deepEqual(await storedKeys(), keysBefore);
    assert.deepEqual(await partFiles(), []);
    assert.equal(await routeCount(), routesBefore);
    assert.equal(finished(), finishedBefore, 'no finish-upload');
  });

  it('on cancel during a single PUT removes the object once the PUT has landed', async () => {
    const keysBefore = await storedKeys();
    const routesBefore = await routeCount();
    const controller = new AbortController();
    // Cancels when the PUT reaches the store: the client gives up while the server still takes the body.
    const storage = s.sim.storage;
    const handle = storage.handle.bind(storage);
    let putHandled: Promise<void> | undefined;
    storage.handle = (req, res, baseUrl) => {
      if (req.method !== 'PUT') return handle(req, res, baseUrl);
      controller.abort();
      // Store the object only after the client has given up, as on a slow link.
      putHandled = new Promise((resolve) => setTimeout(resolve, 100)).then(() => handle(req, res, baseUrl));
      return putHandled;
    };
    const error = await uploadRoute({
      api,
      name: uniqueName('Cancelled PUT'),
      kmz: routeKmz(2 * 1024 * 1024),
      signal: controller.signal,
    })
      .catch((e: unknown) => e)
      .finally(() => {
        storage.handle = handle;
      });
    assert.ok(putHandled, 'the PUT reached the store');
    await putHandled;
    assert.ok(UploadError.is(error), String(error));
    assert.equal(error.code, 'cancelled');
    assert.deepEqual(await storedKeys(), keysBefore);
    assert.equal(await routeCount(), routesBefore);
  });

  it('renews credentials that expire between parts and completes the upload', async () => {
    const stsCalls = () => s.logs.filter((l) => l.id === 'project.sts').length;
    const before = stsCalls();
    let advanced = false;
    const kmz = routeKmz(400 * 1024);
    const result = await uploadRoute({
      api,
      name: uniqueName('Expiring'),
      kmz,
      partSize: PART,
      onProgress: () => {
        if (advanced) return;
        advanced = true;
        // Past the 900 s STS lifetime: every later request with the first credentials gets ExpiredToken.
        s.sim.clock.advance(901_000);
      },
    });
    assert.ok(advanced);
    assert.equal(stsCalls() - before, 2, 'one STS call to start, one to renew');
    assert.equal((await api.waylines.detail(result.uuid)).size, kmz.length);
  });

  it('renews credentials that are already expired when handed out (sts_expired fault)', async () => {
    const rule = s.sim.faults.add({ kind: 'sts_expired', match: 'project.sts', count: 1 });
    try {
      const kmz = routeKmz();
      const result = await uploadRoute({ api, name: uniqueName('Dead on arrival'), kmz });
      assert.equal(rule.hits, 1);
      assert.equal((await api.waylines.detail(result.uuid)).size, kmz.length);
    } finally {
      s.sim.faults.remove(rule.id);
    }
  });

  it('retries only once: credentials still expired after renewal fail with `storage`', async () => {
    const routesBefore = await routeCount();
    const keysBefore = await storedKeys();
    const rule = s.sim.faults.add({ kind: 'sts_expired', match: 'project.sts', count: 2 });
    try {
      const error = await uploadRoute({ api, name: uniqueName('Always expired'), kmz: routeKmz() }).catch(
        (e: unknown) => e,
      );
      assert.ok(UploadError.is(error), String(error));
      assert.equal(error.code, 'storage');
      assert.match(error.message, /ExpiredToken/);
      assert.equal(rule.hits, 2);
    } finally {
      s.sim.faults.remove(rule.id);
    }
    assert.equal(await routeCount(), routesBefore);
    assert.deepEqual(await storedKeys(), keysBefore);
  });

  it('reports `finish_failed` with the object left in storage when FlightHub refuses the file', async () => {
    const routesBefore = await routeCount();
    const broken = writeZip([{ name: 'wpmz/waylines.kml', data: Buffer.from('<kml/>') }]);
    const error = await uploadRoute({ api, name: uniqueName('Broken'), kmz: broken, validate: false }).catch(
      (e: unknown) => e,
    );
    assert.ok(UploadError.is(error), String(error));
    assert.equal(error.code, 'finish_failed');
    assert.ok(error.objectKey);
    assert.match(error.message, /no API to delete/);
    assert.ok(error.message.includes(error.objectKey));
    assert.ok((await storedKeys()).includes(error.objectKey));
    assert.equal(await routeCount(), routesBefore);
  });

  it('refuses a malformed route with `validation` before any request', async () => {
    const keysBefore = await storedKeys();
    const logsBefore = s.logs.length;
    const broken = writeZip([{ name: 'wpmz/waylines.kml', data: Buffer.from('<kml/>') }]);
    const error = await uploadRoute({ api, name: uniqueName('Malformed'), kmz: broken }).catch(
      (e: unknown) => e,
    );
    assert.ok(RouteValidationError.is(error), String(error));
    assert.equal(error.code, 'validation');
    assert.ok(error.findings.length > 0);
    assert.ok(error.findings.every((f) => f.severity === 'error'));
    assert.equal(s.logs.length, logsBefore, 'no FlightHub request');
    assert.deepEqual(await storedKeys(), keysBefore, 'nothing stored');
  });

  it('refuses a name already used in the project unless allowed', async () => {
    const existing = (await api.waylines.list()).list?.[0];
    assert.ok(existing);
    const stsBefore = s.logs.filter((l) => l.id === 'project.sts').length;
    const error = await uploadRoute({ api, name: ` ${existing.name.toUpperCase()} `, kmz: routeKmz() }).catch(
      (e: unknown) => e,
    );
    assert.ok(RouteNameClashError.is(error), String(error));
    assert.equal(error.code, 'name_clash');
    assert.ok(error.existingIds.includes(existing.id));
    assert.equal(s.logs.filter((l) => l.id === 'project.sts').length, stsBefore, 'nothing uploaded');
    const result = await uploadRoute({ api, name: existing.name, kmz: routeKmz(), allowNameClash: true });
    assert.notEqual(result.uuid, existing.id);
  });
});

describe('kmzFromFolder', () => {
  it('zips the route files and wpmz/res into a KMZ that validates, ignoring other files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fh2-route-folder-'));
    try {
      const source = readZip(routeKmz());
      await mkdir(join(dir, 'wpmz', 'res', 'icons'), { recursive: true });
      for (const e of source) await writeFile(join(dir, ...e.name.split('/')), e.data());
      await writeFile(join(dir, 'wpmz', 'res', 'icons', 'a.png'), Buffer.from('png'));
      await writeFile(join(dir, 'wpmz', 'notes.txt'), 'not part of the route');
      const kmz = await kmzFromFolder(dir);
      const names = readZip(kmz).map((e) => e.name);
      assert.deepEqual(names, ['wpmz/template.kml', 'wpmz/waylines.wpml', 'wpmz/res/icons/a.png']);
      assert.equal(validateKmz(kmz).filter((f) => f.severity === 'error').length, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('s3Settings', () => {
  const sts = (provider: string, endpoint: string) => ({
    provider,
    endpoint,
    region: 'cn-hangzhou',
    bucket: 'b',
    object_key_prefix: 'p',
    credentials: { access_key_id: 'a', access_key_secret: 's', security_token: 't' },
  });
  it('uses path-style URLs for MinIO and custom S3 endpoints, virtual-hosted ones for Alibaba OSS', () => {
    assert.equal(s3Settings(sts('minio', 'http://127.0.0.1:9000')).forcePathStyle, true);
    assert.equal(s3Settings(sts('aws', 'https://s3.example.com')).forcePathStyle, true);
    assert.deepEqual(s3Settings(sts('ali', 'oss-cn-hangzhou.aliyuncs.com')), {
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      region: 'cn-hangzhou',
      forcePathStyle: false,
    });
    assert.deepEqual(s3Settings(sts('aws', '')), { region: 'cn-hangzhou', forcePathStyle: false });
  });
});
