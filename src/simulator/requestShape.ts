// Turning what arrives on the wire into what the shared schemas expect.
import * as z from 'zod';
import type { EndpointId } from '../api/endpoints';

/**
 * Query strings are all text; the contract's query schemas use numbers and booleans. Each value is
 * tried as the field expects: as text first, then as a number, then as a boolean.
 */
export function coerceQuery(schema: z.ZodType, params: URLSearchParams): Record<string, unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, text] of params) {
    const field = shape[key];
    if (!field) {
      out[key] = text; // unknown keys are reported by the strict schema
      continue;
    }
    const asNumber = Number(text);
    if (field.safeParse(text).success) out[key] = text;
    else if (text.trim() !== '' && Number.isFinite(asNumber) && field.safeParse(asNumber).success)
      out[key] = asNumber;
    else if ((text === 'true' || text === 'false') && field.safeParse(text === 'true').success)
      out[key] = text === 'true';
    else out[key] = text;
  }
  return out;
}

/**
 * Field names and values other clients send that FlightHub is known or believed to accept
 * (docs/api.md#payload-control `quality`, docs/api.md#livestream-start `video_quality`,
 * docs/api.md#task-create `gps`, docs/api.md#open-questions): the simulator takes both.
 */
export function normalizeAliases(id: EndpointId, body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = { ...(body as Record<string, unknown>) };
  const rename = (from: string, to: string) => {
    if (from in b && !(to in b)) b[to] = b[from];
    delete b[from];
  };
  if (id === 'device.stream.quality') rename('quality', 'quality_type');
  if (id === 'live.start') rename('video_quality', 'quality_type');
  if (id === 'task.create' && b.wayline_precision_type === 'gps') b.wayline_precision_type = 'gnss';
  return b;
}
