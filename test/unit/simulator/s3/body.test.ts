// Request bodies: streamed to disk as they arrive, nothing left behind when a client hangs up,
// signed aws-chunked bodies over HTTP, and multipart completion rules.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  chunkStringToSign,
  canonicalRequest,
  formatAmzDate,
  signHex,
  signingKey,
  sha256Hex,
  stringToSign,
} from '../../../../src/simulator/s3/sigv4';
import {
  BUCKET,
  filesUnder,
  MIN_PART,
  pattern,
  PREFIX,
  REGION,
  sdkFailure,
  startS3,
  waitFor,
  type Harness,
} from '../../../helpers/s3';

const tempFiles = (h: Harness): string[] => filesUnder(h.dir).filter((f) => f.startsWith('tmp'));

void describe('S3 store request bodies', () => {
  let h: Harness;
  before(async () => (h = await startS3()));
  after(async () => h.close());

  for (const mode of ['aws-chunked', 'plain'] as const) {
    void it(`leaves no object and no temp file when a ${mode} upload is cut off mid-body`, async () => {
      const s3 = h.client(mode === 'plain' ? { requestChecksumCalculation: 'WHEN_REQUIRED' } : {});
      const key = `${PREFIX}cut-${mode}.bin`;
      const before = filesUnder(h.dir);
      const body = new PassThrough();
      const controller = new AbortController();
      const sending = s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentLength: 4_000_000 }),
        {
          abortSignal: controller.signal,
        },
      );
      body.write(pattern(300_000));
      await waitFor(() => tempFiles(h).length > 0);
      controller.abort();
      await assert.rejects(sending);

      await waitFor(() => tempFiles(h).length === 0);
      assert.deepEqual(filesUnder(h.dir), before);
      assert.equal(await h.storage.hasObject(BUCKET, key), false);
    });
  }

  void it('writes the body to disk while it is still arriving', async () => {
    const s3 = h.client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const total = 24 * 1024 * 1024;
    const half = pattern(total / 2, 11);
    const body = new PassThrough();
    const sending = s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}big.bin`, Body: body, ContentLength: total }),
    );
    body.write(half);
    // Half the object is on disk before the rest is even sent: the store does not buffer uploads.
    await waitFor(
      () => tempFiles(h).some((f) => statSync(join(h.dir, f)).size >= total / 2 - 1024 * 1024),
      10_000,
    );
    body.end(half);
    await sending;
    const got = await h.storage.getObject(BUCKET, `${PREFIX}big.bin`);
    assert.equal(got?.length, total);
    assert.deepEqual(got?.subarray(total / 2), half);
  });

  void it('accepts a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body and rejects a tampered chunk', async () => {
    const data = pattern(20_000, 12);
    const ok = await signedChunkedPut(h, `${PREFIX}signed.bin`, data, false);
    assert.equal(ok.status, 200, await ok.text());
    assert.deepEqual(await h.storage.getObject(BUCKET, `${PREFIX}signed.bin`), data);
    const bad = await signedChunkedPut(h, `${PREFIX}signed-bad.bin`, data, true);
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.equal(await h.storage.hasObject(BUCKET, `${PREFIX}signed-bad.bin`), false);
  });

  void it('deletes objects and answers NoSuchKey afterwards', async () => {
    const s3 = h.client();
    const key = `${PREFIX}gone.txt`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'bye' }));
    const objectsBefore = filesUnder(h.dir).length;
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(filesUnder(h.dir).length, objectsBefore - 1);
    const failure = await sdkFailure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    assert.deepEqual([failure.name, failure.status], ['NoSuchKey', 404]);
  });
});

void describe('S3 store multipart completion rules', () => {
  let h: Harness;
  before(async () => (h = await startS3()));
  after(async () => h.close());

  void it('rejects bad part lists, keeps the upload, then completes a good one', async () => {
    const s3 = h.client();
    const key = `${PREFIX}rules.bin`;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const small = pattern(1000, 1);
    const full = pattern(MIN_PART, 2);
    const etag = async (n: number, body: Buffer) =>
      (
        await s3.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: n, Body: body }),
        )
      ).ETag;
    const e1 = await etag(1, small);
    const e2 = await etag(2, full);
    const complete = (Parts: { PartNumber: number; ETag: string | undefined }[]) =>
      sdkFailure(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key: key,
            UploadId,
            MultipartUpload: { Parts },
          }),
        ),
      );

    assert.equal(
      (
        await complete([
          { PartNumber: 2, ETag: e2 },
          { PartNumber: 1, ETag: e1 },
        ])
      ).name,
      'InvalidPartOrder',
    );
    assert.equal((await complete([{ PartNumber: 1, ETag: e2 }])).name, 'InvalidPart');
    assert.equal((await complete([{ PartNumber: 3, ETag: e2 }])).name, 'InvalidPart');
    const tooSmall = await complete([
      { PartNumber: 1, ETag: e1 },
      { PartNumber: 2, ETag: e2 },
    ]);
    assert.deepEqual([tooSmall.name, tooSmall.status], ['EntityTooSmall', 400]);

    // Re-uploading part 1 at full size replaces it; the upload survived the failed attempts.
    const e1b = await etag(1, full);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: e1b },
            { PartNumber: 2, ETag: e2 },
          ],
        },
      }),
    );
    assert.deepEqual(await h.storage.getObject(BUCKET, key), Buffer.concat([full, full]));
    const late = await sdkFailure(
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 3, Body: small })),
    );
    assert.deepEqual([late.name, late.status], ['NoSuchUpload', 404]);
    assert.deepEqual(
      filesUnder(h.dir).filter((f) => !f.startsWith('objects')),
      [],
    );
  });

  void it('refuses multipart writes outside the prefix', async () => {
    const failure = await sdkFailure(
      h.client().send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'other/x.bin' })),
    );
    assert.deepEqual([failure.name, failure.status], ['AccessDenied', 403]);
  });
});

/**
 * A PUT in the signed-chunk form, which the AWS SDK for JavaScript never sends but other S3
 * clients do. Signed with this package's primitives, which sigv4.test.ts checks against AWS.
 */
async function signedChunkedPut(h: Harness, key: string, data: Buffer, tamper: boolean): Promise<Response> {
  const url = new URL(`${h.url}/${BUCKET}/${key}`);
  const amzDate = formatAmzDate(h.clock.now());
  const scope = `${amzDate.slice(0, 8)}/${REGION}/s3/aws4_request`;
  const signing = signingKey(h.credentials.secretAccessKey, amzDate.slice(0, 8), REGION);
  const pieces = [data.subarray(0, 8192), data.subarray(8192), Buffer.alloc(0)];
  const frameLength = pieces.reduce(
    (n, p) => n + p.length.toString(16).length + 17 + 64 + 2 + p.length + 2,
    0,
  );
  const headers: [string, string][] = [
    ['content-encoding', 'aws-chunked'],
    ['content-length', String(frameLength)],
    ['host', url.host],
    ['x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'],
    ['x-amz-date', amzDate],
    ['x-amz-decoded-content-length', String(data.length)],
    ['x-amz-security-token', h.credentials.sessionToken],
  ];
  const request = canonicalRequest({
    method: 'PUT',
    canonicalUri: url.pathname,
    canonicalQuery: '',
    headers,
    payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  });
  let previous = signHex(signing, stringToSign(amzDate, scope, request));
  const seed = previous;
  const frames = pieces.map((piece) => {
    previous = signHex(signing, chunkStringToSign(amzDate, scope, previous, sha256Hex(piece)));
    const sent = Buffer.from(piece);
    if (tamper && sent.length > 0) sent[0] = (sent[0] ?? 0) ^ 1;
    return Buffer.concat([
      Buffer.from(`${piece.length.toString(16)};chunk-signature=${previous}\r\n`),
      sent,
      Buffer.from('\r\n'),
    ]);
  });
  const body = Buffer.concat(frames);
  assert.equal(body.length, frameLength);
  const signedHeaders = headers.map(([name]) => name).join(';');
  return fetch(url, {
    method: 'PUT',
    headers: {
      ...Object.fromEntries(headers.filter(([name]) => name !== 'host' && name !== 'content-length')),
      authorization: `AWS4-HMAC-SHA256 Credential=${h.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${seed}`,
    },
    body,
  });
}
