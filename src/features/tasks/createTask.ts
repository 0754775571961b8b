// Create Flight Task… (docs/api.md#task-create): a multi-step dialog, or a full body from a program.
// Immediate tasks, and tasks that take off within minutes, pass the safety gate; the new task is revealed.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import { taskCreateBody, type TaskCreateBody } from '../../api/schemas/task';
import { formatIssues } from '../../api/zodIssues';
import { DeviceNode, RouteNode, TreeNode } from '../../ui/tree/nodes';
import { DockTasksNode } from './tasksView';
import { routeTarget } from '../../ui/args';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { askTask, type Prefill } from './createTaskSteps';
import { movingAction, nowSeconds, revealTask, sendFlightAction } from '../../ui/flightAction';
import { displayNameOf } from '../../ui/pickers';
import { startsSoon } from './taskSchedule';
import { defaultTimeZone, normalizeTimeZone } from './zonedTime';

/**
 * Arguments: a full task body (it has `task_type`; `time_zone` defaults to this machine's zone) is
 * created as given; a dock (tree node or `{sn}`) and/or route (`{wayline_uuid}`) only pre-fills the dialog.
 */
export const createTask: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  if (isBody(arg)) return submit(ctx, api, parseBody(arg));
  const asked = await askTask(api, prefillOf(arg));
  return submit(ctx, api, asked.body, asked.dockName);
};

/** Arguments: a route node or `{id}`; the dialog opens with that route chosen. */
export const createTaskFromRoute: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const route = arg === undefined ? undefined : routeTarget(arg);
  if (arg !== undefined && !route)
    throw new Error(vscode.l10n.t('Expected a route from the Flight Routes view or an object with "id".'));
  const asked = await askTask(api, { routeId: route?.id });
  return submit(ctx, api, asked.body, asked.dockName);
};

const prefillArgs = z.looseObject({
  sn: z.string().min(1).optional(),
  wayline_uuid: z.string().min(1).optional(),
});

function isBody(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !(arg instanceof TreeNode) && 'task_type' in arg;
}

function prefillOf(arg: unknown): Prefill {
  if (arg === undefined) return {};
  if (arg instanceof DockTasksNode) return { sn: arg.dock.sn };
  if (arg instanceof DeviceNode) return { sn: arg.role === 'aircraft' ? arg.gatewaySn : arg.sn };
  if (arg instanceof RouteNode) return { routeId: arg.route.id };
  if (arg instanceof TreeNode) return {};
  const parsed = prefillArgs.safeParse(arg);
  if (!parsed.success) throw new Error(vscode.l10n.t('Invalid arguments: {0}', formatIssues(parsed.error)));
  return { sn: parsed.data.sn, routeId: parsed.data.wayline_uuid };
}

function parseBody(arg: Record<string, unknown>): TaskCreateBody {
  const parsed = taskCreateBody.safeParse({ ...arg, time_zone: arg.time_zone ?? defaultTimeZone() });
  if (!parsed.success) throw new Error(vscode.l10n.t('Invalid task: {0}', formatIssues(parsed.error)));
  const timeZone = normalizeTimeZone(parsed.data.time_zone);
  if (!timeZone)
    throw new Error(
      vscode.l10n.t(
        'Unknown time zone "{0}". Use an IANA name such as Asia/Shanghai.',
        parsed.data.time_zone,
      ),
    );
  return { ...parsed.data, time_zone: timeZone };
}

/** Sends the task (gated when it flies now or soon), reveals it and returns `{task_uuid}`. */
async function submit(ctx: CommandContext, api: ProjectApi, body: TaskCreateBody, dockName?: string) {
  const gated = startsSoon(body, nowSeconds());
  const label =
    body.task_type === 'immediate'
      ? vscode.l10n.t('Fly now')
      : vscode.l10n.t('Create task that takes off soon');
  const spec = {
    action: `task.create.${body.task_type}`,
    label,
    deviceSn: body.sn,
    deviceName: dockName || (await displayNameOf(ctx, api, body.sn)),
    taskName: body.name,
  };
  const sent = await sendFlightAction(
    ctx,
    api,
    movingAction(ctx, spec),
    {
      confirm: gated,
      endpoint: 'task.create',
      detail: (c) =>
        `task ${c.task_uuid}${c.reconciled ? ' (found by lookup after the response was lost)' : ''}`,
    },
    () => api.tasks.create(body),
  );
  if (!sent) return undefined;
  const { task_uuid, reconciled } = sent.value;
  if (reconciled)
    ctx.services.log.info(
      `task ${task_uuid}: the create response was lost; found it in the dock's task list`,
    );
  await revealTask(ctx, body.sn, task_uuid);
  // Whoever starts a task wants to know how it ends (taskWatch.ts).
  ctx.views.taskWatch.watch({
    uuid: task_uuid,
    name: body.name,
    dockSn: body.sn,
    taskType: body.task_type,
    // New, so not over: its end is news even if the first look finds it over already.
    status: 'waiting',
  });
  void vscode.window.showInformationMessage(vscode.l10n.t('Flight task "{0}" created.', body.name));
  return { task_uuid };
}
