// The HTTP transport: one undici dispatcher with bounded keep-alive connections, FlightHub's headers,
// a per-request timeout composed with the caller's signal, a cap on requests in flight, envelope
// checks, zod validation and retries for idempotent reads only.
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { CONTRACTS, type DataOf } from './contract';
import { ENDPOINTS, buildPath, type EndpointId } from './endpoints';
import {
  BusinessError,
  CancelledError,
  FlightHubError,
  HtmlResponseError,
  HttpStatusError,
  InvalidRequestError,
  NetworkError,
  TimeoutError,
  type RequestInfo,
} from './errors';
import { Limiter } from './limiter';
import { readResponse } from './response';
import { createAgent } from './undiciAgent';
import { DEFAULT_RETRY, backoffDelay, sleep, type RetryPolicy } from './retry';
import { formatIssues } from './zodIssues';

export type Language = 'zh' | 'en';

export interface TransportOptions {
  /** e.g. `https://es-flight-api-us.djigate.com` or `http://host:30812`; no trailing path. */
  readonly baseUrl: string;
  /** The organization key. Sent as `X-User-Token`; never logged, never put into errors. */
  readonly orgKey: string;
  readonly language?: Language;
  readonly timeoutMs?: number;
  readonly maxInFlight?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Injectable for tests and for sharing one pool; the transport owns (and closes) its default one. */
  readonly dispatcher?: Dispatcher;
  /** Called once per attempt with what is safe to log. */
  readonly onLog?: (entry: RequestLog) => void;
  readonly random?: () => number;
}

export interface RequestLog {
  readonly id: EndpointId;
  readonly method: string;
  readonly path: string;
  readonly requestId: string;
  readonly attempt: number;
  readonly status?: number;
  readonly businessCode?: number;
  readonly durationMs: number;
  readonly error?: string;
  /** The request as sent, the key replaced by a placeholder (for "Copy a Recent Request as curl"). */
  readonly request?: RecordedRequest;
}

export interface CallOptions {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: unknown;
  readonly body?: unknown;
  readonly projectUuid?: string;
  readonly signal?: AbortSignal;
}

/** What a curl copy of a request needs; the key is represented by a placeholder. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export const KEY_PLACEHOLDER = '<organization-key>';

export class Transport {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly limiter: Limiter;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private readonly baseUrl: string;
  lastRequest: RecordedRequest | undefined;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      createAgent({ connections: 8, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
    this.limiter = new Limiter(options.maxInFlight ?? 4);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  get language(): Language {
    return this.options.language ?? 'en';
  }

  async call<Id extends EndpointId>(id: Id, call: CallOptions = {}): Promise<DataOf<Id>> {
    const def = ENDPOINTS[id];
    const contract = CONTRACTS[id];
    const query = 'query' in contract ? validate(contract.query, call.query ?? {}, id) : undefined;
    const body = 'body' in contract ? validate(contract.body, call.body ?? {}, id) : undefined;
    if (def.scope === 'project' && !call.projectUuid)
      throw new InvalidRequestError('no project selected', id);
    const path = buildPath(id, call.params);
    const url = this.baseUrl + path + toQueryString(query);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const attempts = def.idempotent ? this.retry.maxAttempts : 1;

    for (let attempt = 1; ; attempt++) {
      const requestId = randomUUID();
      const info: RequestInfo = { method: def.method, path, requestId, endpoint: id };
      const started = performance.now();
      const headers = this.headers(requestId, call.projectUuid, payload);
      const recorded: RecordedRequest = {
        method: def.method,
        url,
        headers: { ...headers, 'X-User-Token': KEY_PLACEHOLDER },
        body: payload,
      };
      try {
        const raw = await this.limiter.run(() => {
          this.lastRequest = recorded;
          return this.send(def.method, url, headers, payload, info, call.signal);
        }, call.signal);
        const result = readResponse(raw, contract.data, info);
        this.log({ id, info, attempt, started, status: raw.status, businessCode: 0, recorded });
        return result as DataOf<Id>;
      } catch (error) {
        const err = toFlightHubError(error, info, call.signal);
        this.log({
          id,
          info,
          attempt,
          started,
          status: statusOf(err),
          businessCode: businessCodeOf(err),
          error: err.code,
          recorded,
        });
        if (!err.retryable || attempt >= attempts || call.signal?.aborted) throw err;
        const delay = backoffDelay(this.retry, attempt, this.random, retryAfterOf(err));
        try {
          await sleep(delay, call.signal);
        } catch {
          throw new CancelledError(info);
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private headers(
    requestId: string,
    projectUuid: string | undefined,
    payload: string | undefined,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      'X-User-Token': this.options.orgKey,
      'X-Request-Id': requestId,
      'X-Language': this.language,
      Accept: 'application/json',
    };
    if (projectUuid) headers['X-Project-Uuid'] = projectUuid;
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    return headers;
  }

  private async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    payload: string | undefined,
    info: RequestInfo,
    callerSignal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    try {
      const res = await this.dispatcher.request({
        origin: new URL(url).origin,
        path: url.slice(new URL(url).origin.length),
        method,
        headers,
        body: payload,
        signal,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    } catch (error) {
      if (callerSignal?.aborted) throw new CancelledError(info);
      if (timeout.aborted) throw new TimeoutError(this.timeoutMs, info);
      throw error;
    }
  }

  private log(e: {
    id: EndpointId;
    info: RequestInfo;
    attempt: number;
    started: number;
    status?: number;
    businessCode?: number;
    error?: string;
    recorded: RecordedRequest;
  }): void {
    this.options.onLog?.({
      id: e.id,
      method: e.info.method,
      path: e.info.path,
      requestId: e.info.requestId,
      attempt: e.attempt,
      status: e.status,
      businessCode: e.businessCode,
      durationMs: Math.round(performance.now() - e.started),
      error: e.error,
      request: e.recorded,
    });
  }
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

function validate(schema: import('zod').ZodType, value: unknown, id: EndpointId): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidRequestError(formatIssues(parsed.error), id);
  // Send what the caller gave (validated), not zod's output: transforms are for responses only.
  return value;
}

function toQueryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value as string | number | boolean));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidRequestError(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InvalidRequestError('the server URL must be http(s)');
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function toFlightHubError(
  error: unknown,
  info: RequestInfo,
  signal: AbortSignal | undefined,
): FlightHubError {
  if (FlightHubError.is(error)) return error;
  if (signal?.aborted) return new CancelledError(info);
  const message =
    error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return new NetworkError(message, info, error);
}

function statusOf(err: FlightHubError): number | undefined {
  if (BusinessError.is(err)) return err.httpStatus;
  if (HttpStatusError.is(err) || HtmlResponseError.is(err)) return err.status;
  return undefined;
}
function businessCodeOf(err: FlightHubError): number | undefined {
  return BusinessError.is(err) ? err.businessCode : undefined;
}
function retryAfterOf(err: FlightHubError): number | undefined {
  return BusinessError.is(err) || HttpStatusError.is(err) ? err.retryAfterMs : undefined;
}
