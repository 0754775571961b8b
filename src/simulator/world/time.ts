// Time formats of the V1 API (docs/api.md#identifiers-times-and-units): query/body times are Unix seconds,
// task and media times in responses are RFC 3339 strings with an offset, track points carry milliseconds.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The service answers in the organization's zone; the demo organization is in Asia/Shanghai (+08:00, no DST). */
const OFFSET_MINUTES = 8 * 60;

export function rfc3339(ms: number): string {
  const local = new Date(Math.floor(ms / SECOND) * SECOND + OFFSET_MINUTES * MINUTE);
  const sign = OFFSET_MINUTES >= 0 ? '+' : '-';
  const abs = Math.abs(OFFSET_MINUTES);
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return local.toISOString().slice(0, 19) + offset;
}

export function rfc3339OrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : rfc3339(ms);
}

/** `YYYYMMDDhhmmss` in local time, as in DJI media file names. */
export function compactLocal(ms: number): string {
  return rfc3339(ms).slice(0, 19).replace(/[-T:]/g, '');
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / SECOND);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
