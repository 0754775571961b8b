// The "Create Stream Forwarder" form: a name, the protocol, then its push target (docs/api.md#stream-forwarders),
// each box checked as the person types (./forms.ts).
import * as vscode from 'vscode';
import { UserCancelled } from '../../ui/run';
import {
  checkGbId,
  checkHost,
  checkPort,
  checkRtmpUrl,
  forwarderBody,
  present,
  required,
  type ForwarderBody,
} from './forms';
import { askChecked, orThrow } from './formText';

export async function askForwarder(
  title: string,
  target: { sn: string; camera_index: string; defaultName: string },
): Promise<ForwarderBody> {
  const t = vscode.l10n.t;
  const converter_name = await askChecked(
    { title, prompt: t('A name for the forwarder'), value: target.defaultName },
    (v) => required(v, 'converter_name'),
  );
  const schema = await vscode.window.showQuickPick(
    [
      { label: 'RTMP', description: t('Push to an RTMP server'), value: 'rtmp' as const },
      {
        label: 'GB28181',
        description: t('Register with a GB/T 28181 video platform'),
        value: 'gb28181' as const,
      },
    ],
    { title, placeHolder: t('Protocol') },
  );
  if (!schema) throw new UserCancelled();
  const base = { converter_name, sn: target.sn, camera_index: target.camera_index };
  if (schema.value === 'rtmp') {
    const url = await askChecked(
      {
        title,
        prompt: t('RTMP push URL (with the stream key)'),
        placeholder: 'rtmp://stream.example.com/live/key',
      },
      checkRtmpUrl,
    );
    return orThrow(forwarderBody({ ...base, schema: 'rtmp', url }));
  }
  const server_ip = await askChecked({ title, prompt: t('GB28181 server IP or host') }, (v) =>
    checkHost(v, 'server_ip'),
  );
  const server_port = await askChecked({ title, prompt: t('GB28181 server port'), value: '5060' }, (v) =>
    checkPort(v, 'server_port'),
  );
  const device_id = await askChecked({ title, prompt: t('GB28181 device id (20 digits)') }, (v) =>
    checkGbId(v, 'device_id'),
  );
  const device_password = await askChecked(
    { title, prompt: t('GB28181 device password'), password: true },
    (v) => present(v, 'device_password'),
  );
  const local_port = await askChecked({ title, prompt: t('Local SIP port'), value: '5060' }, (v) =>
    checkPort(v, 'local_port'),
  );
  const local_channel = await askChecked({ title, prompt: t('GB28181 channel id (20 digits)') }, (v) =>
    checkGbId(v, 'local_channel'),
  );
  return orThrow(
    forwarderBody({
      ...base,
      schema: 'gb28181',
      server_ip,
      server_port,
      device_id,
      device_password,
      local_port,
      local_channel,
    }),
  );
}
