// The agent tools as Language Model Tools in a real VS Code on the simulator (issue 14): VS Code lists
// them and runs reads through `vscode.lm.invokeTool`; an action shows its plan as VS Code's confirmation,
// and — because a person may switch VS Code's confirmations off — still passes our SafetyGate inside
// `invoke`: declined sends nothing, confirmed changes the simulator, a fenced device is refused, and
// the audit log says an agent asked.
import * as assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import * as vscode from 'vscode';
import type { Definition } from '../../../../src/features/agent/mcpProvider';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import {
  connectOwnSimulator,
  connectSimulator,
  extensionApi,
  mainDockWithRoute,
  readAudit,
  setAllowedDevices,
} from '../../api';

const never = new vscode.CancellationTokenSource().token;

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content
    .map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : ''))
    .join('');
}

describe('agent tools in VS Code (Language Model Tools)', function () {
  this.timeout(90_000);
  let api: TestApi;
  let sim: Simulator;
  let dockSn: string;
  let routeUuid: string;
  let project: { uuid: string; name: string };
  let prompts: { message: string; detail: string }[];
  let answer: boolean;

  const tool = (name: string) => {
    const t = api.lmTools.get(name);
    assert.ok(t, `${name} is registered`);
    return t;
  };
  /** What the tool does when VS Code's own confirmation is off (auto-approve): invoke right away. */
  const invokeApproved = async (name: string, input: object) =>
    textOf((await tool(name).invoke({ input, toolInvocationToken: undefined }, never)) ?? { content: [] });
  const audit = () => readAudit(api);
  const taskStatus = async (uuid: string) =>
    (await (await api.services.session.client()).project(project.uuid).tasks.info(uuid)).status;
  const setAllowed = setAllowedDevices;

  // A simulator of their own: the flights these tests start must not keep the shared one's main dock busy.
  let own: Awaited<ReturnType<typeof connectOwnSimulator>> | undefined;
  before(async () => {
    api = await extensionApi();
    await connectSimulator(api);
    own = await connectOwnSimulator(api, 'LM tools org', { seed: 'lm-tools' });
    sim = own.sim;
    const world = sim.world.describe();
    const first = world.projects[0];
    assert.ok(first);
    await api.services.session.setActiveProject({ uuid: first.uuid, name: first.name });
    project = { uuid: first.uuid, name: first.name };
    ({ dockSn, routeUuid } = mainDockWithRoute(api, sim));
  });

  after(async () => {
    await own?.close();
  });

  beforeEach(() => {
    prompts = [];
    answer = true;
    api.setSafetyPrompt((message, detail) => {
      prompts.push({ message, detail });
      return Promise.resolve(answer);
    });
  });

  afterEach(async () => {
    api.setSafetyPrompt(undefined);
    await setAllowed(undefined);
  });

  it('VS Code lists every FlightHub tool the manifest declares', () => {
    const declared = (
      vscode.extensions.all.find((e) => e.id.endsWith('flighthub2-workbench'))?.packageJSON as {
        contributes: { languageModelTools: { name: string }[] };
      }
    ).contributes.languageModelTools.map((t) => t.name);
    const listed = vscode.lm.tools.map((t) => t.name).filter((n) => n.startsWith('flighthub_'));
    assert.ok(declared.length >= 18, declared.join(', '));
    assert.deepEqual([...listed].sort(), [...declared].sort());
    assert.deepEqual([...api.lmTools.keys()].sort(), [...declared].sort());
  });

  it('runs reads through vscode.lm.invokeTool with short text answers', async () => {
    const devices = await vscode.lm.invokeTool(
      'flighthub_list_devices',
      { input: { project_uuid: project.uuid }, toolInvocationToken: undefined },
      never,
    );
    const text = textOf(devices);
    assert.match(text, /^\d+ docks? in this project:/);
    assert.ok(text.includes(dockSn), text);
    assert.match(text, /online, \d+ HMS alerts?/);

    const bad = textOf(
      await vscode.lm.invokeTool(
        'flighthub_list_tasks',
        { input: { project_uuid: project.uuid }, toolInvocationToken: undefined },
        never,
      ),
    );
    assert.match(bad, /^Invalid input:[\s\S]*dock_sn/);
    assert.ok(!text.includes(sim.orgKey) && !bad.includes(sim.orgKey), 'no organization key in results');
  });

  it('an action shows its plan as the confirmation: action, device, project and connection', async () => {
    const prepared = await tool('flighthub_create_task').prepareInvocation?.(
      {
        input: { project_uuid: project.uuid, dock_sn: dockSn, route_id: routeUuid, name: 'LM planned' },
      },
      never,
    );
    assert.ok(prepared?.confirmationMessages, 'an action asks');
    const message = prepared.confirmationMessages.message;
    const body = typeof message === 'string' ? message : message.value;
    assert.match(prepared.confirmationMessages.title, /Create and start flight task/);
    assert.ok(body.includes('Create the immediate flight task "LM planned"'), body);
    assert.ok(body.includes(dockSn) && body.includes(project.name), body);
    assert.ok(body.includes('Connection: LM tools org'), body);

    const read = await tool('flighthub_list_projects').prepareInvocation?.({ input: {} }, never);
    assert.equal(read?.confirmationMessages, undefined, 'reads do not ask');
  });

  it('with approvals off, the SafetyGate still asks: declined sends nothing, confirmed creates, pauses and resumes', async () => {
    const input = { project_uuid: project.uuid, dock_sn: dockSn, route_id: routeUuid, name: 'LM flight' };
    const before = (await audit()).length;
    answer = false;
    const declined = await invokeApproved('flighthub_create_task', input);
    assert.match(declined, /declined .*nothing was sent/);
    assert.equal(prompts.length, 1);
    assert.match(prompts[0]?.message ?? '', /An AI agent asks to send "Create and start flight task"/);
    assert.ok(prompts[0]?.detail.includes(dockSn), prompts[0]?.detail);

    answer = true;
    const created = await invokeApproved('flighthub_create_task', input);
    const uuid = /\(uuid (\S+)\)/.exec(created)?.[1];
    assert.ok(uuid, created);
    sim.clock.advance(60_000);
    assert.equal(await taskStatus(uuid), 'executing');

    const paused = await invokeApproved('flighthub_pause_task', {
      project_uuid: project.uuid,
      task_uuid: uuid,
    });
    assert.match(paused, /"Pause" accepted/);
    assert.equal(await taskStatus(uuid), 'paused');

    await setAllowed(['SOME-TEST-DEVICE']);
    const fenced = await invokeApproved('flighthub_resume_task', {
      project_uuid: project.uuid,
      task_uuid: uuid,
    });
    assert.match(fenced, /^Refused by the safety fence: .*flighthub\.safety\.allowedDevices/);
    assert.equal(await taskStatus(uuid), 'paused', 'a fenced device gets nothing');

    await setAllowed([dockSn]);
    const resumed = await invokeApproved('flighthub_resume_task', {
      project_uuid: project.uuid,
      task_uuid: uuid,
    });
    assert.match(resumed, /"Resume" accepted/);
    assert.equal(await taskStatus(uuid), 'executing');

    const entries = (await audit()).slice(before);
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome, e.requestedBy]),
      [
        ['task.create.immediate', 'declined', 'agent'],
        ['task.create.immediate', 'succeeded', 'agent'],
        ['task.pause', 'succeeded', 'agent'],
        ['task.resume', 'blocked', 'agent'],
        ['task.resume', 'succeeded', 'agent'],
      ],
    );
  });

  it('creates a timed task, then suspends and restores it, each asked in the SafetyGate', async () => {
    const startAt = new Date(sim.clock.now() + 2 * 86_400_000).toISOString();
    const input = {
      project_uuid: project.uuid,
      dock_sn: dockSn,
      route_id: routeUuid,
      name: 'LM timed',
      start_at: startAt,
    };
    const created = await invokeApproved('flighthub_create_task', input);
    assert.match(created, /^Created flight task "LM timed"/);
    const uuid = /\(uuid (\S+)\)/.exec(created)?.[1] ?? '';
    assert.equal(await taskStatus(uuid), 'waiting');
    const ids = { project_uuid: project.uuid, task_uuid: uuid };
    assert.match(
      await invokeApproved('flighthub_restore_task', ids),
      /is waiting; restore_task needs a suspended task/,
    );
    assert.match(await invokeApproved('flighthub_suspend_task', ids), /"Suspend" accepted/);
    assert.equal(await taskStatus(uuid), 'suspended');
    assert.match(await invokeApproved('flighthub_restore_task', ids), /"Restore" accepted/);
    assert.equal(await taskStatus(uuid), 'waiting');
    assert.deepEqual(
      prompts.map((p) => /send "([^"]+)"/.exec(p.message)?.[1]),
      ['Create timed flight task', 'Suspend task', 'Restore task'],
    );
  });

  it('returns FlightHub errors with the code and our explanation', async () => {
    const text = await invokeApproved('flighthub_task_details', {
      project_uuid: project.uuid,
      task_uuid: '00000000-0000-0000-0000-000000000000',
    });
    assert.match(text, /^Failed: .*\[code \d{6}/);
  });
});

