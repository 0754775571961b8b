import * as z from 'zod';
import { nonEmpty } from './common';
import { STREAM_QUALITIES } from './device';

export const liveStartBody = z.strictObject({
  sn: nonEmpty,
  camera_index: z.string().regex(/^\d+-\d+-\d+$/),
  /** seconds the push token stays valid */
  video_expire: z.number().int().min(1).max(86400),
  quality_type: z.enum(STREAM_QUALITIES),
});

export const liveStart = z.looseObject({
  /** vendor-specific: a query string for `volc`, a URL for `whep`… */
  url: z.string(),
  url_type: z.string(),
  /** Unix seconds */
  expire_ts: z.number(),
});

export const CONVERTER_SCHEMAS = ['rtmp', 'gb28181', 'rtsp'] as const;
export const converterCreateBody = z.strictObject({
  converter_name: nonEmpty,
  sn: nonEmpty,
  camera_index: z.string().regex(/^\d+-\d+-\d+$/),
  schema: z.enum(CONVERTER_SCHEMAS),
  schema_option: z.record(z.string(), z.union([z.string(), z.boolean(), z.number()])),
});
export type ConverterCreateBody = z.infer<typeof converterCreateBody>;
export const converterCreate = z.looseObject({ converter_id: z.string() });

export const converterToggleBody = z.strictObject({ auto_push_stream: z.boolean() });

export const converterListQuery = z.strictObject({
  page: z.number().int().min(1).optional(),
  page_size: z.number().int().min(1).max(100).optional(),
  device_sn: z.string().optional(),
  camera_index: z.string().optional(),
  schema: z.enum(CONVERTER_SCHEMAS).optional(),
  enable: z.boolean().optional(),
});
export type ConverterListQuery = z.infer<typeof converterListQuery>;

export const converter = z.looseObject({
  converter_id: z.string(),
  converter_name: z.string().nullish(),
  sn: z.string().nullish(),
  camera: z.string().nullish(),
  schema: z.string().nullish(),
  state: z.string().nullish(),
  auto_push_stream: z.boolean().nullish(),
  device_callsign: z.string().nullish(),
  update_ts: z.number().nullish(),
  bypass_option: z.record(z.string(), z.unknown()).nullish(),
});
export const converterList = z.looseObject({
  list: z
    .array(converter)
    .nullish()
    .transform((v) => v ?? []),
  pagination: z.looseObject({ page: z.number(), page_size: z.number(), total: z.number() }).nullish(),
});
