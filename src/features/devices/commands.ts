// Device commands (docs/api.md#devices): thing model, HMS, dock camera, aircraft lens and payload control,
// return to home. What makes an aircraft move passes the safety gate's modal; every command sent to a
// device passes its fence (flighthub.safety.allowedDevices) and lands in the audit log.
import * as vscode from 'vscode';
import * as z from 'zod';
import { needsPayloadControl } from '../../api/errors';
import type { ProjectApi } from '../../api/projectApi';
import type { DeviceCommand } from '../../api/schemas/device';
import { TaskNode } from '../../ui/tree/nodes';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { movingAction, reloadDockTasks, sendFlightAction } from '../../ui/flightAction';
import { chooseCamera, chooseOne, choosePayloads, LENS_TYPES, lensTypesOf } from './payloads';
import { deviceName, parseArgs, resolveDevice, type ProjectDevice } from '../../ui/pickers';
import { deviceStatePanel, type DeviceStatePanel } from './statePanel';

const ANY = ['dock', 'aircraft', 'rc'] as const;

/** The device state panel; resolves once the first read settled, with what it read. */
export const showDeviceState: CommandFactory = (ctx) => async (arg?: unknown) => {
  const panel = await openStatePanel(ctx, arg, vscode.l10n.t('Show Device State'));
  panel.focus('state');
  return panel.last?.state;
};

/** The same panel, scrolled to its HMS alerts; resolves with the alerts it read. */
export const showHms: CommandFactory = (ctx) => async (arg?: unknown) => {
  const panel = await openStatePanel(ctx, arg, vscode.l10n.t('Show HMS Alerts'));
  panel.focus('alerts');
  return panel.last?.alerts;
};

/** The raw thing model as a JSON document (the panel's "Open as JSON"). */
export const showDeviceStateJson: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, { roles: ANY, title: vscode.l10n.t('Show Device State as JSON') });
  const state = await api.devices.state(d.device.sn);
  await ctx.docs.show(`${deviceName(d.device)} state`, state);
  return state;
};

async function openStatePanel(ctx: CommandContext, arg: unknown, title: string): Promise<DeviceStatePanel> {
  const binding = ctx.services.session.binding();
  const api = await ctx.services.session.apiFor(binding);
  const d = await resolveDevice(api, arg, { roles: ANY, title });
  const device = { sn: d.device.sn, name: deviceName(d.device).slice(0, 300), role: d.role };
  const panel = deviceStatePanel.open(ctx.services, { device, binding });
  await panel.loaded;
  return panel;
}

const cameraArgs = z.looseObject({
  camera_index: z.string().optional(),
  camera_position: z.enum(['indoor', 'outdoor']).optional(),
});

export const changeCamera: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(cameraArgs, arg);
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, { roles: ['dock'], title: vscode.l10n.t('Switch Dock Camera') });
  const camera = await chooseCamera(
    d,
    given?.camera_index,
    (c) => (c.available_camera_positions?.length ?? 0) > 0,
  );
  const positions = (camera.available_camera_positions ?? []).filter(
    (p) => p === 'indoor' || p === 'outdoor',
  );
  const labels = { indoor: vscode.l10n.t('Indoor camera'), outdoor: vscode.l10n.t('Outdoor camera') };
  const position = await chooseOne(positions, given?.camera_position, camera.camera_position, {
    title: vscode.l10n.t('Switch Dock Camera'),
    label: (p) => labels[p],
    unknown: (p) => vscode.l10n.t('Camera {0} cannot switch to {1}.', camera.camera_index, p),
  });
  const spec = {
    action: 'device.camera.change',
    label: vscode.l10n.t('Switch dock camera'),
    deviceSn: d.device.sn,
    deviceName: deviceName(d.device),
  };
  const body = { sn: d.device.sn, camera_index: camera.camera_index, camera_position: position };
  // Not a flight: no modal, but fenced and audited like every command to a device.
  await sendFlightAction(
    ctx,
    api,
    movingAction(ctx, spec),
    { confirm: false, endpoint: 'device.camera.change', detail: () => `${camera.camera_index} ${position}` },
    () => api.devices.changeCamera(body),
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t('{0} now shows the {1}.', deviceName(d.device), labels[position]),
  );
  return true;
};

const lensArgs = z.looseObject({
  camera_index: z.string().optional(),
  lens_type: z.enum(LENS_TYPES).optional(),
  /** Acquire payload control (through the safety gate) when FlightHub 2 asks for it. */
  acquireControl: z.boolean().optional(),
});

export const changeLens: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(lensArgs, arg);
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, {
    roles: ['aircraft'],
    title: vscode.l10n.t('Switch Aircraft Lens'),
  });
  const camera = await chooseCamera(d, given?.camera_index, (c) => lensTypesOf(c).length > 0);
  const current = camera.lens_list?.find((l) => l.lens_type)?.lens_type ?? undefined;
  const lens = await chooseOne(lensTypesOf(camera), given?.lens_type, current, {
    title: vscode.l10n.t('Switch Aircraft Lens'),
    label: (l) =>
      ({
        normal: vscode.l10n.t('Normal'),
        wide: vscode.l10n.t('Wide'),
        zoom: vscode.l10n.t('Zoom'),
        ir: vscode.l10n.t('Infrared'),
      })[l],
    unknown: (l) => vscode.l10n.t('Camera {0} has no {1} lens.', camera.camera_index, l),
  });
  const body = { sn: d.device.sn, camera_index: camera.camera_index, lens_type: lens };
  const spec = {
    action: 'device.lens.change',
    label: vscode.l10n.t('Switch aircraft lens'),
    deviceSn: d.device.sn,
    deviceName: deviceName(d.device),
  };
  // Not a flight: no modal, but fenced and audited (a refused attempt is recorded as failed too).
  const send = () =>
    sendFlightAction(
      ctx,
      api,
      movingAction(ctx, spec),
      { confirm: false, endpoint: 'device.lens.change', detail: () => `${camera.camera_index} ${lens}` },
      () => api.devices.changeLens(body),
    );
  try {
    await send();
  } catch (error) {
    if (!needsPayloadControl(error)) throw error;
    // Plain-object callers are never asked: they opt in with `acquireControl: true` (the livestream
    // panel does; the safety gate's modal is then the offer).
    const offer = given ? given.acquireControl === true : await offerControl(d, camera.camera_index);
    if (!offer) throw error;
    if (!(await acquire(ctx, api, d, [camera.camera_index]))) return undefined;
    await send();
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t('{0}: camera {1} switched to {2}.', deviceName(d.device), camera.camera_index, lens),
  );
  return true;
};

