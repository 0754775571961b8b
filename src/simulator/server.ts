// The simulator's HTTP front: routes `/openapi/v0.1/...` through the shared endpoint table, checks
// headers in FlightHub's order (docs/api.md#header-checks), validates requests and its own responses with the
// client's schemas, applies faults, and hands S3 paths to the object store, `/__sim/` to control and
// `/live/whep/` to the livestream.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTRACTS } from '../api/contract';
import { ENDPOINTS, matchEndpoint, type EndpointId } from '../api/endpoints';
import { formatIssues } from '../api/zodIssues';
import type { FaultInjector } from './faults';
import { coerceQuery, normalizeAliases } from './requestShape';
import { envelope, sendJson, sendRefusal, sendWithFault } from './respond';
import { SimError, type HandlerTable, type ObjectStorage, type RequestContext } from './types';

export interface FrontDeps {
  readonly handlers: HandlerTable;
  readonly faults: FaultInjector;
  readonly storage: ObjectStorage;
  isValidKey(key: string): boolean;
  canAccessProject(uuid: string): boolean;
  /** `/__sim/...` requests. */
  control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** `/live/whep/...` requests: the playable livestream (src/simulator/live). */
  live(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Called when the simulator breaks its own contract (a bug: tests assert it never happens). */
  onInternalError(id: EndpointId | undefined, error: unknown): void;
}

const MAX_BODY = 10 * 1024 * 1024;

const TEXT = {
  noKey: { en: 'X-User-Token not found or empty', zh: 'X-User-Token 为空或不存在' },
  badKey: { en: 'X-User-Token is invalid', zh: 'X-User-Token 无效' },
  noProject: { en: 'No permission for the project', zh: '没有该项目的权限' },
  badParams: { en: 'invalid request parameters', zh: '请求参数错误' },
};

export function createRequestHandler(deps: FrontDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
    try {
      if (url.pathname.startsWith('/__sim/')) return await deps.control(req, res, url);
      if (url.pathname.startsWith('/live/whep/')) return await deps.live(req, res, url);
      if (deps.storage.ownsPath(url.pathname)) return await deps.storage.handle(req, res, baseUrl);
      await handleApi(deps, req, res, url, baseUrl);
    } catch (error) {
      deps.onInternalError(undefined, error);
      if (!res.headersSent) sendJson(res, 500, envelope(200500, 'server error'));
      else res.destroy();
    }
  };
}

async function handleApi(
  deps: FrontDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  baseUrl: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const match = matchEndpoint(method, url.pathname);
  const endpointId = match && 'id' in match ? match.id : undefined;
  const plan = deps.faults.plan(method, url.pathname, endpointId);
  if (plan.delayMs > 0) await new Promise((r) => setTimeout(r, plan.delayMs));
  if (plan.fault && sendRefusal(res, plan.fault)) {
    req.resume();
    return;
  }

  if (!match || !('id' in match)) {
    req.resume();
    return sendJson(res, 404, { code: 404, message: match ? 'method not allowed' : 'not found' });
  }
  const id = match.id;
  const language = req.headers['x-language'] === 'en' ? 'en' : 'zh';
  const answer = (code: number, message: string) => sendJson(res, 200, envelope(code, message));

  const key = headerValue(req, 'x-user-token');
  if (!key) return drain(req, () => answer(200401, TEXT.noKey[language]));
  if (!deps.isValidKey(key)) return drain(req, () => answer(200401, TEXT.badKey[language]));
  const projectUuid = headerValue(req, 'x-project-uuid');
  if (ENDPOINTS[id].scope === 'project' && (!projectUuid || !deps.canAccessProject(projectUuid)))
    return drain(req, () => answer(200403, TEXT.noProject[language]));

  const contract = CONTRACTS[id];
  const rawBody = await readBody(req);
  if (rawBody === undefined) return sendJson(res, 413, envelope(200101, 'request body too large'));
  let body: unknown = undefined;
  if ('body' in contract) {
    const parsed = parseJson(rawBody);
    if (!parsed.ok) return answer(200101, `${TEXT.badParams[language]}: the body is not JSON`);
    const check = contract.body.safeParse(normalizeAliases(id, parsed.value ?? {}));
    if (!check.success) return answer(200101, `${TEXT.badParams[language]}: ${formatIssues(check.error)}`);
    body = check.data;
  }
  let query: Record<string, unknown> = {};
  if ('query' in contract) {
    const check = contract.query.safeParse(coerceQuery(contract.query, url.searchParams));
    if (!check.success) return answer(200101, `${TEXT.badParams[language]}: ${formatIssues(check.error)}`);
    query = check.data;
  }

  const ctx: RequestContext = {
    id,
    params: match.params,
    query,
    body,
    projectUuid: ENDPOINTS[id].scope === 'project' ? projectUuid : undefined,
    language,
    requestId: headerValue(req, 'x-request-id') ?? randomUUID(),
    baseUrl,
  };
  let status = 200;
  let payload: Record<string, unknown>;
  try {
    const data = await deps.handlers[id](ctx);
    const check = contract.data.safeParse(data ?? null);
    if (!check.success)
      throw new Error(`simulator response for ${id} breaks the contract: ${formatIssues(check.error)}`);
    payload = envelope(0, 'success', data ?? null);
    if (plan.fault?.kind === 'sts_expired' && id === 'project.sts')
      payload.data = expireCredentials(deps.storage, data);
  } catch (error) {
    if (!(error instanceof SimError)) {
      deps.onInternalError(id, error);
      throw error;
    }
    status = error.httpStatus;
    payload = envelope(error.code, error.message);
  }
  await sendWithFault(res, status, payload, plan.fault);
}

function expireCredentials(storage: ObjectStorage, data: unknown): unknown {
  const sts = data as { bucket: string; object_key_prefix: string; credentials: Record<string, unknown> };
  const creds = storage.issueCredentials(sts.bucket, sts.object_key_prefix, -60);
  return {
    ...sts,
    credentials: {
      ...sts.credentials,
      access_key_id: creds.accessKeyId,
      access_key_secret: creds.secretAccessKey,
      security_token: creds.sessionToken,
    },
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

function drain(req: IncomingMessage, then: () => void): void {
  req.resume();
  then();
}

/** The whole body as text, or undefined past the size limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
