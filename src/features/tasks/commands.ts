// Flight task commands (docs/api.md#flight-tasks): the view's filter, details, media and trajectory
// documents, and the flight-state changes: pause/resume (real-time device commands,
// docs/api.md#device-commands) and suspend/restore (docs/api.md#task-status).
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import { TASK_STATUSES, TASK_TYPES } from '../../api/schemas/task';
import { openGallery } from '../media/galleryPanel';
import { statusLabel } from '../../ui/tree/nodes';
import type { TaskFilter } from './tasksView';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { movingAction, nowSeconds, reloadDockTasks, sendFlightAction } from '../../ui/flightAction';
import { runSteps, type Step } from '../../ui/multiStep';
import { displayNameOf, parseArgs, resolveTask, taskTypeLabel, type PickedTask } from '../../ui/pickers';
import { restoredStart, scheduleOfInfo } from './taskSchedule';
import { defaultTimeZone, formatLocal } from './zonedTime';

const filterArgs = z.strictObject({
  daysBack: z.number().int().min(0).max(365).optional(),
  daysAhead: z.number().int().min(0).max(365).optional(),
  statuses: z.array(z.enum(TASK_STATUSES)).optional(),
  taskTypes: z.array(z.enum(TASK_TYPES)).optional(),
});

export const filterTasks: CommandFactory = (ctx) => async (arg?: unknown) => {
  const tasks = ctx.views.tasks;
  const given = parseArgs(filterArgs, arg);
  await tasks.setFilter(given ?? (await askFilter(tasks.filter)));
  return tasks.filter;
};

/** Four steps with Back: window back, window ahead, statuses, task types (none selected = all). */
async function askFilter(current: TaskFilter): Promise<Partial<TaskFilter>> {
  const next: { -readonly [K in keyof TaskFilter]: TaskFilter[K] } = { ...current };
  const dayStep = (
    key: 'daysBack' | 'daysAhead',
    values: number[],
    label: (n: number) => string,
    placeholder: string,
  ): Step => ({
    run: async (input) => {
      const items = [...new Set([...values, next[key]])]
        .sort((a, b) => a - b)
        .map((n) => ({
          label: label(n),
          n,
          description: n === next[key] ? vscode.l10n.t('current') : undefined,
        }));
      next[key] = (await input.pick({ items, active: items.find((i) => i.n === next[key]), placeholder })).n;
    },
  });
  await runSteps(vscode.l10n.t('Filter Flight Tasks'), [
    dayStep(
      'daysBack',
      [1, 3, 7, 14, 30, 90],
      (n) => vscode.l10n.t('Days back: {0}', n),
      vscode.l10n.t('Show tasks from how far back?'),
    ),
    dayStep(
      'daysAhead',
      [0, 1, 3, 7, 14, 30],
      (n) => vscode.l10n.t('Days ahead: {0}', n),
      vscode.l10n.t('Show tasks up to how far ahead?'),
    ),
    {
      run: async (input) => {
        const items = TASK_STATUSES.map((s) => ({ label: statusLabel(s), description: s, value: s }));
        const selected = items.filter((i) => next.statuses.includes(i.value));
        const picked = await input.pickMany({
          items,
          selected,
          placeholder: vscode.l10n.t('Statuses to show (none selected: all)'),
        });
        next.statuses = picked.map((i) => i.value);
      },
    },
    {
      run: async (input) => {
        const items = TASK_TYPES.map((type) => ({
          label: taskTypeLabel(type),
          description: type,
          value: type,
        }));
        const selected = items.filter((i) => next.taskTypes.includes(i.value));
        const picked = await input.pickMany({
          items,
          selected,
          placeholder: vscode.l10n.t('Task types to show (none selected: all)'),
        });
        next.taskTypes = picked.map((i) => i.value);
      },
    },
  ]);
  return next;
}

/** A task of the active project from the argument or a pick, with the project's client. */
export async function target(
  ctx: CommandContext,
  arg: unknown,
  title: string,
  only: { statuses?: string[]; types?: string[] } = {},
) {
  const api = await ctx.services.session.projectApi();
  return { api, task: await resolveTask(ctx, api, arg, { title, ...only }) };
}

