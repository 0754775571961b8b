// Commands take their target from a tree node (context menus) or from a plain object (palette
// callers, tests and other extensions). Both are validated here; nothing else trusts `args`.
import * as z from 'zod';
import { DeviceNode, LoadMoreNode, RouteNode, TaskNode } from './tree/nodes';

export interface DeviceTarget {
  readonly sn: string;
  readonly name?: string;
  /** The dock/RC of an aircraft. */
  readonly gatewaySn?: string;
  readonly role?: 'dock' | 'aircraft' | 'rc';
}
export interface TaskTarget {
  readonly uuid: string;
  readonly name?: string;
  readonly dockSn?: string;
  readonly taskType?: string;
  readonly status?: string;
}
export interface RouteTarget {
  readonly id: string;
  readonly name?: string;
}

const deviceInput = z.looseObject({
  sn: z.string().min(1),
  name: z.string().optional(),
  gatewaySn: z.string().optional(),
});
const taskInput = z.looseObject({
  uuid: z.string().min(1),
  name: z.string().optional(),
  dockSn: z.string().optional(),
  taskType: z.string().optional(),
  status: z.string().optional(),
});
const routeInput = z.looseObject({ id: z.string().min(1), name: z.string().optional() });

export function deviceTarget(arg: unknown): DeviceTarget | undefined {
  if (arg instanceof DeviceNode)
    return { sn: arg.sn, name: arg.name, gatewaySn: arg.gatewaySn, role: arg.role };
  const parsed = deviceInput.safeParse(arg);
  return parsed.success ? parsed.data : undefined;
}

export function taskTarget(arg: unknown): TaskTarget | undefined {
  if (arg instanceof TaskNode)
    return {
      uuid: arg.task.uuid,
      name: arg.task.name,
      dockSn: arg.dockSn,
      taskType: arg.task.task_type,
      status: arg.task.status,
    };
  const parsed = taskInput.safeParse(arg);
  return parsed.success ? parsed.data : undefined;
}

export function routeTarget(arg: unknown): RouteTarget | undefined {
  if (arg instanceof RouteNode) return { id: arg.route.id, name: arg.route.name };
  const parsed = routeInput.safeParse(arg);
  return parsed.success ? parsed.data : undefined;
}

export function isLoadMore(arg: unknown): arg is LoadMoreNode {
  return arg instanceof LoadMoreNode;
}
