import * as z from 'zod';
import { listData, nonEmpty } from './common';

export const projectListQuery = z.strictObject({
  page: z.number().int().min(1).optional(),
  page_size: z.number().int().min(1).max(1000).optional(),
  q: z.string().optional(),
  prj_authorized_status: z.string().optional(),
  usage: z.enum(['simple', 'complete']).optional(),
  sort_column: z.string().optional(),
  sort_type: z.string().optional(),
});

export const project = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  introduction: z.string().nullish(),
  org_uuid: z.string().nullish(),
  project_work_center_point: z.looseObject({ latitude: z.number(), longitude: z.number() }).nullish(),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
});
export type Project = z.infer<typeof project>;
export const projectList = listData(project);

export const stsToken = z.looseObject({
  endpoint: z.string(),
  provider: z.string(),
  region: z.string(),
  bucket: z.string(),
  object_key_prefix: z.string(),
  credentials: z.looseObject({
    access_key_id: z.string(),
    access_key_secret: z.string(),
    security_token: z.string(),
    /** validity in seconds */
    expire: z.number(),
    platform: z.number().nullish(),
  }),
});

export const membersAddBody = z.strictObject({
  add_users: z
    .array(
      z.strictObject({
        user_id: nonEmpty,
        role: z.enum(['project-admin', 'project-member']),
        nickname: z.string().optional(),
      }),
    )
    .min(1),
});
