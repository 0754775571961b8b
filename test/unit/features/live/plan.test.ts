// Host-side livestream decisions against the simulator's devices and live-stream/start answers:
// url_type dispatch, when to renew before expiry, which cameras stream, where the web app is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../../../src/api/projectApi';
import {
  canSwitchLens,
  internalLocation,
  restartDelayMs,
  RESTART_LEAD_MS,
  streamCameras,
  streamKind,
  webAppUrl,
} from '../../../../src/features/live/plan';
import { withSimulator, type SimSetup } from '../../../helpers/sim';

let whep: SimSetup;
let volc: SimSetup;
const projectApi = (s: SimSetup): ProjectApi => {
  const project = s.sim.world.describe().projects.find((p) => p.accessible);
  assert.ok(project);
  return s.client.project(project.uuid);
};

before(async () => {
  whep = await withSimulator({ liveUrlType: 'whep' });
  volc = await withSimulator({ liveUrlType: 'volc' });
});
after(async () => {
  await whep?.close();
  await volc?.close();
});

describe('livestream plan', () => {
  it('dispatches the url_type the simulator hands out, and fails closed on unknown ones', async () => {
    const body = { camera_index: '165-0-7', video_expire: 600, quality_type: 'smooth' } as const;
    const dock = (s: SimSetup) => s.sim.world.describe().docks.find((d) => d.role === 'main');
    const w = await projectApi(whep).live.start({ sn: dock(whep)!.sn, ...body });
    const v = await projectApi(volc).live.start({ sn: dock(volc)!.sn, ...body });
    assert.equal(streamKind(w.url_type), 'whep');
    assert.match(w.url, /\/live\/whep\/.+\?token=/);
    assert.equal(streamKind(v.url_type), 'volc');
    assert.equal(streamKind('Agora'), 'agora');
    for (const t of ['', 'hls', 'rtmp', 'whip']) assert.equal(streamKind(t), 'unknown');
  });

  it('renews the credentials ahead of expire_ts, never in a tight loop', async () => {
    const now = Date.UTC(2026, 0, 1);
    const live = await projectApi(whep).live.start({
      sn: whep.sim.world.describe().docks[0]!.aircraftSn,
      camera_index: '81-0-0',
      video_expire: 3600,
      quality_type: 'adaptive',
    });
    const left = live.expire_ts * 1000 - whep.sim.clock.now();
    assert.ok(Math.abs(left - 3_600_000) < 5000, `expire_ts is an hour ahead (${left} ms)`);
    assert.equal(restartDelayMs(now / 1000 + 3600, now), 3_600_000 - RESTART_LEAD_MS);
    assert.ok(RESTART_LEAD_MS >= 30_000 && RESTART_LEAD_MS <= 60_000);
    assert.equal(restartDelayMs(now / 1000 + 10, now), 5000, 'nearly expired: soon, not at once');
    assert.equal(restartDelayMs(now / 1000 - 100, now), 5000);
  });

  it('offers the cameras from camera_list, else the model family’s known camera', async () => {
    const { list } = await projectApi(whep).devices.list();
    const dock = list.find((t) => t.gateway?.device_model.class !== 'rc')?.gateway;
    const drone = list.find((t) => (t.drone?.camera_list?.length ?? 0) > 1)?.drone;
    assert.ok(dock && drone);
    assert.deepEqual(streamCameras(dock, 'dock'), ['165-0-7']);
    assert.deepEqual(streamCameras(drone, 'aircraft').sort(), ['176-0-0', '81-0-0']);
    assert.equal(canSwitchLens(drone, '81-0-0'), true);
    assert.equal(canSwitchLens(drone, '176-0-0'), false);
    const offline = { ...drone, camera_list: null };
    assert.deepEqual(streamCameras(offline, 'aircraft'), ['81-0-0']);
    assert.deepEqual(streamCameras(offline, 'rc'), []);
  });

  it('knows where the FlightHub 2 web app is for each kind of connection', () => {
    assert.equal(
      webAppUrl({ kind: 'region', url: 'https://es-flight-api-eu.djigate.com' }),
      'https://fh.dji.com/',
    );
    assert.equal(
      webAppUrl({ kind: 'custom', url: 'http://fh2.example.net:30812/x' }),
      'http://fh2.example.net:30812/',
    );
    assert.equal(webAppUrl({ kind: 'simulator', url: 'http://127.0.0.1:1' }), undefined);
    assert.equal(webAppUrl(undefined), undefined);
  });

  it('maps a WHEP session Location back to the URL the host reaches', () => {
    const proxied = {
      url: 'http://127.0.0.1:4100/live/whep/SN_81-0-0?token=t',
      external: 'https://ide.example/proxy/4100/live/whep/SN_81-0-0?token=t',
      externalBase: 'https://ide.example/proxy/4100',
      internalBase: 'http://127.0.0.1:4100',
    };
    const want = 'http://127.0.0.1:4100/live/whep/SN_81-0-0/sessions/abc';
    assert.equal(internalLocation(proxied, '/proxy/4100/live/whep/SN_81-0-0/sessions/abc'), want);
    assert.equal(internalLocation(proxied, '/live/whep/SN_81-0-0/sessions/abc'), want);
    assert.equal(internalLocation(proxied, 'sessions/abc'), 'http://127.0.0.1:4100/live/whep/sessions/abc');
    const direct = { ...proxied, external: proxied.url, externalBase: proxied.internalBase };
    assert.equal(internalLocation(direct, '/live/whep/SN_81-0-0/sessions/abc'), want);
  });
});