async function offerControl(d: ProjectDevice, index: string): Promise<boolean> {
  const yes = vscode.l10n.t('Acquire Control…');
  const message = vscode.l10n.t(
    'Switching lenses needs payload control of camera {0} on {1}. Acquire it now?',
    index,
    deviceName(d.device),
  );
  return (await vscode.window.showWarningMessage(message, { modal: true }, yes)) === yes;
}

/** Gated: taking payload control is listed among the actions that make an aircraft move. */
async function acquire(
  ctx: CommandContext,
  api: ProjectApi,
  d: ProjectDevice,
  payloads: string[],
): Promise<boolean> {
  const spec = {
    action: 'device.control.acquire',
    label: vscode.l10n.t('Acquire payload control'),
    deviceSn: d.device.sn,
    deviceName: deviceName(d.device),
  };
  const body = { sn: d.device.sn, payload_index: payloads };
  const sent = await sendFlightAction(
    ctx,
    api,
    movingAction(ctx, spec),
    { confirm: true, endpoint: 'device.control.acquire', detail: () => payloads.join(',') },
    () => api.devices.acquireControl(body),
  );
  return sent !== undefined;
}

const controlArgs = z.looseObject({ payload_index: z.array(z.string().min(1)).min(1).optional() });

export const acquireControl: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(controlArgs, arg);
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, {
    roles: ['aircraft'],
    title: vscode.l10n.t('Acquire Payload Control'),
  });
  const payloads = await choosePayloads(d, given?.payload_index, vscode.l10n.t('Acquire Payload Control'));
  if (!(await acquire(ctx, api, d, payloads))) return undefined;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Payload control of {0} acquired: {1}.', deviceName(d.device), payloads.join(', ')),
  );
  return true;
};

export const releaseControl: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(controlArgs, arg);
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, {
    roles: ['aircraft'],
    title: vscode.l10n.t('Release Payload Control'),
  });
  const payloads = await choosePayloads(d, given?.payload_index, vscode.l10n.t('Release Payload Control'));
  const spec = {
    action: 'device.control.release',
    label: vscode.l10n.t('Release payload control'),
    deviceSn: d.device.sn,
    deviceName: deviceName(d.device),
  };
  const body = { sn: d.device.sn, payload_index: payloads };
  await sendFlightAction(
    ctx,
    api,
    movingAction(ctx, spec),
    { confirm: false, endpoint: 'device.control.release', detail: () => payloads.join(',') },
    () => api.devices.releaseControl(body),
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Payload control of {0} released: {1}.', deviceName(d.device), payloads.join(', ')),
  );
  return true;
};

/**
 * Return to home (gated) and its cancellation (audited only). Arguments: an aircraft or dock (node or
 * `{sn}`) or a task node.
 */
function homeCommand(command: Extract<DeviceCommand, 'return_home' | 'return_home_cancel'>): CommandFactory {
  const moving = command === 'return_home';
  return (ctx) => async (arg?: unknown) => {
    const title = moving ? vscode.l10n.t('Return to Home') : vscode.l10n.t('Cancel Return to Home');
    const api = await ctx.services.session.projectApi();
    // A task node names its dock; the command then goes to the dock's aircraft, the SN the doc
    // labels (docs/api.md#device-commands; the dock SN is accepted too and used when the aircraft is
    // unknown).
    const target = arg instanceof TaskNode ? { sn: arg.dockSn } : arg;
    const d = await resolveDevice(api, target, { roles: ['aircraft'], accept: ['aircraft', 'dock'], title });
    const aircraft = d.role === 'dock' ? (d.partner ?? d.device) : d.device;
    const label = moving ? vscode.l10n.t('Return to home') : vscode.l10n.t('Cancel return to home');
    const spec = {
      action: `device.${command}`,
      label,
      deviceSn: aircraft.sn,
      deviceName: deviceName(aircraft),
      taskName: arg instanceof TaskNode ? arg.task.name : undefined,
    };
    const params = { device_sn: aircraft.sn };
    const sent = await sendFlightAction(
      ctx,
      api,
      movingAction(ctx, spec),
      { confirm: moving, endpoint: 'device.command', params },
      () => api.devices.command(aircraft.sn, { device_command: command }),
    );
    if (!sent) return undefined;
    const dockSn = d.role === 'dock' ? d.device.sn : d.partner?.sn;
    if (dockSn) reloadDockTasks(ctx, dockSn);
    // Accepted is not done (docs/api.md#device-commands): say so, the task and device state will show the
    // outcome.
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '"{0}" sent to {1}. Watch the task and device state to see it happen.',
        label,
        deviceName(aircraft),
      ),
    );
    return true;
  };
}

export const returnHome: CommandFactory = homeCommand('return_home');
export const cancelReturnHome: CommandFactory = homeCommand('return_home_cancel');
