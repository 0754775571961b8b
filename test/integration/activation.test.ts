import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mcpServerDefinitionApi } from '../../src/core/compat';
import { eventually, extensionApi, extensionPath } from './api';

describe('activation and the command table', () => {
  it('activates and exposes its services in test mode', async () => {
    const api = await extensionApi();
    assert.ok(api.services.session);
    assert.ok(api.views.projects);
  });

  it('registers every contributed command, and contributes every registered one', async () => {
    await extensionApi();
    const manifest = JSON.parse(readFileSync(path.join(extensionPath(), 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
    };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code adds `<viewId>.focus`, `.open`… for each contributed view: those are not ours.
    const viewIds = new Set(
      Object.values(manifest.contributes.views).flatMap((list) => list.map((v) => v.id)),
    );
    const isViewCommand = (c: string) => viewIds.has(c.slice(0, c.lastIndexOf('.')));
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('flighthub.') && !isViewCommand(c))
      .sort();
    assert.deepEqual(registered, contributed);
    assert.ok(contributed.length >= 30);
  });
});

// Runs first in the suite (files load sorted): the runner's workspace then holds no route yet, and the
// runner leaves the FlightHub views closed.
describe('activation where no route is in play', () => {
  it('scans the workspace for routes only once the Routes view is shown', async () => {
    const api = await extensionApi();
    assert.equal(
      api.routeDiagnostics.started,
      false,
      'a window without routes and with closed views started the route scan',
    );
    await vscode.commands.executeCommand('flighthub.routes.focus');
    await eventually(() => api.routeDiagnostics.started, 20_000);
    await api.routeDiagnostics.ready;
  });
});

describe('APIs newer than engines.vscode', () => {
  it('finds the MCP server definition provider exactly on VS Code 1.101 and later', () => {
    const [major = 0, minor = 0] = vscode.version.split('.').map(Number);
    const stable = major > 1 || (major === 1 && minor >= 101);
    const api = mcpServerDefinitionApi(vscode.lm, vscode.version);
    assert.equal(api !== undefined, stable, `VS Code ${vscode.version}`);
  });
});
