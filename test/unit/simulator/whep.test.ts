// The simulator's WHEP endpoint end to end: live-stream/start → POST an SDP offer → ICE + DTLS-SRTP →
// VP8 RTP arrives (frames, advancing timestamps, key frames) → DELETE; and every refusal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../../src/api/projectApi';
import { withSimulator, type SimSetup } from '../../helpers/sim';
import { openViewer, vp8Info, type WhepViewer } from '../../helpers/whepClient';

let s: SimSetup;
let api: ProjectApi;
let aircraftSn: string;
const viewers: WhepViewer[] = [];

after(async () => {
  await Promise.all(viewers.map((v) => v.close()));
  await s?.close();
});
before(async () => {
  s = await withSimulator({ liveUrlType: 'whep' });
  const world = s.sim.world.describe();
  const project = world.projects.find((p) => p.accessible);
  assert.ok(project);
  api = s.client.project(project.uuid);
  const dock = world.docks.find((d) => d.role === 'main' && d.projectUuid === project.uuid);
  assert.ok(dock);
  aircraftSn = dock.aircraftSn;
});

async function startLive(videoExpire = 600) {
  const live = await api.live.start({
    sn: aircraftSn,
    camera_index: '81-0-0',
    video_expire: videoExpire,
    quality_type: 'adaptive',
  });
  assert.equal(live.url_type, 'whep');
  return live;
}

