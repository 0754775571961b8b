// Devices of the organization: lookup by serial number, the mutable payload state (camera position,
// lens, stream quality, control authority, RTK) and the topology lists (docs/api.md#device-lists).
import { AIRCRAFT_MODE, DOCK_MODE, MODELS, modelParts, type CameraSpec, type ModelName } from './catalog';
import type { AircraftSeed, DockSeed, Organization, RcSeed } from './org';
import type { TaskStore } from './tasks';

export type DeviceRef =
  | { readonly kind: 'dock'; readonly sn: string; readonly dock: DockSeed }
  | {
      readonly kind: 'aircraft';
      readonly sn: string;
      readonly dock: DockSeed;
      readonly aircraft: AircraftSeed;
    }
  | { readonly kind: 'rc'; readonly sn: string; readonly rc: RcSeed }
  | {
      readonly kind: 'rcAircraft';
      readonly sn: string;
      readonly rc: RcSeed;
      readonly aircraft: AircraftSeed;
    };

interface PayloadState {
  position?: string;
  lens?: string;
  quality?: string;
}

export function projectOf(ref: DeviceRef): string {
  return ref.kind === 'dock' || ref.kind === 'aircraft' ? ref.dock.projectUuid : ref.rc.projectUuid;
}

export function modelOf(ref: DeviceRef): ModelName {
  if (ref.kind === 'dock') return ref.dock.model;
  if (ref.kind === 'rc') return 'rcPlus2';
  return ref.aircraft.model;
}

export function isOnline(ref: DeviceRef): boolean {
  if (ref.kind === 'dock') return ref.dock.online;
  if (ref.kind === 'rc') return true;
  return ref.aircraft.online;
}

export class DeviceRegistry {
  private readonly bySn = new Map<string, DeviceRef>();
  private readonly payloads = new Map<string, PayloadState>();
  private readonly controlled = new Map<string, Set<string>>();
  readonly rtk = new Map<string, { host: string; mountPoint: string; at: number }>();

  constructor(
    private readonly org: Organization,
    private readonly tasks: TaskStore,
  ) {
    for (const dock of org.docks) {
      this.bySn.set(dock.sn, { kind: 'dock', sn: dock.sn, dock });
      this.bySn.set(dock.aircraft.sn, {
        kind: 'aircraft',
        sn: dock.aircraft.sn,
        dock,
        aircraft: dock.aircraft,
      });
    }
    for (const rc of org.rcs) {
      this.bySn.set(rc.sn, { kind: 'rc', sn: rc.sn, rc });
      this.bySn.set(rc.aircraft.sn, { kind: 'rcAircraft', sn: rc.aircraft.sn, rc, aircraft: rc.aircraft });
    }
  }

  find(sn: string): DeviceRef | undefined {
    return this.bySn.get(sn);
  }

  private ref(sn: string): DeviceRef {
    const ref = this.bySn.get(sn);
    if (!ref) throw new Error(`unknown device ${sn}`);
    return ref;
  }

  inProject(projectUuid: string, sn: string): DeviceRef | undefined {
    const ref = this.bySn.get(sn);
    return ref && projectOf(ref) === projectUuid ? ref : undefined;
  }

  dock(sn: string): DockSeed | undefined {
    const ref = this.bySn.get(sn);
    return ref?.kind === 'dock' ? ref.dock : undefined;
  }

  /**
   * Cameras a device reports; an aircraft that is off reports none (docs/api.md#device-lists: `camera_list`
   * null).
   */
  cameras(ref: DeviceRef): readonly CameraSpec[] {
    return isOnline(ref) ? MODELS[modelOf(ref)].cameras : [];
  }

  camera(ref: DeviceRef, index: string): CameraSpec | undefined {
    return this.cameras(ref).find((c) => c.index === index);
  }

  payload(sn: string, index: string): PayloadState {
    const key = `${sn}|${index}`;
    let state = this.payloads.get(key);
    if (!state) {
      state = {};
      this.payloads.set(key, state);
    }
    return state;
  }

  lensOf(sn: string, camera: CameraSpec): string {
    return (
      this.payload(sn, camera.index).lens ??
      (camera.lenses?.includes('wide') ? 'wide' : (camera.lenses?.[0] ?? 'normal'))
    );
  }

  positionOf(sn: string, camera: CameraSpec): string {
    return this.payload(sn, camera.index).position ?? camera.positions?.[0] ?? 'indoor';
  }

  hasControl(sn: string, index: string): boolean {
    return this.controlled.get(sn)?.has(index) ?? false;
  }

  acquire(sn: string, indexes: readonly string[]): void {
    const set = this.controlled.get(sn) ?? new Set<string>();
    for (const i of indexes) set.add(i);
    this.controlled.set(sn, set);
  }

  release(sn: string, indexes: readonly string[]): void {
    for (const i of indexes) this.controlled.get(sn)?.delete(i);
  }

  /** `data.list[]` topology entries of one project, or of the organization's dock scenario. */
  topology(projectUuid: string | undefined, now: number): { gateway: unknown; drone: unknown }[] {
    const out: { gateway: unknown; drone: unknown }[] = [];
    for (const dock of this.org.docks) {
      if (projectUuid !== undefined && dock.projectUuid !== projectUuid) continue;
      const active = dock.online ? this.tasks.active(dock, now) : undefined;
      const returning = active?.timeline.phase === 'returning';
      const flying = active && active.timeline.phase !== 'preparing';
      const aircraftMode = !dock.aircraft.online
        ? AIRCRAFT_MODE.not_connected
        : returning
          ? AIRCRAFT_MODE.auto_rth
          : flying
            ? AIRCRAFT_MODE.wayline_flight
            : AIRCRAFT_MODE.standby;
      out.push({
        gateway: this.deviceJson(this.ref(dock.sn), active ? DOCK_MODE.in_operation : DOCK_MODE.idle),
        drone: this.deviceJson(this.ref(dock.aircraft.sn), aircraftMode),
      });
    }
    // The organization list covers the dock scenario only (docs/api.md#device-lists); projects list RC pairs
    // too.
    if (projectUuid === undefined) return out;
    for (const rc of this.org.rcs) {
      if (rc.projectUuid !== projectUuid) continue;
      out.push({
        gateway: this.deviceJson(this.ref(rc.sn), undefined),
        drone: this.deviceJson(this.ref(rc.aircraft.sn), AIRCRAFT_MODE.not_connected),
      });
    }
    return out;
  }

  private deviceJson(ref: DeviceRef, modeCode: number | undefined): Record<string, unknown> {
    const model = MODELS[modelOf(ref)];
    const callsign =
      ref.kind === 'dock' ? ref.dock.callsign : ref.kind === 'rc' ? ref.rc.callsign : ref.aircraft.callsign;
    const cameras = this.cameras(ref);
    const online = isOnline(ref);
    return {
      sn: ref.sn,
      callsign,
      device_model: { key: model.key, ...modelParts(model.key), name: model.name, class: model.class },
      device_online_status: online,
      ...(modeCode === undefined ? {} : { mode_code: modeCode }),
      camera_list:
        cameras.length === 0
          ? null
          : cameras.map((c) =>
              c.positions
                ? {
                    camera_index: c.index,
                    available_camera_positions: c.positions,
                    camera_position: this.positionOf(ref.sn, c),
                  }
                : {
                    camera_index: c.index,
                    lens_list: [{ available_lens_types: c.lenses ?? [], lens_type: this.lensOf(ref.sn, c) }],
                  },
            ),
    };
  }
}
