// The shape of one agent tool, shared by the MCP server and the VS Code Language Model Tools:
// a name and a description written for a model, a strict zod input schema, and either `run` (a read)
// or `plan` (an action: nothing is sent until the plan is confirmed).
import * as z from 'zod';
import type { FlightHubClient } from '../api/client';

/** A bad tool input, said so a model can correct its call. */
export class ToolInputError extends Error {
  readonly code = 'tool_input';

  /** By its code, not `instanceof`: the extension loads the tools from a bundle of their own. */
  static is(value: unknown): value is ToolInputError {
    return value instanceof Error && (value as { code?: unknown }).code === 'tool_input';
  }
}

/** Where a tool runs: the folder its file paths are relative to, and the route upload code. */
export interface ToolEnv {
  /** Absolute folder; a path that leads outside it is refused. */
  readonly root: string;
  /** The route upload module (the extension loads it lazily, the MCP bundle carries it). */
  loadUpload(): Promise<typeof import('../routes/upload/upload')>;
}

/** What an action would do, for a person to confirm, and how to do it. */
export interface ActionPlan {
  /** Who, what, where: action, device (name and SN), project, and the task or route involved. */
  readonly text: string;
  /** The SNs this action addresses (dock and/or aircraft): the allowed-devices fence checks them. */
  readonly devices: readonly string[];
  /** Stable id for the audit log, e.g. `task.pause`. */
  readonly action: string;
  /** Short human label, e.g. "Pause flight task". */
  readonly label: string;
  /** The device the command goes to, for the safety gate; absent when none is addressed (a route upload). */
  readonly target?: { readonly sn: string; readonly name: string };
  readonly taskName?: string;
  /** The project, as the plan names it: `"name" (uuid)`. */
  readonly project?: string;
  /** Sends it; resolves to a short text of what FlightHub 2 answered. */
  execute(signal?: AbortSignal): Promise<string>;
}

interface Common {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodType;
}
export interface ReadTool extends Common {
  readonly kind: 'read';
  run(client: FlightHubClient, input: unknown, signal?: AbortSignal, env?: ToolEnv): Promise<string>;
}
export interface ActionTool extends Common {
  readonly kind: 'action';
  plan(client: FlightHubClient, input: unknown, signal?: AbortSignal, env?: ToolEnv): Promise<ActionPlan>;
}
export type AgentTool = ReadTool | ActionTool;

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ToolInputError(`Invalid input:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** A read tool whose `run` gets its input parsed by its own schema. */
export function readTool<S extends z.ZodType>(t: {
  name: string;
  title: string;
  description: string;
  inputSchema: S;
  run(client: FlightHubClient, input: z.output<S>, signal?: AbortSignal, env?: ToolEnv): Promise<string>;
}): ReadTool {
  return {
    ...t,
    kind: 'read',
    run: (client, input, signal, env) => t.run(client, parseInput(t.inputSchema, input), signal, env),
  };
}

export function actionTool<S extends z.ZodType>(t: {
  name: string;
  title: string;
  description: string;
  inputSchema: S;
  plan(client: FlightHubClient, input: z.output<S>, signal?: AbortSignal, env?: ToolEnv): Promise<ActionPlan>;
}): ActionTool {
  return {
    ...t,
    kind: 'action',
    plan: (client, input, signal, env) => t.plan(client, parseInput(t.inputSchema, input), signal, env),
  };
}

// Inputs shared by several tools.
export const projectUuid = z.string().trim().min(1).describe('Project UUID, from list_projects.');
export const taskUuid = z.string().trim().min(1).describe('Flight task UUID, from list_tasks.');
export const limit = (max: number, fallback: number) =>
  z.number().int().min(1).max(max).default(fallback).describe(`How many items to show (at most ${max}).`);
export const offset = z.number().int().min(0).default(0).describe('How many items to skip (paging).');
