// PutObject, GetObject/HeadObject (with Range, and virtual objects) and DeleteObject.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { VirtualObject } from '../types';
import { receiveBody, type ReceivedBody } from './body';
import type { S3Request, StoreContext } from './context';
import { S3Error } from './errors';
import { parseRange, type ByteRange } from './range';
import { sendEmpty, writeHead } from './response';
import { DEFAULT_CONTENT_TYPE } from './store';

/** Virtual objects are read in slices of this size, so a large GET never holds the whole object. */
const VIRTUAL_SLICE = 1024 * 1024;

/** Receives the body into a new temp file; on failure the file is already gone. */
export async function receiveToTemp(
  ctx: StoreContext,
  r: S3Request,
): Promise<{ temp: string; body: ReceivedBody }> {
  const temp = ctx.store.tempPath();
  try {
    const body = await receiveBody(
      r.req,
      createWriteStream(temp, { flags: 'wx' }),
      r.auth,
      ctx.maxObjectSize,
    );
    return { temp, body };
  } catch (error) {
    await ctx.store.discard(temp);
    throw error;
  }
}

export async function putObject(ctx: StoreContext, r: S3Request): Promise<void> {
  if (r.req.headers['x-amz-copy-source'] !== undefined)
    throw new S3Error('NotImplemented', 'CopyObject is not supported.');
  const { temp, body } = await receiveToTemp(ctx, r);
  try {
    const etag = `"${body.md5Hex}"`;
    const contentType = r.req.headers['content-type'] ?? DEFAULT_CONTENT_TYPE;
    await ctx.store.commit(r.bucket, r.key, temp, { size: body.size, etag, contentType });
    sendEmpty(r.out, 200, { ETag: etag });
  } finally {
    await ctx.store.discard(temp);
  }
}

export async function deleteObject(ctx: StoreContext, r: S3Request): Promise<void> {
  await ctx.store.delete(r.bucket, r.key);
  // S3 answers 204 whether or not the key existed.
  sendEmpty(r.out, 204);
}

export async function getObject(ctx: StoreContext, r: S3Request): Promise<void> {
  const opened = await ctx.store.openObject(r.bucket, r.key);
  if (opened) {
    const { object, file } = opened;
    try {
      const range = parseRange(r.req.headers.range, object.size);
      writeObjectHead(r, object, range);
      if (r.out.isHead || object.size === 0) return void r.out.res.end();
      await sendStream(r, Readable.from(file.stream(range?.start ?? 0, range?.end ?? object.size - 1)));
    } finally {
      await file.close();
    }
    return;
  }
  const virtual = ctx.virtual(r.bucket, r.key);
  if (!virtual) throw new S3Error('NoSuchKey');
  const range = parseRange(r.req.headers.range, virtual.size);
  writeObjectHead(r, virtualInfo(ctx, r, virtual), range);
  if (r.out.isHead) return void r.out.res.end();
  await sendStream(r, Readable.from(readVirtual(virtual, range?.start ?? 0, range?.end ?? virtual.size - 1)));
}

interface HeadInfo {
  readonly size: number;
  readonly etag: string;
  readonly contentType: string;
  readonly lastModified: number;
}

function writeObjectHead(r: S3Request, info: HeadInfo, range: ByteRange | undefined): void {
  const headers: Record<string, string | number> = {
    'Content-Type': info.contentType,
    ETag: info.etag,
    'Last-Modified': new Date(info.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    'Content-Length': range ? range.end - range.start + 1 : info.size,
  };
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${info.size}`;
  writeHead(r.out, range ? 206 : 200, headers);
}

/** Pipes to the response; a client that hangs up mid-download is not an error worth reporting. */
async function sendStream(r: S3Request, stream: Readable): Promise<void> {
  try {
    await pipeline(stream, r.out.res);
  } catch {
    r.out.res.destroy();
  }
}

function virtualInfo(ctx: StoreContext, r: S3Request, virtual: VirtualObject): HeadInfo {
  // Hashing the content would mean reading all of it; an ETag only has to be stable per object.
  const etag = `"${createHash('md5').update(`${r.bucket}/${r.key}/${virtual.size}`).digest('hex')}"`;
  return { size: virtual.size, etag, contentType: virtual.contentType, lastModified: ctx.startedAt };
}

function* readVirtual(virtual: VirtualObject, start: number, end: number): Generator<Buffer> {
  for (let offset = start; offset <= end; offset += VIRTUAL_SLICE) {
    yield virtual.read(offset, Math.min(end, offset + VIRTUAL_SLICE - 1));
  }
}
