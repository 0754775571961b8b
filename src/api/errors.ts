// One error hierarchy for everything the FlightHub 2 client can raise. Each class has a stable `code`
// (for programs, tests and telemetry-free logs) and a static `is()` guard. Messages never contain the
// organization key: the transport never puts headers into errors, and `redact()` guards free text.

export type ErrorCode =
  | 'business'
  | 'http_status'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'html_response'
  | 'invalid_json'
  | 'schema_mismatch'
  | 'invalid_request'
  | 'write_ambiguous';

/** Any class of the hierarchy, whatever its constructor takes. */
type ErrorClass<E extends FlightHubError> = abstract new (...args: never[]) => E;

export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  readonly requestId: string;
  readonly endpoint?: string;
}

export class FlightHubError extends Error {
  readonly code: ErrorCode;
  readonly request?: RequestInfo;
  /** True when repeating the same call may succeed (network faults, 5xx, rate limits). */
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { request?: RequestInfo; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.request = options.request;
    this.retryable = options.retryable ?? false;
  }

  get requestId(): string | undefined {
    return this.request?.requestId;
  }

  /**
   * The one guard of the hierarchy: `NetworkError.is(x)` is true only for a NetworkError (or a
   * subclass of it), because `this` is the class the guard is called on. Call it on the class, never
   * detached (`list.filter(NetworkError.is)` has no `this`).
   */
  static is<E extends FlightHubError>(this: ErrorClass<E>, value: unknown): value is E {
    return value instanceof this;
  }
}

/** HTTP 200 (or any status) with a non-zero envelope `code`. */
export class BusinessError extends FlightHubError {
  constructor(
    readonly businessCode: number,
    readonly serverMessage: string,
    readonly httpStatus: number,
    request?: RequestInfo,
    readonly retryAfterMs?: number,
  ) {
    super('business', `FlightHub 2 error ${businessCode}: ${serverMessage || 'no message'}`, {
      request,
      retryable: isRetryableBusinessCode(businessCode) || httpStatus === 429 || httpStatus >= 500,
    });
  }
}

/**
 * FlightHub's "flight control authority check failed": a lens switch or stream-quality change on a
 * payload nobody holds control of (docs/api.md#payload-control, docs/api.md#error-codes).
 */
export function needsPayloadControl(error: unknown): boolean {
  return BusinessError.is(error) && error.businessCode === 228402;
}

/** A non-2xx status without a usable envelope. */
export class HttpStatusError extends FlightHubError {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    request?: RequestInfo,
  ) {
    super('http_status', `FlightHub 2 answered HTTP ${status}`, {
      request,
      retryable: status === 429 || status >= 500,
    });
  }
}

export class NetworkError extends FlightHubError {
  constructor(message: string, request?: RequestInfo, cause?: unknown) {
    super('network', `Network error talking to FlightHub 2: ${message}`, { request, retryable: true, cause });
  }
}

export class TimeoutError extends FlightHubError {
  constructor(
    readonly timeoutMs: number,
    request?: RequestInfo,
  ) {
    super('timeout', `FlightHub 2 did not answer within ${timeoutMs} ms`, { request, retryable: true });
  }
}

export class CancelledError extends FlightHubError {
  readonly cancelled = true;
  constructor(request?: RequestInfo) {
    super('cancelled', 'The request was cancelled', { request });
  }
}

/**
 * An HTML page instead of JSON: almost always a wrong base URL (e.g. the web app,
 * docs/api.md#base-url-and-regions).
 */
export class HtmlResponseError extends FlightHubError {
  constructor(
    readonly status: number,
    request?: RequestInfo,
  ) {
    super(
      'html_response',
      'FlightHub 2 answered with an HTML page, not JSON: check the server URL of this connection',
      {
        request,
      },
    );
  }
}

/** The body is not JSON, or was cut off mid-way (a dropped connection or a proxy). */
export class InvalidJsonError extends FlightHubError {
  constructor(
    readonly truncated: boolean,
    request?: RequestInfo,
    cause?: unknown,
  ) {
    super(
      'invalid_json',
      truncated ? 'The response from FlightHub 2 was cut off' : 'FlightHub 2 sent a body that is not JSON',
      {
        request,
        // A cut-off body is a transport fault; a consistently non-JSON body is not worth repeating.
        retryable: truncated,
        cause,
      },
    );
  }
}

export class SchemaMismatchError extends FlightHubError {
  constructor(
    readonly issues: string,
    request?: RequestInfo,
  ) {
    super('schema_mismatch', `FlightHub 2 sent data of an unexpected shape: ${issues}`, { request });
  }
}

/** Our own input failed validation before anything was sent. */
export class InvalidRequestError extends FlightHubError {
  constructor(
    readonly issues: string,
    endpoint?: string,
  ) {
    super('invalid_request', `Invalid request${endpoint ? ` for ${endpoint}` : ''}: ${issues}`);
  }
}

/**
 * A write failed in a way that leaves its outcome unknown and could not be reconciled. The write was
 * not repeated; the user must check FlightHub 2 before trying again.
 */
export class AmbiguousWriteError extends FlightHubError {
  constructor(message: string, request?: RequestInfo, cause?: unknown) {
    super('write_ambiguous', message, { request, cause });
  }
}

/**
 * 210429 rate limit and the 5xx-class server codes of docs/api.md#error-codes are worth repeating for reads.
 */
export function isRetryableBusinessCode(code: number): boolean {
  return (
    code === 210429 ||
    code === 200500 ||
    code === 210318 ||
    code === 210500 ||
    code === 210504 ||
    code === 228500
  );
}

const JWT_LIKE = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}\b/g;

/** Removes the given secrets and anything that looks like a JWT from a text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out.replace(JWT_LIKE, '***');
}
