// Route preview messages (host ⇄ page). The host reads the route with the route model (src/routes) and
// sends plain numbers and strings; the page only draws. Imports only zod: the host compiles it too.
import * as z from 'zod';
import { panelBinding } from '../binding';
import { labelsSchema } from '../labels';
import { annotateMessage, mapLabels, mapSettings } from '../map/protocol';

/** Far above real routes (a few hundred waypoints); bounds what a page is asked to hold. */
export const MAX_WAYPOINTS = 20_000;

const text = (max = 200) => z.string().max(max);

export const waypointView = z.object({
  index: z.number().int(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  height: z.number().nullable(),
  speed: z.number().nullable(),
  turnMode: text().nullable(),
  headingMode: text().nullable(),
  /** actionActuatorFunc of each action, in order (`takePhoto`, `hover`…). */
  actions: z.array(text(60)).max(500),
});
export type WaypointView = z.infer<typeof waypointView>;

export const waylineView = z.object({
  id: z.number().int().nullable(),
  heightMode: text().nullable(),
  speed: z.number().nullable(),
  /** Metres along the waypoints (great circle). */
  distance: z.number(),
  waypoints: z.array(waypointView).max(MAX_WAYPOINTS),
});
export type WaylineView = z.infer<typeof waylineView>;

export const findingView = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  text: text(1000),
  /** `wpmz/waylines.wpml:12:5` */
  where: text(300),
});

export const routeView = z.object({
  name: text(300),
  templateType: text().nullable(),
  takeOff: z.object({ lat: z.number(), lon: z.number(), height: z.number().nullable() }).nullable(),
  waylines: z.array(waylineView).max(100),
  findings: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    list: z.array(findingView).max(100),
  }),
  /** False when the files could not be read into a model (then only findings are shown). */
  readable: z.boolean(),
});
export type RouteView = z.infer<typeof routeView>;

/**
 * Where the route comes from; the page saves it so a restored panel can read it again. A project's
 * route is read from the connection and project it was opened on, whatever is active later.
 */
export const routeSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), uri: text(4000), label: text(1000) }),
  z.object({ kind: z.literal('remote'), id: text(200), name: text(300), binding: panelBinding }),
]);
export type RouteSource = z.infer<typeof routeSource>;

export const ROUTE_LABEL_KEYS = [
  'waypoint',
  'latitude',
  'longitude',
  'height',
  'speed',
  'actions',
  'wayline',
  'turnMode',
  'heightMode',
  'takeOff',
  'errors',
  'warnings',
  'infos',
  'noFindings',
  'refresh',
  'unreadable',
  'loading',
  'waypoints',
  'distance',
] as const;
export const routeLabels = labelsSchema(ROUTE_LABEL_KEYS, 200);
export type RouteLabels = z.infer<typeof routeLabels>;

export const toWebview = z.discriminatedUnion('type', [
  /** First after every `ready`: what the page needs to draw anything. */
  z.object({
    type: z.literal('setup'),
    labels: routeLabels,
    mapLabels,
    map: mapSettings,
    source: routeSource,
  }),
  z.object({ type: z.literal('route'), route: routeView }),
  z.object({ type: z.literal('failed'), message: text(2000) }),
]);
export type ToWebview = z.infer<typeof toWebview>;

export const fromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('refresh') }),
  annotateMessage,
]);
export type FromWebview = z.infer<typeof fromWebview>;

/** What the page keeps across reloads (and the serializer gets). */
export const routePreviewState = z.object({ source: routeSource, selected: z.number().int().optional() });
export type RoutePreviewState = z.infer<typeof routePreviewState>;
