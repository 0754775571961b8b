// Authentication and authorization failures: each case is produced by a real client (the AWS SDK
// or fetch) and must come back with the S3 error code, status and side effects S3 would have.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BUCKET, filesUnder, PREFIX, sdkFailure, startS3, type Harness } from '../../../helpers/s3';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; message: string; body: string }> {
  const body = await response.text();
  return {
    status: response.status,
    code: /<Code>(.*?)<\/Code>/.exec(body)?.[1] ?? '',
    message: /<Message>(.*?)<\/Message>/.exec(body)?.[1] ?? '',
    body,
  };
}

void describe('S3 store authentication', () => {
  let h: Harness;
  before(async () => (h = await startS3()));
  after(async () => h.close());

  const put = (key: string, body = 'x') => new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body });

  void it('accepts keys that need percent-encoding exactly as the SDK signs them', async () => {
    const key = `${PREFIX}dir/ä ö+!*'()~ #%.txt`;
    await h.client().send(put(key, 'odd'));
    assert.equal((await h.storage.getObject(BUCKET, key))?.toString(), 'odd');
  });

  void it('rejects an unknown access key with InvalidAccessKeyId', async () => {
    const failure = await sdkFailure(
      h.client({}, { accessKeyId: 'STS.SIMNOSUCHKEY' }).send(put(`${PREFIX}a`)),
    );
    assert.deepEqual([failure.name, failure.status], ['InvalidAccessKeyId', 403]);
  });

  void it('rejects a wrong secret with SignatureDoesNotMatch and shows the canonical request', async () => {
    const error = (await h
      .client({}, { secretAccessKey: 'not-the-secret' })
      .send(put(`${PREFIX}a`))
      .catch((e: unknown) => e)) as {
      name: string;
      CanonicalRequest?: string;
      $metadata: { httpStatusCode?: number };
    };
    assert.deepEqual([error.name, error.$metadata.httpStatusCode], ['SignatureDoesNotMatch', 403]);
    // The SDK copies unmodelled <Error> fields onto the exception; this one is what debugging needs.
    assert.match(error.CanonicalRequest ?? '', /^PUT\n\/fh2-sim\/org-1\/project-1\/a\nx-id=PutObject\n/);
    assert.equal(await h.storage.hasObject(BUCKET, `${PREFIX}a`), false);
  });

  void it('rejects a wrong or missing session token with InvalidToken', async () => {
    const wrong = await sdkFailure(h.client({}, { sessionToken: 'forged' }).send(put(`${PREFIX}a`)));
    assert.deepEqual([wrong.name, wrong.status], ['InvalidToken', 400]);
    const missing = await sdkFailure(h.client({}, { sessionToken: '' }).send(put(`${PREFIX}a`)));
    assert.deepEqual([missing.name, missing.status], ['InvalidToken', 400]);
  });

  void it('rejects credentials past their lifetime on the simulator clock with ExpiredToken', async () => {
    const short = h.storage.issueCredentials(BUCKET, PREFIX, 60);
    const s3 = h.client({}, short);
    await s3.send(put(`${PREFIX}in-time`));
    h.clock.advance(61_000);
    const failure = await sdkFailure(s3.send(put(`${PREFIX}too-late`)));
    assert.deepEqual([failure.name, failure.status], ['ExpiredToken', 400]);
    assert.equal(await h.storage.hasObject(BUCKET, `${PREFIX}too-late`), false);
  });

  void it('rejects a request time more than 15 minutes off with RequestTimeTooSkewed', async () => {
    const s3 = h.client({ systemClockOffset: -20 * 60_000 });
    const failure = await sdkFailure(s3.send(put(`${PREFIX}skewed`)));
    assert.deepEqual([failure.name, failure.status], ['RequestTimeTooSkewed', 403]);
  });

  void it('allows reads anywhere in the bucket but writes only under the prefix', async () => {
    await h.storage.putObject(BUCKET, 'elsewhere/readme.txt', Buffer.from('shared'));
    const s3 = h.client();
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/readme.txt' }));
    assert.equal(await got.Body?.transformToString(), 'shared');
    const failure = await sdkFailure(s3.send(put('elsewhere/intruder.txt')));
    assert.deepEqual([failure.name, failure.status], ['AccessDenied', 403]);
    // A prefix match must be on the key, not on a sibling that merely starts the same way.
    const sibling = await sdkFailure(s3.send(put(PREFIX.replace(/\/$/, '') + '-evil/x')));
    assert.equal(sibling.name, 'AccessDenied');
    assert.equal(await h.storage.hasObject(BUCKET, 'elsewhere/intruder.txt'), false);
  });

  void it('rejects a body that does not match x-amz-content-sha256 and keeps nothing', async () => {
    const s3 = h.client();
    // Before signing, claim the hash of a different body: the signature is valid, the payload is not.
    s3.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-amz-content-sha256'] =
          sha256('other body');
        return next(args);
      },
      { step: 'build', name: 'forgePayloadHash' },
    );
    const before = filesUnder(h.dir);
    const failure = await sdkFailure(s3.send(put(`${PREFIX}forged`, 'real body')));
    assert.deepEqual([failure.name, failure.status], ['XAmzContentSHA256Mismatch', 400]);
    assert.equal(await h.storage.hasObject(BUCKET, `${PREFIX}forged`), false);
    assert.deepEqual(filesUnder(h.dir), before);
  });

  void it('rejects a body whose CRC32 differs from x-amz-checksum-crc32 with BadDigest', async () => {
    const command = new PutObjectCommand({
      Bucket: BUCKET,
      Key: `${PREFIX}crc`,
      Body: 'data',
      ChecksumCRC32: 'AAAAAA==',
    });
    const failure = await sdkFailure(h.client().send(command));
    assert.deepEqual([failure.name, failure.status], ['BadDigest', 400]);
  });

  void it('rejects unsigned requests with AccessDenied', async () => {
    const response = await fetch(`${h.url}/${BUCKET}/${PREFIX}anon`, { method: 'PUT', body: 'x' });
    assert.deepEqual(await errorOf(response).then((e) => [e.status, e.code]), [403, 'AccessDenied']);
  });
});

