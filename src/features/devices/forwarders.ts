// Stream forwarders (docs/api.md#stream-forwarders, on-premises FlightHub 2 only): the Devices view's
// "Stream Forwarders" node lists the active project's; commands create (a checked form), enable,
// disable and delete (after a question) them. Their error codes are explained in src/core/forwarderErrors.ts.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { deviceName, parseArgs, resolveDevice } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { TreeNode, MessageNode } from '../../ui/tree/nodes';
import { askForwarder } from './forwarderForm';
import { forwarderBody } from './forms';
import { orThrow } from './formText';
import { chooseCamera } from './payloads';

export type Forwarder = Awaited<ReturnType<ProjectApi['live']['listConverters']>>['list'][number];

/** Every forwarder of the project, page by page (a project has at most 20). */
export async function listAllForwarders(api: ProjectApi, signal?: AbortSignal): Promise<Forwarder[]> {
  const out: Forwarder[] = [];
  const pageSize = 100;
  for (let page = 1; ; page++) {
    const { list, pagination } = await api.live.listConverters({ page, page_size: pageSize }, signal);
    out.push(...list);
    const total = pagination?.total;
    if (list.length < pageSize || (total !== undefined && out.length >= total)) return out;
  }
}

export class ForwarderNode extends TreeNode {
  readonly id: string;
  constructor(readonly forwarder: Forwarder) {
    super();
    this.id = `forwarder:${forwarder.converter_id}`;
  }
  get enabled(): boolean {
    return this.forwarder.auto_push_stream === true;
  }
  toTreeItem(): vscode.TreeItem {
    const f = this.forwarder;
    const item = new vscode.TreeItem(
      f.converter_name || f.converter_id,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    const on = this.enabled ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled');
    item.description = [f.schema, f.device_callsign || f.sn, f.camera, on, f.state]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      'broadcast',
      new vscode.ThemeColor(this.enabled ? 'testing.iconPassed' : 'disabledForeground'),
    );
    item.tooltip = `${f.converter_name ?? ''}\n${f.converter_id}\n${f.schema ?? ''} ${f.sn ?? ''} ${f.camera ?? ''}`;
    item.contextValue = this.enabled ? 'forwarder.enabled' : 'forwarder.disabled';
    return item;
  }
}

/** Lists the active project's forwarders each time it is expanded or refreshed. */
export class ForwardersNode extends TreeNode {
  readonly id = 'forwarders';
  constructor(private readonly api: () => Promise<ProjectApi>) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      vscode.l10n.t('Stream Forwarders'),
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('radio-tower');
    item.tooltip = vscode.l10n.t(
      'RTMP and GB28181 forwarding of device cameras (on-premises FlightHub 2 only)',
    );
    item.contextValue = 'forwarders';
    return item;
  }
  override async getChildren(): Promise<TreeNode[]> {
    const all = await listAllForwarders(await this.api());
    return all.length
      ? all.map((f) => new ForwarderNode(f))
      : [new MessageNode('forwarders:empty', vscode.l10n.t('No stream forwarders in this project.'))];
  }
}

function refreshForwarders(ctx: CommandContext): void {
  ctx.views.devices.refreshForwarders();
}

export const listForwarders: CommandFactory = (ctx) => async () => {
  const all = await listAllForwarders(await ctx.services.session.projectApi());
  await ctx.docs.show('stream forwarders', { count: all.length, forwarders: all });
  return all;
};

const createArgs = z.looseObject({
  sn: z.string().min(1),
  camera_index: z.string().min(1),
  converter_name: z.string().optional(),
  schema: z.enum(['rtmp', 'gb28181']),
  url: z.string().optional(),
  server_ip: z.string().optional(),
  server_port: z.union([z.string(), z.number()]).optional(),
  device_id: z.string().optional(),
  device_password: z.string().optional(),
  local_port: z.union([z.string(), z.number()]).optional(),
  local_channel: z.string().optional(),
});

