// Network RTK calibration of a dock (docs/api.md#network-rtk) and return to a specific home dock
// (docs/api.md#device-commands, `return_specific_home`). Both are confirmed by the safety gate's modal,
// fenced by flighthub.safety.allowedDevices and audited, like return to home in ./commands.ts.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import { movingAction, reloadDockTasks, sendFlightAction } from '../../ui/flightAction';
import type { CommandFactory } from '../../ui/context';
import { deviceName, parseArgs, projectDevices, resolveDevice, type ProjectDevice } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { checkHost, checkMountPoint, checkPort, present, required, rtkBody, type RtkBody } from './forms';
import { askChecked, orThrow } from './formText';

const rtkArgs = z.looseObject({
  host: z.string().optional(),
  port: z.union([z.string(), z.number()]).optional(),
  account: z.string().optional(),
  password: z.string().optional(),
  mount_point: z.string().optional(),
});

/** The NTRIP caster parameters, one input box each (the password hidden). */
async function askRtk(title: string): Promise<RtkBody> {
  const t = vscode.l10n.t;
  const host = await askChecked(
    { title, prompt: t('NTRIP caster host'), placeholder: 'rtk.example.com' },
    (v) => checkHost(v, 'host'),
  );
  const port = await askChecked({ title, prompt: t('NTRIP caster port'), value: '2101' }, (v) =>
    checkPort(v, 'port'),
  );
  const account = await askChecked({ title, prompt: t('NTRIP account') }, (v) => required(v, 'account'));
  const password = await askChecked({ title, prompt: t('NTRIP password'), password: true }, (v) =>
    present(v, 'password'),
  );
  const mount = await askChecked({ title, prompt: t('Mount point'), placeholder: 'RTCM33_GRCEJ' }, (v) =>
    checkMountPoint(v),
  );
  return orThrow(rtkBody({ host, port, account, password, mount_point: mount }));
}

/** Arguments: a dock node, or `{sn, host, port, account, password, mount_point}` (all asked when absent). */
export const calibrateRtk: CommandFactory = (ctx) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Calibrate Network RTK');
  const given = parseArgs(rtkArgs, arg);
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, { roles: ['dock'], title });
  const body = given?.host !== undefined ? orThrow(rtkBody(given)) : await askRtk(title);
  const label = vscode.l10n.t('Calibrate network RTK');
  const spec = {
    action: 'device.rtk',
    label,
    deviceSn: d.device.sn,
    deviceName: deviceName(d.device),
    effect: vscode.l10n.t('This changes how a real dock positions its aircraft (network RTK).'),
  };
  const sent = await sendFlightAction(
    ctx,
    api,
    movingAction(ctx, spec),
    // The account and password stay out of the audit log: only the caster and mount point are recorded.
    {
      confirm: true,
      endpoint: 'device.rtk',
      params: { device_sn: d.device.sn },
      detail: () => `${body.host}:${body.port}/${body.mount_point}`,
    },
    () => api.devices.calibrateRtk(d.device.sn, body),
  );
  if (!sent) return undefined;
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'RTK calibration sent to {0} ({1}). The dock shows the result in FlightHub 2.',
      deviceName(d.device),
      `${body.host}:${body.port}/${body.mount_point}`,
    ),
  );
  return true;
};

const homeArgs = z.looseObject({ home_dock_sn: z.string().min(1).optional() });

async function pickHomeDock(api: ProjectApi, aircraft: ProjectDevice, title: string): Promise<ProjectDevice> {
  const docks = (await projectDevices(api)).filter((d) => d.role === 'dock');
  if (!docks.length) throw new Error(vscode.l10n.t('The active project has no {0}.', vscode.l10n.t('dock')));
  const own = aircraft.partner?.sn;
  const items = docks.map((d) => ({
    label: `$(server-environment) ${deviceName(d.device)}`,
    description: [
      d.device.sn,
      d.device.device_online_status === true ? vscode.l10n.t('online') : vscode.l10n.t('offline'),
      d.device.sn === own ? vscode.l10n.t('its own dock') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    d,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('The dock {0} should land at', deviceName(aircraft.device)),
    matchOnDescription: true,
  });
  if (!pick) throw new UserCancelled();
  return pick.d;
}

/**
 * Arguments: an aircraft node, or `{sn, home_dock_sn}`. The home is a dock of the project: the command
 * takes only `device_cmd_data.home_dock_sn` (docs/api.md#device-commands); coordinates are not part of it.
 */
export const returnToSpecificHome: CommandFactory = (ctx) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Return to a Specific Home');
  const given = parseArgs(homeArgs, arg);
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, { roles: ['aircraft'], title });
  let home: ProjectDevice;
  if (given?.home_dock_sn) {
    const found = (await projectDevices(api)).find((x) => x.device.sn === given.home_dock_sn);
    if (found?.role !== 'dock')
      throw new Error(vscode.l10n.t('{0} is not a dock of the active project.', given.home_dock_sn));
    home = found;
  } else home = await pickHomeDock(api, d, title);
  const label = vscode.l10n.t('Return to {0}', deviceName(home.device));
  const spec = {
    action: 'device.return_specific_home',
    label,
    deviceSn: d.device.sn,
    deviceName: deviceName(d.device),
  };
  const body = {
    device_command: 'return_specific_home' as const,
    device_cmd_data: { home_dock_sn: home.device.sn },
  };
  const sent = await sendFlightAction(
    ctx,
    api,
    movingAction(ctx, spec),
    {
      confirm: true,
      endpoint: 'device.command',
      params: { device_sn: d.device.sn },
      detail: () => `home_dock_sn=${home.device.sn}`,
    },
    () => api.devices.command(d.device.sn, body),
  );
  if (!sent) return undefined;
  for (const sn of new Set([d.partner?.sn, home.device.sn])) if (sn) reloadDockTasks(ctx, sn);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '"{0}" sent to {1}. Watch the task and device state to see it happen.',
      label,
      deviceName(d.device),
    ),
  );
  return true;
};
