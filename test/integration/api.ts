// Shared plumbing for the suites that run inside the extension host.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { AuditEntry } from '../../src/services/audit';
import type { Simulator, SimulatorOptions } from '../../src/simulator/simulator';
import type { TreeNode } from '../../src/ui/tree/nodes';

export const EXTENSION_ID = 'flighthub-workbench.flighthub2-workbench';

export async function extensionApi(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.ok(api, 'the extension exports its test API in extension mode Test');
  return api;
}

export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return ext.extensionPath;
}

/** A second, independent simulator from the same bundle the extension uses. */
export function startOtherSimulator(options: SimulatorOptions): Promise<Simulator> {
  // A runtime require of the bundle itself (not tsc's copy), exactly as the extension loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(extensionPath(), 'dist', 'simulatorLib.js')) as {
    startSimulator(o: SimulatorOptions): Promise<Simulator>;
  };
  return mod.startSimulator(options);
}

/** Connects to the built-in simulator (idempotent) and returns it. */
export async function connectSimulator(api: TestApi): Promise<Simulator> {
  const id = await vscode.commands.executeCommand<string>('flighthub.trySimulator');
  assert.ok(id, `trySimulator failed: ${String(api.lastCommandError())}`);
  return api.services.simulator.ensure();
}

export async function children(
  provider: vscode.TreeDataProvider<TreeNode>,
  node?: TreeNode,
): Promise<TreeNode[]> {
  return (await provider.getChildren(node)) ?? [];
}

export function labelOf(provider: vscode.TreeDataProvider<TreeNode>, node: TreeNode): string {
  const item = provider.getTreeItem(node) as vscode.TreeItem;
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/**
 * How long a webview page may take to say `ready`. Usually a second; on VS Code 1.100 in code-server
 * (the oldest we test on) a resource request of a webview's service worker is now and then never
 * answered and waits for its 30 s `resolveTimeout` (lib/vscode/out/vs/workbench/contrib/webview/browser/
 * pre/service-worker.js in code-server 4.100.3) before the page goes on loading.
 */
export const PAGE_LOAD_MS = 45_000;

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The active project's main dock, its aircraft and a patrol route made for that aircraft. */
export function mainDockWithRoute(
  api: TestApi,
  sim: Simulator,
): { dockSn: string; aircraftSn: string; routeUuid: string } {
  const world = sim.world.describe();
  const project = api.services.session.project?.uuid;
  const dock = world.docks.find((d) => d.role === 'main' && d.projectUuid === project);
  assert.ok(dock, 'the active project has a main dock');
  const route = world.routes.find(
    (r) => r.projectUuid === project && r.purpose === 'patrol' && r.deviceModelKey === dock.aircraftModelKey,
  );
  assert.ok(route, 'the active project has a patrol route for its main aircraft');
  return { dockSn: dock.sn, aircraftSn: dock.aircraftSn, routeUuid: route.uuid };
}

/** The fields every task-creation argument of the integration tests shares (dock, route, RTH settings). */
export function taskBody(dockSn: string, routeUuid: string) {
  return {
    sn: dockSn,
    wayline_uuid: routeUuid,
    time_zone: 'Asia/Shanghai',
    rth_altitude: 100,
    rth_mode: 'preset',
    out_of_control_action_in_flight: 'return_home',
    resumable_status: 'auto',
  };
}

/**
 * A simulator of a suite's own, added as a connection and made active (for tests whose flights or
 * clock must not touch the shared built-in simulator). `close()` removes the connection, stops the
 * simulator and connects the built-in one again, which the other suites expect.
 */
export async function connectOwnSimulator(
  api: TestApi,
  name: string,
  options: SimulatorOptions,
): Promise<{ sim: Simulator; connectionId: string; close(): Promise<void> }> {
  const sim = await startOtherSimulator(options);
  const connectionId = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
    name,
    url: sim.url,
    orgKey: sim.orgKey,
  });
  assert.ok(connectionId, String(api.lastCommandError()));
  return {
    sim,
    connectionId,
    async close() {
      if (api.services.store.get(connectionId))
        await vscode.commands.executeCommand('flighthub.removeConnection', {
          id: connectionId,
          confirm: true,
        });
      await sim.stop();
      await connectSimulator(api);
    },
  };
}

/** The flight-command audit log, oldest first. */
export async function readAudit(api: TestApi): Promise<AuditEntry[]> {
  return (await readFile(api.services.audit.file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

/** Sets `flighthub.safety.allowedDevices` (undefined clears it). */
export function setAllowedDevices(sns: string[] | undefined): Thenable<void> {
  return vscode.workspace
    .getConfiguration('flighthub.safety')
    .update('allowedDevices', sns, vscode.ConfigurationTarget.Global);
}

/** Runs a command; resolves with its result, the audit entries it added and the error it failed with. */
export async function runAudited(api: TestApi, command: string, arg: unknown) {
  const before = (await readAudit(api)).length;
  const failures = api.commandFailures.length;
  const result = await vscode.commands.executeCommand<unknown>(command, arg);
  const failure = api.commandFailures.slice(failures).find((f) => f.command === command);
  return { result, entries: (await readAudit(api)).slice(before), error: failure?.error };
}
