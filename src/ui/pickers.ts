// Command targets in the active project: devices, tasks and routes from a tree node, a plain object or
// a quick pick. A given target is checked against the project before anything is sent.
import * as vscode from 'vscode';
import type { z } from 'zod';
import type { ProjectApi } from '../api/projectApi';
import type { Device } from '../api/schemas/device';
import type { Task } from '../api/schemas/task';
import { formatIssues } from '../api/zodIssues';
import { formatTime, statusLabel, TreeNode } from './tree/nodes';
import { deviceTarget, routeTarget, taskTarget, type RouteTarget } from './args';
import type { CommandContext } from './context';
import { UserCancelled } from './run';

export type Role = 'dock' | 'aircraft' | 'rc';

export interface ProjectDevice {
  readonly device: Device;
  readonly role: Role;
  /** A gateway's aircraft, or an aircraft's dock/RC. */
  readonly partner?: Device;
}

export interface TaskPickOptions {
  readonly title: string;
  /** Offer only tasks in these states / of these types. */
  readonly statuses?: readonly string[];
  readonly types?: readonly string[];
}

export interface PickedTask {
  readonly uuid: string;
  readonly name: string;
  readonly dockSn: string;
  readonly taskType: string;
  readonly status?: string;
}

export function deviceName(d: Device): string {
  return d.callsign || d.device_model.name || d.sn;
}

export function roleLabel(role: Role): string {
  return {
    dock: vscode.l10n.t('dock'),
    aircraft: vscode.l10n.t('aircraft'),
    rc: vscode.l10n.t('remote controller'),
  }[role];
}

export function taskTypeLabel(type: string): string {
  const labels: Record<string, string> = {
    immediate: vscode.l10n.t('Immediate'),
    timed: vscode.l10n.t('Timed (once)'),
    recurring: vscode.l10n.t('Recurring'),
    continuous: vscode.l10n.t('Continuous'),
  };
  return labels[type] ?? type;
}

export async function projectDevices(api: ProjectApi): Promise<ProjectDevice[]> {
  const { list } = await api.devices.list();
  return list.flatMap((topology) => {
    const out: ProjectDevice[] = [];
    const gateway = topology.gateway ?? undefined;
    const drone = topology.drone ?? undefined;
    if (gateway)
      out.push({
        device: gateway,
        role: gateway.device_model.class === 'rc' ? 'rc' : 'dock',
        partner: drone,
      });
    if (drone) out.push({ device: drone, role: 'aircraft', partner: gateway });
    return out;
  });
}

/** A device's name for the safety gate's text: from a loaded tree, else one lookup; never fails. */
export async function displayNameOf(
  ctx: CommandContext,
  api: ProjectApi,
  sn: string,
): Promise<string | undefined> {
  const loaded = ctx.views.devices.find(sn)?.device ?? ctx.views.tasks.findDock(sn)?.dock;
  if (loaded) return deviceName(loaded);
  const all = await projectDevices(api).catch(() => []);
  const found = all.find((d) => d.device.sn === sn);
  return found ? deviceName(found.device) : undefined;
}

export function deviceItem(d: ProjectDevice): vscode.QuickPickItem {
  const icon = { dock: '$(server-environment)', aircraft: '$(rocket)', rc: '$(device-mobile)' }[d.role];
  const online = d.device.device_online_status === true ? vscode.l10n.t('online') : vscode.l10n.t('offline');
  return {
    label: `${icon} ${deviceName(d.device)}`,
    description: `${d.device.device_model.name ?? d.device.device_model.key} · ${online}`,
    detail: d.partner ? `${d.device.sn} · ${vscode.l10n.t('with {0}', deviceName(d.partner))}` : d.device.sn,
  };
}

