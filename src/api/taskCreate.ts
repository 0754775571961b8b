// Task creation is a write that makes a drone fly: it is never repeated blindly. When its outcome is
// unknown (connection lost mid-response, timeout, 5xx), we look the task up instead
// (docs/api.md#errors-and-retries, docs/api.md#flight-tasks: a create answer can be lost, so reconcile before
// re-sending).
import type { BodyOf, DataOf } from './contract';
import type { EndpointId } from './endpoints';
import {
  AmbiguousWriteError,
  BusinessError,
  FlightHubError,
  HttpStatusError,
  InvalidJsonError,
  NetworkError,
  TimeoutError,
} from './errors';
import type { Task } from './schemas/task';
import type { CallOptions } from './transport';

type Call = <Id extends EndpointId>(
  id: Id,
  options?: Omit<CallOptions, 'projectUuid'>,
) => Promise<DataOf<Id>>;

export interface CreatedTask {
  readonly task_uuid: string;
  /** True when the response was lost and the task was found by looking it up. */
  readonly reconciled: boolean;
}

/** Failures after which the server may or may not have created the task. */
export function isAmbiguous(error: unknown): boolean {
  if (NetworkError.is(error) || TimeoutError.is(error) || InvalidJsonError.is(error)) return true;
  if (HttpStatusError.is(error)) return error.status >= 500;
  if (BusinessError.is(error)) return error.httpStatus >= 500 || error.retryable;
  return false;
}

export async function createTaskReconciled(
  body: BodyOf<'task.create'>,
  call: Call,
  signal?: AbortSignal,
): Promise<CreatedTask> {
  const window = lookupWindow(body);
  const listMatching = async (): Promise<Task[]> => {
    const { list } = await call('task.list', { query: { sn: body.sn, name: body.name, ...window }, signal });
    return list.filter(
      (t) => t.name === body.name && (!t.wayline_uuid || t.wayline_uuid === body.wayline_uuid),
    );
  };
  // The snapshot is best effort: without it, a lost response can't be told apart from an older twin.
  const before = await listMatching().catch(() => undefined);
  try {
    const created = await call('task.create', { body, signal });
    return { task_uuid: created.task_uuid, reconciled: false };
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const request = FlightHubError.is(error) ? error.request : undefined;
    if (!before) {
      throw new AmbiguousWriteError(
        "The task may or may not have been created (the answer was lost). Check the dock's task list before trying again.",
        request,
        error,
      );
    }
    let after: Task[];
    try {
      after = await listMatching();
    } catch (lookupError) {
      throw new AmbiguousWriteError(
        "The task may or may not have been created, and looking it up failed. Check the dock's task list before trying again.",
        request,
        lookupError,
      );
    }
    const known = new Set(before.map((t) => t.uuid));
    const fresh = after.filter((t) => !known.has(t.uuid));
    if (fresh.length === 1 && fresh[0]) return { task_uuid: fresh[0].uuid, reconciled: true };
    if (fresh.length === 0) throw error; // not created: the original error stands and a retry is safe
    throw new AmbiguousWriteError(
      `${fresh.length} new tasks named "${body.name}" appeared; check them before retrying.`,
      request,
      error,
    );
  }
}

/** A list window that surely contains the new task: around now and its planned begin/end. */
function lookupWindow(body: BodyOf<'task.create'>): { begin_at: number; end_at: number } {
  const now = Math.floor(Date.now() / 1000);
  const begin = Math.min(now, body.begin_at ?? now) - 3600;
  const end = Math.max(now, body.begin_at ?? now, body.end_at ?? now) + 24 * 3600;
  return { begin_at: begin, end_at: end };
}
