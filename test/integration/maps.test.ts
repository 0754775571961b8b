// The map panels in a real VS Code: Preview Route (a .kmz, a route folder, a project route) and Open
// Flight Trajectory open from arguments alone, their pages finish the ready handshake, a route on disk
// is read again when it changes, and the trajectory exports a valid GeoJSON file.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { readZip } from '../../src/routes/zip/zip';
import type { Simulator } from '../../src/simulator/simulator';
import { generateRouteKmz } from '../../src/simulator/routegen';
import { connectSimulator, eventually, extensionApi, PAGE_LOAD_MS } from './api';

interface RouteResult {
  readonly name: string;
  readonly waypoints: number;
  readonly findings: { errors: number; warnings: number };
}

function kmz(count: number): Buffer {
  return generateRouteKmz({
    name: 'IT map route',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: Array.from({ length: count }, (_, i) => ({
      longitude: 113.943 + i * 0.0007,
      latitude: 22.577 + (i % 2) * 0.0004,
      height: 80 + i,
    })),
    takePhotoEvery: 2,
  });
}

describe('map panels', () => {
  let api: TestApi;
  let sim: Simulator;

  const readyPanels = (viewType: string) =>
    api.panels.open().filter((h) => h.viewType === viewType && h.ready);

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
  });

  after(() => {
    for (const host of api.panels.open()) if (host.viewType !== 'flighthub.gallery') host.panel.dispose();
  });

  it('previews a .kmz and reads it again when the file changes on disk', async () => {
    const folder =
      vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? (await mkdtemp(path.join(tmpdir(), 'fh-map-')));
    const file = path.join(folder, 'it-map-route.kmz');
    await writeFile(file, kmz(3));
    const preview = () =>
      vscode.commands.executeCommand<RouteResult | undefined>('flighthub.previewRoute', { path: file });
    const first = await preview();
    assert.ok(first, String(api.lastCommandError()));
    assert.equal(first.waypoints, 3);
    assert.equal(first.findings.errors, 0);
    await eventually(() => readyPanels('flighthub.routePreview').length === 1, PAGE_LOAD_MS);
    await writeFile(file, kmz(6));
    // Opening the same route again reveals its panel and returns what the panel shows now.
    await eventually(async () => (await preview())?.waypoints === 6, 20_000);
    assert.equal(readyPanels('flighthub.routePreview').length, 1, 'one panel per route');
  });

  it('previews an unzipped route folder given as a URI (explorer)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fh-route-folder-'));
    await mkdir(path.join(dir, 'wpmz'));
    for (const entry of readZip(kmz(4))) await writeFile(path.join(dir, entry.name), entry.data());
    const result = await vscode.commands.executeCommand<RouteResult | undefined>(
      'flighthub.previewRoute',
      vscode.Uri.file(path.join(dir, 'wpmz', 'waylines.wpml')),
    );
    assert.ok(result, String(api.lastCommandError()));
    assert.equal(result.waypoints, 4);
    await eventually(() => readyPanels('flighthub.routePreview').length === 2, PAGE_LOAD_MS);
  });

  it('previews a route of the project, downloaded like Download Route', async () => {
    const project = api.services.session.project?.uuid;
    const route = sim.world.describe().routes.find((r) => r.projectUuid === project);
    assert.ok(route);
    const result = await vscode.commands.executeCommand<RouteResult | undefined>('flighthub.previewRoute', {
      id: route.uuid,
      name: route.name,
    });
    assert.ok(result, String(api.lastCommandError()));
    assert.ok(result.waypoints >= 2);
    await eventually(() => readyPanels('flighthub.routePreview').length === 3, PAGE_LOAD_MS);
  });

  it('opens the trajectory of a flown task and exports GeoJSON', async () => {
    const task = sim.world.describe().tasks.bigMedia;
    assert.ok(task);
    assert.equal(task.projectUuid, api.services.session.project?.uuid);
    const target = path.join(await mkdtemp(path.join(tmpdir(), 'fh-geojson-')), 'flight.geojson');
    const result = await vscode.commands.executeCommand<
      { points: number; media: number; exported?: string } | undefined
    >('flighthub.openTaskTrajectory', { uuid: task.uuid, exportTo: target });
    assert.ok(result, String(api.lastCommandError()));
    assert.ok(result.points > 10, `points: ${result.points}`);
    assert.equal(result.exported, target);
    await eventually(
      () => readyPanels('flighthub.trajectory').filter((p) => p.key.includes(task.uuid)).length === 1,
      PAGE_LOAD_MS,
    );
    const fc = JSON.parse(await readFile(target, 'utf8')) as {
      type: string;
      features: {
        geometry: { type: string; coordinates: number[][] };
        properties: { kind: string; times?: number[] };
      }[];
    };
    assert.equal(fc.type, 'FeatureCollection');
    const track = fc.features.find((f) => f.properties.kind === 'track');
    assert.ok(track);
    assert.equal(track.geometry.type, 'LineString');
    assert.equal(track.geometry.coordinates.length, result.points);
    assert.equal(track.properties.times?.length, result.points);
    for (const [lon, lat] of track.geometry.coordinates) {
      assert.ok(lon !== undefined && lat !== undefined && Math.abs(lon) <= 180 && Math.abs(lat) <= 90);
    }
    assert.ok(
      fc.features.some((f) => f.properties.kind === 'planned_route'),
      'the planned route is exported',
    );
    assert.equal(fc.features.filter((f) => f.properties.kind === 'media').length, result.media);
  });

  it('restores both panels from the state their pages saved (serializer path)', async () => {
    const task = sim.world.describe().tasks.bigMedia;
    assert.ok(task);
    const folder =
      vscode.workspace.workspaceFolders?.[0]?.uri ??
      vscode.Uri.file(await mkdtemp(path.join(tmpdir(), 'fh-map-')));
    const file = vscode.Uri.joinPath(folder, 'it-restored.kmz');
    await vscode.workspace.fs.writeFile(file, kmz(5));
    const panel = (viewType: string) =>
      vscode.window.createWebviewPanel(viewType, 'restored', vscode.ViewColumn.Active, {
        enableScripts: true,
      });
    const route = await api.panels.revive('flighthub.routePreview', panel('flighthub.routePreview'), {
      source: { kind: 'file', uri: file.toString(), label: 'it-restored.kmz' },
      selected: 2,
    });
    // Before the next panel hides it: VS Code 1.100 does not load a hidden webview's page (1.139 does).
    await eventually(() => route?.ready, PAGE_LOAD_MS);
    const trajectory = await api.panels.revive('flighthub.trajectory', panel('flighthub.trajectory'), {
      task: { uuid: task.uuid, name: task.name },
      binding: api.services.session.binding(),
      time: 0,
    });
    assert.ok(route && trajectory);
    await eventually(() => route.ready && trajectory.ready, PAGE_LOAD_MS);
    // A state the page never saved closes the panel instead of leaving it empty.
    const broken = panel('flighthub.routePreview');
    let closed = false;
    broken.onDidDispose(() => (closed = true));
    await api.panels.revive('flighthub.routePreview', broken, { source: { kind: 'nowhere' } });
    assert.ok(closed);
    route.panel.dispose();
    trajectory.panel.dispose();
  });
});
