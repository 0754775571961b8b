// Receives a request body into a sink (a temp file, or a small buffer for XML) while computing the
// digests S3 checks: the signed payload hash, Content-MD5, and the x-amz-checksum-* "flexible
// checksums" the AWS SDK adds by default. Nothing is buffered beyond the stream's own chunks.
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type { AuthContext } from './auth';
import { AwsChunkedDecoder, chunkSigner } from './chunked';
import { S3Error } from './errors';

export interface ReceivedBody {
  readonly size: number;
  readonly md5Hex: string;
}

/** Algorithms we can verify with node built-ins; CRC32C and CRC64NVME are accepted unchecked. */
type Checksum = 'crc32' | 'sha1' | 'sha256';
const CHECKSUMS: readonly Checksum[] = ['crc32', 'sha1', 'sha256'];

class Digests extends Transform {
  size = 0;
  readonly md5 = createHash('md5');
  readonly sha256: Hash | undefined;
  readonly sha1: Hash | undefined;
  crc32: number | undefined;

  constructor(
    private readonly maxBytes: number,
    want: ReadonlySet<Checksum>,
    wantPayloadSha256: boolean,
  ) {
    super();
    this.sha256 = want.has('sha256') || wantPayloadSha256 ? createHash('sha256') : undefined;
    this.sha1 = want.has('sha1') ? createHash('sha1') : undefined;
    this.crc32 = want.has('crc32') ? 0 : undefined;
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += data.length;
    if (this.size > this.maxBytes) {
      callback(new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
      return;
    }
    this.md5.update(data);
    this.sha256?.update(data);
    this.sha1?.update(data);
    if (this.crc32 !== undefined) this.crc32 = crc32(data, this.crc32);
    callback(undefined, data);
  }
}

/**
 * Streams `req`'s body into `sink`. Rejects with an S3Error for protocol or digest failures, or
 * with the stream error when the client goes away; the caller discards whatever the sink holds.
 */
export async function receiveBody(
  req: IncomingMessage,
  sink: Writable,
  auth: AuthContext,
  maxBytes: number,
): Promise<ReceivedBody> {
  const mode = auth.payloadHash;
  const streaming = mode.startsWith('STREAMING-');
  const declared = declaredLength(req, streaming);
  if (declared > maxBytes)
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');

  const checksums = requestedChecksums(req);
  const digests = new Digests(maxBytes, new Set(checksums.keys()), /^[0-9a-f]{64}$/.test(mode));
  const signed = mode.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  const decoder = streaming
    ? new AwsChunkedDecoder(signed ? chunkSigner(auth) : undefined, mode.endsWith('-TRAILER'))
    : undefined;
  // destroyOnReturn: false keeps a rejected upload's socket open, so the client still reads our
  // error document; Node discards the rest of the body after the response ends.
  const source = req.iterator({ destroyOnReturn: false });
  await (decoder ? pipeline(source, decoder, digests, sink) : pipeline(source, digests, sink));

  if (digests.size !== declared) {
    throw new S3Error(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    );
  }
  const md5 = digests.md5.digest();
  const sha256 = digests.sha256?.digest();
  if (/^[0-9a-f]{64}$/.test(mode) && sha256?.toString('hex') !== mode) {
    throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
      details: { ClientComputedContentSHA256: mode, S3ComputedContentSHA256: sha256?.toString('hex') ?? '' },
    });
  }
  const contentMd5 = single(req.headers['content-md5']);
  if (contentMd5 !== undefined && contentMd5 !== md5.toString('base64')) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  for (const [algorithm, headerValue] of checksums) {
    const claimed = headerValue ?? decoder?.trailers.get(`x-amz-checksum-${algorithm}`);
    const actual =
      algorithm === 'crc32'
        ? crc32Base64(digests.crc32 ?? 0)
        : (algorithm === 'sha1' ? digests.sha1?.digest() : sha256)?.toString('base64');
    if (claimed !== actual) {
      throw new S3Error(
        'BadDigest',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      );
    }
  }
  return { size: digests.size, md5Hex: md5.toString('hex') };
}

/** A sink that keeps a small body (an XML document) in memory, refusing more than `limit` bytes. */
export class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  private length = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.length += chunk.length;
    if (this.length > this.limit) {
      callback(new S3Error('MalformedXML', 'The XML you provided was too large.'));
      return;
    }
    this.chunks.push(chunk);
    callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function declaredLength(req: IncomingMessage, streaming: boolean): number {
  // S3 needs the object size up front: plain chunked transfer is refused, aws-chunked must declare
  // the decoded size.
  const text = streaming
    ? single(req.headers['x-amz-decoded-content-length'])
    : req.headers['content-length'];
  if (text === undefined || !/^\d+$/.test(text)) {
    if (!streaming && req.headers['transfer-encoding'] === undefined) return 0;
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  return Number(text);
}

/** Algorithm → value from the header, or undefined when it is announced as a trailer. */
function requestedChecksums(req: IncomingMessage): Map<Checksum, string | undefined> {
  const found = new Map<Checksum, string | undefined>();
  const trailer = single(req.headers['x-amz-trailer'])?.toLowerCase();
  for (const algorithm of CHECKSUMS) {
    const value = single(req.headers[`x-amz-checksum-${algorithm}`]);
    if (value !== undefined) found.set(algorithm, value);
    else if (trailer === `x-amz-checksum-${algorithm}`) found.set(algorithm, undefined);
  }
  return found;
}

function crc32Base64(value: number): string {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer.toString('base64');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
