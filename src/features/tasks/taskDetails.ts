// The readable task details (status, local times with their time zone, progress, dock, route) and
// their actions, shown by src/ui/details. "Open as JSON" keeps the raw task information one click away.
import * as vscode from 'vscode';
import type { ProjectApi } from '../../api/projectApi';
import { TERMINAL_STATUSES } from '../../api/schemas/task';
import type { DetailsAction, DetailsModel, DetailsRow } from '../../ui/details/detailsPage';
import type { CommandContext } from '../../ui/context';
import { displayNameOf, taskTypeLabel, type PickedTask } from '../../ui/pickers';
import { statusLabel } from '../../ui/tree/nodes';
import { timeMs } from './taskPolling';
import { defaultTimeZone, formatLocal, normalizeTimeZone } from './zonedTime';

/** Statuses with a flight behind or under way: media and a trajectory may exist (as the task menu). */
type TaskInfo = Awaited<ReturnType<ProjectApi['tasks']['info']>>;

const FLOWN = new Set(['executing', 'paused', 'success', 'partially_done', 'terminated', 'timeout']);

export interface TaskDetailsExtras {
  readonly dockName: string | undefined;
  readonly routeName: string | undefined;
  readonly watched: boolean;
}

/** Loads what the page names besides the task itself: the dock's and the route's names. */
export async function taskDetailsExtras(
  ctx: CommandContext,
  api: ProjectApi,
  info: TaskInfo,
): Promise<Omit<TaskDetailsExtras, 'watched'>> {
  const [dockName, routeName] = await Promise.all([
    info.sn ? displayNameOf(ctx, api, info.sn) : undefined,
    info.wayline_uuid
      ? api.waylines.detail(info.wayline_uuid).then(
          (r) => r.name,
          () => undefined,
        )
      : undefined,
  ]);
  return { dockName, routeName };
}

export function taskDetailsModel(
  info: TaskInfo,
  target: PickedTask,
  extras: TaskDetailsExtras,
): DetailsModel {
  const t = vscode.l10n.t;
  // The task's own time zone when it names a valid one, else this machine's.
  const given = typeof info['time_zone'] === 'string' ? normalizeTimeZone(info['time_zone']) : undefined;
  const zone = given ?? defaultTimeZone();
  const time = (label: string, value: unknown): DetailsRow[] => {
    const ms = typeof value === 'string' || typeof value === 'number' ? timeMs(value) : undefined;
    return ms === undefined
      ? []
      : [{ label, value: `${formatLocal(Math.floor(ms / 1000), zone)} (${zone})` }];
  };
  const progress: DetailsRow[] = [];
  const { current_waypoint_index: index, total_waypoints: total, folder_info: folder } = info;
  if (typeof total === 'number' && total > 0) {
    const done = Math.min(total, Math.max(0, index ?? 0));
    const percent = Math.round((done / total) * 100);
    progress.push({ label: t('Waypoints'), value: t('{0} of {1} ({2}%)', done, total, percent) });
  }
  if (typeof folder?.expected_file_count === 'number' && folder.expected_file_count > 0)
    progress.push({
      label: t('Media uploaded'),
      value: t('{0} of {1} files', folder.uploaded_file_count ?? 0, folder.expected_file_count),
    });
  const sn = info.sn ?? target.dockSn;
  const route = info.wayline_uuid;
  return {
    title: t('{0} details', info.name),
    heading: info.name,
    badge: statusLabel(info.status),
    sections: [
      {
        title: t('Task'),
        rows: [
          { label: t('Status'), value: statusLabel(info.status) },
          { label: t('Type'), value: taskTypeLabel(info.task_type) },
          ...(extras.watched
            ? [{ label: t('Watching'), value: t('yes: you are told when it finishes') }]
            : []),
          { label: 'UUID', value: info.uuid },
        ],
      },
      {
        title: t('Times'),
        rows: [
          ...time(t('Begins'), info.begin_at),
          ...time(t('Ran at'), info['run_at']),
          ...time(t('Completed'), info['completed_at']),
          // Immediate and timed tasks repeat their start as `end_at`: only a real end is worth a row.
          ...(info.end_at !== info.begin_at ? time(t('Ends'), info.end_at) : []),
          { label: t('Time zone'), value: zone },
        ],
      },
      { title: t('Progress'), rows: progress },
      {
        title: t('Dock and route'),
        rows: [
          { label: t('Dock'), value: extras.dockName ? `${extras.dockName} (${sn})` : sn },
          ...(route
            ? [{ label: t('Route'), value: extras.routeName ? `${extras.routeName} (${route})` : route }]
            : []),
        ],
      },
    ],
    actions: taskActions(
      info,
      { ...target, status: info.status, name: info.name, dockSn: sn },
      extras.watched,
    ),
  };
}

function taskActions(info: TaskInfo, target: PickedTask, watched: boolean): DetailsAction[] {
  const t = vscode.l10n.t;
  const arg = [
    {
      uuid: target.uuid,
      name: target.name,
      dockSn: target.dockSn,
      taskType: target.taskType,
      status: target.status,
    },
  ];
  const action = (label: string, command: string): DetailsAction => ({ label, command, args: arg });
  return [
    ...(info.status === 'executing' ? [action(t('Pause'), 'flighthub.pauseTask')] : []),
    ...(FLOWN.has(info.status)
      ? [
          action(t('Media'), 'flighthub.openTaskMedia'),
          action(t('Trajectory'), 'flighthub.openTaskTrajectory'),
        ]
      : []),
    // A finished task has nothing left to watch.
    ...(TERMINAL_STATUSES.has(info.status)
      ? []
      : [
          watched
            ? action(t('Stop Watching'), 'flighthub.unwatchTask')
            : action(t('Watch'), 'flighthub.watchTask'),
        ]),
    action(t('Refresh'), 'flighthub.showTaskDetails'),
    action(t('Open as JSON'), 'flighthub.showTaskDetailsJson'),
  ];
}
