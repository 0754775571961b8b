// Short, model-readable text: times, sizes, lists that stop before they grow long.
import type { Device, Topology } from '../api/schemas/device';

/** ISO 8601 (UTC) of a FlightHub time: RFC 3339 string, Unix seconds or milliseconds. */
export function when(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '' || value === 0) return '-';
  if (typeof value === 'string') return value;
  const ms = value > 1e11 ? value : value * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function deviceName(d: Device): string {
  const model = d.device_model.name ?? d.device_model.key;
  return d.callsign ? `${d.callsign} (${model}, ${d.sn})` : `${model} ${d.sn}`;
}

/** The dock and aircraft of a project that carry this SN (either one), or undefined. */
export function findTopology(list: readonly Topology[], sn: string): Topology | undefined {
  return list.find((t) => t.gateway?.sn === sn || t.drone?.sn === sn);
}

/** `count` as "3 tasks" / "1 task". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "{a: 2, b: 1}" as "a 2, b 1", largest first. */
export function counts(values: Iterable<string>): string {
  const tally = new Map<string, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** A page of lines with a note of what was left out, so a model can ask for the next page. */
export function page<T>(
  items: readonly T[],
  offset: number,
  limit: number,
  line: (item: T) => string,
): string {
  const shown = items.slice(offset, offset + limit).map((item) => `- ${line(item)}`);
  const rest = items.length - offset - shown.length;
  const more = rest > 0 ? [`(${rest} more: call again with offset ${offset + shown.length})`] : [];
  return [...shown, ...more].join('\n');
}
