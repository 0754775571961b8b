// AWS Signature Version 4 primitives for S3, written from the public specification
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html and
// sigv4-query-string-auth.html, sigv4-streaming.html). Pure functions: no clocks, no I/O.
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const SERVICE = 's3';
export const TERMINATOR = 'aws4_request';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** AWS UriEncode: every byte except the unreserved set A-Z a-z 0-9 - _ . ~ is %XX (upper-case hex). */
export function uriEncode(value: string): string {
  // encodeURIComponent leaves !'()* alone; SigV4 does not.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes then re-encodes each path segment, so `/b/a%20b` and `/b/a b` both canonicalize to `/b/a%20b`. */
export function canonicalUri(rawPath: string): string {
  // S3 (unlike other services) does not normalize `.`/`..` or double slashes: keys may contain them.
  return rawPath
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

/** Parses a raw query string into decoded pairs, in order; `?uploads` yields `['uploads', '']`. */
export function parseQuery(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    return [decodeURIComponent(name), decodeURIComponent(value)];
  });
}

/** Sorted `name=value` pairs, each side UriEncoded; `omit` drops one parameter (X-Amz-Signature). */
export function canonicalQuery(pairs: readonly (readonly [string, string])[], omit?: string): string {
  const encoded = pairs
    .filter(([name]) => name !== omit)
    .map(([name, value]) => [uriEncode(name), uriEncode(value)]);
  // Sort by code point of the encoded name, then value (all ASCII after encoding).
  encoded.sort(([an = '', av = ''], [bn = '', bv = '']) =>
    an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0,
  );
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Trims and collapses runs of spaces, as the spec requires for canonical header values. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/ +/g, ' ');
}

export interface CanonicalRequestInput {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  /** Lower-case names in SignedHeaders order, with their canonical values. */
  readonly headers: readonly (readonly [string, string])[];
  readonly payloadHash: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const headerLines = input.headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = input.headers.map(([name]) => name).join(';');
  return [
    input.method,
    input.canonicalUri,
    input.canonicalQuery,
    headerLines,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
}

export function credentialScope(date: string, region: string): string {
  return `${date}/${region}/${SERVICE}/${TERMINATOR}`;
}

export function stringToSign(amzDate: string, scope: string, canonicalRequestText: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequestText)].join('\n');
}

/** The signing key depends only on secret, day and region, so callers may reuse it for chunk signatures. */
export function signingKey(secret: string, date: string, region: string): Buffer {
  const dateKey = hmac(`AWS4${secret}`, date);
  return hmac(hmac(hmac(dateKey, region), SERVICE), TERMINATOR);
}

/**
 * The signing key depends only on secret, day and region, so a list of 10,000 media links (20,000
 * presigned URLs, as the simulator's `media` answer has) derives it once instead of 20,000 times.
 */
let lastKey: { id: string; key: Buffer } | undefined;
function cachedSigningKey(secret: string, date: string, region: string): Buffer {
  const id = `${date}\n${region}\n${secret}`;
  if (lastKey?.id !== id) lastKey = { id, key: signingKey(secret, date, region) };
  return lastKey.key;
}

export function signHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** String to sign for one chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body. */
export function chunkStringToSign(
  amzDate: string,
  scope: string,
  previous: string,
  chunkHash: string,
): string {
  return ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, EMPTY_SHA256, chunkHash].join('\n');
}

/** String to sign for the trailer of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body. */
export function trailerStringToSign(
  amzDate: string,
  scope: string,
  previous: string,
  trailerHash: string,
): string {
  return ['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, previous, trailerHash].join('\n');
}

/** `20130524T000000Z` from unix ms. */
export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Unix ms from `20130524T000000Z`, or undefined when malformed. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}

export interface PresignInput {
  readonly method: string;
  /** Origin the client will call, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** Decoded path, e.g. `/bucket/folder/file name.jpg`. */
  readonly path: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly region: string;
  readonly nowMs: number;
  readonly expiresSeconds: number;
}

/** A query-string-authenticated URL that signs only the `host` header and an unsigned payload. */
export function presignUrl(input: PresignInput): string {
  const amzDate = formatAmzDate(input.nowMs);
  const scope = credentialScope(amzDate.slice(0, 8), input.region);
  const params: [string, string][] = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${input.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(input.expiresSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  if (input.sessionToken !== undefined) params.push(['X-Amz-Security-Token', input.sessionToken]);
  const uri = input.path.split('/').map(uriEncode).join('/');
  const query = canonicalQuery(params);
  const origin = new URL(input.origin);
  const request = canonicalRequest({
    method: input.method,
    canonicalUri: uri,
    canonicalQuery: query,
    headers: [['host', origin.host]],
    payloadHash: UNSIGNED_PAYLOAD,
  });
  const key = cachedSigningKey(input.secretAccessKey, amzDate.slice(0, 8), input.region);
  const signature = signHex(key, stringToSign(amzDate, scope, request));
  return `${origin.origin}${uri}?${query}&X-Amz-Signature=${signature}`;
}
