// Device endpoints (docs/api.md#devices): thing model, HMS, real-time commands and payload settings.
import { SimError, type HandlerTable, type RequestContext } from '../types';
import { HMS_CATALOG, type HmsName } from '../world/catalog';
import { isOnline, type DeviceRef } from '../world/devices';
import { uuidFrom } from '../world/ids';
import { deviceCommand } from '../world/taskOps';
import { deviceState } from '../world/thingModel';
import { HOUR } from '../world/time';
import type { WorldState } from '../world/state';
import { bodyOf, list, now, param, projectOf, queryOf } from './common';

type DeviceIds =
  | 'device.state'
  | 'device.hms'
  | 'device.command'
  | 'device.camera.change'
  | 'device.lens.change'
  | 'device.control.acquire'
  | 'device.control.release'
  | 'device.stream.quality'
  | 'device.rtk';

const OFFLINE = 'Device is offline.';

export function deviceHandlers(world: WorldState): Pick<HandlerTable, DeviceIds> {
  /** A device of the call's project that is online. */
  const online = (projectUuid: string, sn: string): DeviceRef => {
    const ref = world.devices.inProject(projectUuid, sn);
    if (!ref) throw new SimError(200404, `device ${sn} not found in this project`);
    if (!isOnline(ref)) throw new SimError(212015, OFFLINE);
    return ref;
  };
  const aircraft = (projectUuid: string, sn: string): DeviceRef => {
    const ref = online(projectUuid, sn);
    if (ref.kind !== 'aircraft')
      throw new SimError(
        200101,
        `invalid request parameters: ${sn} is not an aircraft; payload calls take the aircraft SN`,
      );
    return ref;
  };
  const camera = (ref: DeviceRef, index: string) => {
    const cam = world.devices.camera(ref, index);
    if (!cam) {
      const known =
        world.devices
          .cameras(ref)
          .map((c) => c.index)
          .join(', ') || 'none';
      throw new SimError(
        200101,
        `invalid request parameters: ${ref.sn} has no camera ${index} (cameras: ${known})`,
      );
    }
    return cam;
  };
  const requireControl = (sn: string, index: string) => {
    if (!world.devices.hasControl(sn, index))
      throw new SimError(
        228402,
        `flight control authority check failed: acquire control of ${index} on ${sn} first (POST /device/control)`,
      );
  };

  /** Control acquire/release: the body, once every payload index is a camera of the aircraft. */
  const controlTarget = (ctx: RequestContext, id: 'device.control.acquire' | 'device.control.release') => {
    const b = bodyOf(ctx, id);
    const ref = aircraft(projectOf(world, ctx).uuid, b.sn);
    for (const index of b.payload_index) camera(ref, index);
    return b;
  };

  return {
    'device.state': (ctx) => {
      const ref = online(projectOf(world, ctx).uuid, param(ctx, 'device_sn'));
      return deviceState(world, ref, now(world));
    },

    'device.hms': (ctx) => {
      const project = projectOf(world, ctx);
      const sns = queryOf(ctx, 'device.hms')
        .device_sn_list.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const items = [];
      for (const sn of new Set(sns)) {
        const ref = world.devices.inProject(project.uuid, sn);
        if (!ref) continue;
        const names: readonly HmsName[] =
          ref.kind === 'dock' ? ref.dock.hms : ref.kind === 'aircraft' ? ref.aircraft.hms : [];
        const alerts = names.map((name, i) => hmsAlert(world, sn, name, i, ctx.language));
        items.push({ device_sn: sn, device_hms: list(world, alerts) });
      }
      return list(world, items);
    },

    'device.command': (ctx) => {
      deviceCommand(
        world,
        projectOf(world, ctx).uuid,
        param(ctx, 'device_sn'),
        bodyOf(ctx, 'device.command'),
        now(world),
      );
      return undefined;
    },

    'device.camera.change': (ctx) => {
      const b = bodyOf(ctx, 'device.camera.change');
      const ref = online(projectOf(world, ctx).uuid, b.sn);
      if (ref.kind !== 'dock')
        throw new SimError(
          200101,
          `invalid request parameters: ${b.sn} is not a dock; camera switching is for dock cameras`,
        );
      const cam = camera(ref, b.camera_index);
      if (!cam.positions?.includes(b.camera_position))
        throw new SimError(
          200101,
          `invalid request parameters: camera ${b.camera_index} cannot switch to ${b.camera_position}`,
        );
      world.devices.payload(b.sn, b.camera_index).position = b.camera_position;
      return undefined;
    },

    'device.lens.change': (ctx) => {
      const b = bodyOf(ctx, 'device.lens.change');
      const ref = aircraft(projectOf(world, ctx).uuid, b.sn);
      const cam = camera(ref, b.camera_index);
      if (!cam.lenses?.includes(b.lens_type))
        throw new SimError(
          200101,
          `invalid request parameters: camera ${b.camera_index} has no ${b.lens_type} lens (lenses: ${(cam.lenses ?? []).join(', ')})`,
        );
      requireControl(b.sn, b.camera_index);
      world.devices.payload(b.sn, b.camera_index).lens = b.lens_type;
      return undefined;
    },

    'device.control.acquire': (ctx) => {
      const b = controlTarget(ctx, 'device.control.acquire');
      world.devices.acquire(b.sn, b.payload_index);
      return undefined;
    },

    'device.control.release': (ctx) => {
      const b = controlTarget(ctx, 'device.control.release');
      world.devices.release(b.sn, b.payload_index);
      return undefined;
    },

    'device.stream.quality': (ctx) => {
      const b = bodyOf(ctx, 'device.stream.quality');
      const ref = aircraft(projectOf(world, ctx).uuid, b.sn);
      camera(ref, b.camera_index);
      requireControl(b.sn, b.camera_index);
      world.devices.payload(b.sn, b.camera_index).quality = b.quality_type;
      return undefined;
    },

    'device.rtk': (ctx) => {
      const sn = param(ctx, 'device_sn');
      const ref = online(projectOf(world, ctx).uuid, sn);
      if (ref.kind !== 'dock')
        throw new SimError(
          200101,
          `invalid request parameters: ${sn} is not a dock; network RTK calibration is for docks (docs/api.md#network-rtk)`,
        );
      const b = bodyOf(ctx, 'device.rtk');
      world.devices.rtk.set(sn, { host: b.host, mountPoint: b.mount_point, at: now(world) });
      return undefined;
    },
  };
}

function hmsAlert(world: WorldState, sn: string, name: HmsName, i: number, language: 'zh' | 'en') {
  const spec = HMS_CATALOG[name];
  const begin = Math.floor((world.tasks.grid.anchor - (i + 2) * HOUR) / 1000);
  return {
    hms_id: uuidFrom(world.seed, 'hms', sn, name),
    level: spec.level,
    module: spec.module,
    in_the_sky: spec.inTheSky ? 'in_the_sky' : 'on_the_ground',
    imminent: false,
    code: spec.code,
    message: spec.message[language],
    args: {},
    status: 0,
    status_key: name,
    begin_time: begin,
    end_time: 0,
    device_data_create_time: begin,
    device_data_update_time: begin,
    domain_type: spec.module,
    sub_hms_list: [],
  };
}
