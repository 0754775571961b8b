// The livestream page in Chromium against the real simulator's WHEP endpoint: it plays (frames decode,
// time advances), shows the resolution from getStats, replaces the stream seamlessly on renewed
// credentials, DELETEs its session on Stop, and explains vendor / unknown streams.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startMainLive, withSimulator, type SimSetup } from '../helpers/sim';
import { hasNonLoopbackIPv4, webrtcSkip } from '../helpers/webrtcNetwork';
import { startHarness, until, type Harness, type PanelPage } from '../helpers/webviewHarness';

const OUT = 'test-output/webview';
let s: SimSetup;
let h: Harness;

const labels = {
  connecting: 'connecting',
  playing: 'playing',
  failed: 'failed',
  stopped: 'stopped',
  resolution: 'Resolution',
  frameRate: 'fps',
  bitrate: 'Bitrate',
  state: 'Stream',
  expires: 'Token renews in',
  stop: 'Stop',
  restart: 'Restart',
  lens: 'Switch Lens…',
  quality: 'Video quality',
  adaptive: 'Adaptive',
  smooth: 'Smooth',
  ultra_high_definition: 'Ultra HD',
  openWeb: 'Open in FlightHub 2',
  desktopNote: 'Video only in VS Code desktop: its webviews cannot decode AAC audio.',
};
const target = { sn: 'SN1', name: 'M3TD', camera: '81-0-0', quality: 'adaptive' };
const binding = { connectionId: 'c1', connectionName: 'Simulator', projectUuid: 'p1' };

before(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await withSimulator({ liveUrlType: 'whep' });
  h = await startHarness();
});
after(async () => {
  await h?.close();
  await s?.close();
});

async function startLive(): Promise<{ url: string; expireTs: number; sn: string }> {
  const live = await startMainLive(s);
  assert.equal(live.urlType, 'whep');
  return live;
}

async function openLive(origin?: string): Promise<PanelPage> {
  const p = await h.open('live', {
    origins: origin ? { connect: [origin] } : {},
    viewport: { width: 900, height: 600 },
  });
  await p.waitForPosted('ready');
  await p.send({ type: 'setup', labels, target, canSwitchLens: true, binding });
  return p;
}

const video = (p: PanelPage) =>
  p.page.evaluate(() => {
    const v = document.querySelector('video') as HTMLVideoElement;
    return { width: v.videoWidth, height: v.videoHeight, time: v.currentTime };
  });

describe('livestream page', () => {
  it(
    'plays the WHEP stream, shows its stats, renews seamlessly and DELETEs on Stop',
    { skip: webrtcSkip() },
    async () => {
      const live = await startLive();
      const p = await openLive(live.url);
      await p.send({ type: 'whep', url: live.url, expiresAt: live.expireTs * 1000, generation: 1 });
      await p.page.waitForFunction(
        () => (document.querySelector('video') as HTMLVideoElement).videoWidth > 0,
        null,
        {
          timeout: 20_000,
        },
      );
      const first = await video(p);
      assert.deepEqual([first.width, first.height], [640, 360]);
      await p.page.waitForFunction(
        () => document.querySelector('[data-testid=resolution]')?.textContent === 'Resolution 640×360',
        null,
        { timeout: 5000 },
      );
      await p.page.waitForFunction(
        () =>
          /Bitrate [1-9]\d* kbit\/s/.test(document.querySelector('[data-testid=bitrate]')?.textContent ?? ''),
        null,
        { timeout: 5000 },
      );
      const later = await video(p);
      assert.ok(later.time > first.time, `currentTime advanced: ${first.time} → ${later.time}`);
      assert.match((await p.page.textContent('[data-testid=state]')) ?? '', /Stream: playing/);
      const session = await p.waitForPosted('session');
      assert.equal(session.generation, 1);
      assert.match(String(session.location), /^\/live\/whep\/.+\/sessions\//);
      assert.equal(s.sim.live?.sessions.size, 1);
      assert.deepEqual(await p.state(), { target, canSwitchLens: true, binding });
      await p.page.screenshot({ path: `${OUT}/live-playing.png` });

      // Renewed credentials: a second session takes over, the first one is DELETEd.
      const renewed = await startLive();
      await p.send({ type: 'whep', url: renewed.url, expiresAt: renewed.expireTs * 1000, generation: 2 });
      const firstId = String(session.location).split('/').at(-1);
      await until(() => s.sim.live?.ended.some((e) => e.id === firstId) === true, 'the first session to end');
      assert.deepEqual(
        s.sim.live?.ended.filter((e) => e.id === firstId).map((e) => e.reason),
        ['deleted'],
      );
      assert.equal(s.sim.live?.sessions.size, 1);
      const before = (await video(p)).time;
      await until(async () => (await video(p)).time > before, 'the renewed stream to play on');

      await p.page.click('[data-testid=stop]');
      await until(() => s.sim.live?.sessions.size === 0, 'no session left after Stop');
      assert.match((await p.page.textContent('[data-testid=state]')) ?? '', /Stream: stopped/);
      const sessions = (await p.posted()).filter((m) => m.type === 'session');
      assert.deepEqual(sessions.at(-1), { type: 'session', generation: 2, location: null });
      assert.deepEqual(p.problems(), []);
      await p.close();
    },
  );

  it('offers the FlightHub 2 web app for a Volcano Engine stream', async () => {
    const p = await openLive();
    const message = 'FlightHub 2 sent this stream through Volcano Engine RTC.';
    await p.send({ type: 'unsupported', urlType: 'volc', message, canOpenWeb: true });
    assert.equal(await p.page.textContent('[data-testid=unsupported] p'), message);
    await p.page.click('[data-testid=open-web]');
    assert.deepEqual(await p.waitForPosted('openWeb'), { type: 'openWeb' });
    await p.page.screenshot({ path: `${OUT}/live-volc.png` });
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('explains an unknown stream type without a web-app button when there is none', async () => {
    const p = await openLive();
    const message =
      'FlightHub 2 sent a stream of type "hls", which this extension does not know how to play.';
    await p.send({ type: 'unsupported', urlType: 'hls', message, canOpenWeb: false });
    assert.equal(await p.page.textContent('[data-testid=unsupported] p'), message);
    assert.equal(await p.page.$('[data-testid=open-web]'), null);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('shows a refused WHEP offer as failed', async () => {
    const live = await startLive();
    const p = await openLive(live.url);
    const bad = live.url.replace(/token=[^&]+/, 'token=wrong');
    await p.send({ type: 'whep', url: bad, expiresAt: Date.now() + 60_000, generation: 1 });
    await p.page.waitForFunction(
      () => /failed — WHEP 40\d/.test(document.querySelector('[data-testid=state]')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    );
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it(
    'says why on a host where only loopback is up (no ICE candidate) and opens no session',
    {
      skip: hasNonLoopbackIPv4()
        ? 'this host has a network interface; test/unit/helpers/webrtcNetwork.test.ts runs this where only loopback is up'
        : false,
    },
    async () => {
      const live = await startLive();
      const p = await openLive(live.url);
      await p.send({ type: 'whep', url: live.url, expiresAt: live.expireTs * 1000, generation: 1 });
      await p.page.waitForFunction(
        () =>
          /failed — .*no network interface/.test(
            document.querySelector('[data-testid=state]')?.textContent ?? '',
          ),
        null,
        { timeout: 10_000 },
      );
      assert.equal(s.sim.live?.sessions.size ?? 0, 0, 'no session for an offer without candidates');
      await p.page.screenshot({ path: `${OUT}/live-loopback-only.png` });
      assert.deepEqual(p.problems(), []);
      await p.close();
    },
  );
});
