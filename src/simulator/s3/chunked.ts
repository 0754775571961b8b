// Decoder for `Content-Encoding: aws-chunked` bodies (sigv4-streaming.html and the "trailing
// checksums" variant). The AWS SDK v3 sends PutObject/UploadPart with a stream body this way, as
// `STREAMING-UNSIGNED-PAYLOAD-TRAILER` with an `x-amz-checksum-crc32` trailer. Each chunk is
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n
// ending with a zero-size chunk, then optional `name:value\r\n` trailers and a blank line.
// Data is passed through as slices of the input, so memory stays bounded by the socket buffers.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { AuthContext } from './auth';
import { S3Error } from './errors';
import { chunkStringToSign, EMPTY_SHA256, sha256Hex, signHex, trailerStringToSign } from './sigv4';

/** Produces the expected signatures of a signed chunk stream, chaining from the seed signature. */
export interface ChunkSigner {
  chunk(dataSha256: string): string;
  trailer(trailerSha256: string): string;
}

export function chunkSigner(auth: AuthContext): ChunkSigner {
  let previous = auth.seedSignature;
  return {
    chunk(dataSha256) {
      previous = signHex(auth.signingKey, chunkStringToSign(auth.amzDate, auth.scope, previous, dataSha256));
      return previous;
    },
    trailer(trailerSha256) {
      previous = signHex(
        auth.signingKey,
        trailerStringToSign(auth.amzDate, auth.scope, previous, trailerSha256),
      );
      return previous;
    },
  };
}

/** Chunk headers and trailer lines are short; anything longer is a broken or hostile stream. */
const MAX_LINE = 4096;

type State = 'header' | 'data' | 'data-end' | 'trailer' | 'done';

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers (lower-case names), available once the stream has finished. */
  readonly trailers = new Map<string, string>();
  private state: State = 'header';
  private line = '';
  private remaining = 0;
  private crlfSeen = 0;
  private hash: Hash | undefined;
  private claimedSignature: string | undefined;

  constructor(
    private readonly signer: ChunkSigner | undefined,
    private readonly signedTrailer = false,
  ) {
    super();
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(data);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      // Some clients end after the zero-size chunk without the closing blank line.
      if (this.state === 'trailer' && this.line === '') this.finishTrailers();
      callback(
        this.state === 'done'
          ? undefined
          : new S3Error('IncompleteBody', 'The aws-chunked body ended early.'),
      );
    } catch (error) {
      callback(error as Error);
    }
  }

  private consume(data: Buffer): void {
    let offset = 0;
    while (offset < data.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, data.length - offset);
        const slice = data.subarray(offset, offset + take);
        this.hash?.update(slice);
        this.push(slice);
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) this.state = 'data-end';
      } else if (this.state === 'data-end') {
        const expected = this.crlfSeen === 0 ? 0x0d : 0x0a;
        if (data[offset] !== expected) throw malformed('chunk data must be followed by CRLF');
        offset += 1;
        if (++this.crlfSeen === 2) {
          this.crlfSeen = 0;
          this.verifyChunk(this.hash?.digest('hex'));
          this.state = 'header';
        }
      } else if (this.state === 'done') {
        throw malformed('data after the final chunk');
      } else {
        const newline = data.indexOf(0x0a, offset);
        const end = newline < 0 ? data.length : newline + 1;
        this.line += data.toString('latin1', offset, end);
        offset = end;
        if (this.line.length > MAX_LINE) throw malformed('chunk header too long');
        if (newline >= 0) this.takeLine(this.line.replace(/\r?\n$/, ''));
      }
    }
  }

  private takeLine(line: string): void {
    this.line = '';
    if (this.state === 'trailer') {
      if (line === '') return this.finishTrailers();
      const colon = line.indexOf(':');
      if (colon <= 0) throw malformed('bad trailer line');
      this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      return;
    }
    const [sizeText = '', ...extensions] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw malformed('bad chunk size');
    this.claimedSignature = extensions
      .find((e) => e.startsWith('chunk-signature='))
      ?.slice('chunk-signature='.length);
    this.remaining = parseInt(sizeText, 16);
    if (this.remaining === 0) {
      this.verifyChunk(EMPTY_SHA256);
      this.state = 'trailer';
    } else {
      this.hash = this.signer ? createHash('sha256') : undefined;
      this.state = 'data';
    }
  }

  private verifyChunk(dataSha256: string | undefined): void {
    if (!this.signer) return;
    const expected = this.signer.chunk(dataSha256 ?? EMPTY_SHA256);
    if (this.claimedSignature !== expected)
      throw new S3Error('SignatureDoesNotMatch', 'A chunk signature does not match.');
  }

  private finishTrailers(): void {
    this.state = 'done';
    if (!this.signer || !this.signedTrailer) return;
    const claimed = this.trailers.get('x-amz-trailer-signature');
    this.trailers.delete('x-amz-trailer-signature');
    const canonical = [...this.trailers].map(([name, value]) => `${name}:${value}\n`).join('');
    if (claimed !== this.signer.trailer(sha256Hex(canonical))) {
      throw new S3Error('SignatureDoesNotMatch', 'The trailer signature does not match.');
    }
  }
}

function malformed(detail: string): S3Error {
  return new S3Error('IncompleteBody', `Malformed aws-chunked body: ${detail}.`);
}
