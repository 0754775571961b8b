// The media download manager against the real simulator: complete files with the right bytes, skips,
// resume from a .part with a Range request for the rest only, cancel leaving .part files, expired
// presigned links refreshed from the media list, and size mismatches refused.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Media } from '../../../../src/api/schemas/task';
import { downloadMedia, type DownloadItem } from '../../../../src/features/media/download';
import { downloadItems, urlMap } from '../../../../src/features/media/items';
import { withSimulator } from '../../../helpers/sim';

const setup = withSimulator({ bigMediaTaskCount: 8 });
after(async () => (await setup).close());

interface Seen {
  readonly url: string;
  readonly range: string | null;
  status?: number;
}

/** Requests whose body is still being read, and the most at once. */
const flight = { now: 0, max: 0 };

/** Global fetch with a log of what was asked and answered. */
function recordingFetch(seen: Seen[], slow = false): typeof fetch {
  return async (input, init) => {
    const entry: Seen = {
      url: input instanceof Request ? input.url : input.toString(),
      range: new Headers(init?.headers).get('range'),
    };
    seen.push(entry);
    const res = await fetch(input, init);
    entry.status = res.status;
    if (!slow || !res.body) return res;
    // 1 KB every few ms, so a cancel lands in the middle of files.
    const reader = res.body.getReader();
    flight.max = Math.max(flight.max, ++flight.now);
    let open = true;
    const end = () => {
      if (open) flight.now--;
      open = false;
    };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          end();
          return controller.close();
        }
        for (let i = 0; i < value.length; i += 1024) {
          controller.enqueue(value.subarray(i, i + 1024));
          await new Promise((r) => setTimeout(r, 2));
        }
      },
      cancel: (reason) => {
        end();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, headers: res.headers });
  };
}