void describe('S3 store presigned URLs', () => {
  let h: Harness;
  before(async () => (h = await startS3()));
  after(async () => h.close());

  void it('rejects a presigned URL after X-Amz-Date + X-Amz-Expires', async () => {
    await h.storage.putObject(BUCKET, 'media/a.jpg', Buffer.from('jpeg'));
    const url = h.storage.presignGet(h.url, BUCKET, 'media/a.jpg', 300);
    assert.equal((await fetch(url)).status, 200);
    h.clock.advance(301_000);
    const error = await errorOf(await fetch(url));
    assert.deepEqual([error.status, error.code, error.message], [403, 'AccessDenied', 'Request has expired']);
  });

  void it('rejects a presigned URL whose key or expiry was edited', async () => {
    await h.storage.putObject(BUCKET, 'media/b.jpg', Buffer.from('b'));
    await h.storage.putObject(BUCKET, 'media/c.jpg', Buffer.from('c'));
    const url = h.storage.presignGet(h.url, BUCKET, 'media/b.jpg', 300);
    const otherKey = await errorOf(await fetch(url.replace('/media/b.jpg', '/media/c.jpg')));
    assert.deepEqual([otherKey.status, otherKey.code], [403, 'SignatureDoesNotMatch']);
    assert.match(otherKey.body, /<CanonicalRequest>GET\n\/fh2-sim\/media\/c.jpg\n/);
    const longer = await errorOf(await fetch(url.replace('X-Amz-Expires=300', 'X-Amz-Expires=3000')));
    assert.equal(longer.code, 'SignatureDoesNotMatch');
  });

  void it('does not let a presigned GET be replayed as a PUT', async () => {
    const url = h.storage.presignGet(h.url, BUCKET, 'media/d.jpg', 300);
    const error = await errorOf(await fetch(url, { method: 'PUT', body: 'x' }));
    // The signature covers the method, so a PUT fails verification before any permission check.
    assert.deepEqual([error.status, error.code], [403, 'SignatureDoesNotMatch']);
    assert.equal(await h.storage.hasObject(BUCKET, 'media/d.jpg'), false);
  });
});
