// Tree nodes shared by the views. Every node has a stable id (`device:<sn>`, `task:<uuid>`…) so
// expansion and `reveal` survive refreshes, and a `contextValue` that drives the menus.
import * as vscode from 'vscode';
import type { Device } from '../../api/schemas/device';
import type { Project } from '../../api/schemas/project';
import type { Task } from '../../api/schemas/task';
import type { Wayline } from '../../api/schemas/wayline';

export abstract class TreeNode {
  abstract readonly id: string;
  parent?: TreeNode;
  abstract toTreeItem(): vscode.TreeItem;
  getChildren(): Promise<TreeNode[]> | TreeNode[] {
    return [];
  }
}

/** Empty, signed-out and failed states are nodes with an action, not popups. */
export class MessageNode extends TreeNode {
  constructor(
    readonly id: string,
    readonly label: string,
    readonly options: {
      icon?: string;
      command?: vscode.Command;
      tooltip?: string;
      contextValue?: string;
    } = {},
  ) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.options.icon ?? 'info');
    item.command = this.options.command;
    item.tooltip = this.options.tooltip ?? this.label;
    item.contextValue = this.options.contextValue ?? 'message';
    return item;
  }
}

/** "Load more": its parent keeps the paging state; the node only asks it to fetch the next page. */
export class LoadMoreNode extends TreeNode {
  constructor(
    readonly id: string,
    readonly owner: { loadMore(): Promise<void> },
    readonly label = vscode.l10n.t('Load more…'),
  ) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = 'loadMore';
    item.command = { command: 'flighthub.loadMore', title: this.label, arguments: [this] };
    return item;
  }
}

export class ProjectNode extends TreeNode {
  readonly id: string;
  constructor(
    readonly project: Project,
    readonly active: boolean,
    private readonly children: (node: ProjectNode) => Promise<TreeNode[]>,
  ) {
    super();
    this.id = `project:${project.uuid}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.project.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.active ? vscode.l10n.t('active') : undefined;
    item.iconPath = new vscode.ThemeIcon(this.active ? 'star-full' : 'project');
    item.tooltip = new vscode.MarkdownString(
      `**${escapeMd(this.project.name)}**\n\n${escapeMd(this.project.introduction ?? '')}\n\n\`${this.project.uuid}\``,
    );
    item.contextValue = this.active ? 'project.active' : 'project';
    return item;
  }
  override getChildren(): Promise<TreeNode[]> {
    return this.children(this);
  }
}

export type DeviceRole = 'dock' | 'aircraft' | 'rc';

export class DeviceNode extends TreeNode {
  readonly id: string;
  constructor(
    readonly device: Device,
    readonly role: DeviceRole,
    readonly scope: string,
    readonly hmsCount: number,
    readonly attached: DeviceNode[] = [],
    /** The dock or RC this aircraft belongs to. */
    readonly gatewaySn?: string,
  ) {
    super();
    this.id = `${scope}device:${device.sn}`;
    for (const child of attached) child.parent = this;
  }
  get sn(): string {
    return this.device.sn;
  }
  get name(): string {
    return this.device.callsign || this.device.device_model.name || this.device.sn;
  }
  get online(): boolean {
    return this.device.device_online_status === true;
  }
  toTreeItem(): vscode.TreeItem {
    const collapsible = this.attached.length
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(this.name, collapsible);
    item.id = this.id;
    const model = this.device.device_model.name ?? this.device.device_model.key;
    const alerts = this.hmsCount > 0 ? ` · ${vscode.l10n.t('HMS alerts: {0}', this.hmsCount)}` : '';
    item.description = `${model} · ${this.online ? vscode.l10n.t('online') : vscode.l10n.t('offline')}${alerts}`;
    item.iconPath = new vscode.ThemeIcon(
      ROLE_ICON[this.role],
      new vscode.ThemeColor(this.online ? 'testing.iconPassed' : 'disabledForeground'),
    );
    item.tooltip = `${this.name}\n${model} (${this.device.device_model.key})\nSN ${this.sn}`;
    item.contextValue = `device.${this.role}.${this.online ? 'online' : 'offline'}`;
    return item;
  }
  override getChildren(): TreeNode[] {
    return this.attached;
  }
}

const ROLE_ICON: Record<DeviceRole, string> = {
  dock: 'server-environment',
  aircraft: 'rocket',
  rc: 'device-mobile',
};

export const STATUS_ICON: Record<string, [string, string | undefined]> = {
  waiting: ['clock', undefined],
  preparing: ['loading~spin', 'charts.blue'],
  queue_for_takeoff: ['loading~spin', 'charts.blue'],
  executing: ['play-circle', 'charts.blue'],
  paused: ['debug-pause', 'charts.yellow'],
  success: ['pass', 'testing.iconPassed'],
  partially_done: ['pass', 'charts.yellow'],
  terminated: ['circle-slash', 'charts.orange'],
  timeout: ['watch', 'charts.red'],
  starting_failure: ['error', 'charts.red'],
  suspended: ['debug-stop', 'disabledForeground'],
};

export class TaskNode extends TreeNode {
  readonly id: string;
  constructor(
    readonly task: Task,
    readonly dockSn: string,
    readonly routeName: string | undefined,
  ) {
    super();
    this.id = `task:${task.uuid}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.task.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const [icon, color] = STATUS_ICON[this.task.status] ?? ['question', undefined];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const when = formatTime(this.task.begin_at ?? this.task.run_at);
    item.description = [statusLabel(this.task.status), when, this.routeName].filter(Boolean).join(' · ');
    item.tooltip = [
      this.task.name,
      `${vscode.l10n.t('Status')}: ${statusLabel(this.task.status)}`,
      `${vscode.l10n.t('Type')}: ${this.task.task_type}`,
      `${vscode.l10n.t('Begins')}: ${when}`,
      this.routeName ? `${vscode.l10n.t('Route')}: ${this.routeName}` : '',
      `UUID ${this.task.uuid}`,
    ]
      .filter(Boolean)
      .join('\n');
    item.contextValue = `task.${this.task.task_type}.${this.task.status}`;
    item.command = {
      command: 'flighthub.showTaskDetails',
      title: vscode.l10n.t('Show Task Details'),
      arguments: [this],
    };
    return item;
  }
}

export class RouteNode extends TreeNode {
  readonly id: string;
  constructor(readonly route: Wayline) {
    super();
    this.id = `route:${route.id}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.route.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('location');
    const kinds = (this.route.template_types ?? []).join(', ');
    item.description = [this.route.device_model_key, kinds].filter(Boolean).join(' · ');
    item.tooltip = `${this.route.name}\n${vscode.l10n.t('Aircraft model')}: ${this.route.device_model_key ?? '-'}\nUUID ${this.route.id}`;
    item.contextValue = 'route';
    item.command = {
      command: 'flighthub.showRouteDetails',
      title: vscode.l10n.t('Show Route Details'),
      arguments: [this],
    };
    return item;
  }
}

export function statusLabel(status: string): string {
  const t = vscode.l10n.t;
  const labels: Record<string, string> = {
    waiting: t('waiting'),
    preparing: t('preparing'),
    queue_for_takeoff: t('queued for take-off'),
    executing: t('executing'),
    paused: t('paused'),
    success: t('succeeded'),
    partially_done: t('partially done'),
    terminated: t('terminated'),
    timeout: t('timed out'),
    starting_failure: t('failed to start'),
    suspended: t('suspended'),
  };
  return labels[status] ?? status;
}

export function formatTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
