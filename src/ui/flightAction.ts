// Sending what changes flight state: the safety gate's fence for every send, its modal first when it
// makes an aircraft move, then the call, then one audit entry with the outcome and the request id. Also
// keeps the Flight Tasks view in step with what was just sent.
import { buildPath, ENDPOINTS, type EndpointId } from '../api/endpoints';
import { FlightHubError } from '../api/errors';
import type { ProjectApi } from '../api/projectApi';
import { NotConnectedError } from '../services/session';
import { describeError } from '../core/errorText';
import type { MovingAction } from '../services/safety';
import type { CommandContext } from './context';

export interface ActionSpec {
  /** Stable id for the audit log, e.g. `device.return_home`. */
  readonly action: string;
  readonly label: string;
  readonly deviceSn: string;
  readonly deviceName?: string;
  readonly taskName?: string;
  readonly startsAt?: string;
  /** What it does to the device, when not "makes a real aircraft move" (shown in the confirmation). */
  readonly effect?: string;
}

export interface SendOptions<T> {
  /** True for what makes an aircraft move: the safety gate asks first. */
  readonly confirm: boolean;
  /** The endpoint `send` calls, to find its request id for the audit log. */
  readonly endpoint: EndpointId;
  readonly params?: Readonly<Record<string, string>>;
  readonly detail?: (value: T) => string | undefined;
}

/** What sending needs: the services (commands pass their context, panels their services). */
export type SendContext = Pick<CommandContext, 'services'>;

export function movingAction(ctx: SendContext, spec: ActionSpec): MovingAction {
  const { session } = ctx.services;
  const connection = session.connection;
  if (!connection) throw new NotConnectedError();
  return { ...spec, projectName: session.project?.name, connectionName: connection.name };
}

/**
 * Fences, confirms (when asked), sends and records. Resolves `{value}` when sent, undefined when the person
 * declined; a failed call is recorded and rethrown for the command boundary to show.
 */
export async function sendFlightAction<T>(
  ctx: SendContext,
  api: ProjectApi,
  action: MovingAction,
  o: SendOptions<T>,
  send: () => Promise<T>,
): Promise<{ readonly value: T } | undefined> {
  const { safety, log } = ctx.services;
  if (o.confirm && !(await safety.confirm(action))) return undefined;
  // The fence holds for unconfirmed sends too, and again after the modal (settings may change meanwhile).
  await safety.assertAllowed(action);
  // The audit entry must not turn a sent command into a reported failure: log a failed write instead.
  const audit = (p: Promise<void>) =>
    p.catch((e: unknown) => log.error('flight command audit log write failed', e));
  let value: T;
  try {
    value = await send();
  } catch (error) {
    const requestId = FlightHubError.is(error) ? error.requestId : undefined;
    await audit(safety.record(action, 'failed', describeError(error), requestId));
    throw error;
  }
  await audit(
    safety.record(action, 'succeeded', o.detail?.(value), lastRequestId(api, o.endpoint, o.params)),
  );
  return { value };
}

/** The id of the call just made, when it was the transport's last request (tree polling may interleave). */
function lastRequestId(
  api: ProjectApi,
  id: EndpointId,
  params?: Readonly<Record<string, string>>,
): string | undefined {
  const last = api.transport.lastRequest;
  if (!last || last.method !== ENDPOINTS[id].method) return undefined;
  return new URL(last.url).pathname.endsWith(buildPath(id, params))
    ? last.headers['X-Request-Id']
    : undefined;
}

/** Reloads one dock's tasks in the Flight Tasks view (when it is loaded at all). */
export function reloadDockTasks(ctx: CommandContext, dockSn: string): void {
  const dock = ctx.views.tasks.findDock(dockSn);
  if (!dock) return;
  dock.loaded = false;
  ctx.views.tasks.refresh(dock);
}

/** Shows a new task in the Flight Tasks view; best effort (it may be outside the view's window). */
export async function revealTask(ctx: CommandContext, dockSn: string, taskUuid: string): Promise<boolean> {
  const { tasks, tasksView } = ctx.views;
  try {
    if (!tasks.findDock(dockSn)) await tasks.getChildren();
    const dock = tasks.findDock(dockSn);
    if (!dock) return false;
    dock.loaded = false;
    const children = await tasks.getChildren(dock);
    tasks.refresh(dock);
    const node = children.find((c) => c.id === `task:${taskUuid}`);
    if (!node) return false;
    await tasksView.reveal(node, { select: true, focus: false });
    return true;
  } catch (error) {
    // The task exists either way; a view that cannot show it yet is not a failed command.
    ctx.services.log.error(`could not reveal task ${taskUuid}`, error);
    return false;
  }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
