import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, extensionPath } from './api';

describe('activation and the command table', () => {
  it('activates and exposes its services in test mode', async () => {
    const api = await extensionApi();
    assert.ok(api.services.session);
    assert.ok(api.views.projects);
  });

  it('registers every contributed command, and contributes every registered one', async () => {
    await extensionApi();
    const manifest = JSON.parse(readFileSync(path.join(extensionPath(), 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }> };
    };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code adds `<viewId>.focus`, `.open`… for each contributed view: those are not ours.
    const views = /^flighthub\.(projects|devices|tasks|routes)\./;
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('flighthub.') && !views.test(c))
      .sort();
    assert.deepEqual(registered, contributed);
    assert.ok(contributed.length >= 30);
  });
});