/** The device named by `arg`, or the one the person picks among `roles` (`accept` widens what `arg` may name). */
export async function resolveDevice(
  api: ProjectApi,
  arg: unknown,
  o: { readonly roles: readonly Role[]; readonly accept?: readonly Role[]; readonly title: string },
): Promise<ProjectDevice> {
  const all = await projectDevices(api);
  if (arg !== undefined) {
    const target = deviceTarget(arg);
    if (!target)
      throw new Error(vscode.l10n.t('Expected a device from the Devices view or an object with "sn".'));
    const found = all.find((d) => d.device.sn === target.sn);
    if (!found) throw new Error(vscode.l10n.t('Device {0} is not in the active project.', target.sn));
    const accepted = o.accept ?? o.roles;
    if (!accepted.includes(found.role))
      throw new Error(
        vscode.l10n.t(
          'This command is for devices of type {0}; {1} is of type {2}.',
          accepted.map(roleLabel).join('/'),
          target.sn,
          roleLabel(found.role),
        ),
      );
    return found;
  }
  const candidates = all.filter((d) => o.roles.includes(d.role));
  if (!candidates.length)
    throw new Error(vscode.l10n.t('The active project has no {0}.', o.roles.map(roleLabel).join('/')));
  const pick = await vscode.window.showQuickPick(
    candidates.map((d) => ({ ...deviceItem(d), d })),
    { title: o.title, matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) throw new UserCancelled();
  return pick.d;
}

/** The task named by `arg` (looked up when its dock or type is unknown), or one the person picks. */
export async function resolveTask(
  ctx: CommandContext,
  api: ProjectApi,
  arg: unknown,
  o: TaskPickOptions,
): Promise<PickedTask> {
  if (arg === undefined) return pickTask(ctx, api, o);
  const target = taskTarget(arg);
  if (!target)
    throw new Error(vscode.l10n.t('Expected a task from the Flight Tasks view or an object with "uuid".'));
  const { uuid, name, dockSn, taskType, status } = target;
  if (name && dockSn && taskType) return { uuid, name, dockSn, taskType, status };
  const info = await api.tasks.info(uuid);
  const sn = dockSn ?? info.sn;
  if (!sn) throw new Error(vscode.l10n.t('FlightHub 2 did not say which dock runs task {0}.', uuid));
  return {
    uuid,
    name: name ?? info.name,
    dockSn: sn,
    taskType: taskType ?? info.task_type,
    status: status ?? info.status,
  };
}

async function pickTask(ctx: CommandContext, api: ProjectApi, o: TaskPickOptions): Promise<PickedTask> {
  // The same window as the Flight Tasks view, so the pick offers what the person sees there.
  const { daysBack, daysAhead } = ctx.views.tasks.filter;
  const now = Math.floor(Date.now() / 1000);
  const docks = (await projectDevices(api)).filter((d) => d.role === 'dock');
  const status = o.statuses?.length ? { status: o.statuses.join(',') } : {};
  const perDock = await Promise.all(
    docks.map(async (d) => {
      const query = {
        sn: d.device.sn,
        begin_at: now - daysBack * 86_400,
        end_at: now + daysAhead * 86_400,
        ...status,
      };
      const { list } = await api.tasks.list(query);
      return list
        .filter((task) => !o.types || o.types.includes(task.task_type))
        .map((task) => ({ task, dock: d.device }));
    }),
  );
  const time = (task: Task) => {
    const v = task.begin_at ?? task.run_at;
    return typeof v === 'number' ? v * 1000 : v ? Date.parse(v) || 0 : 0;
  };
  const items = perDock
    .flat()
    .sort((a, b) => time(b.task) - time(a.task))
    .map(({ task, dock }) => ({
      label: task.name,
      description: `${statusLabel(task.status)} · ${deviceName(dock)}`,
      detail: `${taskTypeLabel(task.task_type)} · ${formatTime(task.begin_at ?? task.run_at)}`,
      target: {
        uuid: task.uuid,
        name: task.name,
        dockSn: dock.sn,
        taskType: task.task_type,
        status: task.status,
      },
    }));
  if (!items.length)
    throw new Error(
      vscode.l10n.t('No matching tasks between {0} days ago and {1} days ahead.', daysBack, daysAhead),
    );
  const pick = await vscode.window.showQuickPick(items, { title: o.title, matchOnDescription: true });
  if (!pick) throw new UserCancelled();
  return pick.target;
}

/** The route named by `arg`, or one the person picks from the project's routes. */
export async function resolveRoute(api: ProjectApi, arg: unknown, title: string): Promise<RouteTarget> {
  if (arg !== undefined) {
    const target = routeTarget(arg);
    if (!target)
      throw new Error(vscode.l10n.t('Expected a route from the Flight Routes view or an object with "id".'));
    return target;
  }
  const { list } = await api.waylines.list();
  if (!list.length) throw new Error(vscode.l10n.t('The active project has no routes yet.'));
  const items = list.map((r) => ({
    label: r.name,
    description: [r.device_model_key, ...(r.template_types ?? [])].filter(Boolean).join(' · '),
    route: { id: r.id, name: r.name },
  }));
  const pick = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  if (!pick) throw new UserCancelled();
  return pick.route;
}

/** Extra fields of a plain-object argument; tree nodes carry none. Bad input is a clear error. */
export function parseArgs<T extends z.ZodType>(schema: T, arg: unknown): z.output<T> | undefined {
  if (arg === undefined || arg instanceof TreeNode) return undefined;
  const parsed = schema.safeParse(arg);
  if (!parsed.success) throw new Error(vscode.l10n.t('Invalid arguments: {0}', formatIssues(parsed.error)));
  return parsed.data;
}
