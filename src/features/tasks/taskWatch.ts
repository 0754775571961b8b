// Watched tasks: a task a person created or opened (details, media, trajectory) is followed until it
// finishes, then a notification says how it ended and offers its media and trajectory. Polls only while
// a watched task is unfinished: with nothing watched there is no timer and no request.
import * as vscode from 'vscode';
import { TERMINAL_STATUSES } from '../../api/schemas/task';
import type { Services } from '../../services/services';
import { ConnectionGoneError, type ProjectBinding } from '../../services/session';
import type { Notify } from '../../ui/notify';
import type { PickedTask } from '../../ui/pickers';
import { statusLabel } from '../../ui/tree/nodes';
import { timeMs, watchDelayMs } from './taskPolling';

interface Watched {
  readonly task: PickedTask;
  /** The project the task belongs to: the watch goes on when another project becomes active. */
  readonly binding: ProjectBinding;
  status: string | undefined;
  /** When to look next (ms since epoch). */
  dueAt: number;
}

/** What a finished watch reported (for the TestApi and the log). */
export interface WatchOutcome {
  readonly uuid: string;
  readonly status: string;
  readonly action: string | undefined;
}

export class TaskWatcher implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private polls: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly statusChanged = new vscode.EventEmitter<string>();
  /** A watched task's status changed (its UUID), including the change that ends the watch. */
  readonly onDidChangeStatus = this.statusChanged.event;

  constructor(
    private readonly services: Services,
    private readonly notify: Notify,
  ) {}

  /** Task UUIDs being watched. */
  get uuids(): readonly string[] {
    return [...this.watched.keys()];
  }

  /** Whether a poll is pending or running (false whenever nothing unfinished is watched). */
  get polling(): boolean {
    return this.timer !== undefined || (this.polls !== undefined && this.watched.size > 0);
  }

  isWatched(uuid: string): boolean {
    return this.watched.has(uuid);
  }

  /** Starts watching; a task already finished is not watched (there is nothing to wait for). */
  watch(task: PickedTask): boolean {
    if (task.status !== undefined && TERMINAL_STATUSES.has(task.status)) return false;
    if (!this.watched.has(task.uuid)) {
      const dueAt = Date.now() + this.refreshMs;
      this.watched.set(task.uuid, {
        task,
        binding: this.services.session.binding(),
        status: task.status,
        dueAt,
      });
      this.services.log.info(`watching task ${task.uuid}`);
      this.changed.fire();
    }
    this.schedule();
    return true;
  }

  unwatch(uuid: string): boolean {
    const removed = this.watched.delete(uuid);
    if (removed) this.changed.fire();
    this.schedule();
    return removed;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watched.clear();
    this.changed.dispose();
    this.statusChanged.dispose();
  }

  private get refreshMs(): number {
    const seconds = vscode.workspace.getConfiguration('flighthub.tasks').get<number>('refreshSeconds', 5);
    return Math.max(2, seconds) * 1000;
  }

  /** One timer, for the watched task due soonest; none while nothing is watched. */
  private schedule(): void {
    if (this.watched.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.polls) return; // the running poll schedules when it is done
    const due = Math.min(...[...this.watched.values()].map((w) => w.dueAt));
    // A task watched later must not postpone a look that is already due sooner.
    if (this.timer && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.polls = this.pollOnce()
          .catch((error: unknown) => this.services.log.error('watched task refresh failed', error))
          .finally(() => {
            this.polls = undefined;
            this.schedule();
          });
      },
      Math.max(0, due - Date.now()),
    );
  }

  /** Reads each watched task once; a finished one is dropped and announced. */
  private async pollOnce(): Promise<void> {
    for (const [uuid, entry] of [...this.watched]) {
      if (!this.watched.has(uuid) || entry.dueAt > Date.now()) continue;
      entry.dueAt = Date.now() + this.refreshMs;
      let status: string;
      try {
        const api = await this.services.session.apiFor(entry.binding);
        const info = await api.tasks.info(uuid);
        status = info.status;
        entry.dueAt = Date.now() + watchDelayMs(status, timeMs(info.begin_at), Date.now(), this.refreshMs);
      } catch (error) {
        // Its connection was removed (or lost its key): nothing can be learnt about the task any more.
        if (error instanceof ConnectionGoneError) {
          this.unwatch(uuid);
          this.services.log.info(`stopped watching task ${uuid}: ${error.message}`);
          continue;
        }
        // A passing failure must not end the watch; the next tick tries again.
        this.services.log.error(`watched task ${uuid}: refresh failed`, error);
        continue;
      }
      const known = entry.status !== undefined;
      if (status !== entry.status) {
        entry.status = status;
        this.changed.fire();
        this.statusChanged.fire(uuid);
      }
      if (!TERMINAL_STATUSES.has(status) || !this.watched.has(uuid)) continue;
      this.watched.delete(uuid);
      this.changed.fire();
      // Opened without a known status and already over: it did not finish while watched, say nothing.
      if (known) void this.announce(entry.task, status);
    }
  }

  private async announce(task: PickedTask, status: string): Promise<void> {
    const t = vscode.l10n.t;
    const media = t('Open Media');
    const trajectory = t('Open Trajectory');
    const failed = status === 'starting_failure' || status === 'timeout';
    const message = failed
      ? t('Task "{0}" did not finish: {1}.', task.name, statusLabel(status))
      : t('Task "{0}" finished: {1}.', task.name, statusLabel(status));
    // A task that never took off has neither media nor a trajectory.
    const actions = status === 'starting_failure' ? [] : [media, trajectory];
    const chosen = await this.notify(failed ? 'warning' : 'info', message, ...actions);
    const arg = { uuid: task.uuid, name: task.name, dockSn: task.dockSn, taskType: task.taskType, status };
    if (chosen === media) await vscode.commands.executeCommand('flighthub.openTaskMedia', arg);
    if (chosen === trajectory) await vscode.commands.executeCommand('flighthub.openTaskTrajectory', arg);
  }
}

declare module '../../ui/context' {
  interface Views {
    readonly taskWatch: TaskWatcher;
  }
}