/** Arguments: none (a form asks), or `{sn, camera_index, converter_name, schema, url | gb28181 fields}`. */
export const createForwarder: CommandFactory = (ctx) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Create Stream Forwarder');
  const api = await ctx.services.session.projectApi();
  const given = arg instanceof TreeNode ? undefined : parseArgs(createArgs, arg);
  let body;
  if (given) {
    const d = await resolveDevice(api, { sn: given.sn }, { roles: ['aircraft', 'dock'], title });
    await chooseCamera(d, given.camera_index, () => true);
    body = orThrow(forwarderBody(given));
  } else {
    const d = await resolveDevice(api, undefined, { roles: ['aircraft', 'dock'], title });
    const camera = await chooseCamera(d, undefined, () => true);
    body = await askForwarder(title, {
      sn: d.device.sn,
      camera_index: camera.camera_index,
      defaultName: `${deviceName(d.device)} ${camera.camera_index}`,
    });
  }
  const { converter_id } = await api.live.createConverter(body);
  refreshForwarders(ctx);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Stream forwarder "{0}" created. Enable it to start forwarding.', body.converter_name),
  );
  return converter_id;
};

const idArgs = z.looseObject({ converter_id: z.string().min(1), confirm: z.boolean().optional() });

async function forwarderOf(api: ProjectApi, arg: unknown, title: string): Promise<Forwarder> {
  if (arg instanceof ForwarderNode) return arg.forwarder;
  const given = parseArgs(idArgs, arg);
  const all = await listAllForwarders(api);
  if (given) {
    const found = all.find((f) => f.converter_id === given.converter_id);
    if (!found)
      throw new Error(vscode.l10n.t('No stream forwarder {0} in this project.', given.converter_id));
    return found;
  }
  if (!all.length) throw new Error(vscode.l10n.t('No stream forwarders in this project.'));
  const pick = await vscode.window.showQuickPick(
    all.map((f) => ({
      label: f.converter_name || f.converter_id,
      description: `${f.schema ?? ''} ${f.sn ?? ''}`,
      f,
    })),
    { title },
  );
  if (!pick) throw new UserCancelled();
  return pick.f;
}

function toggle(enable: boolean): CommandFactory {
  return (ctx) => async (arg?: unknown) => {
    const title = enable
      ? vscode.l10n.t('Enable Stream Forwarder')
      : vscode.l10n.t('Disable Stream Forwarder');
    const api = await ctx.services.session.projectApi();
    const f = await forwarderOf(api, arg, title);
    await api.live.toggleConverter(f.converter_id, enable);
    refreshForwarders(ctx);
    const name = f.converter_name || f.converter_id;
    void vscode.window.showInformationMessage(
      enable
        ? vscode.l10n.t('Stream forwarder "{0}" enabled: it forwards whenever the device is online.', name)
        : vscode.l10n.t('Stream forwarder "{0}" disabled.', name),
    );
    return true;
  };
}

export const enableForwarder: CommandFactory = toggle(true);
export const disableForwarder: CommandFactory = toggle(false);

/** Asks first, unless a plain-object caller passes `confirm: true`. */
export const deleteForwarder: CommandFactory = (ctx) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Delete Stream Forwarder');
  const api = await ctx.services.session.projectApi();
  const f = await forwarderOf(api, arg, title);
  const name = f.converter_name || f.converter_id;
  const confirmed = parseArgs(idArgs, arg instanceof ForwarderNode ? undefined : arg)?.confirm === true;
  if (!confirmed) {
    const yes = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete stream forwarder "{0}"?', name),
      { modal: true, detail: vscode.l10n.t('Its device stops forwarding to {0}.', f.schema ?? '-') },
      yes,
    );
    if (answer !== yes) return undefined;
  }
  await api.live.deleteConverter(f.converter_id);
  refreshForwarders(ctx);
  void vscode.window.showInformationMessage(vscode.l10n.t('Stream forwarder "{0}" deleted.', name));
  return true;
};
