// Map annotations in a real VS Code against the simulator: the palette command creates a point, line or
// polygon from GeoJSON given as an argument (and refuses bad GeoJSON, sending nothing), and the map
// panels' annotate messages create one after the name is accepted in the input box.
import * as assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { CreatedAnnotation } from '../../../../src/features/annotations/create';
import type { Simulator } from '../../../../src/simulator/simulator';
import { connectSimulator, eventually, extensionApi, PAGE_LOAD_MS } from '../../api';

const polygon = [
  [113.943, 22.577, 0],
  [113.945, 22.577, 0],
  [113.945, 22.579, 0],
  [113.943, 22.577, 0],
];

describe('map annotations', () => {
  let api: TestApi;
  let sim: Simulator;

  const elements = () => sim.world.inspect().mapElements;
  const create = (arg: unknown) =>
    Promise.resolve(
      vscode.commands.executeCommand<CreatedAnnotation | undefined>('flighthub.createAnnotation', arg),
    );

  /** Sends a page message to the panel and accepts the name the input box offers. */
  async function sendAndAcceptName(viewType: string, message: unknown): Promise<void> {
    const panel = api.panels.open().find((p) => p.viewType === viewType && p.ready);
    assert.ok(panel, `no ready ${viewType} panel`);
    let settled = false;
    const handled = panel.send(message).finally(() => (settled = true));
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    }, 30_000);
    await handled;
  }

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
  });

  after(() => {
    for (const p of api.panels.open())
      if (p.viewType === 'flighthub.trajectory' || p.viewType === 'flighthub.routePreview') p.panel.dispose();
  });

  it('creates a polygon from a GeoJSON Feature argument in the active project', async () => {
    const before = elements().length;
    const feature = {
      type: 'Feature',
      properties: { color: '#FF8800' },
      geometry: { type: 'Polygon', coordinates: [polygon] },
    };
    const created = await create({ name: 'IT buffer zone', geojson: feature });
    assert.ok(created, String(api.lastCommandError()));
    const project = api.services.session.project?.uuid;
    assert.deepEqual(
      { ...created, id: undefined },
      {
        id: undefined,
        name: 'IT buffer zone',
        type: 2,
        projectUuid: project,
      },
    );
    const all = elements();
    assert.equal(all.length, before + 1);
    const stored = all.find((e) => e.id === created.id);
    assert.ok(stored, 'the simulator holds the element under the returned id');
    assert.equal(stored.projectUuid, project);
    assert.equal(stored.body.name, 'IT buffer zone');
    assert.equal(stored.body.resource.type, 2);
    assert.deepEqual(stored.body.resource.content.geometry, { type: 'Polygon', coordinates: [polygon] });
    assert.equal(stored.body.resource.content.properties.color, '#FF8800');
  });

  it('creates a line from a .geojson file given as an argument', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'fh-annotation-')), 'fence.geojson');
    const line = {
      type: 'LineString',
      coordinates: [
        [113.94, 22.57],
        [113.941, 22.571],
      ],
    };
    await writeFile(file, JSON.stringify(line));
    const created = await create({ name: 'IT fence', file });
    assert.ok(created, String(api.lastCommandError()));
    assert.equal(created.type, 1);
    const stored = elements().find((e) => e.id === created.id);
    assert.deepEqual(stored?.body.resource.content.geometry, {
      type: 'LineString',
      coordinates: [
        [113.94, 22.57, 0],
        [113.941, 22.571, 0],
      ],
    });
  });

  it('refuses bad GeoJSON with an error naming what is wrong, and sends nothing', async () => {
    const before = elements().length;
    const failures = api.commandFailures.length;
    const swapped = { type: 'Point', coordinates: [22.577, 113.943] };
    assert.equal(await create({ name: 'IT wrong', geojson: swapped }), undefined);
    assert.equal(api.commandFailures.length, failures + 1);
    assert.match(String(api.lastCommandError()), /\[22\.577, 113\.943\] looks like \[latitude, longitude\]/);
    const open = { type: 'Polygon', coordinates: [polygon.slice(0, 3).concat([[113.944, 22.578, 0]])] };
    assert.equal(await create({ name: 'IT open', geojson: open }), undefined);
    assert.match(
      String(api.lastCommandError()),
      /coordinates\[0\]\[3\]: a polygon ring must end where it starts/,
    );
    assert.equal(elements().length, before, 'nothing was sent');
  });

  it('creates a point from the trajectory panel: a photo clicked in annotate mode, named after it', async () => {
    const task = sim.world.describe().tasks.bigMedia;
    assert.ok(task);
    const opened = await vscode.commands.executeCommand('flighthub.openTaskTrajectory', { uuid: task.uuid });
    assert.ok(opened, String(api.lastCommandError()));
    await eventually(
      () => api.panels.open().some((p) => p.viewType === 'flighthub.trajectory' && p.ready),
      PAGE_LOAD_MS,
    );
    const before = elements().length;
    await sendAndAcceptName('flighthub.trajectory', {
      type: 'annotate',
      geometry: { type: 'Point', coordinates: [113.9431, 22.5772] },
      label: 'DJI_20261128110000_0001.JPG',
    });
    const added = elements().slice(before);
    assert.equal(added.length, 1, String(api.lastCommandError()));
    assert.equal(added[0]?.projectUuid, task.projectUuid);
    assert.equal(added[0]?.body.name, 'DJI_20261128110000_0001.JPG');
    assert.deepEqual(added[0]?.body.resource, {
      type: 0,
      content: {
        type: 'Feature',
        properties: { color: '#2D8CF0', clampToGround: true },
        geometry: { type: 'Point', coordinates: [113.9431, 22.5772, 0] },
      },
    });
  });

  it('creates a line from the route preview panel, and a message out of range creates nothing', async () => {
    const project = api.services.session.project?.uuid;
    const route = sim.world.describe().routes.find((r) => r.projectUuid === project);
    assert.ok(route);
    const shown = await vscode.commands.executeCommand('flighthub.previewRoute', {
      id: route.uuid,
      name: route.name,
    });
    assert.ok(shown, String(api.lastCommandError()));
    await eventually(
      () => api.panels.open().some((p) => p.viewType === 'flighthub.routePreview' && p.ready),
      PAGE_LOAD_MS,
    );
    const before = elements().length;
    const panel = api.panels.open().find((p) => p.viewType === 'flighthub.routePreview' && p.ready);
    // Refused by the message schema before anything is asked: latitude 95 is not on Earth.
    await panel?.send({ type: 'annotate', geometry: { type: 'Point', coordinates: [113.9, 95] } });
    assert.equal(elements().length, before);
    const coordinates = [
      [113.94, 22.57],
      [113.942, 22.571],
      [113.944, 22.57],
    ];
    await sendAndAcceptName('flighthub.routePreview', {
      type: 'annotate',
      geometry: { type: 'LineString', coordinates },
    });
    const added = elements().slice(before);
    assert.equal(added.length, 1, String(api.lastCommandError()));
    assert.equal(added[0]?.projectUuid, project);
    assert.equal(added[0]?.body.name, 'Line of 3 points');
    assert.equal(added[0]?.body.resource.type, 1);
    assert.deepEqual(
      added[0]?.body.resource.content.geometry.coordinates,
      coordinates.map((c) => [...c, 0]),
    );
  });
});
