// The S3 HTTP front: parses a path-style request (`/{bucket}/{key…}`), authenticates it, checks
// that the credential may do this to this key, and dispatches to the operation.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import type { S3Request, StoreContext } from './context';
import { canRead, canWrite } from './credentials';
import { S3Error } from './errors';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from './ops-multipart';
import { headBucket, listObjectsV2 } from './ops-list';
import { deleteObject, getObject, putObject } from './ops-object';
import { sendError, type ResponseContext } from './response';
import { parseQuery } from './sigv4';

type Operation = (ctx: StoreContext, r: S3Request) => void | Promise<void>;

interface Route {
  readonly run: Operation;
  /** Writes need the credential's key prefix; reads only its bucket. */
  readonly writes: boolean;
}

export async function handleS3(
  ctx: StoreContext,
  req: IncomingMessage,
  res: ServerResponse,
  baseUrl: string,
): Promise<void> {
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const out: ResponseContext = {
    res,
    requestId: randomBytes(8).toString('hex').toUpperCase(),
    nowMs: ctx.now(),
    isHead: req.method === 'HEAD',
    resource: rawPath,
  };
  try {
    let path: string;
    let query: [string, string][];
    try {
      path = decodeURIComponent(rawPath);
      query = parseQuery(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
    } catch {
      throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
    }
    const slash = path.indexOf('/', 1);
    const bucket = slash < 0 ? path.slice(1) : path.slice(1, slash);
    const key = slash < 0 ? '' : path.slice(slash + 1);
    if (!ctx.store.hasBucket(bucket)) throw new S3Error('NoSuchBucket');
    const params = new Map(query);
    const route = pickRoute(req.method ?? 'GET', key, params);
    const auth = authenticate({
      req,
      rawPath,
      query,
      registry: ctx.registry,
      region: ctx.region,
      nowMs: out.nowMs,
    });
    const allowed = route.writes ? canWrite(auth.credential, bucket, key) : canRead(auth.credential, bucket);
    if (!allowed) throw new S3Error('AccessDenied');
    await route.run(ctx, { req, out, bucket, key, query: params, auth, baseUrl });
  } catch (error) {
    sendError(out, error);
  }
}

function pickRoute(method: string, key: string, params: ReadonlyMap<string, string>): Route {
  const read = (run: Operation): Route => ({ run, writes: false });
  const write = (run: Operation): Route => ({ run, writes: true });
  if (key === '') {
    if (method === 'HEAD') return read(headBucket);
    if (method === 'GET' && params.get('list-type') === '2') return read(listObjectsV2);
    throw new S3Error('NotImplemented', 'Only ListObjectsV2 and HeadBucket are supported on buckets.');
  }
  const uploadId = params.has('uploadId');
  switch (method) {
    case 'PUT':
      return write(params.has('partNumber') || uploadId ? uploadPart : putObject);
    case 'POST':
      if (params.has('uploads')) return write(createMultipartUpload);
      if (uploadId) return write(completeMultipartUpload);
      break;
    case 'DELETE':
      return write(uploadId ? abortMultipartUpload : deleteObject);
    case 'GET':
      return read(uploadId ? listParts : getObject);
    case 'HEAD':
      return read(getObject);
  }
  throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.');
}
