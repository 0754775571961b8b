// The demo organization (docs/api.md#demo-organization): three projects, one of them closed to the key; per
// open project a Dock 2 with an M3TD, a Dock 3 with an M4TD and an RC Plus 2 with an offline M4T; the first
// project also has an offline dock and a dock with outdated firmware for the failure paths.
import { MODELS, type HmsName, type ModelName } from './catalog';
import type { LonLat } from './geo';
import { numericIdFrom, serialFrom, uuidFrom } from './ids';

export type DockRole = 'main' | 'dock3' | 'offline' | 'oldFirmware' | 'standard';

export interface ProjectSeed {
  readonly uuid: string;
  readonly ordinal: number;
  readonly name: string;
  readonly introduction: string;
  readonly accessible: boolean;
  readonly center: LonLat;
  /** Unix seconds (docs/api.md#project-list). */
  readonly createdAt: number;
  /** Project RTH altitude limit; above it a task is created but fails to start (docs/api.md#flight-tasks). */
  readonly rthLimit: number;
}

export interface AircraftSeed {
  readonly sn: string;
  readonly model: ModelName;
  readonly callsign: string;
  readonly online: boolean;
  readonly hms: readonly HmsName[];
}

export interface DockSeed {
  readonly sn: string;
  /** 1-based, organization-wide; part of seeded task uuids and folder ids. */
  readonly ordinal: number;
  readonly projectUuid: string;
  readonly model: ModelName;
  readonly callsign: string;
  readonly role: DockRole;
  readonly online: boolean;
  readonly firmware: string;
  /** Where the dock stands; `height` is the ellipsoid height of its landing pad. */
  readonly location: LonLat & { readonly height: number };
  readonly aircraft: AircraftSeed;
  readonly hms: readonly HmsName[];
}

export interface RcSeed {
  readonly sn: string;
  readonly projectUuid: string;
  readonly callsign: string;
  readonly location: LonLat & { readonly height: number };
  readonly aircraft: AircraftSeed;
}

export interface Organization {
  readonly uuid: string;
  readonly userId: string;
  readonly projects: readonly ProjectSeed[];
  readonly docks: readonly DockSeed[];
  readonly rcs: readonly RcSeed[];
}

/** Firmware below this major version cannot run tasks (→ 200700, docs/api.md#error-codes). */
export const MIN_DOCK_FIRMWARE_MAJOR = 10;

const PROJECTS = [
  { name: 'Harbor Inspection', center: { longitude: 113.942, latitude: 22.5431 }, accessible: true },
  { name: 'Solar Farm Survey', center: { longitude: 110.3802, latitude: 19.8538 }, accessible: true },
  {
    name: 'Restricted Airport Perimeter',
    center: { longitude: 121.805, latitude: 31.1443 },
    accessible: false,
  },
] as const;

const DOCK_LAYOUT: readonly {
  role: DockRole;
  model: ModelName;
  aircraft: ModelName;
  projects: readonly number[];
}[] = [
  { role: 'main', model: 'dock2', aircraft: 'm3td', projects: [1, 2, 3] },
  { role: 'dock3', model: 'dock3', aircraft: 'm4td', projects: [1, 2] },
  { role: 'offline', model: 'dock2', aircraft: 'm3td', projects: [1] },
  { role: 'oldFirmware', model: 'dock2', aircraft: 'm3td', projects: [1] },
];

const SN_PREFIX: Record<ModelName, string> = {
  dock2: '7CTXN',
  dock3: '8UUXN',
  m3td: '1581F6Q8',
  m4td: '1581F8HG',
  m4t: '1581F6M1',
  m30t: '1581F5BK',
  rcPlus2: '9TBDN',
};

export function seedOrganization(seed: string): Organization {
  const uuid = uuidFrom(seed, 'organization');
  const projects: ProjectSeed[] = PROJECTS.map((p, i) => ({
    uuid: uuidFrom(seed, 'project', i + 1),
    ordinal: i + 1,
    name: p.name,
    introduction: p.accessible
      ? `Demo project ${i + 1} of the FlightHub 2 simulator`
      : 'The demo key is not a member',
    accessible: p.accessible,
    center: p.center,
    createdAt: 1_745_214_300 + i * 86_400,
    rthLimit: 300,
  }));
  const docks: DockSeed[] = [];
  const rcs: RcSeed[] = [];
  for (const project of projects) {
    const at = (dx: number, dy: number, height: number) => ({
      longitude: round6(project.center.longitude + dx),
      latitude: round6(project.center.latitude + dy),
      height,
    });
    for (const layout of DOCK_LAYOUT) {
      if (!layout.projects.includes(project.ordinal)) continue;
      const ordinal = docks.length + 1;
      const label = `${MODELS[layout.model].name.replace('DJI ', '')} ${project.ordinal}-${ordinal}`;
      docks.push({
        sn: serialFrom(SN_PREFIX[layout.model], seed, 'dock', ordinal),
        ordinal,
        projectUuid: project.uuid,
        model: layout.model,
        callsign: layout.role === 'offline' ? `${label} (offline)` : label,
        role: layout.role,
        online: layout.role !== 'offline',
        firmware: layout.role === 'oldFirmware' ? '09.00.0104' : '10.01.1612',
        location: at(0.004 * (ordinal % 3) - 0.004, 0.003 * (ordinal % 2), 42 + ordinal),
        aircraft: {
          sn: serialFrom(SN_PREFIX[layout.aircraft], seed, 'aircraft', ordinal),
          model: layout.aircraft,
          callsign: `${MODELS[layout.aircraft].name} ${project.ordinal}-${ordinal}`,
          online: layout.role !== 'offline',
          hms: layout.role === 'dock3' ? ['batteryCold'] : [],
        },
        hms: hmsFor(layout.role),
      });
    }
    if (project.accessible) {
      rcs.push({
        sn: serialFrom(SN_PREFIX.rcPlus2, seed, 'rc', project.ordinal),
        projectUuid: project.uuid,
        callsign: `RC Plus 2 ${project.ordinal}`,
        location: at(0.006, -0.002, 40),
        aircraft: {
          sn: serialFrom(SN_PREFIX.m4t, seed, 'rc-aircraft', project.ordinal),
          model: 'm4t',
          callsign: `M4T ${project.ordinal}`,
          online: false,
          hms: [],
        },
      });
    }
  }
  return { uuid, userId: numericIdFrom(seed, 'user'), projects, docks, rcs };
}

function hmsFor(role: DockRole): readonly HmsName[] {
  if (role === 'main') return ['dockHeating'];
  if (role === 'oldFirmware') return ['firmware'];
  if (role === 'offline') return ['network'];
  return [];
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function firmwareMajor(firmware: string): number {
  return Number(firmware.split('.')[0] ?? 0);
}
