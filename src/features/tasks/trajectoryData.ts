// What the trajectory page shows, from the API's answers: the track (GET /flight-task/{uuid}/track),
// the planned route read with the route model, and the task's media placed on the map. Pure (no
// `vscode`), so tests build the same message the panel sends.
//
// Placing media: the media list (docs/api.md#task-media) has no coordinates — only a name, a type and upload
// times (`create_at` is when the dock uploaded it, minutes after landing). The capture time is in DJI's file
// name, `DJI_<YYYYMMDDhhmmss>_<seq>_<kind>`, in local time without a zone; we read it in the zone of the
// response's own RFC 3339 times (the organization's zone, which the service answers in) and place the
// marker where the track was at that moment. Files that do carry `latitude`/`longitude` (an additive API
// field we would accept) are placed by those instead.
import type { Media, Track } from '../../api/schemas/task';
import type { RouteModel } from '../../routes/wpml/wpml';
import type { MediaMarker, TrajectoryView } from '../../webviews/trajectory/protocol';
import { MAX_MEDIA, MAX_TRACK_POINTS } from '../../webviews/trajectory/protocol';
import { positionAt } from '../../webviews/trajectory/replay';
import { routeView } from '../routes/routePreviewData';

/** A photo taken this long before take-off or after landing is not from this flight. */
const TIME_SLACK_MS = 60_000;

export interface TrajectoryInput {
  readonly task: { readonly uuid: string; readonly name: string };
  readonly track: Track;
  readonly media: readonly Media[];
  readonly planned?: { readonly name: string; readonly model: RouteModel };
  readonly plannedError?: string;
}

type TrackTuple = TrajectoryView['track'][number];

export function trajectoryView(input: TrajectoryInput): TrajectoryView {
  const points = input.track.track?.points ?? [];
  const track: TrackTuple[] = points
    .filter((p) => Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180)
    .slice(0, MAX_TRACK_POINTS)
    .map((p) => [p.timestamp, p.latitude, p.longitude, p.height ?? null]);
  // Replay and lookups need time order; the API gives it, a merged or resumed track might not.
  track.sort((a, b) => a[0] - b[0]);
  const media: MediaMarker[] = [];
  let unplaced = 0;
  for (const m of input.media) {
    const marker = placeMedia(m, track);
    if (marker && media.length < MAX_MEDIA) media.push(marker);
    else unplaced++;
  }
  return {
    task: { uuid: input.task.uuid.slice(0, 100), name: input.task.name.slice(0, 300) },
    track,
    flightDistance: input.track.track?.flight_distance ?? null,
    flightDuration: input.track.track?.flight_duration ?? null,
    planned: input.planned ? plannedOf(input.planned.name, input.planned.model) : null,
    plannedError: input.plannedError?.slice(0, 2000) ?? null,
    media,
    mediaUnplaced: unplaced,
  };
}

function plannedOf(name: string, model: RouteModel): NonNullable<TrajectoryView['planned']> {
  const view = routeView(name, model, []);
  return {
    name: view.name,
    waylines: view.waylines.map((w) =>
      w.waypoints.map((p) => ({
        index: p.index,
        lat: p.lat,
        lon: p.lon,
        height: p.height,
        speed: p.speed,
        actions: p.actions,
      })),
    ),
  };
}

export function placeMedia(m: Media, track: readonly TrackTuple[]): MediaMarker | undefined {
  const base = { name: m.name.slice(0, 300), fileType: m.file_type.slice(0, 40) };
  const own = m as Record<string, unknown>;
  const time = captureTime(m);
  if (typeof own.latitude === 'number' && typeof own.longitude === 'number') {
    if (Math.abs(own.latitude) > 90 || Math.abs(own.longitude) > 180) return undefined;
    const height = typeof own.height === 'number' ? own.height : null;
    return { ...base, time: time ?? 0, lat: own.latitude, lon: own.longitude, height, placedBy: 'position' };
  }
  if (time === undefined) return undefined;
  const at = positionAt(track, time, TIME_SLACK_MS);
  return at && { ...base, time, ...at, placedBy: 'time' };
}

/** The capture time from a DJI file name, read in the zone of the item's own RFC 3339 times (ms). */
export function captureTime(m: Pick<Media, 'name' | 'create_at' | 'update_at'>): number | undefined {
  const stamp = /^DJI_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/.exec(m.name);
  if (!stamp) return undefined;
  const [, y, mo, d, h, mi, s] = stamp;
  const zone = [m.create_at, m.update_at]
    .map((v) => (typeof v === 'string' ? /([+-]\d{2}:\d{2}|Z)$/.exec(v)?.[1] : undefined))
    .find(Boolean);
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? 'Z'}`);
  return Number.isFinite(ms) ? ms : undefined;
}
