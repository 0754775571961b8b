// The simulator's WHEP stream in a real browser: a plain page (no extension code) in Debian's Chromium
// runs a vanilla WHEP client — recvonly RTCPeerConnection, POST the offer, apply the answer — from
// another origin than the simulator (so CORS is exercised), and the <video> must decode frames and
// keep playing. This proves the server side against Chromium's WebRTC stack, independent of the panel.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startMainLive, withSimulator, type SimSetup } from '../helpers/sim';
import { webrtcSkip } from '../helpers/webrtcNetwork';
import { chromiumPath, PAGE_CHROMIUM_ARGS, until } from '../helpers/webviewHarness';

const PAGE = `<!doctype html><meta charset="utf-8"><title>whep</title>
<video id="v" autoplay muted playsinline></video>
<script>
// Vanilla WHEP (draft-ietf-wish-whep): offer after ICE gathering (or 2 s), POST it, apply the SDP answer.
window.play = async (endpoint, withAudio) => {
  const pc = new RTCPeerConnection();
  window.pc = pc;
  if (withAudio) pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.ontrack = (e) => {
    if (e.track.kind === 'video') document.getElementById('v').srcObject = new MediaStream([e.track]);
  };
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
    setTimeout(resolve, 2000);
  });
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp' },
    body: pc.localDescription.sdp,
  });
  const body = await res.text();
  if (res.status !== 201) return { status: res.status, body };
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  return { status: res.status, location: new URL(res.headers.get('Location'), endpoint).href };
};
window.stop = async (location) => {
  const res = await fetch(location, { method: 'DELETE' });
  window.pc.close();
  return res.status;
};
</script>`;

let s: SimSetup;
let pageServer: Server;
let pageUrl: string;
let browser: Browser;
let page: Page;

before(async () => {
  s = await withSimulator({ liveUrlType: 'whep' });
  pageServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: PAGE_CHROMIUM_ARGS,
  });
  page = await browser.newPage();
  await page.goto(pageUrl);
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (pageServer ? pageServer.close(() => resolve()) : resolve()));
  await s?.close();
});

async function liveUrl(): Promise<string> {
  const live = await startMainLive(s);
  assert.equal(live.urlType, 'whep');
  return live.url;
}

const videoState = () =>
  page.evaluate(() => {
    const v = document.getElementById('v') as HTMLVideoElement;
    return { width: v.videoWidth, height: v.videoHeight, time: v.currentTime };
  });

describe('WHEP in Chromium', () => {
  const skip = webrtcSkip();
  it(
    'plays the simulator stream in a <video> from another origin and stops on DELETE',
    { skip },
    async () => {
      const endpoint = await liveUrl();
      assert.notEqual(new URL(endpoint).origin, new URL(pageUrl).origin);
      const answer = await page.evaluate(
        (url) =>
          (
            window as unknown as {
              play(u: string): Promise<{ status: number; body?: string; location?: string }>;
            }
          ).play(url),
        endpoint,
      );
      assert.equal(answer.status, 201, answer.body);
      assert.ok(answer.location);

      await page.waitForFunction(
        () => (document.getElementById('v') as HTMLVideoElement).videoWidth > 0,
        null,
        {
          timeout: 15_000,
        },
      );
      const first = await videoState();
      assert.deepEqual([first.width, first.height], [640, 360]);
      let later = first;
      await until(async () => {
        later = await videoState();
        return later.time > first.time + 0.5;
      }, `currentTime to advance half a second past ${first.time}`);
      const inbound = () =>
        page.evaluate(async () => {
          const report = await (window as unknown as { pc: RTCPeerConnection }).pc.getStats();
          let decoded = 0;
          let codec = '';
          report.forEach((r: Record<string, unknown>) => {
            if (r.type === 'inbound-rtp' && r.kind === 'video') decoded = Number(r.framesDecoded);
            if (r.type === 'codec') codec = String(r.mimeType);
          });
          return { decoded, codec };
        });
      let stats = await inbound();
      await until(async () => (stats = await inbound()).decoded >= 20, 'Chromium to decode 20 frames');
      assert.equal(stats.codec, 'video/VP8');

      const live = s.sim.live;
      assert.ok(live);
      assert.equal(live.sessions.size, 1);
      const status = await page.evaluate(
        (loc) => (window as unknown as { stop(l: string): Promise<number> }).stop(loc),
        answer.location,
      );
      assert.equal(status, 200);
      assert.equal(live.sessions.size, 0);
      assert.equal(live.ended.at(-1)?.reason, 'deleted');
    },
  );

  it(
    'answers an offer that also asks for audio (players often do): audio rejected, video plays',
    { skip },
    async () => {
      const endpoint = await liveUrl();
      const answer = await page.evaluate(
        (url) =>
          (
            window as unknown as { play(u: string, a: boolean): Promise<{ status: number; body?: string }> }
          ).play(url, true),
        endpoint,
      );
      assert.equal(answer.status, 201, answer.body);
      await page.waitForFunction(
        () => (document.getElementById('v') as HTMLVideoElement).currentTime > 0.5,
        null,
        { timeout: 15_000 },
      );
      const directions = await page.evaluate(() =>
        (window as unknown as { pc: RTCPeerConnection }).pc
          .getTransceivers()
          .map((t) => `${t.receiver.track.kind}:${t.currentDirection ?? 'none'}`),
      );
      // The audio m-line is rejected (port 0, inactive), so Chromium stops that transceiver.
      assert.deepEqual(directions, ['video:recvonly']);
      await page.evaluate(() => (window as unknown as { pc: RTCPeerConnection }).pc.close());
    },
  );

  it('shows the refusal text to a page with a wrong token (CORS applies to errors too)', async () => {
    const endpoint = new URL(await liveUrl());
    endpoint.searchParams.set('token', '0'.repeat(48));
    const answer = await page.evaluate(
      (url) =>
        (window as unknown as { play(u: string): Promise<{ status: number; body?: string }> }).play(url),
      endpoint.href,
    );
    assert.equal(answer.status, 403);
    assert.match(answer.body ?? '', /not valid/);
  });
});
