// Devices of the active project: docks (and RCs) with their aircraft, online state, model and HMS count.
import * as vscode from 'vscode';
import type { ProjectApi } from '../../api/projectApi';
import type { Topology } from '../../api/schemas/device';
import { DeviceNode, type TreeNode } from '../../ui/tree/nodes';
import { BaseProvider, emptyNode } from '../../ui/tree/provider';
import { ForwardersNode } from './forwarders';
import { OrgDevicesNode } from './orgDevices';

export class DevicesProvider extends BaseProvider {
  private nodes: DeviceNode[] | undefined;
  /** Below the project's devices: the organization's (loaded when expanded) and the stream forwarders. */
  private readonly orgDevices = new OrgDevicesNode(() => this.services.session.client());
  private readonly forwarders = new ForwardersNode(() => this.services.session.projectApi());

  reset(): void {
    this.nodes = undefined;
  }

  protected async roots(): Promise<TreeNode[]> {
    if (!this.services.session.connection) return [];
    const api = await this.services.session.projectApi();
    this.nodes ??= await buildDeviceNodes(api, '');
    const own = this.nodes.length
      ? this.nodes
      : [emptyNode(this.viewId, vscode.l10n.t('No devices in this project.'))];
    return [...own, this.orgDevices, this.forwarders];
  }

  /** Lists the stream forwarders again (after one was created, toggled or deleted). */
  refreshForwarders(): void {
    this.refresh(this.forwarders);
  }

  /** Loaded node for a serial number (dock, RC or aircraft), for reveal and commands. */
  find(sn: string): DeviceNode | undefined {
    for (const node of this.nodes ?? []) {
      if (node.sn === sn) return node;
      const child = node.attached.find((c) => c.sn === sn);
      if (child) return child;
    }
    return undefined;
  }
}

/** Topologies → gateway nodes with their aircraft attached; HMS counts from one batched call. */
export async function buildDeviceNodes(api: ProjectApi, scope: string): Promise<DeviceNode[]> {
  const { list } = await api.devices.list();
  const sns = list.flatMap((t) => [t.gateway?.sn, t.drone?.sn]).filter((s): s is string => Boolean(s));
  const counts = await hmsCounts(api, sns);
  return list.flatMap((t) => toNodes(t, scope, counts));
}

async function hmsCounts(api: ProjectApi, sns: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (sns.length === 0) return counts;
  // HMS is decoration: a failure here must not hide the devices themselves.
  const result = await api.devices.hms(sns).catch(() => undefined);
  for (const entry of result?.list ?? []) counts.set(entry.device_sn, entry.device_hms?.list?.length ?? 0);
  return counts;
}

function toNodes(t: Topology, scope: string, counts: Map<string, number>): DeviceNode[] {
  const count = (sn: string) => counts.get(sn) ?? 0;
  const drone = t.drone
    ? new DeviceNode(t.drone, 'aircraft', scope, count(t.drone.sn), [], t.gateway?.sn ?? undefined)
    : undefined;
  if (!t.gateway) return drone ? [drone] : [];
  const role = t.gateway.device_model.class === 'rc' ? 'rc' : 'dock';
  return [new DeviceNode(t.gateway, role, scope, count(t.gateway.sn), drone ? [drone] : [])];
}

declare module '../../ui/context' {
  interface Views {
    readonly devices: DevicesProvider;
    readonly devicesView: vscode.TreeView<TreeNode>;
  }
}
