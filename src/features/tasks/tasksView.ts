// Flight Tasks: per dock, the tasks of a time window (default 7 days back to 7 days ahead), ordered
// around now (taskOrder.ts), with "Load more" for older windows. A dock with a task under way, or about
// to take off, refreshes every few seconds, only while the view is visible (see taskPolling.ts).
import * as vscode from 'vscode';
import type { Device } from '../../api/schemas/device';
import type { Task } from '../../api/schemas/task';
import type { Services } from '../../services/services';
import { LoadMoreNode, TaskNode, TreeNode } from '../../ui/tree/nodes';
import { BaseProvider, emptyNode } from '../../ui/tree/provider';
import { pollDecision, type PollDecision } from './taskPolling';
import { orderAroundNow } from './taskOrder';

export interface TaskFilter {
  readonly daysBack: number;
  readonly daysAhead: number;
  readonly statuses: readonly string[];
  readonly taskTypes: readonly string[];
}

const DAY = 86_400;
const FILTER_KEY = 'flighthub.tasks.filter';

export class DockTasksNode extends TreeNode {
  readonly id: string;
  tasks: Task[] = [];
  /** Unix seconds: the oldest loaded window starts here. */
  loadedFrom = 0;
  loadedTo = 0;
  loaded = false;

  constructor(
    readonly dock: Device,
    private readonly provider: TasksProvider,
  ) {
    super();
    this.id = `tasks:dock:${dock.sn}`;
  }
  toTreeItem(): vscode.TreeItem {
    const name = this.dock.callsign || this.dock.device_model.name || this.dock.sn;
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.description = this.loaded ? vscode.l10n.t('{0} tasks', this.tasks.length) : undefined;
    item.contextValue = 'taskDock';
    return item;
  }
  override getChildren(): Promise<TreeNode[]> {
    return this.provider.dockChildren(this);
  }
  async loadMore(): Promise<void> {
    await this.provider.loadOlder(this);
  }
  /** Whether to re-read this dock now, and when it next wants to be looked at. */
  polling(nowMs: number, refreshMs: number): PollDecision {
    return this.loaded ? pollDecision(this.tasks, nowMs, refreshMs) : { poll: false, delayMs: undefined };
  }
}

export class TasksProvider extends BaseProvider {
  private docks: DockTasksNode[] | undefined;
  private routeNames = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (ms since epoch). */
  private due = 0;
  private visible = false;

  constructor(services: Services, viewId: string) {
    super(services, viewId);
  }

  get filter(): TaskFilter {
    const config = vscode.workspace.getConfiguration('flighthub.tasks');
    const stored = this.services.context.workspaceState.get<Partial<TaskFilter>>(FILTER_KEY, {});
    return {
      daysBack: stored.daysBack ?? config.get<number>('daysBack', 7),
      daysAhead: stored.daysAhead ?? config.get<number>('daysAhead', 7),
      statuses: stored.statuses ?? [],
      taskTypes: stored.taskTypes ?? [],
    };
  }

  async setFilter(filter: Partial<TaskFilter>): Promise<void> {
    await this.services.context.workspaceState.update(FILTER_KEY, { ...this.filter, ...filter });
    this.reset();
    this.refresh();
  }

