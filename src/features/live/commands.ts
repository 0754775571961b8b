// "Start Livestream": a dock or aircraft (from the Devices view, the palette, or `{sn, camera_index,
// quality}`), one of its cameras, a quality — then the livestream panel.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { CommandFactory } from '../../ui/context';
import { deviceName, parseArgs, resolveDevice } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { openLivestream } from './livePanel';
import { qualityLabel } from '../../ui/panels/labels';
import { QUALITIES } from '../../webviews/live/protocol';
import { canSwitchLens, streamCameras } from './plan';

const liveArgs = z.looseObject({
  camera_index: z
    .string()
    .regex(/^\d+-\d+-\d+$/)
    .optional(),
  quality: z.enum(QUALITIES).optional(),
});

export const startLivestream: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(liveArgs, arg);
  const title = vscode.l10n.t('Start Livestream');
  const api = await ctx.services.session.projectApi();
  const d = await resolveDevice(api, arg, { roles: ['dock', 'aircraft'], title });
  const cameras = streamCameras(d.device, d.role);
  let camera = given?.camera_index;
  if (camera !== undefined && !cameras.includes(camera))
    throw new Error(
      vscode.l10n.t(
        '{0} has no camera {1} for this (cameras: {2}).',
        deviceName(d.device),
        camera,
        cameras.join(', ') || '-',
      ),
    );
  if (camera === undefined) {
    if (cameras.length > 1) {
      const pick = await vscode.window.showQuickPick(cameras, { title: vscode.l10n.t('Which camera?') });
      if (!pick) throw new UserCancelled();
      camera = pick;
    } else camera = cameras[0];
  }
  if (!camera) throw new Error(vscode.l10n.t('{0} has no camera that can stream.', deviceName(d.device)));
  let quality = given?.quality;
  if (!quality) {
    const items = QUALITIES.map((q) => ({ label: qualityLabel(q), q }));
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Video quality') });
    if (!pick) throw new UserCancelled();
    quality = pick.q;
  }
  const target = { sn: d.device.sn, name: deviceName(d.device).slice(0, 300), camera, quality };
  const live = openLivestream(ctx.services, target, canSwitchLens(d.device, camera));
  const first = await live.started;
  return first.type;
};