describe('agent tools in VS Code (MCP server definition provider)', function () {
  this.timeout(90_000);

  it('offers flighthub-mcp for the active connection on VS Code 1.101+, the key only at start', async () => {
    const api = await extensionApi();
    await connectSimulator(api);
    const [major = 0, minor = 0] = vscode.version.split('.').map(Number);
    const provider = api.mcpProvider;
    if (!(major > 1 || (major === 1 && minor >= 101))) {
      assert.equal(provider, undefined, `VS Code ${vscode.version} has no stable MCP provider API`);
      return;
    }
    assert.ok(provider, `VS Code ${vscode.version} registers the provider`);
    const { orgKey } = await api.services.simulator.ensure();
    const [listed, ...rest] = await provider.provideMcpServerDefinitions();
    assert.ok(listed && rest.length === 0, 'one server: the active connection');
    assert.ok(!JSON.stringify(listed).includes(orgKey), 'the listed definition carries no key');
    const resolved = (await provider.resolveMcpServerDefinition(listed as Definition)) as
      { command: string; args: string[]; env: Record<string, string> } | undefined;
    assert.ok(resolved);
    assert.equal(resolved.env.FLIGHTHUB_ORG_KEY, orgKey);

    // Started as VS Code would start it: the editor's runtime, dist/mcp.js, the key in the environment.
    const transport = new StdioClientTransport({
      command: resolved.command,
      args: resolved.args,
      env: { ...resolved.env, PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'lm-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === 'list_projects'));
      const result = await client.callTool({ name: 'list_projects', arguments: {} });
      const text = (result.content as { text: string }[]).map((c) => c.text).join('');
      assert.ok(text.includes(api.services.session.project?.name ?? '?'), text);
      const pause = await client.callTool({
        name: 'pause_task',
        arguments: { project_uuid: 'x', task_uuid: 'y' },
      });
      assert.match((pause.content as { text: string }[])[0]?.text ?? '', /read-only/);
    } finally {
      await client.close();
    }
  });
});
