// The livestream panel in a real VS Code on the built-in simulator (url_type whep): Start Livestream
// with arguments (no pickers) opens the panel, its page completes the ready handshake and opens a WHEP
// session on the simulator; closing the panel ends that session.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import { webrtcSkip } from '../../../helpers/webrtcNetwork';
import { connectSimulator, eventually, extensionApi, PAGE_LOAD_MS } from '../../api';

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('livestream panel', function () {
  this.timeout(90_000);
  let api: TestApi;
  let sim: Simulator;
  let aircraftSn: string;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    const project = api.services.session.project;
    const dock = sim.world.describe().docks.find((d) => d.projectUuid === project?.uuid);
    assert.ok(dock, 'the active project has a dock');
    aircraftSn = dock.aircraftSn;
  });

  after(() => {
    for (const host of api.panels.open()) if (host.viewType === 'flighthub.livestream') host.panel.dispose();
  });

  it('opens the panel for an aircraft camera and the page says ready', async () => {
    const kind = await vscode.commands.executeCommand<string>('flighthub.startLivestream', {
      sn: aircraftSn,
      camera_index: '81-0-0',
      quality: 'smooth',
    });
    assert.equal(kind, 'whep', `startLivestream: ${String(api.lastCommandError())}`);
    const host = await eventually(
      () => api.panels.open().find((h) => h.viewType === 'flighthub.livestream' && h.ready),
      PAGE_LOAD_MS,
    );
    assert.match(host.panel.title, /\(81-0-0\)$/);
    assert.equal(host.panel.options.retainContextWhenHidden, true);
  });

  it('an unknown camera is refused before anything starts', async () => {
    const kind = await vscode.commands.executeCommand<string>('flighthub.startLivestream', {
      sn: aircraftSn,
      camera_index: '99-0-0',
      quality: 'smooth',
    });
    assert.equal(kind, undefined);
    assert.match(String(api.lastCommandError()), /99-0-0/);
  });

  it('the page plays the WHEP stream, and closing the panel ends the session', async function () {
    const noWebrtc = webrtcSkip();
    if (noWebrtc) {
      console.log(`skipped: ${noWebrtc}`);
      this.skip();
    }
    await eventually(() => (sim.live?.sessions.size ?? 0) > 0, 30_000);
    // The page tells the host its session's Location right after the server's 201; give it that moment.
    await settle();
    const ids = [...(sim.live?.sessions.keys() ?? [])];
    for (const host of api.panels.open()) if (host.viewType === 'flighthub.livestream') host.panel.dispose();
    // DELETEd by the host (within seconds), not dropped by the server for silence (10 s).
    await eventually(() => sim.live?.sessions.size === 0, 8000);
    for (const id of ids)
      assert.ok(
        sim.live?.ended.some((e) => e.id === id && e.reason === 'deleted'),
        `session ${id}: ${JSON.stringify(sim.live?.ended.filter((e) => e.id === id))}`,
      );
  });

  it('a panel restored after a reload starts the saved camera again; unusable state closes it', async () => {
    const panel = () =>
      vscode.window.createWebviewPanel('flighthub.livestream', 'restored', vscode.ViewColumn.Active, {
        enableScripts: true,
      });
    const dockSn = sim.world.describe().docks.find((d) => d.aircraftSn === aircraftSn)?.sn;
    assert.ok(dockSn);
    const host = await api.panels.revive('flighthub.livestream', panel(), {
      target: { sn: dockSn, name: 'Dock', camera: '165-0-7', quality: 'adaptive' },
      binding: api.services.session.binding(),
    });
    assert.ok(host);
    await eventually(() => host.ready && (sim.live?.sessions.size ?? 0) > 0, 30_000);
    await settle();
    host.panel.dispose();
    await eventually(() => sim.live?.sessions.size === 0, 8000);
    const broken = panel();
    let closed = false;
    broken.onDidDispose(() => (closed = true));
    await api.panels.revive('flighthub.livestream', broken, { target: { sn: dockSn } });
    assert.ok(closed);
  });
});
