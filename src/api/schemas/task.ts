import * as z from 'zod';
import { listData, nonEmpty, nullableList, timeValue, unixSeconds } from './common';

export const TASK_TYPES = ['immediate', 'timed', 'recurring', 'continuous'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = [
  'waiting',
  'starting_failure',
  'executing',
  'paused',
  'terminated',
  'success',
  'suspended',
  'timeout',
  // V2 additions that V1 may start sending (docs/api.md#task-list)
  'partially_done',
  'preparing',
  'queue_for_takeoff',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  'success',
  'terminated',
  'timeout',
  'starting_failure',
  'partially_done',
]);

/** Documented client-side bounds for `rth_altitude` (docs/api.md#task-create). */
export const RTH_ALTITUDE_MIN = 20;
export const RTH_ALTITUDE_MAX = 500;

export const taskCreateBody = z
  .strictObject({
    name: nonEmpty.max(200),
    sn: nonEmpty,
    landing_dock_sn: nonEmpty.optional(),
    wayline_uuid: nonEmpty,
    task_type: z.enum(TASK_TYPES),
    time_zone: nonEmpty,
    rth_altitude: z.number().min(RTH_ALTITUDE_MIN).max(RTH_ALTITUDE_MAX),
    rth_mode: z.enum(['optimal', 'preset']).optional(),
    wayline_precision_type: z.enum(['gnss', 'rtk']).optional(),
    out_of_control_action_in_flight: z.enum(['return_home', 'continue_task']),
    resumable_status: z.enum(['auto', 'manual']),
    begin_at: unixSeconds.optional(),
    end_at: unixSeconds.optional(),
    latest_begin_at: unixSeconds.optional(),
    repeat_type: z.string().optional(),
    repeat_option: z
      .strictObject({
        interval: z.number().int().min(1),
        days_of_week: z.array(z.number().int().min(0).max(6)).optional(),
        days_of_month: z.array(z.number().int().min(1).max(31)).optional(),
        week_of_month: z.array(z.number().int().min(1).max(5)).optional(),
      })
      .optional(),
    recurring_task_start_time_list: z.array(unixSeconds).optional(),
    continuous_task_periods: z.array(z.tuple([unixSeconds, unixSeconds])).optional(),
    min_battery_capacity: z.number().int().min(50).max(100).optional(),
  })
  .superRefine((b, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (b.landing_dock_sn !== undefined && b.landing_dock_sn === b.sn)
      issue('landing_dock_sn must differ from sn', 'landing_dock_sn');
    if (b.task_type === 'immediate') {
      // A past begin_at is rejected live; immediate tasks must not send one (docs/api.md#flight-tasks).
      if (b.begin_at !== undefined) issue('immediate tasks must not set begin_at', 'begin_at');
      return;
    }
    if (b.begin_at === undefined) issue(`${b.task_type} tasks need begin_at`, 'begin_at');
    if (b.task_type === 'timed' && b.latest_begin_at !== undefined && b.begin_at !== undefined)
      if (b.latest_begin_at < b.begin_at) issue('latest_begin_at is before begin_at', 'latest_begin_at');
    if (b.task_type === 'recurring' || b.task_type === 'continuous') {
      if (b.end_at === undefined) issue(`${b.task_type} tasks need end_at`, 'end_at');
      else if (b.begin_at !== undefined && b.end_at <= b.begin_at)
        issue('end_at must be after begin_at', 'end_at');
    }
    if (b.task_type === 'recurring' && !b.recurring_task_start_time_list?.length)
      issue('recurring tasks need recurring_task_start_time_list', 'recurring_task_start_time_list');
    if (b.task_type === 'continuous') {
      if (!b.continuous_task_periods?.length)
        issue('continuous tasks need continuous_task_periods', 'continuous_task_periods');
      for (const [start, end] of b.continuous_task_periods ?? [])
        if (end <= start) issue('each continuous period must end after it starts', 'continuous_task_periods');
      if (b.min_battery_capacity === undefined)
        issue('continuous tasks need min_battery_capacity', 'min_battery_capacity');
    }
  });
export type TaskCreateBody = z.infer<typeof taskCreateBody>;

/**
 * The uuid comes back as `task_uuid`, `uuid` or `task.uuid` depending on version (docs/api.md#task-create).
 */
export const taskCreated = z
  .looseObject({
    task_uuid: z.string().optional(),
    uuid: z.string().optional(),
    task: z.looseObject({ uuid: z.string() }).optional(),
  })
  .refine((d) => Boolean(d.task_uuid ?? d.uuid ?? d.task?.uuid), 'no task uuid in the response')
  .transform((d) => ({ ...d, task_uuid: d.task_uuid ?? d.uuid ?? d.task?.uuid ?? '' }));

export const taskStatusBody = z.strictObject({ status: z.enum(['suspended', 'restored']) });

export const taskListQuery = z.strictObject({
  sn: nonEmpty,
  begin_at: unixSeconds,
  end_at: unixSeconds,
  name: z.string().optional(),
  task_type: z.enum(TASK_TYPES).optional(),
  /** comma-separated statuses */
  status: z.string().optional(),
});

// Only the fields the extension reads are checked; the rest (operations, exceptions, belong_to_sn…)
// pass through untouched. Task lists reach 10,000 items, so every checked field costs.
export const task = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  task_type: z.string(),
  status: z.string(),
  sn: z.string().nullish(),
  wayline_uuid: z.string().nullish(),
  begin_at: timeValue,
  end_at: timeValue,
  run_at: timeValue,
  completed_at: timeValue,
  current_waypoint_index: z.number().nullish(),
  total_waypoints: z.number().nullish(),
  folder_id: z.number().nullish(),
});
export type Task = z.infer<typeof task>;
export const taskList = listData(task);

export const taskInfo = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  task_type: z.string(),
  status: z.string(),
  sn: z.string().nullish(),
  wayline_uuid: z.string().nullish(),
  begin_at: timeValue,
  end_at: timeValue,
  out_of_control_action_in_flight: z.string().nullish(),
  rth_altitude: z.number().nullish(),
  rth_mode: z.string().nullish(),
  resumable_status: z.string().nullish(),
  repeat_type: z.string().nullish(),
  current_waypoint_index: z.number().nullish(),
  total_waypoints: z.number().nullish(),
  folder_info: z
    .looseObject({
      folder_id: z.number().nullish(),
      expected_file_count: z.number().nullish(),
      uploaded_file_count: z.number().nullish(),
    })
    .nullish(),
});

export const media = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  file_type: z.string(),
  suffix: z.string().nullish(),
  size: z.number().nullish(),
  preview_url: z.string().nullish(),
  original_url: z.string().nullish(),
  create_at: timeValue,
  update_at: timeValue,
});
export type Media = z.infer<typeof media>;
export const mediaList = listData(media);

export const trackPoint = z.looseObject({
  timestamp: z.number(),
  latitude: z.number(),
  longitude: z.number(),
  height: z.number().nullish(),
});
export const track = z.looseObject({
  name: z.string().nullish(),
  wayline_uuid: z.string().nullish(),
  track: z
    .looseObject({
      track_id: z.string().nullish(),
      drone_sn: z.string().nullish(),
      flight_distance: z.number().nullish(),
      flight_duration: z.number().nullish(),
      points: nullableList(trackPoint),
    })
    .nullish(),
});
export type Track = z.infer<typeof track>;