  /** Polling runs only while the view is visible (no background traffic otherwise). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.schedule();
  }

  reset(): void {
    this.docks = undefined;
    this.routeNames.clear();
  }

  protected async roots(): Promise<TreeNode[]> {
    if (!this.services.session.connection) return [];
    const api = await this.services.session.projectApi();
    if (!this.docks) {
      const [{ list }, routes] = await Promise.all([
        api.devices.list(),
        api.waylines.list().catch(() => undefined),
      ]);
      this.routeNames = new Map((routes?.list ?? []).map((r) => [r.id, r.name]));
      const docks = list
        .map((t) => t.gateway)
        .filter((g): g is Device => !!g && g.device_model.class === 'airport');
      this.docks = docks.map((d) => new DockTasksNode(d, this));
    }
    return this.docks.length
      ? this.docks
      : [emptyNode(this.viewId, vscode.l10n.t('No docks in this project.'))];
  }

  async dockChildren(node: DockTasksNode): Promise<TreeNode[]> {
    if (!node.loaded) {
      const now = Math.floor(Date.now() / 1000);
      node.loadedFrom = now - this.filter.daysBack * DAY;
      node.loadedTo = now + this.filter.daysAhead * DAY;
      node.tasks = await this.fetch(node.dock.sn, node.loadedFrom, node.loadedTo);
      node.loaded = true;
      this.schedule();
      // The dock row shows the task count: redraw it once its tasks are known.
      setTimeout(() => this.refresh(node), 0);
    }
    const children: TreeNode[] = orderAroundNow(node.tasks, Date.now()).map(
      (t) => new TaskNode(t, node.dock.sn, t.wayline_uuid ? this.routeNames.get(t.wayline_uuid) : undefined),
    );
    if (children.length === 0)
      children.push(
        emptyNode(
          node.id,
          vscode.l10n.t('No tasks between {0} and {1}.', day(node.loadedFrom), day(node.loadedTo)),
        ),
      );
    children.push(
      new LoadMoreNode(
        `${node.id}:loadMore`,
        node,
        vscode.l10n.t('Load older tasks (before {0})…', day(node.loadedFrom)),
      ),
    );
    return children;
  }

  async loadOlder(node: DockTasksNode): Promise<void> {
    const from = node.loadedFrom - 7 * DAY;
    const older = await this.fetch(node.dock.sn, from, node.loadedFrom - 1);
    const known = new Set(node.tasks.map((t) => t.uuid));
    node.tasks.push(...older.filter((t) => !known.has(t.uuid)));
    node.loadedFrom = from;
    this.refresh(node);
  }

  /** Re-reads the loaded window of docks with a task under way or about to take off. */
  async pollOnce(): Promise<void> {
    const now = Date.now();
    for (const node of this.docks ?? []) {
      if (!node.polling(now, this.refreshMs).poll) continue;
      node.tasks = await this.fetch(node.dock.sn, node.loadedFrom, node.loadedTo);
      this.refresh(node);
    }
  }

  findDock(sn: string): DockTasksNode | undefined {
    return this.docks?.find((d) => d.dock.sn === sn);
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }

  private async fetch(sn: string, begin: number, end: number): Promise<Task[]> {
    const api = await this.services.session.projectApi();
    const f = this.filter;
    const query = {
      sn,
      begin_at: Math.max(0, begin),
      end_at: end,
      ...(f.statuses.length ? { status: f.statuses.join(',') } : {}),
    };
    const { list } = await api.tasks.list(query);
    return f.taskTypes.length ? list.filter((t) => f.taskTypes.includes(t.task_type)) : list;
  }

  private get refreshMs(): number {
    const seconds = vscode.workspace.getConfiguration('flighthub.tasks').get<number>('refreshSeconds', 5);
    return Math.max(2, seconds) * 1000;
  }

  /** One timer for the whole view, set for the dock that wants a look soonest. */
  private schedule(): void {
    const now = Date.now();
    const delays = this.visible
      ? (this.docks ?? []).flatMap((d) => d.polling(now, this.refreshMs).delayMs ?? [])
      : [];
    if (!delays.length) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    const due = now + Math.min(...delays);
    // A dock loading later must not postpone a look that is already due sooner.
    if (this.timer && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollOnce()
        .catch((error: unknown) => this.services.log.error('task refresh failed', error))
        .finally(() => this.schedule());
    }, due - now);
  }
}

function day(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleDateString(vscode.env.language);
}

declare module '../../ui/context' {
  interface Views {
    readonly tasks: TasksProvider;
    readonly tasksView: vscode.TreeView<TreeNode>;
  }
}