async function viewer(url: string, headers?: Record<string, string>): Promise<WhepViewer> {
  const v = await openViewer(url, { headers });
  viewers.push(v);
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('WHEP livestream', () => {
  it('is not loaded before the first WHEP request', () => {
    assert.equal(s.sim.live, undefined);
  });

  it('plays the moving test clip over WebRTC and ends the session on DELETE', async () => {
    const live = await startLive();
    assert.match(live.url, new RegExp(`^${s.sim.url}/live/whep/${aircraftSn}_81-0-0\\?token=`));
    const v = await viewer(live.url);
    assert.equal(v.status, 201, v.body);
    assert.match(v.body, /^v=0/);
    assert.match(v.body, /a=sendonly/);
    assert.match(v.body, /VP8\/90000/);
    assert.match(v.body, /a=candidate:.* 127\.0\.0\.1 \d+ typ host/);
    assert.ok(v.location);
    assert.match(v.location, /^\/live\/whep\/[^/]+\/sessions\/[0-9a-f-]{36}$/);
    await v.connected();
    // 15 fps: ~1.5 s gives well over 10 frames and at least one key frame (one per second, and the
    // first frame).
    await until(() => v.packets.filter((p) => p.header.marker).length >= 15, 5_000, '15 frames');
    const frames = v.packets.filter((p) => p.header.marker);
    const stamps = [...new Set(v.packets.map((p) => p.header.timestamp))];
    assert.ok(stamps.length >= 15);
    for (let i = 1; i < stamps.length; i++) {
      const step = (stamps[i]! - stamps[i - 1]! + 2 ** 32) % 2 ** 32;
      assert.equal(step, 6000, `90 kHz / 15 fps between frames ${i - 1} and ${i}`);
    }
    const starts = v.packets.map((p) => vp8Info(p.payload)).filter((i) => i.start);
    assert.ok(starts.length >= frames.length - 1, 'every frame starts with S=1');
    assert.ok(starts[0]?.key, 'the first frame is a key frame');
    assert.ok(
      starts.slice(1).some((i) => !i.key),
      'inter frames follow',
    );
    const seqs = v.packets.map((p) => p.header.sequenceNumber);
    for (let i = 1; i < seqs.length; i++) assert.equal((seqs[i]! - seqs[i - 1]! + 65536) % 65536, 1);

    const live1 = s.sim.live;
    assert.ok(live1);
    assert.equal(live1.sessions.size, 1);
    const del = await fetch(new URL(v.location, live.url), { method: 'DELETE' });
    assert.equal(del.status, 200);
    assert.equal(live1.sessions.size, 0);
    assert.equal(live1.ended.at(-1)?.reason, 'deleted');
    await sleep(300); // packets already in flight may still land
    const count = v.packets.length;
    await sleep(500);
    assert.equal(v.packets.length, count, 'no media after DELETE');
    const again = await fetch(new URL(v.location, live.url), { method: 'DELETE' });
    assert.equal(again.status, 404);
  });

  it('accepts the token as a Bearer header', async () => {
    const url = new URL((await startLive()).url);
    const token = url.searchParams.get('token') ?? '';
    url.search = '';
    const v = await viewer(url.href, { Authorization: `Bearer ${token}` });
    assert.equal(v.status, 201, v.body);
    assert.ok(v.location);
    await v.connected();
    await fetch(new URL(v.location, url), { method: 'DELETE' });
  });

  it('answers CORS preflight and exposes Location', async () => {
    const { url } = await startLive();
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'vscode-webview://abc',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
    assert.equal(pre.headers.get('accept-post'), 'application/sdp');
    const v = await viewer(url);
    assert.equal(v.status, 201, v.body);
    assert.ok(v.location);
    await v.connected();
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Location/);
    const del = await fetch(new URL(v.location, url), { method: 'DELETE', headers: { Origin: 'null' } });
    assert.equal(del.headers.get('access-control-allow-origin'), '*');
  });

  it('refuses a missing, wrong, other-stream or expired token; unknown streams; non-SDP bodies', async () => {
    const live = await startLive();
    const url = new URL(live.url);
    const token = url.searchParams.get('token') ?? '';
    const post = (href: string, type = 'application/sdp', body = 'v=0\r\n') =>
      fetch(href, { method: 'POST', headers: { 'Content-Type': type }, body });

    const bare = new URL(url);
    bare.search = '';
    const missing = await post(bare.href);
    assert.equal(missing.status, 401);
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.match(await missing.text(), /token is required/);

    const wrong = new URL(url);
    wrong.searchParams.set('token', 'f'.repeat(48));
    const bad = await post(wrong.href);
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /not valid/);

    const other = await api.live.start({
      sn: aircraftSn,
      camera_index: '81-0-0',
      video_expire: 60,
      quality_type: 'adaptive',
    });
    assert.ok(other.url);
    const dockUrl = new URL(url);
    const dockSn = s.sim.world.describe().docks.find((d) => d.aircraftSn === aircraftSn)?.sn;
    dockUrl.pathname = `/live/whep/${dockSn}_165-0-7`;
    assert.equal((await post(dockUrl.href)).status, 403, 'a token only opens its own stream');

    const unknown = new URL(url);
    unknown.pathname = '/live/whep/NOSUCHSN_81-0-0';
    const nf = await post(unknown.href);
    assert.equal(nf.status, 404);
    assert.match(await nf.text(), /no live stream/);
    assert.equal((await fetch(`${s.sim.url}/live/whep/a/b`, { method: 'POST' })).status, 404);
    assert.equal(
      (
        await fetch(`${s.sim.url}/live/whep/x/sessions/00000000-0000-0000-0000-000000000000`, {
          method: 'DELETE',
        })
      ).status,
      404,
    );

    const wrongType = await post(live.url, 'application/json', '{}');
    assert.equal(wrongType.status, 415);
    assert.match(await wrongType.text(), /application\/sdp/);
    const notSdp = await post(live.url, 'application/sdp', 'hello');
    assert.equal(notSdp.status, 400);
    assert.equal((await fetch(live.url, { method: 'GET' })).status, 405);

    s.sim.clock.advance(601_000);
    const expired = await post(live.url);
    assert.equal(expired.status, 401);
    assert.match(await expired.text(), /expired/);
    assert.equal(token.length, 48);
  });

  it('ends a playing session when its token expires on the simulated clock', async () => {
    const live = await startLive(30);
    const v = await viewer(live.url);
    assert.equal(v.status, 201, v.body);
    await v.connected();
    const server = s.sim.live;
    assert.ok(server);
    assert.equal(server.sessions.size, 1);
    s.sim.clock.advance(31_000);
    await until(() => server.sessions.size === 0, 3_000, 'the session to end');
    assert.equal(server.ended.at(-1)?.reason, 'expired');
  });

  it('closes every session when the simulator stops', async () => {
    const own = await withSimulator({ liveUrlType: 'whep' });
    try {
      const project = own.sim.world.describe().projects.find((p) => p.accessible);
      assert.ok(project);
      const live = await own.client.project(project.uuid).live.start({
        sn: aircraftSn,
        camera_index: '81-0-0',
        video_expire: 600,
        quality_type: 'adaptive',
      });
      const v = await viewer(live.url);
      assert.equal(v.status, 201, v.body);
      await v.connected();
      const server = own.sim.live;
      assert.ok(server);
      await own.close();
      assert.equal(server.sessions.size, 0);
      assert.equal(server.ended.at(-1)?.reason, 'shutdown');
    } finally {
      await own.close().catch(() => undefined);
    }
  });

  it('still hands out Volcano RTC parameters when asked to', async () => {
    const volc = await withSimulator({ liveUrlType: 'volc' });
    try {
      const project = volc.sim.world.describe().projects.find((p) => p.accessible);
      assert.ok(project);
      const live = await volc.client.project(project.uuid).live.start({
        sn: aircraftSn,
        camera_index: '81-0-0',
        video_expire: 600,
        quality_type: 'adaptive',
      });
      assert.equal(live.url_type, 'volc');
    } finally {
      await volc.close();
    }
  });
});
