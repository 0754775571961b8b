// Writes on tasks: creation (docs/api.md#task-create), suspend/restore (docs/api.md#task-status) and
// real-time commands (docs/api.md#device-commands), with the business errors of docs/api.md#error-codes
// for the reproducible failure paths.
import type { DeviceCommandBody } from '../../api/schemas/device';
import type { TaskCreateBody } from '../../api/schemas/task';
import { SimError } from '../types';
import { MODELS } from './catalog';
import type { DeviceRegistry } from './devices';
import { uuidFrom } from './ids';
import { firmwareMajor, MIN_DOCK_FIRMWARE_MAJOR, type Organization } from './org';
import type { RouteRegistry } from './routes';
import type { TaskSpec } from './taskSpec';
import type { TaskStore } from './tasks';
import type { TaskEventKind } from './timeline';

export interface TaskOpsDeps {
  readonly seed: string;
  readonly org: Organization;
  readonly devices: DeviceRegistry;
  readonly routes: RouteRegistry;
  readonly tasks: TaskStore;
  readonly commandLog: { sn: string; command: string; at: number }[];
}

function projectDock(deps: TaskOpsDeps, projectUuid: string, sn: string, field: string) {
  const ref = deps.devices.inProject(projectUuid, sn);
  if (ref?.kind !== 'dock') {
    const hint =
      ref?.kind === 'aircraft' ? ` (${sn} is an aircraft; tasks take the dock SN, ${ref.dock.sn})` : '';
    throw new SimError(219014, `${field} ${sn} is not a dock in this project${hint}`);
  }
  return ref.dock;
}

export function createTask(
  deps: TaskOpsDeps,
  projectUuid: string,
  body: TaskCreateBody,
  now: number,
): TaskSpec {
  const dock = projectDock(deps, projectUuid, body.sn, 'dock');
  if (body.landing_dock_sn !== undefined)
    projectDock(deps, projectUuid, body.landing_dock_sn, 'landing dock');
  if (firmwareMajor(dock.firmware) < MIN_DOCK_FIRMWARE_MAJOR)
    throw new SimError(
      200700,
      `execution device firmware too old: dock ${dock.sn} runs ${dock.firmware}, tasks need ${MIN_DOCK_FIRMWARE_MAJOR}.00 or later`,
    );
  if (!dock.online) throw new SimError(212015, `Device is offline. (dock ${dock.sn} cannot take tasks)`);
  const route = deps.routes.get(projectUuid, body.wayline_uuid);
  if (!route)
    throw new SimError(219001, `route file not found: no route ${body.wayline_uuid} in this project`);
  if (route.purpose === 'unvalidated')
    throw new SimError(219020, `route "${route.name}" has not been validated`);
  const aircraftKey = MODELS[dock.aircraft.model].key;
  if (route.deviceModelKey !== aircraftKey)
    throw new SimError(
      219019,
      `route validity check failed: "${route.name}" is for aircraft ${route.deviceModelKey}, dock ${dock.sn} carries ${aircraftKey}`,
    );
  if (route.waypointCount < 2 || route.distance <= 0)
    throw new SimError(
      219019,
      `route validity check failed: "${route.name}" needs at least 2 waypoints and a non-zero length`,
    );
  const nowSeconds = Math.floor(now / 1000);
  if (body.task_type !== 'immediate' && (body.begin_at ?? 0) < nowSeconds)
    throw new SimError(
      200101,
      `invalid request parameters: begin_at ${body.begin_at} is in the past (now ${nowSeconds})`,
    );

  const project = deps.org.projects.find((p) => p.uuid === projectUuid);
  const limit = project?.rthLimit ?? 300;
  const tooHigh = body.rth_altitude > limit;
  const begin = plannedBegin(body, now);
  const queuedBehind = body.task_type === 'immediate' ? deps.tasks.queueTail(dock, now) : undefined;
  const spec: TaskSpec = {
    uuid: uuidFrom(deps.seed, 'created-task', deps.tasks.createdCount + 1),
    name: body.name,
    projectUuid,
    dockSn: dock.sn,
    ...(body.landing_dock_sn === undefined ? {} : { landingDockSn: body.landing_dock_sn }),
    waylineUuid: route.id,
    taskType: body.task_type,
    timeZone: body.time_zone,
    rthAltitude: body.rth_altitude,
    rthMode: body.rth_mode ?? 'optimal',
    outOfControlAction: body.out_of_control_action_in_flight,
    resumableStatus: body.resumable_status,
    precisionType: body.wayline_precision_type ?? 'gnss',
    repeatType: body.repeat_type ?? 'nonrepeating',
    ...(body.repeat_option ? { repeatOption: body.repeat_option } : {}),
    ...(body.recurring_task_start_time_list
      ? { recurringStartTimes: body.recurring_task_start_time_list }
      : {}),
    ...(body.continuous_task_periods ? { continuousPeriods: body.continuous_task_periods } : {}),
    ...(body.min_battery_capacity === undefined ? {} : { minBatteryCapacity: body.min_battery_capacity }),
    beginAt: begin,
    ...(body.end_at === undefined ? {} : { endAt: body.end_at * 1000 }),
    ...(body.latest_begin_at === undefined ? {} : { latestBeginAt: body.latest_begin_at * 1000 }),
    createdAt: now,
    folderId: deps.tasks.nextFolderId(),
    // The live service accepts the task and it then fails to start (docs/api.md#flight-tasks,
    // docs/api.md#task-timeline).
    fate: tooHigh ? 'starting_failure' : 'fly',
    ...(tooHigh
      ? {
          exception: {
            code: 316003,
            message: `RTH altitude ${body.rth_altitude} m exceeds the project limit of ${limit} m`,
          },
        }
      : {}),
    events: [],
    ...(queuedBehind ? { after: queuedBehind.uuid } : {}),
    operator: 'openapi',
  };
  return deps.tasks.add(spec);
}

