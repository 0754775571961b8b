// ListObjectsV2 (prefix, delimiter, max-keys, continuation-token, start-after) and HeadBucket.
// Virtual objects are not listed: the resolver can answer for a key but cannot enumerate keys.
import type { S3Request, StoreContext } from './context';
import { S3Error } from './errors';
import { sendEmpty, sendXml } from './response';
import { branch, leaf, s3Document } from './xml';

const MAX_KEYS = 1000;

interface Marker {
  /** The last key or common prefix returned. */
  readonly after: string;
  readonly isPrefix: boolean;
}

export function headBucket(_ctx: StoreContext, r: S3Request): void {
  sendEmpty(r.out, 200);
}

export function listObjectsV2(ctx: StoreContext, r: S3Request): void {
  const prefix = r.query.get('prefix') ?? '';
  const delimiter = r.query.get('delimiter') ?? '';
  const maxKeysText = r.query.get('max-keys');
  const maxKeys = maxKeysText === undefined ? MAX_KEYS : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  const token = r.query.get('continuation-token');
  const startAfter = r.query.get('start-after');
  const marker =
    token !== undefined
      ? decodeToken(token)
      : startAfter
        ? { after: startAfter, isPrefix: false }
        : undefined;

  const contents: string[] = [];
  const prefixes: string[] = [];
  let last: Marker | undefined;
  let truncated = false;
  for (const key of ctx.store.sortedKeys(r.bucket)) {
    if (!key.startsWith(prefix) || (marker && isBeforeOrAt(key, marker))) continue;
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const common = cut < 0 ? undefined : key.slice(0, cut + delimiter.length);
    if (common !== undefined && last?.isPrefix && last.after === common) continue;
    if (contents.length + prefixes.length >= Math.min(maxKeys, MAX_KEYS)) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(branch('CommonPrefixes', [leaf('Prefix', common)]));
      last = { after: common, isPrefix: true };
    } else {
      const object = ctx.store.get(r.bucket, key);
      if (!object) continue;
      contents.push(
        branch('Contents', [
          leaf('Key', key),
          leaf('LastModified', new Date(object.lastModified).toISOString()),
          leaf('ETag', object.etag),
          leaf('Size', object.size),
          leaf('StorageClass', 'STANDARD'),
        ]),
      );
      last = { after: key, isPrefix: false };
    }
  }
  sendXml(
    r.out,
    200,
    s3Document('ListBucketResult', [
      leaf('Name', r.bucket),
      leaf('Prefix', prefix),
      ...(delimiter ? [leaf('Delimiter', delimiter)] : []),
      leaf('MaxKeys', maxKeys),
      leaf('KeyCount', contents.length + prefixes.length),
      leaf('IsTruncated', truncated),
      ...(token !== undefined ? [leaf('ContinuationToken', token)] : []),
      ...(truncated && last ? [leaf('NextContinuationToken', encodeToken(last))] : []),
      ...(startAfter !== undefined ? [leaf('StartAfter', startAfter)] : []),
      ...contents,
      ...prefixes,
    ]),
  );
}

function isBeforeOrAt(key: string, marker: Marker): boolean {
  if (marker.isPrefix && key.startsWith(marker.after)) return true;
  return Buffer.compare(Buffer.from(key), Buffer.from(marker.after)) <= 0;
}

function encodeToken(marker: Marker): string {
  return Buffer.from(JSON.stringify(marker)).toString('base64url');
}

function decodeToken(token: string): Marker {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Marker>;
    if (typeof value.after === 'string' && typeof value.isPrefix === 'boolean')
      return { after: value.after, isPrefix: value.isPrefix };
  } catch {
    // Fall through: any undecodable token is invalid.
  }
  throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect');
}
