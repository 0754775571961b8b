// The latest requests of the session, newest first, for "Copy a Recent Request as curl…". The last
// request alone is often a background poll (status bar, running tasks), not the one the user wants.
// No vscode here: the list and its rows are tested as plain functions.
import { redact } from '../api/errors';
import type { RecordedRequest, RequestLog } from '../api/transport';
import { toCurl } from './curl';

export const RECENT_REQUESTS_MAX = 50;

export interface RecentRequest {
  /** Unix milliseconds when the attempt ended (when it was logged). */
  readonly at: number;
  readonly entry: RequestLog;
  readonly request: RecordedRequest;
}

export class RecentRequests {
  /** Oldest first internally; `list()` reverses. */
  private readonly items: RecentRequest[] = [];

  constructor(private readonly max = RECENT_REQUESTS_MAX) {}

  add(entry: RequestLog, at = Date.now()): void {
    // Entries without the recorded request can't become a curl command; there's nothing to offer.
    if (!entry.request) return;
    this.items.push({ at, entry, request: entry.request });
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
  }

  /** Newest first. */
  list(): RecentRequest[] {
    return [...this.items].reverse();
  }
}

/** What a quick-pick row shows; the command adds the localized words. */
export interface RecentRequestRow {
  readonly failed: boolean;
  readonly method: string;
  readonly path: string;
  /** `HTTP 200`, `HTTP 200 · 210429` or `—` when no answer came (network fault, timeout). */
  readonly outcome: string;
  /** The error code of a failure (`timeout`, `business`…), undefined when it succeeded. */
  readonly error?: string;
  readonly requestId: string;
  readonly at: number;
  /** The curl command, the key a `$FLIGHTHUB_ORG_KEY` reference and known secrets scrubbed. */
  readonly curl: string;
}

export function toRow(item: RecentRequest, secrets: readonly string[] = []): RecentRequestRow {
  const { entry } = item;
  const status = entry.status === undefined ? '—' : `HTTP ${entry.status}`;
  const code = entry.businessCode ? ` · ${entry.businessCode}` : '';
  return {
    failed: entry.error !== undefined,
    method: entry.method,
    path: entry.path,
    outcome: status + code,
    error: entry.error,
    requestId: entry.requestId,
    at: item.at,
    // The transport already replaced the key; redact() is the second line of defence (a key pasted
    // into a request body, say).
    curl: redact(toCurl(item.request), secrets),
  };
}
