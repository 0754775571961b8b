// flighthub-mcp as an MCP client sees it: dist/mcp.js spawned with --simulator and driven over stdio by
// the SDK's own Client — tools/list, reads, input errors, the read-only refusal, plan → confirm, the
// allowed-devices fence, and no organization key in anything the server writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { FlightHubClient } from '../../../src/api/client';
import { startSimulator } from '../../../src/simulator/simulator';
import { readZip, writeZip } from '../../../src/routes/zip/zip';
import { shortRouteKmz } from '../../helpers/routes';

const root = join(__dirname, '..', '..', '..', '..');
const MCP = join(root, 'dist', 'mcp.js');

interface Session {
  call(name: string, args?: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
  readonly client: Client;
  close(): Promise<void>;
}

/** Everything any server wrote: MCP frames (stdout) and stderr, to look for the key. */
const written: string[] = [];
const sessions: Session[] = [];

async function open(...args: string[]): Promise<Session> {
  return openIn(root, ...args);
}

/** A server whose working directory (where route paths are resolved) is `cwd`. */
async function openIn(cwd: string, ...args: string[]): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MCP, '--simulator', ...args],
    stderr: 'pipe',
    cwd,
  });
  transport.stderr?.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
  const client = new Client({ name: 'mcp-test', version: '1.0.0' });
  await client.connect(transport);
  const onmessage = transport.onmessage;
  transport.onmessage = (message) => {
    written.push(JSON.stringify(message));
    onmessage?.(message);
  };
  const session: Session = {
    client,
    async call(name, args = {}) {
      const result = await client.callTool({ name, arguments: args });
      const content = result.content as Array<{ type: string; text: string }>;
      return { text: content.map((c) => c.text).join('\n'), isError: result.isError === true };
    },
    close: () => client.close(),
  };
  sessions.push(session);
  return session;
}

/** The world every `--simulator` server starts with (seed "demo"), read from a twin simulator. */
interface World {
  orgKey: string;
  project: { uuid: string; name: string };
  dock: string;
  aircraft: string;
  otherDock: string;
  route: { id: string; name: string };
}
let world: World;

before(async () => {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--only=mcp'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const sim = await startSimulator({ seed: 'demo' });
  const client = new FlightHubClient({ baseUrl: sim.url, orgKey: sim.orgKey });
  try {
    const projects = await client.listProjects({ page_size: 10 });
    const project = projects.list[0];
    assert.ok(project);
    const api = client.project(project.uuid);
    const docks = (await api.devices.list()).list.filter(
      (t) => t.gateway?.device_online_status && t.drone?.device_model.class === 'drone',
    );
    const [first, second] = docks;
    assert.ok(first?.gateway && first.drone && second?.gateway, 'two online docks with aircraft');
    const route = (await api.waylines.list()).list[0];
    assert.ok(route);
    world = {
      orgKey: sim.orgKey,
      project: { uuid: project.uuid, name: project.name },
      dock: first.gateway.sn,
      aircraft: first.drone.sn,
      otherDock: second.gateway.sn,
      route: { id: route.id, name: route.name },
    };
  } finally {
    await client.close();
    await sim.stop();
  }
});

after(async () => {
  for (const s of sessions) await s.close().catch(() => undefined);
});

const READ_TOOLS = [
  'list_projects',
  'list_devices',
  'list_tasks',
  'task_details',
  'task_media',
  'task_trajectory',
  'hms_alerts',
  'system_status',
  'list_routes',
  'check_route_file',
];
const ACTION_TOOLS = [
  'create_task',
  'pause_task',
  'resume_task',
  'return_home',
  'cancel_return_home',
  'suspend_task',
  'restore_task',
  'upload_route',
];

