// Putting one object into the project's bucket: a single PutObject up to `partSize`, multipart above it
// with a few parts on the wire at once. A file is read part by part into one buffer per part on the
// wire, reused for the next part once the store has answered: memory stays at queueSize × partSize
// whatever the file's size, with no garbage per chunk. Parts are sent as UNSIGNED-PAYLOAD (hashing
// 200 MB on both ends would halve the speed): FlightHub's storage endpoints are HTTPS, which protects
// the bytes in transit, and the signature still covers the headers.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { FileHandle } from 'node:fs/promises';
import type { UploadStorage } from './uploadS3';

/** The bytes to upload: read(start, end) gives [start, end), into `scratch` when it has to be copied. */
export interface ObjectBody {
  readonly size: number;
  /** Whether read() fills the scratch buffer (so one must be provided), or returns a view. */
  readonly needsScratch: boolean;
  read(start: number, end: number, scratch: Buffer): Promise<Buffer>;
}

export function bufferBody(data: Buffer): ObjectBody {
  return {
    size: data.length,
    needsScratch: false,
    read: (start, end) => Promise.resolve(data.subarray(start, end)),
  };
}

/** A file opened by the caller (who closes it); reads fail if it shrank meanwhile. */
export function fileBody(handle: FileHandle, size: number): ObjectBody {
  return {
    size,
    needsScratch: true,
    async read(start, end, scratch) {
      const length = end - start;
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(scratch, done, length - done, start + done);
        if (bytesRead === 0) throw new Error('the file changed during the upload (it is shorter now)');
        done += bytesRead;
      }
      return scratch.subarray(0, length);
    },
  };
}

export interface PutOptions {
  readonly partSize: number;
  /** Parts on the wire at once. */
  readonly queueSize: number;
  readonly contentType: string;
  readonly signal?: AbortSignal;
  /** Bytes stored so far, reported as each part lands. */
  readonly onProgress?: (sent: number, total: number) => void;
}

/**
 * Uploads `body` to `key`; rejects on the first failure (after retries) with the other parts stopped.
 * Resolves with the object's ETag (open modeling declares it in the upload callback).
 */
export async function putObject(
  storage: UploadStorage,
  key: string,
  body: ObjectBody,
  options: PutOptions,
): Promise<string | undefined> {
  if (body.size > options.partSize) return putParts(storage, key, body, options);
  const data = await body.read(0, body.size, scratch(body, body.size));
  const out = await storage.call(
    (abortSignal) =>
      storage.client.send(
        new PutObjectCommand({
          Bucket: storage.sts.bucket,
          Key: key,
          Body: data,
          ContentLength: data.length,
          ContentType: options.contentType,
        }),
        { abortSignal },
      ),
    options.signal,
  );
  options.onProgress?.(body.size, body.size);
  return out.ETag;
}

/** A buffer to read parts into, for bodies that need one. */
function scratch(body: ObjectBody, size: number): Buffer {
  return body.needsScratch ? Buffer.allocUnsafeSlow(size) : Buffer.alloc(0);
}

async function putParts(
  storage: UploadStorage,
  key: string,
  body: ObjectBody,
  options: PutOptions,
): Promise<string | undefined> {
  const bucket = storage.sts.bucket;
  const created = await storage.call(
    (abortSignal) =>
      storage.client.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: options.contentType }),
        { abortSignal },
      ),
    options.signal,
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error('CreateMultipartUpload returned no UploadId');
  storage.multipartUploadIds.add(uploadId);

  const count = Math.ceil(body.size / options.partSize);
  const etags = new Array<string>(count);
  // One failed part stops the others at once instead of letting them run to the end.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let next = 0;
  let sent = 0;
  const worker = async (): Promise<void> => {
    const buffer = scratch(body, options.partSize);
    while (next < count && !signal.aborted) {
      const index = next++;
      const start = index * options.partSize;
      const data = await body.read(start, Math.min(body.size, start + options.partSize), buffer);
      const out = await storage.call(
        (abortSignal) =>
          storage.client.send(
            new UploadPartCommand({
              Bucket: bucket,
              Key: key,
              UploadId: uploadId,
              PartNumber: index + 1,
              Body: data,
              ContentLength: data.length,
            }),
            { abortSignal },
          ),
        signal,
      );
      if (!out.ETag) throw new Error(`UploadPart ${index + 1} returned no ETag`);
      etags[index] = out.ETag;
      sent += data.length;
      options.onProgress?.(sent, body.size);
    }
  };
  const workers = Array.from({ length: Math.min(options.queueSize, count) }, () =>
    worker().catch((error: unknown) => {
      stop.abort();
      throw error;
    }),
  );
  const outcomes = await Promise.allSettled(workers);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  // The first failure, not the AbortErrors it caused in the other workers.
  if (failed) throw firstCause(outcomes) ?? failed.reason;
  options.signal?.throwIfAborted();

  const done = await storage.call(
    (abortSignal) =>
      storage.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
        }),
        { abortSignal },
      ),
    options.signal,
  );
  storage.multipartUploadIds.delete(uploadId);
  return done.ETag;
}

function firstCause(outcomes: PromiseSettledResult<void>[]): unknown {
  for (const o of outcomes)
    if (o.status === 'rejected' && !(o.reason instanceof Error && o.reason.name === 'AbortError'))
      return o.reason;
  return undefined;
}
