// Every command that can move an aircraft, and its result, appended as one JSON line to a file in the
// extension's global storage ("Show Flight Command Audit Log").
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as vscode from 'vscode';

export interface AuditEntry {
  readonly action: string;
  readonly connection: string;
  readonly project?: string;
  readonly device?: string;
  readonly task?: string;
  readonly outcome: 'sent' | 'succeeded' | 'failed' | 'blocked' | 'declined';
  readonly detail?: string;
  readonly requestId?: string;
  /** Set when an AI agent asked for it (a Language Model Tool), not a person's click. */
  readonly requestedBy?: 'agent';
}

export class AuditLog {
  readonly file: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(storage: vscode.Uri) {
    this.file = join(storage.fsPath, 'flight-command-audit.jsonl');
  }

  /** Appends in call order; a failed write is reported to the caller but never loses later entries. */
  append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
    const next = this.queue.then(async () => {
      await mkdir(join(this.file, '..'), { recursive: true });
      await appendFile(this.file, line, 'utf8');
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
