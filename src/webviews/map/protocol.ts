// What every map page gets from its host: the optional tile layer (settings `flighthub.map.tileUrl`
// and `flighthub.map.tileAttribution`) and the map's own labels, translated by the host (pages have no
// l10n of their own). Imports only zod: the host compiles this file too.
import * as z from 'zod';
import { labelsSchema } from '../labels';

export const mapSettings = z.object({
  /** `https://…/{z}/{x}/{y}.png`, or '' for no tiles (the default: the map works offline). */
  tileUrl: z.string().max(500),
  attribution: z.string().max(300),
});
export type MapSettings = z.infer<typeof mapSettings>;

export const MAP_LABEL_KEYS = [
  'zoomIn',
  'zoomOut',
  'fit',
  'north',
  'metres',
  'kilometres',
  // Annotate mode (below).
  'annotate',
  'annotateHint',
  'createLine',
  'clearLine',
] as const;
export const mapLabels = labelsSchema(MAP_LABEL_KEYS, 300);
export type MapLabels = z.infer<typeof mapLabels>;

/**
 * Annotate mode of both map pages: a click asks the host to create a point annotation there (or at the
 * clicked photo or waypoint), shift-clicks collect the vertices of a line. GeoJSON order, lon first.
 */
/** Far more vertices than anyone clicks; bounds the message. */
export const MAX_LINE_VERTICES = 1000;
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const annotateMessage = z.object({
  type: z.literal('annotate'),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: lonLat }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2).max(MAX_LINE_VERTICES) }),
  ]),
  /** What was clicked (a photo's file name, a waypoint), offered as the annotation's name. */
  label: z.string().max(200).optional(),
});
export type AnnotateMessage = z.infer<typeof annotateMessage>;
