// Connections, projects and the built-in simulator.
import * as vscode from 'vscode';
import * as z from 'zod';
import { FlightHubClient, REGION_URLS, type Region } from '../../api/client';
import { describeError } from '../../core/errorText';
import type { Connection } from '../../services/store';
import { ProjectNode } from '../../ui/tree/nodes';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { UserCancelled } from '../../ui/run';

const addInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  region: z.enum(['cn', 'us', 'eu']).optional(),
  url: z.string().url().optional(),
  orgKey: z.string().trim().min(8),
  /** Check the key against the server before saving (default true). */
  verify: z.boolean().optional(),
});

export const addConnection: CommandFactory = (ctx) => async (arg?: unknown) => {
  const t = vscode.l10n.t;
  const given = arg === undefined ? undefined : addInput.parse(arg);
  const input = given ?? (await askConnection());
  if (!input.region && !input.url) throw new Error(t('Choose a region or enter a server URL.'));
  const kind: Connection['kind'] = input.region ? 'region' : 'custom';
  if (input.verify !== false)
    await verifyOrConfirm(ctx, input.region ? REGION_URLS[input.region] : (input.url ?? ''), input.orgKey);
  const connection = await ctx.services.store.add(
    { name: input.name, kind, region: input.region, url: input.url },
    input.orgKey,
  );
  ctx.services.log.addSecret(input.orgKey);
  await ctx.services.session.setActiveConnection(connection.id);
  void vscode.window.showInformationMessage(
    t('Connected to FlightHub 2 as "{0}". Pick a project in the Projects view.', connection.name),
  );
  return connection.id;
};

async function askConnection(): Promise<z.infer<typeof addInput>> {
  const t = vscode.l10n.t;
  const name = await vscode.window.showInputBox({
    title: t('Add Organization Key (1/3)'),
    prompt: t('A name for this connection'),
    value: t('My organization'),
    validateInput: (v) => (v.trim() ? undefined : t('Enter a name.')),
  });
  if (name === undefined) throw new UserCancelled();
  const picks: Array<vscode.QuickPickItem & { region?: Region }> = [
    { label: t('China'), description: REGION_URLS.cn, region: 'cn' },
    { label: t('United States / International'), description: REGION_URLS.us, region: 'us' },
    { label: t('Europe'), description: REGION_URLS.eu, region: 'eu' },
    { label: t('Custom on-premises URL…'), description: 'http://host:30812' },
  ];
  const server = await vscode.window.showQuickPick(picks, {
    title: t('Add Organization Key (2/3)'),
    placeHolder: t('Where does your organization live?'),
  });
  if (!server) throw new UserCancelled();
  let url: string | undefined;
  if (!server.region) {
    url = await vscode.window.showInputBox({
      title: t('Add Organization Key (2/3)'),
      prompt: t('Base URL of the on-premises FlightHub 2 (usually port 30812)'),
      value: 'http://',
      validateInput: (v) =>
        /^https?:\/\/[^/\s]+/.test(v.trim()) ? undefined : t('Enter an http:// or https:// URL.'),
    });
    if (url === undefined) throw new UserCancelled();
  }
  const orgKey = await vscode.window.showInputBox({
    title: t('Add Organization Key (3/3)'),
    prompt: t(
      "FlightHub 2 → My Organization → Organization Settings → OpenAPI → Organization Key. Stored only in VS Code's secret storage.",
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) =>
      v.trim().length >= 8 && !/\s/.test(v.trim()) ? undefined : t('Paste the whole organization key.'),
  });
  if (orgKey === undefined) throw new UserCancelled();
  return { name: name.trim(), region: server.region, url: url?.trim(), orgKey: orgKey.trim() };
}

async function verifyOrConfirm(ctx: CommandContext, url: string, orgKey: string): Promise<void> {
  const client = new FlightHubClient({ baseUrl: url, orgKey, timeoutMs: 15_000, retry: { maxAttempts: 1 } });
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Checking the organization key…'),
      },
      () => client.listProjects({ page: 1, page_size: 1 }),
    );
  } catch (error) {
    const save = vscode.l10n.t('Save Anyway');
    const choice = await vscode.window.showWarningMessage(describeError(error), { modal: true }, save);
    if (choice !== save) throw new UserCancelled();
    ctx.services.log.info('connection saved without a successful check');
  } finally {
    await client.close();
  }
}