function plannedBegin(body: TaskCreateBody, now: number): number {
  const begin = (body.begin_at ?? 0) * 1000;
  if (body.task_type === 'immediate') return now;
  if (body.task_type === 'recurring')
    return Math.max(begin, Math.min(...(body.recurring_task_start_time_list ?? [])) * 1000);
  if (body.task_type === 'continuous')
    return Math.max(begin, (body.continuous_task_periods?.[0]?.[0] ?? 0) * 1000);
  return begin;
}

export function findTask(deps: TaskOpsDeps, projectUuid: string, uuid: string): TaskSpec {
  const spec = deps.tasks.get(uuid);
  if (!spec || spec.projectUuid !== projectUuid)
    throw new SimError(200404, `flight task ${uuid} not found in this project`);
  return spec;
}

export function updateTaskStatus(
  deps: TaskOpsDeps,
  projectUuid: string,
  uuid: string,
  status: 'suspended' | 'restored',
  now: number,
): void {
  const spec = findTask(deps, projectUuid, uuid);
  if (spec.taskType === 'immediate')
    throw new SimError(
      200101,
      'only timed, recurring and continuous tasks can be suspended or restored; pause a flight with the flighttask_pause device command',
    );
  const phase = deps.tasks.evaluate(spec, now).timeline;
  if (status === 'suspended' && phase.phase !== 'waiting')
    throw new SimError(200101, `task is ${phase.status}: only waiting tasks can be suspended`);
  if (status === 'restored' && phase.phase !== 'suspended')
    throw new SimError(200101, `task is ${phase.status}: only suspended tasks can be restored`);
  deps.tasks.addEvent(spec, { at: now, kind: status === 'suspended' ? 'suspend' : 'restore' });
}

const NEEDS: Record<
  DeviceCommandBody['device_command'],
  { from: readonly string[]; kind: TaskEventKind; need: string }
> = {
  flighttask_pause: { from: ['flying'], kind: 'pause', need: 'an executing flight task' },
  flighttask_recovery: { from: ['paused'], kind: 'resume', need: 'a paused flight task' },
  return_home: { from: ['flying', 'paused'], kind: 'rth', need: 'an aircraft flying a task' },
  return_specific_home: { from: ['flying', 'paused'], kind: 'rth', need: 'an aircraft flying a task' },
  return_home_cancel: { from: ['returning'], kind: 'rth_cancel', need: 'an aircraft returning home' },
};

/**
 * Accepts the aircraft SN (as documented) or its dock's SN (as the Sync API does),
 * docs/api.md#device-commands.
 */
export function deviceCommand(
  deps: TaskOpsDeps,
  projectUuid: string,
  sn: string,
  body: DeviceCommandBody,
  now: number,
): void {
  const ref = deps.devices.inProject(projectUuid, sn);
  if (!ref) throw new SimError(200404, `device ${sn} not found in this project`);
  if (ref.kind === 'rcAircraft') throw new SimError(212015, 'Device is offline.');
  if (ref.kind === 'rc')
    throw new SimError(228406, 'operation type not supported: real-time commands go to a dock aircraft');
  const dock = ref.dock;
  if (!dock.online) throw new SimError(212015, 'Device is offline.');
  if (body.device_command === 'return_specific_home')
    projectDock(deps, projectUuid, body.device_cmd_data?.home_dock_sn ?? '', 'home dock');
  const active = deps.tasks.active(dock, now);
  const phase = active?.timeline.phase;
  const rule = NEEDS[body.device_command];
  if (!active || !phase || !rule.from.includes(phase)) {
    const state = !active
      ? 'idle in the dock'
      : phase === 'returning'
        ? 'returning home'
        : `${active.timeline.status}`;
    throw new SimError(
      228406,
      `operation type not supported: ${body.device_command} needs ${rule.need}, the aircraft is ${state}`,
    );
  }
  deps.tasks.addEvent(active.spec, { at: now, kind: rule.kind });
  deps.commandLog.push({ sn, command: body.device_command, at: now });
}
