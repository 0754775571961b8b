import * as z from 'zod';
import { listData, nonEmpty } from './common';

export const openModelToken = z.looseObject({
  cloud_name: z.string(),
  access_key_id: z.string(),
  secret_access_key: z.string(),
  session_token: z.string(),
  region: z.string(),
  cloud_bucket_name: z.string(),
  callback_param: z.string(),
  /** key template containing "{fileName}" */
  store_path: z.string(),
  expire_time: z.number(),
  end_point: z.string(),
});

export const uploadCallbackBody = z.strictObject({
  resource_uuid: nonEmpty,
  resource_name: z.string().optional(),
  callback_param: nonEmpty,
  files: z
    .array(z.strictObject({ name: nonEmpty, etag: nonEmpty }))
    .min(1)
    .max(100),
});
export type UploadCallbackBody = z.infer<typeof uploadCallbackBody>;
export const uploadCallback = z.looseObject({
  resource_uuid: z.string(),
  upload_count: z.number(),
  file_name_list: z.array(z.string()).nullish(),
});

export const openResource = z.looseObject({
  resource_uuid: z.string(),
  /** 1 ImportSuccess, 2 WaitingDelete, 3 Deleted */
  status: z.number(),
  resource_size: z.number().nullish(),
  file_names: z.array(z.string()).nullish(),
});

const jsonString = z.string().refine((s) => {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}, 'must be a JSON object serialized to a string');

export const reconstructionStartBody = z
  .strictObject({
    resource_uuid: nonEmpty,
    parameter_2d: jsonString.optional(),
    parameter_3d: jsonString.optional(),
    parameter_3dgs: jsonString.optional(),
    parameter_lidar: jsonString.optional(),
    delete_resource_if_finish: z.boolean(),
  })
  .refine(
    (b) => Boolean(b.parameter_2d ?? b.parameter_3d ?? b.parameter_3dgs ?? b.parameter_lidar),
    'at least one parameter_* is required',
  );
export type ReconstructionStartBody = z.infer<typeof reconstructionStartBody>;

const startedModel = z.looseObject({
  uuid: z.string(),
  status: z.number(),
  sub_error_code: z.number().nullish(),
});
export const reconstructionStarted = z.looseObject({
  model_2d: startedModel.nullish(),
  model_3d: startedModel.nullish(),
  model_3dgs: startedModel.nullish(),
  model_lidar: startedModel.nullish(),
});

export const openModel = z.looseObject({
  resource_uuid: z.string().nullish(),
  model_uuid: z.string(),
  /** 1 2D, 2 3D, 3 3DGS, 4 LiDAR */
  model_type: z.number(),
  model_status: z.number(),
  model_size: z.number().nullish(),
  reconstruction_progress: z.number().nullish(),
  error_code: z.number().nullish(),
  zip_status: z.number().nullish(),
  zip_progress: z.number().nullish(),
  zip_file_key: z.string().nullish(),
});
export const openModelRunning = listData(openModel);
