// "Show Organization Devices" and the Devices view's "Organization Devices" node: every device of the
// organization (`GET /device`, docs/api.md#device-lists), not only the active project's, with the
// projects each belongs to when a readable project lists it.
import * as vscode from 'vscode';
import type { FlightHubClient } from '../../api/client';
import type { CommandFactory } from '../../ui/context';
import { MessageNode, TreeNode } from '../../ui/tree/nodes';
import { orgDeviceRows, type OrgDeviceRow, type ProjectTopologies } from './orgRows';

export interface OrgDevices {
  readonly rows: OrgDeviceRow[];
  /** Projects whose device list could not be read (no access): membership there is unknown. */
  readonly unreadableProjects: string[];
}

export async function loadOrgDevices(client: FlightHubClient, signal?: AbortSignal): Promise<OrgDevices> {
  const { list } = await client.listOrgDevices(signal);
  const projects: ProjectTopologies[] = [];
  const unreadableProjects: string[] = [];
  for await (const page of client.projects({}, signal))
    for (const p of page) {
      try {
        projects.push({ name: p.name, list: (await client.project(p.uuid).devices.list(signal)).list });
      } catch {
        // Membership is decoration: a project the key cannot read only leaves it unknown.
        unreadableProjects.push(p.name);
      }
    }
  return { rows: orgDeviceRows(list, projects), unreadableProjects };
}

function roleText(role: OrgDeviceRow['role']): string {
  return {
    dock: vscode.l10n.t('dock'),
    aircraft: vscode.l10n.t('aircraft'),
    rc: vscode.l10n.t('remote controller'),
  }[role];
}

export function describeRow(r: OrgDeviceRow): string {
  const online = r.online ? vscode.l10n.t('online') : vscode.l10n.t('offline');
  const projects = r.projects.length ? r.projects.join(', ') : vscode.l10n.t('no project known');
  return `${r.model} · ${online} · ${projects}`;
}

export const showOrgDevices: CommandFactory = (ctx) => async () => {
  const client = await ctx.services.session.client();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading organization devices…') },
    () => loadOrgDevices(client),
  );
  await ctx.docs.show('organization devices', {
    count: result.rows.length,
    devices: result.rows,
    ...(result.unreadableProjects.length ? { unreadable_projects: result.unreadableProjects } : {}),
  });
  return result.rows;
};

class OrgDeviceNode extends TreeNode {
  readonly id: string;
  constructor(readonly row: OrgDeviceRow) {
    super();
    this.id = `orgDevice:${row.sn}`;
  }
  toTreeItem(): vscode.TreeItem {
    const r = this.row;
    const item = new vscode.TreeItem(r.callsign || r.model || r.sn, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = describeRow(r);
    const icon = { dock: 'server-environment', aircraft: 'rocket', rc: 'device-mobile' }[r.role];
    item.iconPath = new vscode.ThemeIcon(
      icon,
      new vscode.ThemeColor(r.online ? 'testing.iconPassed' : 'disabledForeground'),
    );
    item.tooltip = [
      `${r.callsign || r.model} (${roleText(r.role)})`,
      `${r.model} (${r.model_key})`,
      `SN ${r.sn}`,
      r.paired_with ? vscode.l10n.t('with {0}', r.paired_with) : undefined,
      vscode.l10n.t('Projects: {0}', r.projects.join(', ') || '-'),
    ]
      .filter(Boolean)
      .join('\n');
    item.contextValue = 'orgDevice';
    return item;
  }
}

/** A collapsed node: the organization's devices load when it is expanded. */
export class OrgDevicesNode extends TreeNode {
  readonly id = 'orgDevices';
  constructor(private readonly client: () => Promise<FlightHubClient>) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      vscode.l10n.t('Organization Devices'),
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.tooltip = vscode.l10n.t('Every device of the organization, with the projects it belongs to');
    item.contextValue = 'orgDevices';
    return item;
  }
  override async getChildren(): Promise<TreeNode[]> {
    const { rows } = await loadOrgDevices(await this.client());
    return rows.length
      ? rows.map((r) => new OrgDeviceNode(r))
      : [new MessageNode('orgDevices:empty', vscode.l10n.t('The organization has no devices.'))];
  }
}
