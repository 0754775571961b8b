import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { extensionApi, startOtherSimulator } from '../api';

describe('the organization key', () => {
  it('lives in SecretStorage only: not in settings, state, logs or the curl copy', async () => {
    const api = await extensionApi();
    const sim = await startOtherSimulator({ seed: 'secret-check' });
    try {
      const id = await vscode.commands.executeCommand<string>('flighthub.addConnection', {
        name: 'Secret check',
        url: sim.url,
        orgKey: sim.orgKey,
      });
      assert.ok(id, String(api.lastCommandError()));
      assert.equal(await api.services.store.orgKey(id), sim.orgKey);
      const client = await api.services.session.client();
      await client.listProjects();
      await client.systemStatus();
      // Not the last request: the list offers the earlier ones too (the last is often a poll).
      const listed = api.services.log
        .recentRequests()
        .find((r) => r.path === '/openapi/v0.1/project' && r.curl.includes(sim.url));
      assert.ok(listed, 'the project list request is among the recent requests');
      const curl = await vscode.commands.executeCommand<string>('flighthub.copyLastRequestAsCurl', {
        requestId: listed.requestId,
      });
      assert.ok(curl?.includes('$FLIGHTHUB_ORG_KEY'));
      assert.ok(curl.includes(`${sim.url}/openapi/v0.1/project`), curl);
      const places = {
        curl: curl ?? '',
        clipboard: await vscode.env.clipboard.readText(),
        state: JSON.stringify(
          api.services.context.globalState.keys().map((k) => api.services.context.globalState.get(k)),
        ),
        settings: JSON.stringify(vscode.workspace.getConfiguration('flighthub')),
        log: api.services.log.recent.join('\n'),
      };
      assert.ok(places.log.includes('GET /openapi/v0.1/project'), 'requests are logged at all');
      for (const [where, text] of Object.entries(places))
        assert.ok(!text.includes(sim.orgKey), `the key is in ${where}`);
      const settingsFile = vscode.Uri.joinPath(
        api.services.context.globalStorageUri,
        '..',
        '..',
        'settings.json',
      );
      // A setting written through the API shows that this is the file VS Code keeps user settings in;
      // a wrong path fails to read instead of passing as an empty file.
      const config = () => vscode.workspace.getConfiguration('flighthub');
      await config().update('requestTimeoutSeconds', 47, vscode.ConfigurationTarget.Global);
      try {
        const settingsText = await readFile(settingsFile.fsPath, 'utf8');
        assert.match(
          settingsText,
          /"flighthub\.requestTimeoutSeconds":\s*47\b/,
          `${settingsFile.fsPath} holds the user settings`,
        );
        assert.ok(!settingsText.includes(sim.orgKey), 'the key is in settings.json');
      } finally {
        await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      }
      await vscode.commands.executeCommand('flighthub.removeConnection', { id, confirm: true });
      assert.equal(await api.services.store.orgKey(id), undefined, 'removing a connection deletes its key');
    } finally {
      await sim.stop();
    }
  });
});