describe('media download manager', () => {
  let list: Media[];
  let items: DownloadItem[];
  let expected: Map<string, Buffer>;
  let folder: string;
  let fetchList: () => Promise<Media[]>;

  before(async () => {
    const { sim, client } = await setup;
    const big = sim.world.describe().tasks.bigMedia;
    assert.ok(big);
    const api = client.project(big.projectUuid);
    fetchList = async () => (await api.tasks.media(big.uuid)).list;
    list = await fetchList();
    assert.equal(list.length, 8);
    items = downloadItems(list).items;
    expected = new Map();
    for (const item of items)
      expected.set(item.fileName, Buffer.from(await (await fetch(item.url)).arrayBuffer()));
  });

  beforeEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
    folder = await mkdtemp(join(tmpdir(), 'fh2-media-'));
  });
  after(async () => rm(folder, { recursive: true, force: true }));

  async function assertComplete(): Promise<void> {
    const names = (await readdir(folder)).sort();
    assert.deepEqual(names, items.map((i) => i.fileName).sort(), 'every file, no .part left');
    for (const item of items) {
      const bytes = await readFile(join(folder, item.fileName));
      assert.equal(bytes.length, item.size);
      assert.ok(bytes.equals(expected.get(item.fileName)!), `${item.fileName} has the served bytes`);
    }
  }

  it('downloads every file complete, then skips them all on a second run', async () => {
    const seen: Seen[] = [];
    const first = await downloadMedia(items, { folder, concurrency: 3, fetch: recordingFetch(seen) });
    assert.equal(first.saved.length, 8);
    assert.deepEqual(first.failed, []);
    assert.equal(
      first.bytes,
      items.reduce((n, i) => n + (i.size ?? 0), 0),
    );
    assert.deepEqual(new Set(items.map((i) => i.fileName.split('.').pop())), new Set(['jpg', 'mp4', 'obs']));
    await assertComplete();

    const again: Seen[] = [];
    const second = await downloadMedia(items, { folder, concurrency: 3, fetch: recordingFetch(again) });
    assert.equal(second.skipped.length, 8);
    assert.equal(again.length, 0, 'complete files are not fetched again');
  });

  it('keeps at most `concurrency` downloads in flight', async () => {
    flight.max = 0;
    const report = await downloadMedia(items, { folder, concurrency: 3, fetch: recordingFetch([], true) });
    assert.equal(report.saved.length, 8);
    assert.equal(flight.max, 3, 'three at once, never more');
    await assertComplete();
  });

  it('resumes a partial .part file by asking only for the rest', async () => {
    const video = items.find((i) => i.fileName.endsWith('.mp4'))!;
    const full = expected.get(video.fileName)!;
    const have = 100_000;
    await writeFile(join(folder, `${video.fileName}.part`), full.subarray(0, have));
    const seen: Seen[] = [];
    const report = await downloadMedia([video], { folder, concurrency: 1, fetch: recordingFetch(seen) });
    assert.deepEqual(report.saved, [video.fileName]);
    assert.deepEqual(
      seen.map((s) => [s.range, s.status]),
      [[`bytes=${have}-`, 206]],
    );
    assert.equal(report.bytes, full.length - have, 'only the missing bytes came over the wire');
    assert.ok((await readFile(join(folder, video.fileName))).equals(full));
  });

  it('leaves .part files and no final names when cancelled, and a rerun completes them', async () => {
    const abort = new AbortController();
    let received = 0;
    const report = await downloadMedia(items, {
      folder,
      concurrency: 4,
      signal: abort.signal,
      fetch: recordingFetch([], true),
      onBytes: (n) => {
        received += n;
        if (received >= 20_000) abort.abort();
      },
    });
    assert.equal(report.cancelled, true);
    const names = await readdir(folder);
    assert.ok(
      names.length > 0 && names.every((n) => n.endsWith('.part')),
      `only .part files: ${names.join(', ')}`,
    );
    let partial = 0;
    for (const n of names) partial += (await stat(join(folder, n))).size;
    assert.ok(partial > 0);

    const seen: Seen[] = [];
    const rerun = await downloadMedia(items, { folder, concurrency: 4, fetch: recordingFetch(seen) });
    assert.equal(rerun.saved.length, 8);
    assert.equal(rerun.bytes, items.reduce((n, i) => n + (i.size ?? 0), 0) - partial);
    assert.ok(
      seen.some((s) => s.range !== null && s.status === 206),
      'the rerun resumed with Range',
    );
    await assertComplete();
  });

  it('refreshes expired presigned links from the media list instead of failing', async () => {
    const { sim } = await setup;
    const stale = downloadItems(await fetchList()).items;
    sim.clock.advance(16 * 60_000);
    let refreshes = 0;
    const seen: Seen[] = [];
    const report = await downloadMedia(stale, {
      folder,
      concurrency: 4,
      fetch: recordingFetch(seen),
      refreshUrls: async () => {
        refreshes++;
        return urlMap(await fetchList());
      },
    });
    assert.deepEqual(report.failed, []);
    assert.equal(report.saved.length, 8);
    assert.ok(seen.filter((s) => s.status === 403).length >= 1, 'the stale links were refused');
    assert.equal(refreshes, 1, 'one shared refresh for all workers');
    await assertComplete();

    // Without a way to refresh, an expired link is a clear failure, not a hang or a bad file.
    await rm(folder, { recursive: true, force: true });
    folder = await mkdtemp(join(tmpdir(), 'fh2-media-'));
    sim.clock.advance(16 * 60_000);
    const failed = await downloadMedia(stale.slice(0, 2), { folder, concurrency: 2 });
    assert.equal(failed.failed.length, 2);
    assert.match(failed.failed[0]?.error ?? '', /403|expired/);
    assert.deepEqual(await readdir(folder), []);
  });

  it('refuses a file whose size differs from the media list and keeps no final name', async () => {
    const fresh = downloadItems(await fetchList()).items;
    const photo = fresh.find((i) => i.fileName.endsWith('.jpg'))!;
    const report = await downloadMedia([{ ...photo, size: (photo.size ?? 0) + 1 }], {
      folder,
      concurrency: 1,
    });
    assert.equal(report.failed.length, 1);
    assert.match(report.failed[0]?.error ?? '', /bytes/);
    assert.ok(!(await readdir(folder)).includes(photo.fileName));
  });
});
