// The WHEP server on its own (no simulator world): sessions that never connect or whose viewer
// vanishes are cleaned up, and the viewer limit holds.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { defaultAssetsDir } from '../../../../src/simulator/assets';
import { createLiveServer, type LiveDeps, type LiveServer } from '../../../../src/simulator/live';
import { openViewer, type WhepViewer } from '../../../helpers/whepClient';

interface Running {
  readonly live: LiveServer;
  readonly endpoint: string;
  close(): Promise<void>;
}

const running: Running[] = [];
const viewers: WhepViewer[] = [];

async function start(options: Partial<LiveDeps>): Promise<Running> {
  const live = createLiveServer({
    assetsDir: defaultAssetsDir(),
    now: () => Date.now(),
    authorize: (room) =>
      room === 'SN1_81-0-0'
        ? { ok: true, expireAtMs: Date.now() + 600_000 }
        : { ok: false, status: 404, message: 'no such stream' },
    ...options,
  });
  const server = createServer((req, res) => void live.handle(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const r: Running = {
    live,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/whep/SN1_81-0-0`,
    close: async () => {
      await live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.push(r);
  return r;
}

after(async () => {
  await Promise.all(viewers.map((v) => v.close()));
  await Promise.all(running.map((r) => r.close()));
});

async function viewer(endpoint: string, applyAnswer = true): Promise<WhepViewer> {
  const v = await openViewer(endpoint, { applyAnswer });
  viewers.push(v);
  return v;
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('WHEP server', () => {
  it('drops a viewer that never connects', async () => {
    const { live, endpoint } = await start({ connectTimeoutMs: 500 });
    const v = await viewer(endpoint, false);
    assert.equal(v.status, 201);
    assert.equal(live.sessions.size, 1);
    await until(() => live.sessions.size === 0, 5_000, 'the session to be dropped');
    assert.equal(live.ended.at(-1)?.reason, 'no-connection');
  });

  it('refuses viewers past the limit, and ends a session whose viewer closes without DELETE', async () => {
    // RTCP receiver reports come every 0.5–1.5 s; 4 s of silence leaves room for a loaded machine.
    const { live, endpoint } = await start({ maxSessions: 2, silenceTimeoutMs: 4_000 });
    const a = await viewer(endpoint);
    const b = await viewer(endpoint);
    await Promise.all([a.connected(), b.connected()]);
    const third = await viewer(endpoint);
    assert.equal(third.status, 503);
    assert.match(third.body, /too many live viewers/);
    await a.close();
    await until(() => live.sessions.size === 1, 10_000, 'the closed viewer to be noticed');
    assert.equal(live.ended.at(-1)?.reason, 'failed');
    // The viewer still connected keeps sending receiver reports, so silence detection leaves it alone.
    await new Promise((r) => setTimeout(r, 5_000));
    assert.equal(live.sessions.size, 1);
    const before = b.packets.length;
    await until(() => b.packets.length > before, 10_000, 'media to keep reaching the viewer still connected');
  });
});