void describe('flighthub-mcp, read-only (the default)', () => {
  let s: Session;
  before(async () => {
    s = await open();
  });

  it('lists every tool with a strict JSON schema, actions marked as disabled', async () => {
    const { tools } = await s.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      [...READ_TOOLS, ...ACTION_TOOLS, 'confirm_action'],
    );
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.equal((t.inputSchema as { additionalProperties?: unknown }).additionalProperties, false, t.name);
      assert.ok(t.description && t.description.length > 40, t.name);
      assert.equal(t.annotations?.readOnlyHint, READ_TOOLS.includes(t.name), t.name);
    }
    const listTasks = tools.find((t) => t.name === 'list_tasks');
    assert.deepEqual(listTasks?.inputSchema.required, ['project_uuid', 'dock_sn']);
    for (const t of tools.filter((x) => ACTION_TOOLS.includes(x.name)))
      assert.match(t.description ?? '', /read-only/, t.name);
  });

  it('answers reads in short text: projects, then the tasks of a dock with a status filter', async () => {
    const projects = await s.call('list_projects');
    assert.equal(projects.isError, false, projects.text);
    assert.match(projects.text, new RegExp(`${world.project.name} — uuid ${world.project.uuid}`));

    const all = await s.call('list_tasks', {
      project_uuid: world.project.uuid,
      dock_sn: world.dock,
      limit: 5,
    });
    assert.equal(all.isError, false, all.text);
    assert.match(all.text, new RegExp(`^\\d+ flight tasks of dock ${world.dock} between `));
    assert.equal(all.text.split('\n').filter((l) => l.startsWith('- ')).length, 5, all.text);
    assert.match(all.text, /more: call again with offset 5/);

    const done = await s.call('list_tasks', {
      project_uuid: world.project.uuid,
      dock_sn: world.dock,
      status: ['success'],
      limit: 50,
    });
    const lines = done.text.split('\n').filter((l) => l.startsWith('- '));
    assert.ok(lines.length > 0, done.text);
    for (const line of lines) assert.match(line, / \| success \| /);

    const uuid = /uuid (\S+)$/.exec(lines[0] ?? '')?.[1] ?? '';
    const details = await s.call('task_details', { project_uuid: world.project.uuid, task_uuid: uuid });
    assert.match(details.text, new RegExp(`status: success; type: \\w+; dock: ${world.dock}`));
  });

  it('explains HMS alerts it knows: what the alert means and what to do', async () => {
    const r = await s.call('hms_alerts', { project_uuid: world.project.uuid });
    assert.equal(r.isError, false, r.text);
    assert.match(r.text, /^\d+ active HMS alerts? on \d+ devices?:/);
    assert.match(r.text, /\| 0x[0-9A-Fa-f]+ \| .* \| means: .+ \| to do: .+/);
  });

  it('returns a bad input as an error result naming the field', async () => {
    const r = await s.call('list_tasks', { project_uuid: world.project.uuid, dock_sn: 7, extra: true });
    assert.equal(r.isError, true);
    assert.match(r.text, /^Invalid input:/);
    assert.match(r.text, /dock_sn/);
    assert.match(r.text, /extra/);
  });

  it("returns FlightHub's error with its code and our explanation", async () => {
    const r = await s.call('list_devices', { project_uuid: '00000000-0000-0000-0000-000000000000' });
    assert.equal(r.isError, true);
    assert.match(r.text, /^Failed: .+\[code 200\d{3}/);
  });

  it('refuses actions, and confirm_action, without looking anything up', async () => {
    const r = await s.call('pause_task', { project_uuid: world.project.uuid, task_uuid: 'whatever' });
    assert.equal(r.isError, true);
    assert.match(r.text, /^Refused: pause_task changes flight state and this server is read-only/);
    const c = await s.call('confirm_action', { token: 'confirm-anything' });
    assert.equal(c.isError, true);
    assert.match(c.text, /read-only/);
  });
});

void describe('flighthub-mcp --allow-actions', () => {
  let s: Session;
  before(async () => {
    s = await open('--allow-actions', '--allowed-devices', `${world.dock}, SOME-OTHER-SN`);
  });

  const tasksNamed = async (name: string) => {
    const r = await s.call('list_tasks', {
      project_uuid: world.project.uuid,
      dock_sn: world.dock,
      limit: 50,
    });
    return r.text.split('\n').filter((l) => l.startsWith(`- ${name} |`));
  };

  it('plans, then creates the task only when confirmed with the token, once', async () => {
    const name = 'MCP test flight';
    const input = { project_uuid: world.project.uuid, dock_sn: world.dock, route_id: world.route.id, name };
    const plan = await s.call('create_task', input);
    assert.equal(plan.isError, false, plan.text);
    assert.match(plan.text, /^PLAN \(nothing sent yet\):/);
    assert.ok(plan.text.includes(`Create the immediate flight task "${name}"`), plan.text);
    assert.ok(plan.text.includes(world.dock) && plan.text.includes(world.aircraft), plan.text);
    assert.ok(plan.text.includes(`"${world.project.name}"`), plan.text);
    assert.ok(plan.text.includes(`"${world.route.name}"`), plan.text);
    const token = /token: (confirm-\S+)/.exec(plan.text)?.[1];
    assert.ok(token, plan.text);
    assert.deepEqual(await tasksNamed(name), [], 'nothing is sent by planning');

    const sent = await s.call('confirm_action', { token });
    assert.equal(sent.isError, false, sent.text);
    assert.match(
      sent.text,
      new RegExp(`^Created flight task "${name}" \\(uuid \\S+\\) on dock ${world.dock}`),
    );
    const created = await tasksNamed(name);
    assert.equal(created.length, 1, created.join('\n'));
    assert.match(created[0] ?? '', / \| immediate \| /);

    const again = await s.call('confirm_action', { token });
    assert.equal(again.isError, true);
    assert.match(again.text, /^Refused: this token is unknown, already used or expired/);
    assert.equal((await tasksNamed(name)).length, 1, 'a used token sends nothing');
  });

  it('refuses a device outside --allowed-devices, with no token', async () => {
    const r = await s.call('create_task', {
      project_uuid: world.project.uuid,
      dock_sn: world.otherDock,
      route_id: world.route.id,
      name: 'fenced',
    });
    assert.equal(r.isError, true);
    assert.match(r.text, new RegExp(`^Refused: ${world.otherDock} and \\S+ are not in --allowed-devices`));
    assert.doesNotMatch(r.text, /confirm-/);
  });

  it('refuses a token it never issued', async () => {
    const r = await s.call('confirm_action', { token: 'confirm-made-up' });
    assert.equal(r.isError, true);
    assert.match(r.text, /unknown, already used or expired/);
  });
});

