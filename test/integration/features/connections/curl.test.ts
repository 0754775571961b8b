import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectSimulator, eventually, extensionApi } from '../../api';

describe('Copy a Recent Request as curl', () => {
  it('offers the recent requests in a quick pick, newest first, and copies the one picked', async () => {
    const api = await extensionApi();
    const sim = await connectSimulator(api);
    const client = await api.services.session.client();
    await client.systemStatus();
    const newest = api.services.log.recentRequests()[0];
    assert.ok(newest);

    let result: string | undefined;
    let settled = false;
    void Promise.resolve(vscode.commands.executeCommand<string>('flighthub.copyLastRequestAsCurl')).then(
      (curl) => {
        result = curl;
        settled = true;
      },
    );
    // The pick opens asynchronously: accept its first (newest) row once it is there.
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    });
    assert.ok(result, 'the command returned no curl');
    // Background polls may have added newer rows meanwhile; the first row is never an older one.
    const rows = api.services.log.recentRequests();
    const picked = rows.findIndex((r) => r.curl === result);
    assert.ok(picked >= 0, `not a recent request: ${result}`);
    assert.ok(picked <= rows.findIndex((r) => r.requestId === newest.requestId), 'an older row was first');
    assert.ok(result.includes(sim.url), result);
    assert.ok(!result.includes(sim.orgKey));
    assert.equal(await vscode.env.clipboard.readText(), result);
  });
});
