// The organization's devices as rows (docs/api.md#device-lists): `GET /device` lists dock pairs only and
// names no project, so project membership comes from each readable project's own device list. Pure (no
// vscode), unit-tested in test/unit/features/devices/orgRows.test.ts.
import type { Device, Topology } from '../../api/schemas/device';

export interface OrgDeviceRow {
  readonly sn: string;
  readonly callsign: string;
  readonly role: 'dock' | 'aircraft' | 'rc';
  readonly model: string;
  readonly model_key: string;
  readonly online: boolean;
  /** The dock or RC an aircraft is paired with, or a gateway's aircraft. */
  readonly paired_with?: string;
  /** Names of the projects whose device list has it; empty when none we could read does. */
  readonly projects: string[];
}

export interface ProjectTopologies {
  readonly name: string;
  readonly list: readonly Topology[];
}

function row(
  d: Device,
  role: OrgDeviceRow['role'],
  partner: Device | null | undefined,
  projects: string[],
): OrgDeviceRow {
  return {
    sn: d.sn,
    callsign: d.callsign ?? '',
    role,
    model: d.device_model.name ?? d.device_model.key,
    model_key: d.device_model.key,
    online: d.device_online_status === true,
    ...(partner ? { paired_with: partner.sn } : {}),
    projects,
  };
}

/** SN → names of the projects listing it, in project order without repeats. */
export function membership(projects: readonly ProjectTopologies[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of projects)
    for (const t of p.list)
      for (const d of [t.gateway, t.drone]) {
        if (!d) continue;
        const names = out.get(d.sn) ?? [];
        if (!names.includes(p.name)) names.push(p.name);
        out.set(d.sn, names);
      }
  return out;
}

/** One row per device, each gateway followed by its aircraft; a device listed twice appears once. */
export function orgDeviceRows(
  org: readonly Topology[],
  projects: readonly ProjectTopologies[],
): OrgDeviceRow[] {
  const where = membership(projects);
  const seen = new Set<string>();
  const rows: OrgDeviceRow[] = [];
  const add = (
    d: Device | null | undefined,
    role: OrgDeviceRow['role'],
    partner: Device | null | undefined,
  ) => {
    if (!d || seen.has(d.sn)) return;
    seen.add(d.sn);
    rows.push(row(d, role, partner, where.get(d.sn) ?? []));
  };
  for (const t of org) {
    add(t.gateway, t.gateway?.device_model.class === 'rc' ? 'rc' : 'dock', t.drone);
    add(t.drone, 'aircraft', t.gateway);
  }
  return rows;
}
