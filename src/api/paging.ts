// Paging helpers. V1 list endpoints have no totals or cursors (docs/api.md#paging-and-empty-lists).
import type { Project } from './schemas/project';
import type { Task } from './schemas/task';

/** Pages of projects until a page is shorter than `pageSize` or empty/null. */
export async function* iterateProjects(
  fetchPage: (page: number) => Promise<{ list: Project[] }>,
  pageSize: number,
): AsyncGenerator<Project[]> {
  for (let page = 1; ; page++) {
    const { list } = await fetchPage(page);
    if (list.length > 0) yield list;
    if (list.length < pageSize) return;
  }
}

export interface TaskRange {
  /** Unix seconds, inclusive. */
  readonly from: number;
  /** Unix seconds, inclusive. */
  readonly to: number;
  /** Width of one request's window; the API needs `begin_at`/`end_at` and returns everything in it. */
  readonly windowSeconds?: number;
  /** Newest window first (for "Load more" into the past). Default oldest first. */
  readonly newestFirst?: boolean;
}

export const DEFAULT_TASK_WINDOW = 7 * 24 * 3600;

/** Splits [from, to] into consecutive windows of `windowSeconds`. */
export function taskWindows(range: TaskRange): Array<{ begin_at: number; end_at: number }> {
  const width = Math.max(60, range.windowSeconds ?? DEFAULT_TASK_WINDOW);
  const windows: Array<{ begin_at: number; end_at: number }> = [];
  for (let start = range.from; start <= range.to; start += width) {
    windows.push({ begin_at: start, end_at: Math.min(range.to, start + width - 1) });
  }
  return range.newestFirst ? windows.reverse() : windows;
}

/**
 * Lists tasks over a long range window by window, yielding each window's tasks. A task on a window
 * edge can be returned by two windows; it is yielded once.
 */
export async function* iterateTaskWindows(
  fetchWindow: (window: { begin_at: number; end_at: number }) => Promise<{ list: Task[] }>,
  range: TaskRange,
): AsyncGenerator<Task[]> {
  const seen = new Set<string>();
  for (const window of taskWindows(range)) {
    const { list } = await fetchWindow(window);
    const fresh = list.filter((t) => !seen.has(t.uuid));
    for (const t of fresh) seen.add(t.uuid);
    yield fresh;
  }
}
