// Flight trajectory messages (host ⇄ page): the flown track, the planned route it was flying, and where
// photos were taken, as plain numbers. Imports only zod: the host compiles it too.
import * as z from 'zod';
import { panelBinding } from '../binding';
import { labelsSchema } from '../labels';
import { annotateMessage, mapLabels, mapSettings } from '../map/protocol';

/** One point per second is 36,000 for ten hours; far above any flight a dock battery allows. */
export const MAX_TRACK_POINTS = 200_000;
/** The media list returns at most 10,000 files (docs/api.md#task-media). */
export const MAX_MEDIA = 10_000;

const text = (max = 300) => z.string().max(max);

/** `[time ms, latitude, longitude, height m or null]` — tuples keep 10⁵ points small on the wire. */
export const trackPoint = z.tuple([
  z.number(),
  z.number().min(-90).max(90),
  z.number().min(-180).max(180),
  z.number().nullable(),
]);

export const plannedPoint = z.object({
  index: z.number().int(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  height: z.number().nullable(),
  speed: z.number().nullable(),
  actions: z.array(text(60)).max(500),
});

export const mediaMarker = z.object({
  name: text(),
  fileType: text(40),
  /** Capture time, ms. */
  time: z.number(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  height: z.number().nullable(),
  /** `position`: the file carries coordinates; `time`: matched to the track by its capture time. */
  placedBy: z.enum(['position', 'time']),
});
export type MediaMarker = z.infer<typeof mediaMarker>;

export const trajectoryView = z.object({
  task: z.object({ uuid: text(100), name: text() }),
  track: z.array(trackPoint).max(MAX_TRACK_POINTS),
  /** Metres and seconds as FlightHub reports them (null when it does not). */
  flightDistance: z.number().nullable(),
  flightDuration: z.number().nullable(),
  planned: z
    .object({ name: text(), waylines: z.array(z.array(plannedPoint).max(20_000)).max(100) })
    .nullable(),
  /** Why the planned route is missing (no route on the task, download or read failure). */
  plannedError: text(2000).nullable(),
  media: z.array(mediaMarker).max(MAX_MEDIA),
  /** Media files that could not be placed on the map (no coordinates, capture time off the track). */
  mediaUnplaced: z.number().int(),
});
export type TrajectoryView = z.infer<typeof trajectoryView>;

export const TRAJECTORY_LABEL_KEYS = [
  'flown',
  'planned',
  'media',
  'aircraft',
  'export',
  'play',
  'pause',
  'speed',
  'height',
  'time',
  'elapsed',
  'noTrack',
  'plannedMissing',
  'unplaced',
  'loading',
  'waypoint',
  'distance',
  'duration',
  'reload',
] as const;
export const trajectoryLabels = labelsSchema(TRAJECTORY_LABEL_KEYS, 200);
export type TrajectoryLabels = z.infer<typeof trajectoryLabels>;

export const taskRef = z.object({ uuid: text(100), name: text() });
export type TaskRef = z.infer<typeof taskRef>;

export const toWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('setup'),
    labels: trajectoryLabels,
    mapLabels,
    map: mapSettings,
    task: taskRef,
    /** Saved with the page: a restored panel loads the task from the same connection and project. */
    binding: panelBinding,
    /** BCP 47 tag for times in the page (VS Code's display language). */
    locale: text(40),
  }),
  z.object({ type: z.literal('trajectory'), data: trajectoryView }),
  z.object({ type: z.literal('failed'), message: text(2000) }),
]);
export type ToWebview = z.infer<typeof toWebview>;

export const fromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exportGeoJson') }),
  /** Fetch again: a task still flying has a longer track by now. */
  z.object({ type: z.literal('reload') }),
  annotateMessage,
]);
export type FromWebview = z.infer<typeof fromWebview>;

export const trajectoryState = z.object({
  task: taskRef,
  binding: panelBinding,
  time: z.number().optional(),
});
export type TrajectoryState = z.infer<typeof trajectoryState>;
