// CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts.
import { receiveBody, MemorySink } from './body';
import type { S3Request, StoreContext } from './context';
import { S3Error } from './errors';
import { parsePartNumber } from './multipart';
import { receiveToTemp } from './ops-object';
import { sendEmpty, sendXml } from './response';
import { uriEncode } from './sigv4';
import { DEFAULT_CONTENT_TYPE } from './store';
import { branch, leaf, parseCompleteMultipartUpload, s3Document } from './xml';

/** 10,000 parts of ~120 bytes each fit well inside this. */
const MAX_COMPLETE_XML = 2 * 1024 * 1024;

export function createMultipartUpload(ctx: StoreContext, r: S3Request): void {
  const upload = ctx.uploads.create(r.bucket, r.key, r.req.headers['content-type'] ?? DEFAULT_CONTENT_TYPE);
  sendXml(
    r.out,
    200,
    s3Document('InitiateMultipartUploadResult', [
      leaf('Bucket', r.bucket),
      leaf('Key', r.key),
      leaf('UploadId', upload.id),
    ]),
  );
}

export async function uploadPart(ctx: StoreContext, r: S3Request): Promise<void> {
  if (r.req.headers['x-amz-copy-source'] !== undefined)
    throw new S3Error('NotImplemented', 'UploadPartCopy is not supported.');
  const number = parsePartNumber(r.query.get('partNumber'));
  const upload = ctx.uploads.find(r.query.get('uploadId'), r.bucket, r.key);
  const { temp, body } = await receiveToTemp(ctx, r);
  try {
    await ctx.uploads.commitPart(upload, number, temp, body.size, body.md5Hex);
    sendEmpty(r.out, 200, { ETag: `"${body.md5Hex}"` });
  } finally {
    await ctx.store.discard(temp);
  }
}

export async function completeMultipartUpload(ctx: StoreContext, r: S3Request): Promise<void> {
  const upload = ctx.uploads.find(r.query.get('uploadId'), r.bucket, r.key);
  const sink = new MemorySink(MAX_COMPLETE_XML);
  await receiveBody(r.req, sink, r.auth, MAX_COMPLETE_XML);
  const stored = await ctx.uploads.complete(upload, parseCompleteMultipartUpload(sink.text()));
  const location = `${r.baseUrl}/${uriEncode(r.bucket)}/${r.key.split('/').map(uriEncode).join('/')}`;
  sendXml(
    r.out,
    200,
    s3Document('CompleteMultipartUploadResult', [
      leaf('Location', location),
      leaf('Bucket', r.bucket),
      leaf('Key', r.key),
      leaf('ETag', stored.etag),
    ]),
  );
}

export async function abortMultipartUpload(ctx: StoreContext, r: S3Request): Promise<void> {
  await ctx.uploads.abort(ctx.uploads.find(r.query.get('uploadId'), r.bucket, r.key));
  sendEmpty(r.out, 204);
}

export function listParts(ctx: StoreContext, r: S3Request): void {
  const upload = ctx.uploads.find(r.query.get('uploadId'), r.bucket, r.key);
  const marker = Number(r.query.get('part-number-marker') ?? '0') || 0;
  const maxParts = Math.min(1000, Math.max(0, Number(r.query.get('max-parts') ?? '1000') || 0));
  const after = ctx.uploads.list(upload).filter((part) => part.number > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  sendXml(
    r.out,
    200,
    s3Document('ListPartsResult', [
      leaf('Bucket', r.bucket),
      leaf('Key', r.key),
      leaf('UploadId', upload.id),
      leaf('PartNumberMarker', marker),
      leaf('NextPartNumberMarker', page.at(-1)?.number ?? marker),
      leaf('MaxParts', maxParts),
      leaf('IsTruncated', truncated),
      leaf('StorageClass', 'STANDARD'),
      ...page.map((part) =>
        branch('Part', [
          leaf('PartNumber', part.number),
          leaf('LastModified', new Date(part.lastModified).toISOString()),
          leaf('ETag', `"${part.md5Hex}"`),
          leaf('Size', part.size),
        ]),
      ),
    ]),
  );
}
