// The device "thing model" of `GET /device/{sn}/state` (docs/api.md#device-state): dock, aircraft and RC
// properties with named-string enums, changing while a task flies (position, battery, mode, drone_in_dock).
import { MODELS, modelParts } from './catalog';
import { modelOf, type DeviceRef, type DeviceRegistry } from './devices';
import { groundDistance } from './geo';
import { mediaCounts } from './mediaCounts';
import { locateNow } from './motion';
import type { DockSeed } from './org';
import type { Evaluated, TaskStore } from './tasks';
import { HOUR, MINUTE } from './time';

/** Battery use while airborne and recharge in the dock, percent per second [INFERRED]. */
const DRAIN_PER_S = 0.05;
const CHARGE_PER_S = 0.05;

export interface ThingModelDeps {
  readonly devices: DeviceRegistry;
  readonly tasks: TaskStore;
}

export function deviceState(deps: ThingModelDeps, ref: DeviceRef, now: number): Record<string, unknown> {
  const model = MODELS[modelOf(ref)];
  const device_model = { key: model.key, ...modelParts(model.key), name: model.name, class: model.class };
  let state: Record<string, unknown>;
  if (ref.kind === 'dock') state = dockState(deps, ref.dock, now);
  else if (ref.kind === 'aircraft') state = aircraftState(deps, ref.dock, now);
  else
    state = {
      latitude: ref.rc.location.latitude,
      longitude: ref.rc.location.longitude,
      height: ref.rc.location.height,
      capacity_percent: 87,
    };
  return { device_sn: ref.sn, device_state: state, device_model };
}

function weather(now: number) {
  return {
    wind_speed: round1(3 + 1.5 * Math.sin(now / (7 * MINUTE))),
    environment_temperature: round1(26 + 3 * Math.sin(now / (6 * HOUR))),
    rainfall: 'no_rain',
  };
}

function batteryPercent(
  deps: ThingModelDeps,
  dock: DockSeed,
  active: Evaluated | undefined,
  now: number,
): number {
  const flown = active?.timeline.flightStartedAt;
  if (flown !== undefined) return clampBattery(100 - (DRAIN_PER_S * Math.max(0, now - flown)) / 1000);
  const last = deps.tasks.lastLanding(dock, now, 3 * HOUR);
  const start = last?.timeline.flightStartedAt;
  const end = last?.timeline.endedAt;
  if (start === undefined || end === undefined) return 100;
  const atLanding = 100 - (DRAIN_PER_S * (end - start)) / 1000;
  return clampBattery(atLanding + (CHARGE_PER_S * (now - end)) / 1000);
}

function dockState(deps: ThingModelDeps, dock: DockSeed, now: number): Record<string, unknown> {
  const active = deps.tasks.active(dock, now);
  const outside = active !== undefined && active.timeline.phase !== 'preparing';
  const last = deps.tasks.lastLanding(dock, now, MINUTE);
  const pending = last ? mediaCounts(last, now) : undefined;
  const battery = batteryPercent(deps, dock, active, now);
  return {
    latitude: dock.location.latitude,
    longitude: dock.location.longitude,
    height: dock.location.height,
    heading: 0,
    mode_code: active ? 'in_operation' : 'idle',
    drone_in_dock: outside ? 'outside' : 'inside',
    cover_state: outside ? 'open' : 'close',
    firmware_version: dock.firmware,
    position_state: {
      gps_number: 28,
      rtk_number: 31,
      quality: 'gear_5',
      is_calibration: deps.devices.rtk.has(dock.sn) ? 1 : 0,
    },
    sub_device: {
      device_sn: dock.aircraft.sn,
      device_model_key: MODELS[dock.aircraft.model].key,
      device_online_status: outside ? 'power_on' : 'power_off',
    },
    drone_charge_state: {
      capacity_percent: Math.round(battery),
      state: !outside && battery < 100 ? 'charging' : 'idle',
    },
    storage: { total: 82_000_000, used: 12_400_000 },
    media_file_detail: { remain_upload: pending ? pending.expected - pending.uploaded : 0 },
    ...weather(now),
  };
}

function aircraftState(deps: ThingModelDeps, dock: DockSeed, now: number): Record<string, unknown> {
  const active = deps.tasks.active(dock, now);
  const battery = batteryPercent(deps, dock, active, now);
  const fix = active && active.timeline.phase !== 'preparing' ? locateNow(active, now) : undefined;
  const height = fix?.height ?? 0;
  const mode = !active
    ? 'standby'
    : active.timeline.phase === 'preparing'
      ? 'takeoff_prep'
      : active.timeline.phase === 'returning'
        ? 'auto_rth'
        : 'wayline_flight';
  const payloads: Record<string, unknown> = {};
  for (const camera of MODELS[dock.aircraft.model].cameras) {
    payloads[camera.index] = {
      payload_index: camera.index,
      gimbal_pitch: fix ? -45 : 0,
      gimbal_roll: 0,
      gimbal_yaw: round1(fix?.heading ?? 0),
      zoom_factor: 1,
    };
  }
  const longitude = fix?.longitude ?? dock.location.longitude;
  const latitude = fix?.latitude ?? dock.location.latitude;
  const homeDistance = groundDistance({ longitude, latitude }, dock.location);
  return {
    latitude,
    longitude,
    height: round1(dock.location.height + height),
    elevation: round1(height),
    attitude_head: round1(fix?.heading ?? 0),
    horizontal_speed: fix?.speed ?? 0,
    vertical_speed: 0,
    home_distance: Math.round(homeDistance),
    mode_code: mode,
    battery: {
      capacity_percent: Math.round(battery),
      remain_flight_time: Math.round(battery * 25),
      batteries: [{ index: 0, capacity_percent: Math.round(battery), temperature: 31.5 }],
    },
    position_state: { gps_number: 24, rtk_number: 29, is_fixed: 2 },
    wind_speed: weather(now).wind_speed,
    ...payloads,
  };
}

function clampBattery(v: number): number {
  return Math.min(100, Math.max(10, v));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
