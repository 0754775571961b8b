// The route upload flow against the simulator's object store: STS credentials → S3 PutObject with the
// real AWS SDK → finish-upload. An invalid KMZ is accepted by storage but refused at finish-upload with
// HTTP 500 / 200500, exactly as the live service does.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BusinessError } from '../../../src/api/errors';
import type { ProjectApi } from '../../../src/api/projectApi';
import { writeZip } from '../../../src/routes/zip/zip';
import { shortRouteKmz } from '../../helpers/routes';
import { withSimulator, type SimSetup } from '../../helpers/sim';

let s: SimSetup;
let api: ProjectApi;

after(() => s?.close());
before(async () => {
  s = await withSimulator({ seed: 'upload' });
  const project = s.sim.world.describe().projects.find((p) => p.accessible);
  assert.ok(project);
  api = s.client.project(project.uuid);
});

async function upload(name: string, body: Buffer): Promise<string> {
  const sts = await api.stsToken();
  const s3 = new S3Client({
    endpoint: sts.endpoint,
    region: sts.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: sts.credentials.access_key_id,
      secretAccessKey: sts.credentials.access_key_secret,
      sessionToken: sts.credentials.security_token,
    },
  });
  const key = `${sts.object_key_prefix}/${name}`;
  await s3.send(
    new PutObjectCommand({
      Bucket: sts.bucket,
      Key: key,
      Body: body,
      ContentType: 'application/vnd.google-earth.kmz',
    }),
  );
  s3.destroy();
  return key;
}

describe('route upload', () => {
  it('registers a valid KMZ as a route that lists with its derived metadata', async () => {
    const kmz = shortRouteKmz('Uploaded');
    const key = await upload('uploaded.kmz', kmz);
    const created = await api.waylines.finishUpload({ name: 'Uploaded route', object_key: key });
    const route = (await api.waylines.list()).list.find((r) => r.id === created.uuid);
    assert.equal(route?.name, 'Uploaded route');
    assert.equal(route?.device_model_key, '0-91-1');
    const detail = await api.waylines.detail(created.uuid);
    assert.equal(detail.wayline_point_nums, 3);
    assert.equal(detail.size, kmz.length);
  });

  it('refuses an invalid KMZ at finish-upload with HTTP 500 / 200500, once, registering nothing', async () => {
    const before = (await api.waylines.list()).list.length;
    const bad = writeZip([{ name: 'wpmz/waylines.kml', data: Buffer.from('<kml/>') }]);
    const key = await upload('bad.kmz', bad);
    const error = await api.waylines.finishUpload({ name: 'Bad', object_key: key }).catch((e: unknown) => e);
    assert.ok(BusinessError.is(error));
    assert.equal(error.businessCode, 200500);
    assert.equal(error.httpStatus, 500);
    assert.equal(s.logs.filter((l) => l.id === 'wayline.finishUpload' && l.error).length, 1);
    assert.equal((await api.waylines.list()).list.length, before);
  });

  it('refuses an object key outside the project prefix or missing from storage', async () => {
    const error = await api.waylines
      .finishUpload({ name: 'Nowhere', object_key: 'elsewhere/x.kmz' })
      .catch((e: unknown) => e);
    assert.ok(BusinessError.is(error));
  });
});
