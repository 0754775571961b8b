// Helpers shared by the endpoint handlers: typed access to the already validated request, the
// project of the call, and FlightHub's `{list: null}` for empty lists (docs/api.md#paging-and-empty-lists).
import type { z } from 'zod';
import type { CONTRACTS } from '../../api/contract';
import type { EndpointId } from '../../api/endpoints';
import { SimError, type RequestContext } from '../types';
import type { ProjectSeed } from '../world/org';
import type { WorldState } from '../world/state';

type Contracts = typeof CONTRACTS;
export type BodyOf<Id extends EndpointId> = Contracts[Id] extends { body: infer B extends z.ZodType }
  ? z.output<B>
  : never;
export type QueryOf<Id extends EndpointId> = Contracts[Id] extends { query: infer Q extends z.ZodType }
  ? z.output<Q>
  : never;

/** The server validated the body against the contract before calling us. */
export function bodyOf<Id extends EndpointId>(ctx: RequestContext, _id: Id): BodyOf<Id> {
  return ctx.body as BodyOf<Id>;
}

export function queryOf<Id extends EndpointId>(ctx: RequestContext, _id: Id): QueryOf<Id> {
  return ctx.query as QueryOf<Id>;
}

export function param(ctx: RequestContext, name: string): string {
  return ctx.params[name] ?? '';
}

/** The server checks access first; handlers called directly (tests) get the same answer. */
export function projectOf(world: WorldState, ctx: RequestContext): ProjectSeed {
  const project = world.org.projects.find((p) => p.uuid === ctx.projectUuid);
  if (!project?.accessible) throw new SimError(200403, 'No permission for the project');
  return project;
}

export function list<T>(world: WorldState, items: readonly T[]): { list: readonly T[] | null } {
  return { list: items.length === 0 && world.nullEmptyLists ? null : items };
}

export function now(world: WorldState): number {
  return world.clock.now();
}
