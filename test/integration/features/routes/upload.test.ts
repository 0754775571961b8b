import * as assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SHORT_ROUTE, shortRouteKmz } from '../../../helpers/routes';
import { children, connectSimulator, extensionApi } from '../../api';

describe('route upload from VS Code', () => {
  it('uploads a KMZ through the command and shows the new route in Flight Routes', async () => {
    const api = await extensionApi();
    await connectSimulator(api);
    const dir = await mkdtemp(path.join(tmpdir(), 'fh-upload-'));
    const file = path.join(dir, 'harbor-loop.kmz');
    const kmz = shortRouteKmz('Harbor loop');
    await writeFile(file, kmz);
    const result = await vscode.commands.executeCommand<{ uuid: string } | undefined>(
      'flighthub.uploadRoute',
      {
        path: file,
        name: 'IT harbor loop',
        acceptWarnings: true,
        allowNameClash: true,
      },
    );
    assert.ok(result?.uuid, String(api.lastCommandError()));
    const ids = (await children(api.views.routes)).map((n) => n.id);
    assert.ok(ids.includes(`route:${result.uuid}`), ids.join(', '));
  });

  it('refuses a broken route before anything is sent', async () => {
    const api = await extensionApi();
    const sim = await connectSimulator(api);
    const dir = await mkdtemp(path.join(tmpdir(), 'fh-upload-'));
    const file = path.join(dir, 'broken.kmz');
    await writeFile(file, Buffer.from('not a zip at all'));
    const before = sim.world.inspect().routesRegistered;
    const result = await vscode.commands.executeCommand('flighthub.uploadRoute', {
      path: file,
      name: 'Broken',
      acceptWarnings: true,
    });
    assert.equal(result, undefined);
    assert.match(String(api.lastCommandError()), /errors; nothing was uploaded/);
    assert.equal(sim.world.inspect().routesRegistered, before);
  });

  it('downloads a route named like a Windows device, and shows its details, under names Windows accepts', async () => {
    const api = await extensionApi();
    await connectSimulator(api);
    const dir = await mkdtemp(path.join(tmpdir(), 'fh-download-'));
    const source = path.join(dir, 'source.kmz');
    await writeFile(source, shortRouteKmz('CON.backup'));
    const uploaded = await vscode.commands.executeCommand<{ uuid: string } | undefined>(
      'flighthub.uploadRoute',
      { path: source, name: 'CON.backup', acceptWarnings: true, allowNameClash: true },
    );
    assert.ok(uploaded?.uuid, String(api.lastCommandError()));
    const written = await vscode.commands.executeCommand<string | undefined>('flighthub.downloadRoute', {
      id: uploaded.uuid,
      folder: dir,
      overwrite: true,
    });
    assert.ok(written, String(api.lastCommandError()));
    assert.equal(path.basename(written), '_CON.backup.kmz');
    // The read-only JSON details document: Save As offers its name.
    await vscode.commands.executeCommand('flighthub.showRouteDetailsJson', { id: uploaded.uuid });
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, '/_CON.backup route.json');
  });

  it('refuses a one-waypoint route, which FlightHub would not fly (219019), even with warnings accepted', async () => {
    const api = await extensionApi();
    const sim = await connectSimulator(api);
    const dir = await mkdtemp(path.join(tmpdir(), 'fh-upload-'));
    const file = path.join(dir, 'single.kmz');
    await writeFile(file, shortRouteKmz('Single', { waypoints: SHORT_ROUTE.slice(0, 1) }));
    const before = sim.world.inspect().routesRegistered;
    const result = await vscode.commands.executeCommand('flighthub.uploadRoute', {
      path: file,
      name: 'IT single waypoint',
      acceptWarnings: true,
      allowNameClash: true,
    });
    assert.equal(result, undefined);
    assert.match(String(api.lastCommandError()), /errors; nothing was uploaded.*too_few_waypoints/);
    assert.equal(sim.world.inspect().routesRegistered, before);
  });
});
