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

export const MAP_LABEL_KEYS = ['zoomIn', 'zoomOut', 'fit', 'north', 'metres', 'kilometres'] as const;
export const mapLabels = labelsSchema(MAP_LABEL_KEYS, 100);
export type MapLabels = z.infer<typeof mapLabels>;
