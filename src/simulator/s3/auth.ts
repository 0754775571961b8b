// Verifies the SigV4 signature of an incoming S3 request, in either the Authorization-header form
// or the presigned query form, and checks the credential's token, expiry and the request's age.
// Authorization (which keys a credential may touch) is the handler's job; this file only answers
// "who signed this, and is the signature good?".
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Credential, CredentialRegistry } from './credentials';
import { S3Error } from './errors';
import {
  ALGORITHM,
  SERVICE,
  TERMINATOR,
  UNSIGNED_PAYLOAD,
  canonicalHeaderValue,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  formatAmzDate,
  parseAmzDate,
  signHex,
  signingKey,
  stringToSign,
} from './sigv4';

/** S3 rejects header-signed requests whose time differs from the server's by more than this. */
export const MAX_SKEW_MS = 15 * 60_000;
/** Longest validity S3 accepts for a presigned URL (7 days). */
export const MAX_PRESIGN_SECONDS = 604_800;

export const PAYLOAD_MODES = [
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
] as const;

export interface AuthContext {
  readonly credential: Credential;
  /** `x-amz-content-sha256`: a hex digest to check the body against, or one of PAYLOAD_MODES. */
  readonly payloadHash: string;
  /** What the streaming-signature variants chain their chunk signatures from. */
  readonly amzDate: string;
  readonly scope: string;
  readonly signingKey: Buffer;
  readonly seedSignature: string;
}

interface SignatureClaim {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly scopeRegion: string;
  readonly scopeRest: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  readonly amzDate: string;
  readonly sessionToken: string | undefined;
  readonly payloadHash: string;
  /** Seconds, presigned form only. */
  readonly expires: number | undefined;
}

export interface AuthInput {
  readonly req: IncomingMessage;
  readonly rawPath: string;
  readonly query: readonly (readonly [string, string])[];
  readonly registry: CredentialRegistry;
  readonly region: string;
  readonly nowMs: number;
}

export function authenticate(input: AuthInput): AuthContext {
  const { req, query } = input;
  const header = req.headers.authorization;
  const presigned = query.some(([name]) => name === 'X-Amz-Algorithm');
  if (header !== undefined && presigned) {
    throw new S3Error(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified',
    );
  }
  if (header === undefined && !presigned) throw new S3Error('AccessDenied', 'Access Denied');
  const claim = presigned ? parseQueryClaim(query) : parseHeaderClaim(req, header ?? '');
  const malformed = presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed';
  if (claim.scopeRest !== `${SERVICE}/${TERMINATOR}`) {
    throw new S3Error(malformed, `The credential scope must end in ${SERVICE}/${TERMINATOR}.`);
  }
  if (claim.scopeRegion !== input.region) {
    throw new S3Error(malformed, `The region '${claim.scopeRegion}' is wrong; expecting '${input.region}'`);
  }
  if (claim.scopeDate !== claim.amzDate.slice(0, 8)) {
    throw new S3Error(
      malformed,
      `Invalid credential date "${claim.scopeDate}". This date is not the same as X-Amz-Date: "${claim.amzDate.slice(0, 8)}".`,
    );
  }
  if (!claim.signedHeaders.includes('host')) {
    throw new S3Error(malformed, 'SignedHeaders must include host.');
  }

  const credential = input.registry.find(claim.accessKeyId);
  if (!credential) throw new S3Error('InvalidAccessKeyId');
  if (claim.sessionToken !== credential.sessionToken) throw new S3Error('InvalidToken');
  // Checked before the request time so that a client whose clock follows the simulator past the
  // credential's lifetime learns the real cause.
  if (input.nowMs >= credential.expiresAt) throw new S3Error('ExpiredToken');

  const canonical = canonicalRequest({
    method: req.method ?? 'GET',
    canonicalUri: canonicalUri(input.rawPath),
    canonicalQuery: canonicalQuery(query, presigned ? 'X-Amz-Signature' : undefined),
    headers: claim.signedHeaders.map((name) => [name, headerValue(req, name)]),
    payloadHash: claim.payloadHash,
  });
  const scope = `${claim.scopeDate}/${claim.scopeRegion}/${claim.scopeRest}`;
  const toSign = stringToSign(claim.amzDate, scope, canonical);
  const key = signingKey(credential.secretAccessKey, claim.scopeDate, claim.scopeRegion);
  const expected = signHex(key, toSign);
  if (!sameHex(expected, claim.signature)) {
    throw new S3Error('SignatureDoesNotMatch', undefined, {
      details: {
        AWSAccessKeyId: claim.accessKeyId,
        StringToSign: toSign,
        SignatureProvided: claim.signature,
        CanonicalRequest: canonical,
      },
    });
  }
  checkTime(claim, input.nowMs);
  return {
    credential,
    payloadHash: claim.payloadHash,
    amzDate: claim.amzDate,
    scope,
    signingKey: key,
    seedSignature: expected,
  };
}

