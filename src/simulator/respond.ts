// Writing responses, faithfully or with a fault applied.
import type { ServerResponse } from 'node:http';
import type { FaultRule } from './faults';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}

export function envelope(code: number, message: string, data?: unknown): Record<string, unknown> {
  return data === undefined ? { code, message, data: null } : { code, message, data };
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>FlightHub 2</title></head><body><div id="app"></div></body></html>';

/** Faults that replace the answer entirely; the request is not handled. Returns true when applied. */
export function sendRefusal(res: ServerResponse, fault: FaultRule): boolean {
  switch (fault.kind) {
    case 'http_5xx':
      sendJson(res, fault.status ?? 503, envelope(210504, 'service unavailable'));
      return true;
    case 'http_429':
      sendJson(res, 429, envelope(210429, 'too many requests'), {
        'Retry-After': String(fault.retryAfter ?? 1),
      });
      return true;
    case 'biz_210429':
      sendJson(res, 200, envelope(210429, 'Operations are too frequent, please try again later'), {
        'Retry-After': String(fault.retryAfter ?? 1),
      });
      return true;
    case 'html':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return true;
    default:
      return false;
  }
}

/** Faults applied to a handled request's answer. */
export async function sendWithFault(
  res: ServerResponse,
  status: number,
  body: unknown,
  fault: FaultRule | undefined,
): Promise<void> {
  if (!fault) return sendJson(res, status, body);
  const text = JSON.stringify(mutateBody(body, fault));
  const bytes = Buffer.from(text);
  switch (fault.kind) {
    case 'reset': {
      // Announce the full length, send half, then drop the connection: the client sees a reset mid-body.
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await new Promise((r) => setTimeout(r, 5));
      res.socket?.destroy();
      return;
    }
    case 'truncated_json': {
      const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': half.length });
      res.end(half);
      return;
    }
    case 'slow_body': {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
      const chunk = 64;
      for (let i = 0; i < bytes.length; i += chunk) {
        if (res.destroyed) return;
        res.write(bytes.subarray(i, i + chunk));
        await new Promise((r) => setTimeout(r, fault.ms ?? 20));
      }
      res.end();
      return;
    }
    default:
      return sendJson(res, status, JSON.parse(text));
  }
}

// Optional fields a newer or older FlightHub build may omit (schema drift).
const DROPPABLE = new Set([
  'introduction',
  'org_uuid',
  'callsign',
  'camera_list',
  'run_at',
  'completed_at',
  'media_upload_status',
  'operations',
  'exceptions',
  'suffix',
  'payload_information',
  'project_work_center_point',
]);

function mutateBody(body: unknown, fault: FaultRule): unknown {
  if (fault.kind === 'schema_drift') return drift(body);
  if (fault.kind === 'null_lists') return nullLists(body);
  return body;
}

function drift(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(drift);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { x_added_field: 'drift', x_added_object: { nested: [1, 2, 3] } };
  for (const [k, v] of Object.entries(value)) if (!DROPPABLE.has(k)) out[k] = drift(v);
  return out;
}

function nullLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullLists);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'list' ? null : nullLists(v);
  return out;
}