/** Pause (audited) and resume (gated: the aircraft flies on) send a device command to the task's dock. */
function flightTaskCommand(command: 'flighttask_pause' | 'flighttask_recovery'): CommandFactory {
  const resume = command === 'flighttask_recovery';
  return (ctx) => async (arg?: unknown) => {
    const title = resume ? vscode.l10n.t('Resume Flight Task') : vscode.l10n.t('Pause Flight Task');
    const { api, task } = await target(ctx, arg, title, { statuses: [resume ? 'paused' : 'executing'] });
    const label = resume ? vscode.l10n.t('Resume flight task') : vscode.l10n.t('Pause flight task');
    const spec = {
      action: resume ? 'task.resume' : 'task.pause',
      label,
      ...(await taskDevice(ctx, api, task)),
    };
    const options = {
      confirm: resume,
      endpoint: 'device.command' as const,
      params: { device_sn: task.dockSn },
    };
    const sent = await sendFlightAction(ctx, api, movingAction(ctx, spec), options, () =>
      api.devices.command(task.dockSn, { device_command: command }),
    );
    if (!sent) return undefined;
    reloadDockTasks(ctx, task.dockSn);
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" sent for task "{1}".', label, task.name));
    return true;
  };
}

export const pauseTask: CommandFactory = flightTaskCommand('flighttask_pause');
export const resumeTask: CommandFactory = flightTaskCommand('flighttask_recovery');

async function taskDevice(ctx: CommandContext, api: ProjectApi, task: PickedTask) {
  return {
    deviceSn: task.dockSn,
    deviceName: await displayNameOf(ctx, api, task.dockSn),
    taskName: task.name,
  };
}

/** Suspend/restore a scheduled task (docs/api.md#task-status: timed, recurring and continuous tasks only). */
function scheduleStatus(status: 'suspended' | 'restored'): CommandFactory {
  const suspend = status === 'suspended';
  return (ctx) => async (arg?: unknown) => {
    const title = suspend ? vscode.l10n.t('Suspend Task') : vscode.l10n.t('Restore Task');
    const only = {
      statuses: [suspend ? 'waiting' : 'suspended'],
      types: ['timed', 'recurring', 'continuous'],
    };
    const { api, task } = await target(ctx, arg, title, only);
    if (task.taskType === 'immediate')
      throw new Error(
        vscode.l10n.t(
          '"{0}" is an immediate task: only timed, recurring and continuous tasks can be suspended or restored. Pause a flight in progress instead.',
          task.name,
        ),
      );
    const label = suspend ? vscode.l10n.t('Suspend task') : vscode.l10n.t('Restore task');
    // A restored task may take off within minutes: then it passes the safety gate, as creating it would.
    const start = suspend ? undefined : await restoreStart(api, task.uuid);
    const spec = {
      action: suspend ? 'task.suspend' : 'task.restore',
      label,
      ...(await taskDevice(ctx, api, task)),
      startsAt: start?.text,
    };
    const options = {
      confirm: start?.soon ?? false,
      endpoint: 'task.status.update' as const,
      params: { task_uuid: task.uuid },
    };
    const sent = await sendFlightAction(ctx, api, movingAction(ctx, spec), options, () =>
      api.tasks.setStatus(task.uuid, status),
    );
    if (!sent) return undefined;
    reloadDockTasks(ctx, task.dockSn);
    void vscode.window.showInformationMessage(
      suspend
        ? vscode.l10n.t('Task "{0}" suspended.', task.name)
        : vscode.l10n.t('Task "{0}" restored.', task.name),
    );
    return true;
  };
}

/** When the task would take off once restored (from its task information), and whether that is soon. */
async function restoreStart(api: ProjectApi, uuid: string) {
  const now = nowSeconds();
  const { at, soon } = restoredStart(scheduleOfInfo(await api.tasks.info(uuid)), now);
  const zone = defaultTimeZone();
  const when = at === undefined ? '' : `${formatLocal(at, zone)} (${zone})`;
  const text =
    at === undefined
      ? vscode.l10n.t('unknown (FlightHub 2 did not say)')
      : at <= now
        ? vscode.l10n.t('may be at once (its start time {0} has passed)', when)
        : when;
  return { soon, text };
}

export const suspendTask: CommandFactory = scheduleStatus('suspended');
export const restoreTask: CommandFactory = scheduleStatus('restored');

/** The media gallery panel of a task (opening it again reveals the open one); resolves with the count. */
export const openTaskMedia: CommandFactory = (ctx) => async (arg?: unknown) => {
  const { api, task } = await target(ctx, arg, vscode.l10n.t('Open Task Media'));
  ctx.views.taskWatch.watch(task);
  const count = await openGallery(ctx.services, api, {
    uuid: task.uuid,
    name: task.name,
    projectUuid: api.uuid,
  });
  if (count === 0)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Task "{0}" has no media yet. Docks upload media some minutes after landing.', task.name),
    );
  return { taskUuid: task.uuid, count };
};
