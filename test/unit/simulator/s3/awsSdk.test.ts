// The store against the real AWS SDK v3 S3Client, with its default settings (CRC32 flexible
// checksums, aws-chunked streaming bodies), proving that a stock S3 client can use it.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  BUCKET,
  filesUnder,
  MIN_PART,
  pattern,
  PREFIX,
  sdkFailure,
  startS3,
  type Harness,
} from '../../../helpers/s3';

const md5 = (data: Buffer): Buffer => createHash('md5').update(data).digest();

void describe('S3 store with the AWS SDK', () => {
  let h: Harness;
  before(async () => (h = await startS3()));
  after(async () => h.close());

  void it('stores a PutObject and returns it from GetObject and HeadObject', async () => {
    const s3 = h.client();
    const data = pattern(100_000);
    const key = `${PREFIX}wayline/a.kmz`;
    const put = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: data, ContentType: 'application/zip' }),
    );
    assert.equal(put.ETag, `"${md5(data).toString('hex')}"`);

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(head.ContentLength, data.length);
    assert.equal(head.ContentType, 'application/zip');
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), data);
    assert.deepEqual(await h.storage.getObject(BUCKET, key), data);
  });

  void it('decodes a streamed PutObject sent aws-chunked with a CRC32 trailer', async () => {
    const data = pattern(300_000, 2);
    const key = `${PREFIX}stream.bin`;
    // A stream body is what makes the SDK choose STREAMING-UNSIGNED-PAYLOAD-TRAILER.
    const body = Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]);
    await h
      .client()
      .send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentLength: data.length }));
    assert.deepEqual(await h.storage.getObject(BUCKET, key), data);
  });

  void it('assembles a multipart upload with the S3 multipart ETag and leaves no part files', async () => {
    const s3 = h.client();
    const key = `${PREFIX}big/video.mp4`;
    const chunks = [pattern(MIN_PART, 3), pattern(MIN_PART + 5, 4), pattern(1234, 5)];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ContentType: 'video/mp4' }),
    );
    assert.ok(UploadId);
    const etags: { PartNumber: number; ETag: string | undefined }[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const part: { ETag?: string } = await s3.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: i + 1, Body: chunk }),
      );
      assert.equal(part.ETag, `"${md5(chunk).toString('hex')}"`);
      etags.push({ PartNumber: i + 1, ETag: part.ETag });
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId }));
    assert.deepEqual(
      listed.Parts?.map((p) => [p.PartNumber, p.Size]),
      chunks.map((c, i) => [i + 1, c.length]),
    );

    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: etags },
      }),
    );
    const expectedEtag = `"${md5(Buffer.concat(chunks.map(md5))).toString('hex')}-3"`;
    assert.equal(done.ETag, expectedEtag);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(got.ContentType, 'video/mp4');
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), Buffer.concat(chunks));
    assert.deepEqual(
      filesUnder(h.dir).filter((f) => !f.startsWith('objects')),
      [],
    );
  });

  void it('leaves neither object nor parts after AbortMultipartUpload', async () => {
    const s3 = h.client();
    const key = `${PREFIX}aborted.bin`;
    const before = filesUnder(h.dir).length;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: pattern(MIN_PART) }),
    );
    assert.equal(filesUnder(h.dir).length, before + 1);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId }));

    assert.equal(filesUnder(h.dir).length, before);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: key }));
    assert.equal(listed.KeyCount, 0);
    const failure = await sdkFailure(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId })));
    assert.deepEqual([failure.name, failure.status], ['NoSuchUpload', 404]);
  });

  void it('serves byte ranges with 206 and Content-Range, and 416 when unsatisfiable', async () => {
    const s3 = h.client();
    const key = `${PREFIX}range.bin`;
    const data = pattern(1000, 6);
    await h.storage.putObject(BUCKET, key, data);
    const cases: [string, number, number][] = [
      ['bytes=10-19', 10, 19],
      ['bytes=990-', 990, 999],
      ['bytes=-5', 995, 999],
      ['bytes=995-5000', 995, 999],
    ];
    for (const [range, start, end] of cases) {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: range }));
      assert.equal(got.ContentRange, `bytes ${start}-${end}/1000`, range);
      assert.deepEqual(
        Buffer.from(await got.Body!.transformToByteArray()),
        data.subarray(start, end + 1),
        range,
      );
    }
    const failure = await sdkFailure(
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=1000-' })),
    );
    assert.deepEqual([failure.name, failure.status], ['InvalidRange', 416]);
  });

  void it('lists with prefix, delimiter and continuation tokens', async () => {
    const s3 = h.client();
    const base = `${PREFIX}list/`;
    for (const name of ['a.txt', 'b.txt', 'dir1/x', 'dir1/y', 'dir2/z', 'c.txt']) {
      await h.storage.putObject(BUCKET, base + name, Buffer.from(name));
    }
    const flat = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: base }));
    assert.deepEqual(
      flat.Contents?.map((c) => c.Key?.slice(base.length)),
      ['a.txt', 'b.txt', 'c.txt', 'dir1/x', 'dir1/y', 'dir2/z'],
    );
    assert.equal(flat.Contents?.[0]?.Size, 5);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: base,
          Delimiter: '/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      seen.push(
        ...(page.Contents ?? []).map((c) => c.Key ?? ''),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      );
      token = page.NextContinuationToken;
      assert.equal(page.IsTruncated, token !== undefined);
    } while (token);
    assert.deepEqual(seen.map((k) => k.slice(base.length)).sort(), [
      'a.txt',
      'b.txt',
      'c.txt',
      'dir1/',
      'dir2/',
    ]);
  });

  void it('adopts the simulator clock through the Date header when the SDK is told to retry', async () => {
    // The simulated clock may run ahead of real time; the SDK corrects its offset from `Date`
    // after RequestTimeTooSkewed and retries, so uploads keep working.
    h.clock.advance(2 * 3600_000);
    const fresh = h.storage.issueCredentials(BUCKET, PREFIX, 900);
    const s3 = h.client({ maxAttempts: 3 }, fresh);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}skewed.txt`, Body: 'later' }));
    assert.equal((await h.storage.getObject(BUCKET, `${PREFIX}skewed.txt`))?.toString(), 'later');
  });
});

void describe('S3 store presigned GETs and virtual objects', () => {
  let h: Harness;
  before(async () => (h = await startS3()));
  after(async () => h.close());

  void it('serves a presigned GET, with Range, to a plain fetch', async () => {
    const key = 'media/photo 1+(a).jpg';
    const data = pattern(5000, 7);
    await h.storage.putObject(BUCKET, key, data, 'image/jpeg');
    const url = h.storage.presignGet(h.url, BUCKET, key, 600);
    const full = await fetch(url);
    assert.equal(full.status, 200);
    assert.equal(full.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await full.arrayBuffer()), data);
    const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), data.subarray(100, 200));
  });

  void it('streams virtual objects in bounded slices without storing them', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const reads: [number, number][] = [];
    h.storage.setVirtualResolver((bucket, key) =>
      bucket === BUCKET && key === 'media/gen/0001.jpg'
        ? {
            size,
            contentType: 'image/jpeg',
            read: (start, end) => {
              reads.push([start, end]);
              return pattern(size, 9).subarray(start, end + 1);
            },
          }
        : undefined,
    );
    const s3 = h.client();
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'media/gen/0001.jpg' }));
    assert.equal(head.ContentLength, size);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'media/gen/0001.jpg' }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), pattern(size, 9));
    assert.ok(reads.length >= 4 && reads.every(([s, e]) => e - s + 1 <= 1024 * 1024), JSON.stringify(reads));

    const ranged = await fetch(h.storage.presignGet(h.url, BUCKET, 'media/gen/0001.jpg', 60), {
      headers: { Range: 'bytes=-10' },
    });
    assert.deepEqual(Buffer.from(await ranged.arrayBuffer()), pattern(size, 9).subarray(size - 10));
    assert.equal(await h.storage.hasObject(BUCKET, 'media/gen/0001.jpg'), true);
    assert.equal(await h.storage.hasObject(BUCKET, 'media/gen/0002.jpg'), false);
    assert.deepEqual(filesUnder(h.dir).filter((f) => f.startsWith('objects')).length, 1);
  });

  void it('claims only paths whose first segment is one of its buckets', () => {
    assert.equal(h.storage.ownsPath(`/${BUCKET}/a/b`), true);
    assert.equal(h.storage.ownsPath(`/${BUCKET}`), true);
    assert.equal(h.storage.ownsPath('/openapi/v0.1/project'), false);
    assert.equal(h.storage.ownsPath('/__sim/clock'), false);
    assert.equal(h.storage.ownsPath('/other-bucket/a'), false);
  });
});
