import * as z from 'zod';
import { listData, nonEmpty } from './common';

export const model = z.looseObject({
  id: z.number(),
  name: z.string(),
  file_type: z.string().nullish(),
  show_on_map: z.boolean().nullish(),
  size: z.number().nullish(),
  create_at: z.number().nullish(),
  update_at: z.number().nullish(),
});
export const modelList = listData(model);

export const modelDetail = model.extend({
  user_name: z.string().nullish(),
  url: z.string().nullish(),
  preview_url: z.string().nullish(),
});

export const MODEL_FORMATS = [
  'b3dm',
  'osgb',
  'ply',
  'obj',
  'pnts',
  'las',
  'point_ply',
  'normal_point_ply',
] as const;
export const modelCreateBody = z.strictObject({
  name: nonEmpty.max(200),
  reconstruction_type: z.array(z.enum(['model_2d', 'model_3d'])).min(1),
  simplified_factor: z.number().gt(0).max(1),
  task_folder_id: z.number().int(),
  wkt: nonEmpty,
  quality_level: z.enum(['high', 'medium', 'low']),
  reconstruction_mode: z.enum(['normal', 'surround']),
  generate_model_formats: z.array(z.enum(MODEL_FORMATS)).min(1),
  predefine_area: z
    .strictObject({
      polygon_points: z
        .array(z.strictObject({ longitude: z.number(), latitude: z.number() }))
        .min(3)
        .max(1000),
    })
    .optional(),
});
export type ModelCreateBody = z.infer<typeof modelCreateBody>;
export const modelCreated = z.looseObject({ id: z.number() });
export const modelDownloadUrl = z.looseObject({ id: z.number(), url: z.string().nullish() });

export const mapElementBody = z.strictObject({
  name: nonEmpty,
  desc: z.string(),
  element_source: z.literal(0).optional(),
  resource: z.strictObject({
    /** 0 point, 1 line, 2 polygon */
    type: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    content: z.looseObject({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()),
      geometry: z.looseObject({
        type: z.enum(['Point', 'LineString', 'Polygon']),
        coordinates: z.array(z.unknown()),
      }),
    }),
  }),
});
export type MapElementBody = z.infer<typeof mapElementBody>;
export const mapElementCreated = z.looseObject({ id: z.string() });

/**
 * The workflow trigger body was never recovered (docs/api.md#workflow-trigger): pass an object through
 * untouched.
 */
export const workflowBody = z.record(z.string(), z.unknown());