export const trySimulator: CommandFactory = (ctx) => async () => {
  const t = vscode.l10n.t;
  const sim = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: t('Starting the built-in FlightHub 2 simulator…'),
    },
    () => ctx.services.simulator.ensure(),
  );
  const { store, session } = ctx.services;
  const existing = store.list().find((c) => c.kind === 'simulator');
  const connection =
    existing ??
    (await store.add(
      { name: t('Built-in Simulator'), kind: 'simulator', url: 'http://127.0.0.1' },
      sim.orgKey,
    ));
  await session.setActiveConnection(connection.id);
  if (!session.project) {
    const client = await session.client();
    const first = (await client.listProjects({ page: 1, page_size: 1 })).list[0];
    if (first) await session.setActiveProject({ uuid: first.uuid, name: first.name });
  }
  ctx.services.log.info(`built-in simulator at ${sim.url}`);
  await vscode.commands.executeCommand('workbench.view.extension.flighthub');
  return connection.id;
};

const connectionArg = z.looseObject({ id: z.string().min(1) });

async function pickConnection(ctx: CommandContext, arg: unknown, title: string): Promise<Connection> {
  const { store } = ctx.services;
  const parsed = connectionArg.safeParse(arg);
  if (parsed.success) {
    const found = store.get(parsed.data.id);
    if (!found) throw new Error(vscode.l10n.t('No connection with id {0}.', parsed.data.id));
    return found;
  }
  const items = store.list().map((c) => ({
    label: c.name,
    description: c.kind === 'simulator' ? vscode.l10n.t('built-in simulator') : c.url,
    connection: c,
  }));
  if (items.length === 0) throw new Error(vscode.l10n.t('There are no connections yet.'));
  const pick = await vscode.window.showQuickPick(items, { title });
  if (!pick) throw new UserCancelled();
  return pick.connection;
}

export const switchConnection: CommandFactory = (ctx) => async (arg?: unknown) => {
  const c = await pickConnection(ctx, arg, vscode.l10n.t('Switch FlightHub 2 Connection'));
  await ctx.services.session.setActiveConnection(c.id);
  return c.id;
};

export const renameConnection: CommandFactory = (ctx) => async (arg?: unknown) => {
  const c = await pickConnection(ctx, arg, vscode.l10n.t('Rename Connection'));
  const given = z.looseObject({ name: z.string().trim().min(1).max(100) }).safeParse(arg);
  const name = given.success
    ? given.data.name
    : await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename Connection'),
        value: c.name,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
      });
  if (name === undefined) throw new UserCancelled();
  await ctx.services.store.rename(c.id, name.trim());
};

export const removeConnection: CommandFactory = (ctx) => async (arg?: unknown) => {
  const c = await pickConnection(ctx, arg, vscode.l10n.t('Remove Connection'));
  const remove = vscode.l10n.t('Remove');
  const confirmed =
    z.looseObject({ confirm: z.literal(true) }).safeParse(arg).success ||
    (await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the connection "{0}" and its key?', c.name),
      { modal: true },
      remove,
    )) === remove;
  if (!confirmed) throw new UserCancelled();
  if (ctx.services.session.connection?.id === c.id) await ctx.services.session.setActiveConnection(undefined);
  await ctx.services.store.remove(c.id);
};

const projectArg = z.looseObject({ uuid: z.string().min(1), name: z.string().min(1) });

export const setActiveProject: CommandFactory = (ctx) => async (arg?: unknown) => {
  const { session } = ctx.services;
  let project: { uuid: string; name: string } | undefined;
  if (arg instanceof ProjectNode) project = { uuid: arg.project.uuid, name: arg.project.name };
  else if (projectArg.safeParse(arg).success) project = projectArg.parse(arg);
  else {
    const client = await session.client();
    const items: Array<vscode.QuickPickItem & { uuid: string }> = [];
    for await (const page of client.projects({ page_size: 100 })) {
      items.push(
        ...page.map((p) => ({
          label: p.name,
          description: p.uuid === session.project?.uuid ? vscode.l10n.t('active') : '',
          uuid: p.uuid,
        })),
      );
    }
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Set Active Project') });
    if (!pick) throw new UserCancelled();
    project = { uuid: pick.uuid, name: pick.label };
  }
  await session.setActiveProject(project);
  return project.uuid;
};
