// Task payloads: list items (docs/api.md#task-list) and task information (docs/api.md#task-information).
// Times are RFC 3339 strings.
import { waypointsReached } from './flightPlan';
import { mediaCounts, mediaUploadStatus } from './mediaCounts';
import type { Evaluated } from './tasks';
import { rfc3339, rfc3339OrNull } from './time';

function waypointProgress(e: Evaluated) {
  const total = e.plan.waypointDistances.length;
  const { status, progressMs, flightStartedAt } = e.timeline;
  // "Waypoints reached so far" (0..total); a returning aircraft keeps the count it had when it turned back.
  const current =
    status === 'success' ? total : flightStartedAt !== undefined ? waypointsReached(e.plan, progressMs) : 0;
  return { current_waypoint_index: current, total_waypoints: total };
}

function plannedEnd(e: Evaluated): number {
  return e.spec.endAt ?? e.spec.latestBeginAt ?? e.spec.beginAt;
}

/** Fields the task list and task info share (docs/api.md#task-list, docs/api.md#task-information). */
function taskCore(e: Evaluated): Record<string, unknown> {
  const { spec, timeline } = e;
  return {
    uuid: spec.uuid,
    name: spec.name,
    task_type: spec.taskType,
    status: timeline.status,
    sn: spec.dockSn,
    landing_dock_sn: spec.landingDockSn ?? '',
    wayline_uuid: spec.waylineUuid,
    begin_at: rfc3339(spec.beginAt),
    end_at: rfc3339(plannedEnd(e)),
  };
}

export function taskListItem(e: Evaluated, now: number): Record<string, unknown> {
  const { spec, timeline } = e;
  const counts = mediaCounts(e, now);
  const exceptions =
    spec.exception && (timeline.phase === 'failed' || timeline.phase === 'timed_out')
      ? [{ ...spec.exception, happen_at: rfc3339OrNull(timeline.endedAt), sn: spec.dockSn }]
      : [];
  return {
    ...taskCore(e),
    belong_to_sn: spec.dockSn,
    run_at: rfc3339OrNull(timeline.startedAt),
    completed_at: rfc3339OrNull(timeline.endedAt),
    media_upload_status: mediaUploadStatus(e, counts),
    resumable_status: spec.resumableStatus,
    is_break_point_resume: false,
    ...waypointProgress(e),
    folder_id: spec.folderId,
    operations: [{ operator_account: spec.operator }],
    exceptions,
  };
}

export function taskInfo(e: Evaluated, now: number): Record<string, unknown> {
  const { spec } = e;
  const counts = mediaCounts(e, now);
  return {
    ...taskCore(e),
    out_of_control_action_in_flight: spec.outOfControlAction,
    rth_altitude: spec.rthAltitude,
    rth_mode: spec.rthMode,
    resumable_status: spec.resumableStatus,
    wayline_precision_type: spec.precisionType ?? 'gnss',
    repeat_type: spec.repeatType,
    interval: spec.repeatOption?.interval ?? 0,
    days_of_week: spec.repeatOption?.days_of_week ?? [],
    days_of_month: spec.repeatOption?.days_of_month ?? [],
    week_of_month: spec.repeatOption?.week_of_month ?? [],
    recurring_task_start_time_list: spec.recurringStartTimes ?? [],
    continuous_task_periods: spec.continuousPeriods ?? [],
    min_battery_capacity: spec.minBatteryCapacity ?? 0,
    ...waypointProgress(e),
    folder_info: {
      folder_id: spec.folderId,
      expected_file_count: counts.expected,
      uploaded_file_count: counts.uploaded,
    },
  };
}
