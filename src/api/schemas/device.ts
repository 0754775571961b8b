import * as z from 'zod';
import { listData, nonEmpty } from './common';

export const deviceModel = z.looseObject({
  key: z.string(),
  domain: z.string().nullish(),
  type: z.string().nullish(),
  sub_type: z.string().nullish(),
  name: z.string().nullish(),
  /** `airport` (dock), `drone`, `rc` */
  class: z.string().nullish(),
});

export const cameraInfo = z.looseObject({
  camera_index: z.string(),
  available_camera_positions: z.array(z.string()).nullish(),
  camera_position: z.string().nullish(),
  lens_list: z
    .array(
      z.looseObject({ available_lens_types: z.array(z.string()).nullish(), lens_type: z.string().nullish() }),
    )
    .nullish(),
});

export const device = z.looseObject({
  sn: z.string(),
  callsign: z.string().nullish(),
  device_model: deviceModel,
  device_online_status: z.boolean().nullish(),
  // Ints in list payloads, named strings in the thing model (docs/api.md#device-state): accept both.
  mode_code: z.union([z.number(), z.string()]).nullish(),
  camera_list: z.array(cameraInfo).nullish(),
});
export type Device = z.infer<typeof device>;

export const topology = z.looseObject({ gateway: device.nullish(), drone: device.nullish() });
export type Topology = z.infer<typeof topology>;
export const topologyList = listData(topology);

export const deviceState = z.looseObject({
  device_sn: z.string(),
  device_state: z.record(z.string(), z.unknown()).nullish(),
  device_model: deviceModel.nullish(),
});

export const hmsQuery = z.strictObject({ device_sn_list: nonEmpty });
export const hmsAlert = z.looseObject({
  hms_id: z.string().nullish(),
  level: z.union([z.string(), z.number()]).nullish(),
  module: z.union([z.string(), z.number()]).nullish(),
  in_the_sky: z.union([z.string(), z.number()]).nullish(),
  imminent: z.boolean().nullish(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  begin_time: z.number().nullish(),
  end_time: z.number().nullish(),
});
// No nested listData here: list items are returned as received (see listData), so `list` may be null.
export const hmsList = listData(
  z.looseObject({
    device_sn: z.string(),
    device_hms: z.looseObject({ list: z.array(hmsAlert).nullish() }).nullish(),
  }),
);

export const DEVICE_COMMANDS = [
  'return_home',
  'return_specific_home',
  'return_home_cancel',
  'flighttask_pause',
  'flighttask_recovery',
] as const;
export type DeviceCommand = (typeof DEVICE_COMMANDS)[number];

export const deviceCommandBody = z
  .strictObject({
    device_command: z.enum(DEVICE_COMMANDS),
    device_cmd_data: z.strictObject({ home_dock_sn: nonEmpty }).optional(),
  })
  .refine((b) => b.device_command !== 'return_specific_home' || b.device_cmd_data !== undefined, {
    message: 'return_specific_home needs device_cmd_data.home_dock_sn',
    path: ['device_cmd_data'],
  });
export type DeviceCommandBody = z.infer<typeof deviceCommandBody>;

const cameraIndex = z.string().regex(/^\d+-\d+-\d+$/, 'camera index is "type-subtype-gimbal", e.g. 81-0-0');

export const changeCameraBody = z.strictObject({
  sn: nonEmpty,
  camera_index: cameraIndex,
  camera_position: z.enum(['indoor', 'outdoor']),
});
export const changeLensBody = z.strictObject({
  sn: nonEmpty,
  camera_index: cameraIndex,
  lens_type: z.enum(['normal', 'wide', 'zoom', 'ir']),
});
export const controlBody = z.strictObject({ sn: nonEmpty, payload_index: z.array(cameraIndex).min(1) });

export const STREAM_QUALITIES = ['adaptive', 'smooth', 'ultra_high_definition'] as const;
export const streamQualityBody = z.strictObject({
  sn: nonEmpty,
  camera_index: cameraIndex,
  quality_type: z.enum(STREAM_QUALITIES),
});
export const rtkBody = z.strictObject({
  host: nonEmpty,
  port: z.number().int().min(1).max(65535),
  account: nonEmpty,
  password: nonEmpty,
  mount_point: nonEmpty,
});
