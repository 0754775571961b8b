// Wall-clock times typed in an IANA time zone ↔ the Unix seconds that FlightHub 2 wants
// (docs/api.md#identifiers-times-and-units), and the small text formats of the task dialogs. Pure (no
// vscode): problems come back as codes that the command layer turns into localized text.

export type Problem =
  | { readonly code: 'format' }
  | { readonly code: 'invalid_date' }
  /** The wall-clock time is skipped by a daylight-saving change in that zone. */
  | { readonly code: 'nonexistent_time' }
  | { readonly code: 'in_past' }
  | { readonly code: 'end_before_start' }
  | { readonly code: 'latest_before_begin' }
  | { readonly code: 'period_order' }
  | { readonly code: 'periods_overlap' }
  | { readonly code: 'empty' }
  | { readonly code: 'range'; readonly min: number; readonly max: number };
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(problem: Problem): Result<T> => ({ ok: false, problem });

export function defaultTimeZone(): string {
  // Can be empty where the host has no zone configured; UTC is then what the clock really is.
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The canonical IANA name (`asia/shanghai` → `Asia/Shanghai`), or undefined when unknown. */
export function normalizeTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  // Recent ICU also accepts offsets like "+08:00", but FlightHub wants a TZ database name.
  if (!/^[A-Za-z]/.test(trimmed)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, timeZone: string): [number, number, number, number, number, number] {
  let f = formatters.get(timeZone);
  if (!f) {
    // hourCycle h23: some ICU versions print midnight as "24" with hour12: false.
    const opts = {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    } as const;
    f = new Intl.DateTimeFormat('en-US', { ...opts, second: 'numeric', hourCycle: 'h23', timeZone });
    formatters.set(timeZone, f);
  }
  const part = (type: string) => Number(f.formatToParts(ms).find((p) => p.type === type)?.value);
  return [part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second')];
}

/** Milliseconds to add to UTC to get the zone's wall clock at `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  const [y, mo, d, h, mi, s] = wallClock(ms, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

/**
 * Unix seconds of a wall-clock time in `timeZone`. The offsets of the day before and after are both
 * tried, so DST transitions resolve correctly: an ambiguous time (clocks going back) takes the
 * earlier instant, a skipped time (clocks going forward) is a `nonexistent_time` problem.
 */
export function zonedToUnix(date: LocalDate, minutes: number, timeZone: string): Result<number> {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60);
  const candidates = [asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map(
    (probe) => asUtc - offsetMs(probe, timeZone),
  );
  const valid = candidates.filter((ms) => {
    const [y, mo, d, h, mi] = wallClock(ms, timeZone);
    return y === date.year && mo === date.month && d === date.day && h * 60 + mi === minutes;
  });
  return valid.length ? ok(Math.min(...valid) / 1000) : fail({ code: 'nonexistent_time' });
}

export function parseDate(text: string): Result<LocalDate> {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return fail({ code: 'format' });
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real =
    probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real && year >= 1970 ? ok({ year, month, day }) : fail({ code: 'invalid_date' });
}

/** `HH:mm` → minutes after midnight. */
export function parseTimeOfDay(text: string): Result<number> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return fail({ code: 'format' });
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h < 24 && mi < 60 ? ok(h * 60 + mi) : fail({ code: 'format' });
}

/** `YYYY-MM-DD HH:mm` in `timeZone` → Unix seconds. */
export function parseLocalDateTime(text: string, timeZone: string): Result<number> {
  const [datePart = '', timePart = '', ...rest] = text.trim().split(/\s+/);
  if (rest.length) return fail({ code: 'format' });
  const date = parseDate(datePart);
  const time = parseTimeOfDay(timePart);
  if (!time.ok) return time;
  return date.ok ? zonedToUnix(date.value, time.value, timeZone) : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Unix seconds → `YYYY-MM-DD HH:mm` in `timeZone`. */
export function formatLocal(unixSeconds: number, timeZone: string): string {
  const [y, mo, d, h, mi] = wallClock(unixSeconds * 1000, timeZone);
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`;
}

export function formatLocalDate(unixSeconds: number, timeZone: string): string {
  return formatLocal(unixSeconds, timeZone).slice(0, 10);
}

/** `08:00, 14:30` → sorted, distinct minutes after midnight. */
export function parseTimesOfDay(text: string): Result<number[]> {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (!parts.length) return fail({ code: 'empty' });
  const minutes: number[] = [];
  for (const part of parts) {
    const t = parseTimeOfDay(part);
    if (!t.ok) return t;
    minutes.push(t.value);
  }
  return ok([...new Set(minutes)].sort((a, b) => a - b));
}

/** `08:00-10:00, 14:00-16:00` → sorted `[start, end]` minute pairs that do not overlap. */
export function parsePeriods(text: string): Result<Array<[number, number]>> {
  const parts = text
    .split(/[,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return fail({ code: 'empty' });
  const periods: Array<[number, number]> = [];
  for (const part of parts) {
    const [a = '', b = '', ...rest] = part.split(/\s*-\s*/);
    const start = parseTimeOfDay(a);
    const end = parseTimeOfDay(b);
    if (rest.length || !start.ok || !end.ok) return fail({ code: 'format' });
    if (end.value <= start.value) return fail({ code: 'period_order' });
    periods.push([start.value, end.value]);
  }
  periods.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < periods.length; i++)
    if ((periods[i]?.[0] ?? 0) < (periods[i - 1]?.[1] ?? 0)) return fail({ code: 'periods_overlap' });
  return ok(periods);
}

/** A decimal number in `[min, max]`; `integer` rejects fractions. */
export function parseNumberInRange(text: string, min: number, max: number, integer = true): Result<number> {
  const trimmed = text.trim();
  if (!(integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(trimmed)) return fail({ code: 'range', min, max });
  const n = Number(trimmed);
  return n >= min && n <= max ? ok(n) : fail({ code: 'range', min, max });
}