function checkTime(claim: SignatureClaim, nowMs: number): void {
  const requestMs = parseAmzDate(claim.amzDate) ?? NaN;
  const serverTime = new Date(nowMs).toISOString();
  if (claim.expires === undefined) {
    if (Math.abs(nowMs - requestMs) > MAX_SKEW_MS) {
      throw new S3Error('RequestTimeTooSkewed', undefined, {
        details: {
          RequestTime: claim.amzDate,
          ServerTime: serverTime,
          MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
        },
      });
    }
    return;
  }
  if (requestMs - nowMs > MAX_SKEW_MS) throw new S3Error('AccessDenied', 'Request is not valid yet');
  if (nowMs > requestMs + claim.expires * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      details: {
        'X-Amz-Expires': String(claim.expires),
        Expires: new Date(requestMs + claim.expires * 1000).toISOString(),
        ServerTime: serverTime,
      },
    });
  }
}

function parseHeaderClaim(req: IncomingMessage, header: string): SignatureClaim {
  if (!header.startsWith(`${ALGORITHM} `)) {
    throw new S3Error(
      'InvalidRequest',
      `The authorization mechanism you have provided is not supported. Please use ${ALGORITHM}.`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; it must contain Credential, SignedHeaders and Signature.',
    );
  }
  const amzDate = single(req.headers['x-amz-date']) ?? dateHeaderAsAmzDate(req.headers.date);
  if (amzDate === undefined || parseAmzDate(amzDate) === undefined) {
    throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  }
  const payloadHash = single(req.headers['x-amz-content-sha256']);
  if (payloadHash === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (!/^[0-9a-f]{64}$/.test(payloadHash) && !(PAYLOAD_MODES as readonly string[]).includes(payloadHash)) {
    throw new S3Error(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING-* mode, or a valid sha256 value.',
    );
  }
  return {
    ...splitCredential(credential, 'AuthorizationHeaderMalformed'),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    sessionToken: single(req.headers['x-amz-security-token']),
    payloadHash,
    expires: undefined,
  };
}

function parseQueryClaim(query: readonly (readonly [string, string])[]): SignatureClaim {
  const get = (name: string): string | undefined => query.find(([n]) => n === name)?.[1];
  const require = (name: string): string => {
    const value = get(name);
    if (value === undefined) {
      throw new S3Error(
        'AuthorizationQueryParametersError',
        `Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters; ${name} is missing.`,
      );
    }
    return value;
  };
  if (require('X-Amz-Algorithm') !== ALGORITHM) {
    throw new S3Error('AuthorizationQueryParametersError', `X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  const amzDate = require('X-Amz-Date');
  if (parseAmzDate(amzDate) === undefined) {
    throw new S3Error(
      'AuthorizationQueryParametersError',
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
    );
  }
  const expiresText = require('X-Amz-Expires');
  const expires = Number(expiresText);
  if (!/^\d+$/.test(expiresText) || expires > MAX_PRESIGN_SECONDS) {
    throw new S3Error(
      'AuthorizationQueryParametersError',
      `X-Amz-Expires must be a non-negative integer no greater than ${MAX_PRESIGN_SECONDS}`,
    );
  }
  return {
    ...splitCredential(require('X-Amz-Credential'), 'AuthorizationQueryParametersError'),
    signedHeaders: require('X-Amz-SignedHeaders').split(';'),
    signature: require('X-Amz-Signature'),
    amzDate,
    sessionToken: get('X-Amz-Security-Token'),
    // Presigned requests sign "UNSIGNED-PAYLOAD" unless the URL pins a hash itself.
    payloadHash: get('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD,
    expires,
  };
}

function splitCredential(
  value: string,
  code: 'AuthorizationHeaderMalformed' | 'AuthorizationQueryParametersError',
) {
  const parts = value.split('/');
  const [accessKeyId, scopeDate, scopeRegion, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !scopeDate || !scopeRegion || !service || !terminator) {
    throw new S3Error(
      code,
      `The credential is malformed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
    );
  }
  return { accessKeyId, scopeDate, scopeRegion, scopeRest: `${service}/${terminator}` };
}

/** Repeated headers are joined with commas, as the spec's canonical form requires. */
function headerValue(req: IncomingMessage, name: string): string {
  const values = req.headersDistinct[name] ?? [];
  return values.map(canonicalHeaderValue).join(',');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function dateHeaderAsAmzDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : formatAmzDate(ms);
}

function sameHex(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