void describe('flighthub-mcp route files', () => {
  let s: Session;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-routes-'));
    await writeFile(join(dir, 'good.kmz'), shortRouteKmz('MCP good route'));
    // A longitude out of range in every entry: an error the validator reports with its line.
    const entries = readZip(shortRouteKmz('MCP bad route')).map((e) => ({
      name: e.name,
      data: Buffer.from(e.data().toString('utf8').replaceAll('113.9431', '213.9431')),
    }));
    const bad = writeZip(entries);
    await writeFile(join(dir, 'bad.kmz'), bad);
    s = await openIn(dir, '--allow-actions', '--allowed-devices', world.dock);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('checks a route file: findings with file, line and rule; paths outside the folder refused', async () => {
    const good = await s.call('check_route_file', { path: 'good.kmz' });
    assert.equal(good.isError, false, good.text);
    assert.match(good.text, /^good\.kmz: (no findings|0 errors)/);
    const bad = await s.call('check_route_file', { path: 'bad.kmz' });
    assert.equal(bad.isError, false, bad.text);
    assert.match(bad.text, /^bad\.kmz: [1-9]\d* errors?, .*an upload would be refused/);
    assert.match(bad.text, /^- bad\.kmz!\/wpmz\/\S+:\d+:\d+ error wpml\.\S+: /m);
    const outside = await s.call('check_route_file', { path: '../etc/passwd' });
    assert.equal(outside.isError, true);
    assert.match(outside.text, /outside the workspace folder/);
    const missing = await s.call('check_route_file', { path: 'nope.kmz' });
    assert.match(missing.text, /^No such file or folder: nope\.kmz/);
  });

  it('uploads a route only after confirm_action; a route with errors is refused before planning', async () => {
    const refused = await s.call('upload_route', { project_uuid: world.project.uuid, path: 'bad.kmz' });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /bad\.kmz has \d+ errors?; it cannot be uploaded/);
    assert.doesNotMatch(refused.text, /confirm-/);

    const name = `MCP upload ${Date.now()}`;
    const plan = await s.call('upload_route', { project_uuid: world.project.uuid, path: 'good.kmz', name });
    assert.equal(plan.isError, false, plan.text);
    assert.ok(plan.text.includes(`Upload good.kmz as the new route "${name}"`), plan.text);
    const routes = async () =>
      (await s.call('list_routes', { project_uuid: world.project.uuid, limit: 100 })).text;
    assert.ok(!(await routes()).includes(name), 'nothing is uploaded by planning');
    const token = /token: (confirm-\S+)/.exec(plan.text)?.[1];
    assert.ok(token, plan.text);
    const sent = await s.call('confirm_action', { token });
    assert.equal(sent.isError, false, sent.text);
    assert.match(sent.text, new RegExp(`^Uploaded route "${name}" \\(id \\S+\\)`));
    assert.ok((await routes()).includes(name), 'the route is in the project');
  });
});

void describe('flighthub-mcp arguments', () => {
  it('will not allow actions without --allowed-devices', () => {
    const r = spawnSync(process.execPath, [MCP, '--simulator', '--allow-actions'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--allow-actions needs --allowed-devices/);
  });

  it('needs a key for a real server', () => {
    const env = { ...process.env, FLIGHTHUB_ORG_KEY: '' };
    const r = spawnSync(process.execPath, [MCP, '--base-url', 'http://127.0.0.1:9'], {
      encoding: 'utf8',
      env,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /set FLIGHTHUB_ORG_KEY/);
  });
});

void describe('flighthub-mcp output', () => {
  it('never contains the organization key', () => {
    assert.ok(written.length > 10, 'the tests above captured the servers output');
    assert.ok(world.orgKey.length >= 16);
    // The message names where, never the text: the text would carry the key into the test output.
    const leaks = written.flatMap((text, i) => (text.includes(world.orgKey) ? [i] : []));
    assert.deepEqual(leaks, [], `the key appears in output chunks ${leaks.join(', ')}`);
  });
});
