// What the device state panel shows, read from a thing model (docs/api.md#device-state) without words:
// enums as their FlightHub names (ints from older payloads decoded to the same names), a position only
// when there is a fix, and one entry per payload. No vscode here: statePanelView.ts adds the words.

export type StateRole = 'dock' | 'aircraft' | 'rc';

/** Aircraft `mode_code` ints in Cloud API order (docs/api.md#device-enums). */
export const AIRCRAFT_MODES = [
  'standby',
  'takeoff_prep',
  'takeoff_ready',
  'manual',
  'auto_takeoff',
  'wayline_flight',
  'panoramic',
  'intelligent_tracking',
  'adsb_avoidance',
  'auto_rth',
  'auto_landing',
  'forced_landing',
  'three_blade_landing',
  'upgrading',
  'not_connected',
  'apas',
  'virtual_stick',
  'live_flight_controls',
  'airborne_rtk_fixing',
  'dock_address_selecting',
] as const;

/** Dock `mode_code` ints (docs/api.md#device-enums). */
export const DOCK_MODES = [
  'idle',
  'on_site_debugging',
  'remote_debugging',
  'firmware_upgrading',
  'in_operation',
  'to_be_calibrated',
] as const;

export interface PayloadFacts {
  /** `type-subtype-gimbal`, e.g. `81-0-0`. */
  readonly index: string;
  /** The gimbal mount of the index's last part (0 main, 1 right, 2 top, 7 FPV or dock camera). */
  readonly mount: number | undefined;
  readonly pitch?: number;
  readonly yaw?: number;
  readonly zoom?: number;
}

export interface StateFacts {
  /** The FlightHub name of `mode_code` (`wayline_flight`), an unknown name as sent, or undefined. */
  readonly mode?: string;
  /** Percent: the aircraft's battery, the charge of the aircraft in a dock, or the RC's battery. */
  readonly battery?: number;
  /** Undefined when missing or reported as 0,0 (no fix). */
  readonly position?: { readonly latitude: number; readonly longitude: number };
  /** Metres: ellipsoid height, and for an aircraft the height above take-off. */
  readonly height?: number;
  readonly elevation?: number;
  readonly gps?: number;
  readonly rtk?: number;
  /** Dock positioning quality `gear_1`…`gear_5` as 1…5. */
  readonly quality?: number;
  /** Cloud API `wireless_link` link qualities, 0…5. */
  readonly sdrQuality?: number;
  readonly lteQuality?: number;
  readonly speed?: number;
  readonly homeDistance?: number;
  readonly windSpeed?: number;
  readonly temperature?: number;
  readonly droneInDock?: string;
  readonly cover?: string;
  readonly payloads: readonly PayloadFacts[];
}

const PAYLOAD_INDEX = /^\d+-\d+-\d+$/;

export function readStateFacts(state: Record<string, unknown>, role: StateRole): StateFacts {
  const position = positionOf(state);
  const positionState = record(state.position_state);
  const link = record(state.wireless_link);
  const battery =
    num(record(state.battery)?.capacity_percent) ??
    num(record(state.drone_charge_state)?.capacity_percent) ??
    num(state.capacity_percent);
  return {
    mode: modeName(state.mode_code, role),
    battery,
    position,
    height: num(state.height),
    elevation: role === 'aircraft' ? num(state.elevation) : undefined,
    gps: num(positionState?.gps_number),
    rtk: num(positionState?.rtk_number),
    quality: gear(positionState?.quality),
    sdrQuality: num(link?.sdr_quality),
    lteQuality: num(link?.['4g_quality']),
    speed: num(state.horizontal_speed),
    homeDistance: num(state.home_distance),
    windSpeed: num(state.wind_speed),
    temperature: num(state.environment_temperature),
    droneInDock: str(state.drone_in_dock),
    cover: str(state.cover_state),
    payloads: payloadsOf(state),
  };
}

function positionOf(state: Record<string, unknown>): StateFacts['position'] {
  const latitude = num(state.latitude);
  const longitude = num(state.longitude);
  // A device without a fix reports 0,0 (docs/api.md#device-state): that is no position, not the Gulf of Guinea.
  if (latitude === undefined || longitude === undefined || (latitude === 0 && longitude === 0))
    return undefined;
  return { latitude, longitude };
}

/** Named strings pass through; ints of older payloads become the same names. */
export function modeName(code: unknown, role: StateRole): string | undefined {
  if (typeof code === 'string') return code.length ? code : undefined;
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  const names: readonly string[] = role === 'dock' ? DOCK_MODES : role === 'aircraft' ? AIRCRAFT_MODES : [];
  return names[code] ?? String(code);
}

function payloadsOf(state: Record<string, unknown>): PayloadFacts[] {
  return Object.entries(state)
    .filter(([key, value]) => PAYLOAD_INDEX.test(key) && record(value) !== undefined)
    .map(([index, value]) => {
      const p = record(value) ?? {};
      return {
        index,
        mount: num(Number(index.split('-')[2])),
        pitch: num(p.gimbal_pitch),
        yaw: num(p.gimbal_yaw),
        zoom: num(p.zoom_factor),
      };
    })
    .sort((a, b) => a.index.localeCompare(b.index));
}

function gear(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const m = typeof value === 'string' ? /^gear_(\d)$/.exec(value) : null;
  return m ? Number(m[1]) : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
