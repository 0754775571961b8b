import * as z from 'zod';
import { listData, nonEmpty } from './common';

export const finishUploadBody = z.strictObject({ name: nonEmpty.max(200), object_key: nonEmpty });
export const finishUpload = z.looseObject({ name: z.string(), uuid: z.string() });

export const wayline = z.looseObject({
  /** the route UUID lives under `id` (docs/api.md#identifiers-times-and-units) */
  id: z.string(),
  name: z.string(),
  device_model_key: z.string().nullish(),
  payload_information: z
    .array(
      z.looseObject({
        domain: z.string().nullish(),
        type: z.string().nullish(),
        lens_type: z.string().nullish(),
      }),
    )
    .nullish(),
  template_types: z.array(z.string()).nullish(),
  update_time: z.number().nullish(),
  size: z.number().nullish(),
});
export type Wayline = z.infer<typeof wayline>;
export const waylineList = listData(wayline);

export const waylineDetail = wayline.extend({
  download_url: z.string().nullish(),
  distance: z.number().nullish(),
  wayline_point_nums: z.number().nullish(),
});
