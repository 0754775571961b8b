// The SigV4 primitives against the worked examples AWS publishes (S3 API reference:
// sig-v4-header-based-auth.html "GET Object", sigv4-query-string-auth.html, and
// sigv4-streaming.html "PUT Object"), so the verifier agrees with S3 and not merely with itself.
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import type { AuthContext } from '../../../../src/simulator/s3/auth';
import { AwsChunkedDecoder, chunkSigner } from '../../../../src/simulator/s3/chunked';
import type { Credential } from '../../../../src/simulator/s3/credentials';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  EMPTY_SHA256,
  presignUrl,
  signHex,
  signingKey,
  stringToSign,
} from '../../../../src/simulator/s3/sigv4';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DATE = '20130524T000000Z';
const SCOPE = '20130524/us-east-1/s3/aws4_request';
const KEY = signingKey(SECRET, '20130524', 'us-east-1');

function sign(
  method: string,
  uri: string,
  headers: [string, string][],
  payloadHash: string,
  query = '',
): string {
  const request = canonicalRequest({
    method,
    canonicalUri: canonicalUri(uri),
    canonicalQuery: query,
    headers,
    payloadHash,
  });
  return signHex(KEY, stringToSign(DATE, SCOPE, request));
}

/** The published streaming example: 65536 + 1024 bytes of 'a', then the final empty chunk. */
const CHUNK_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];
const SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';

function exampleBody(corruptAt?: number): Buffer {
  const sizes = [65536, 1024, 0];
  const pieces = sizes.map((size, i) => {
    const data = Buffer.alloc(size, 'a');
    if (corruptAt !== undefined && corruptAt < size && i === 1) data[corruptAt] = 0x62;
    return Buffer.concat([
      Buffer.from(`${size.toString(16)};chunk-signature=${CHUNK_SIGNATURES[i]}\r\n`),
      data,
      Buffer.from('\r\n'),
    ]);
  });
  return Buffer.concat(pieces);
}

async function decode(decoder: AwsChunkedDecoder, body: Buffer, pieceSize: number): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = [];
  for (let i = 0; i < body.length; i += pieceSize) pieces.push(body.subarray(i, i + pieceSize));
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => (out.push(chunk), done()) });
  await pipeline(Readable.from(pieces), decoder, sink);
  return Buffer.concat(out);
}

const exampleAuth: AuthContext = {
  credential: {} as Credential,
  payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  amzDate: DATE,
  scope: SCOPE,
  signingKey: KEY,
  seedSignature: SEED,
};

void describe('SigV4 against the AWS examples', () => {
  void it('signs the header-authenticated GET Object example', () => {
    const signature = sign(
      'GET',
      '/test.txt',
      [
        ['host', 'examplebucket.s3.amazonaws.com'],
        ['range', 'bytes=0-9'],
        ['x-amz-content-sha256', EMPTY_SHA256],
        ['x-amz-date', DATE],
      ],
      EMPTY_SHA256,
    );
    assert.equal(signature, 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  void it('presigns the query-string GET Object example', () => {
    const url = presignUrl({
      method: 'GET',
      origin: 'https://examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: SECRET,
      region: 'us-east-1',
      nowMs: Date.UTC(2013, 4, 24),
      expiresSeconds: 86400,
    });
    assert.equal(
      url,
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  void it('computes the seed signature of the chunked PUT Object example', () => {
    const signature = sign(
      'PUT',
      '/examplebucket/chunkObject.txt',
      [
        ['content-encoding', 'aws-chunked'],
        ['content-length', '66824'],
        ['host', 's3.amazonaws.com'],
        ['x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'],
        ['x-amz-date', DATE],
        ['x-amz-decoded-content-length', '66560'],
        ['x-amz-storage-class', 'REDUCED_REDUNDANCY'],
      ],
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    );
    assert.equal(signature, SEED);
  });

  void it('verifies the example chunk signatures however the body is split', async () => {
    for (const pieceSize of [1, 7, 8192, 100_000]) {
      const data = await decode(new AwsChunkedDecoder(chunkSigner(exampleAuth)), exampleBody(), pieceSize);
      assert.deepEqual(data, Buffer.alloc(66560, 'a'), `pieces of ${pieceSize}`);
    }
  });

  void it('rejects the example when one byte of a chunk changed', async () => {
    await assert.rejects(decode(new AwsChunkedDecoder(chunkSigner(exampleAuth)), exampleBody(10), 4096), {
      code: 'SignatureDoesNotMatch',
    });
  });

  void it('canonicalizes paths and queries the way S3 does', () => {
    assert.equal(canonicalUri('/b/a%20b/c+d/%E4%B8%AD'), '/b/a%20b/c%2Bd/%E4%B8%AD');
    assert.equal(canonicalUri("/b/it's(1)*!~"), '/b/it%27s%281%29%2A%21~');
    assert.equal(
      canonicalQuery(
        [
          ['uploads', ''],
          ['prefix', 'a b/'],
          ['X-Amz-Signature', 'x'],
          ['list-type', '2'],
        ],
        'X-Amz-Signature',
      ),
      'list-type=2&prefix=a%20b%2F&uploads=',
    );
  });
});

void describe('aws-chunked decoding without signatures', () => {
  void it('passes data through and collects the trailer the AWS SDK sends', async () => {
    const body = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    const decoder = new AwsChunkedDecoder(undefined);
    assert.equal((await decode(decoder, body, 3)).toString(), 'hello world');
    assert.equal(decoder.trailers.get('x-amz-checksum-crc32'), 'DUoRhQ==');
  });

  void it('refuses a body cut off before the final chunk', async () => {
    await assert.rejects(decode(new AwsChunkedDecoder(undefined), Buffer.from('5\r\nhello\r\n'), 64), {
      code: 'IncompleteBody',
    });
    await assert.rejects(decode(new AwsChunkedDecoder(undefined), Buffer.from('zz\r\nhello\r\n'), 64), {
      code: 'IncompleteBody',
    });
  });
});
