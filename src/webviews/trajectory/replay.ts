// Where the aircraft was at a moment of the track: used by the page to replay the flight and by the
// host to place photos by their capture time. Pure, no imports: both builds compile it.

/** `[time ms, latitude, longitude, height m or null]`, sorted by time. */
export type TrackTuple = readonly [number, number, number, number | null];

/** Where the track was at `time` (linear between fixes), or undefined outside it by more than `slack`. */
export function positionAt(
  track: readonly TrackTuple[],
  time: number,
  slack = 0,
): { lat: number; lon: number; height: number | null } | undefined {
  const first = track[0];
  const last = track[track.length - 1];
  if (!first || !last || time < first[0] - slack || time > last[0] + slack) return undefined;
  let lo = 0;
  let hi = track.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((track[mid]?.[0] ?? 0) <= time) lo = mid;
    else hi = mid;
  }
  const a = track[lo] ?? first;
  const b = track[hi] ?? last;
  const f = b[0] > a[0] ? Math.max(0, Math.min(1, (time - a[0]) / (b[0] - a[0]))) : 0;
  const mix = (x: number, y: number) => x + (y - x) * f;
  const height = a[3] !== null && b[3] !== null ? mix(a[3], b[3]) : (a[3] ?? b[3]);
  return { lat: mix(a[1], b[1]), lon: mix(a[2], b[2]), height };
}
