// One LogOutputChannel for the extension. Request lines carry method, path, status, business code,
// duration and request id — never headers, so never the organization key.
import * as vscode from 'vscode';
import { redact } from '../api/errors';
import type { RequestLog } from '../api/transport';
import { RecentRequests, toRow, type RecentRequestRow } from '../core/recentRequests';

export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** Secrets known to this session, scrubbed from every line as a second line of defence. */
  private readonly secrets = new Set<string>();
  /** The latest lines, as written (for tests that prove no secret is logged). */
  readonly recent: string[] = [];
  /** The latest requests with what a curl copy needs (the key already a placeholder). */
  private readonly requests = new RecentRequests();

  constructor(name = 'FlightHub 2') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  request(entry: RequestLog): void {
    this.requests.add(entry);
    const line = formatRequest(entry);
    if (entry.error) this.channel.warn(this.clean(line));
    else this.channel.info(this.clean(line));
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? ` — ${error.message}` : '';
    this.channel.error(this.clean(message + detail));
  }

  /** Newest first, at most 50, secrets of this session scrubbed from every curl command. */
  recentRequests(): RecentRequestRow[] {
    return this.requests.list().map((r) => toRow(r, [...this.secrets]));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(text: string): string {
    const line = redact(text, [...this.secrets]);
    this.recent.push(line);
    if (this.recent.length > 500) this.recent.shift();
    return line;
  }
}

export function formatRequest(e: RequestLog): string {
  const outcome = e.error ? `${e.error}${e.businessCode ? ` ${e.businessCode}` : ''}` : 'ok';
  const status = e.status === undefined ? '-' : String(e.status);
  const attempt = e.attempt > 1 ? ` attempt ${e.attempt}` : '';
  return `${e.method} ${e.path} → ${status} ${outcome} ${e.durationMs}ms request-id=${e.requestId}${attempt}`;
}
