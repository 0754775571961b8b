// What tests and the extension need to know about a world: ids of projects, devices, routes and the
// designated tasks, plus the reproducible failure cases.
import { MODELS } from './catalog';
import type { DockRole } from './org';
import type { Designation } from './seeded';
import type { WorldState } from './state';

export interface DescribedTask {
  readonly uuid: string;
  readonly name: string;
  readonly dockSn: string;
  readonly projectUuid: string;
  readonly folderId: number;
  /** Planned start, Unix seconds. */
  readonly beginAt: number;
}

export interface WorldDescription {
  readonly organizationUuid: string;
  /** The clock reading the seeded history is laid around (ms). */
  readonly anchor: number;
  readonly tasksPerDock: number;
  readonly projects: readonly { uuid: string; name: string; accessible: boolean }[];
  readonly docks: readonly {
    sn: string;
    modelKey: string;
    callsign: string;
    projectUuid: string;
    role: DockRole;
    online: boolean;
    firmware: string;
    aircraftSn: string;
    aircraftModelKey: string;
  }[];
  readonly remoteControllers: readonly {
    sn: string;
    projectUuid: string;
    aircraftSn: string;
    aircraftModelKey: string;
  }[];
  readonly routes: readonly {
    uuid: string;
    name: string;
    projectUuid: string;
    deviceModelKey: string;
    purpose: string;
  }[];
  readonly tasks: { readonly [K in Designation]?: DescribedTask } & { readonly bigMediaCount: number };
  readonly failures: {
    readonly inaccessibleProjectUuid?: string;
    readonly offlineDockSn?: string;
    readonly oldFirmwareDockSn?: string;
    /** Task creation with it gives 219019. */
    readonly modelMismatchRouteUuid?: string;
    /** Task creation with it gives 219020. */
    readonly unvalidatedRouteUuid?: string;
  };
}

export function describeWorld(w: WorldState): WorldDescription {
  const { org, routes, tasks } = w;
  const first = org.projects[0]?.uuid;
  const tasksOut: { [K in Designation]?: DescribedTask } = {};
  for (const dock of org.docks) {
    if (dock.projectUuid !== first) continue;
    for (const kind of ['executing', 'bigMedia', 'timedWaiting', 'suspended'] as const) {
      const spec = tasks.designated(dock, kind);
      if (spec)
        tasksOut[kind] = {
          uuid: spec.uuid,
          name: spec.name,
          dockSn: spec.dockSn,
          projectUuid: spec.projectUuid,
          folderId: spec.folderId,
          beginAt: Math.floor(spec.beginAt / 1000),
        };
    }
  }
  const allRoutes = org.projects.flatMap((p) => routes.inProject(p.uuid));
  const firstDock = (role: DockRole) => org.docks.find((d) => d.role === role)?.sn;
  return {
    organizationUuid: org.uuid,
    anchor: tasks.grid.anchor,
    tasksPerDock: tasks.grid.count,
    projects: org.projects.map((p) => ({ uuid: p.uuid, name: p.name, accessible: p.accessible })),
    docks: org.docks.map((d) => ({
      sn: d.sn,
      modelKey: MODELS[d.model].key,
      callsign: d.callsign,
      projectUuid: d.projectUuid,
      role: d.role,
      online: d.online,
      firmware: d.firmware,
      aircraftSn: d.aircraft.sn,
      aircraftModelKey: MODELS[d.aircraft.model].key,
    })),
    remoteControllers: org.rcs.map((r) => ({
      sn: r.sn,
      projectUuid: r.projectUuid,
      aircraftSn: r.aircraft.sn,
      aircraftModelKey: MODELS[r.aircraft.model].key,
    })),
    routes: allRoutes.map((r) => ({
      uuid: r.id,
      name: r.name,
      projectUuid: r.projectUuid,
      deviceModelKey: r.deviceModelKey,
      purpose: r.purpose,
    })),
    tasks: {
      ...tasksOut,
      bigMediaCount: (tasksOut.bigMedia && tasks.get(tasksOut.bigMedia.uuid)?.mediaCount) ?? 0,
    },
    failures: {
      inaccessibleProjectUuid: org.projects.find((p) => !p.accessible)?.uuid,
      offlineDockSn: firstDock('offline'),
      oldFirmwareDockSn: firstDock('oldFirmware'),
      modelMismatchRouteUuid: allRoutes.find((r) => r.purpose === 'model_mismatch')?.id,
      unvalidatedRouteUuid: allRoutes.find((r) => r.purpose === 'unvalidated')?.id,
    },
  };
}
