// Turns a raw HTTP response into `data` or one precise error. Order matters: an HTML page is a wrong
// base URL whatever its status; a parsable envelope explains a non-2xx status better than the status.
import type { z } from 'zod';
import { envelope } from './schemas/common';
import {
  BusinessError,
  HtmlResponseError,
  HttpStatusError,
  InvalidJsonError,
  SchemaMismatchError,
  type RequestInfo,
} from './errors';
import { parseRetryAfter } from './retry';
import type { RawResponse } from './transport';
import { formatIssues } from './zodIssues';

export function readResponse(raw: RawResponse, dataSchema: z.ZodType, info: RequestInfo): unknown {
  const contentType = header(raw, 'content-type') ?? '';
  const retryAfter = parseRetryAfter(header(raw, 'retry-after'), Date.now());
  const trimmed = raw.text.trimStart();
  if (contentType.includes('text/html') || /^<(!doctype|html)/i.test(trimmed))
    throw new HtmlResponseError(raw.status, info);

  let json: unknown;
  try {
    json = trimmed === '' ? undefined : JSON.parse(raw.text);
  } catch (cause) {
    if (raw.status >= 300) throw new HttpStatusError(raw.status, retryAfter, info);
    throw new InvalidJsonError(looksTruncated(trimmed), info, cause);
  }
  const env = envelope.safeParse(json);
  if (!env.success) {
    if (raw.status >= 300) throw new HttpStatusError(raw.status, retryAfter, info);
    throw new SchemaMismatchError(`not a FlightHub envelope (${formatIssues(env.error)})`, info);
  }
  if (env.data.code !== 0)
    throw new BusinessError(env.data.code, env.data.message ?? '', raw.status, info, retryAfter);
  if (raw.status >= 300) throw new HttpStatusError(raw.status, retryAfter, info);

  const data = dataSchema.safeParse(env.data.data);
  if (!data.success) throw new SchemaMismatchError(formatIssues(data.error), info);
  return data.data;
}

function header(raw: RawResponse, name: string): string | undefined {
  const v = raw.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A JSON document that starts like one but never closes was cut off in transit. */
function looksTruncated(text: string): boolean {
  const t = text.trimEnd();
  return (t.startsWith('{') && !t.endsWith('}')) || (t.startsWith('[') && !t.endsWith(']'));
}
