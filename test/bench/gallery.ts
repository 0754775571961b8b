// Gallery benchmarks against the benchmark simulator's 10,000-media task, each with a baseline measured
// in the same run:
// - in Chromium (the webview harness): first paint after the items are posted, peak DOM nodes while
//   scrolling, and the p95 frame time of programmatic scrolling, each against a plain page that draws
//   all 10,000 tiles at once (lazy images), i.e. the gallery without virtualization;
// - downloading 1,000 media through our download manager versus bare parallel GETs written to disk,
//   same concurrency.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Page } from 'playwright-core';
import { FlightHubClient } from '../../src/api/client';
import { downloadMedia } from '../../src/features/media/download';
import { downloadItems } from '../../src/features/media/items';
import { galleryItems, galleryOrigins } from '../../src/features/media/galleryData';
import type { ToWebview } from '../../src/webviews/gallery/protocol';
import { galleryStrings } from '../helpers/galleryStrings';
import { startHarness } from '../helpers/webviewHarness';
import { measure, median, peakRssMb, type BenchResult } from './harness';
import type { SimProcess } from './simProcess';

const DOWNLOADS = 1_000;
/** A fast fling: 120 px a frame is 7,200 px (about 44 rows) a second, for 5 seconds. */
const SCROLL_PX_PER_FRAME = 120;
const SCROLL_FRAMES = 300;
const CONCURRENCY = 4;

export { downloadBenchmark };

export async function galleryBenchmarks(sim: SimProcess, rounds: number): Promise<BenchResult[]> {
  const big = await bigMediaTask(sim);
  const client = new FlightHubClient({ baseUrl: sim.url, orgKey: sim.orgKey, language: 'en' });
  try {
    const { list } = await client.project(big.projectUuid).tasks.media(big.uuid);
    const results = await pageBenchmarks(
      {
        type: 'media',
        task: {
          uuid: big.uuid,
          name: 'bench',
          connectionId: 'bench',
          connectionName: 'Bench simulator',
          projectUuid: big.projectUuid,
        },
        items: galleryItems(list),
      } satisfies Extract<ToWebview, { type: 'media' }>,
      galleryOrigins(list),
      // A page round scrolls for seconds in two pages; three rounds are enough for a median.
      Math.min(rounds, 3),
    );
    results.push(await downloadBenchmark(downloadItems(list).items.slice(0, DOWNLOADS), rounds));
    return results;
  } finally {
    await client.close();
  }
}

async function bigMediaTask(sim: SimProcess): Promise<{ uuid: string; projectUuid: string }> {
  const res = await fetch(`${sim.url}/__sim/world`, { headers: { 'X-User-Token': sim.orgKey } });
  const world = (await res.json()) as {
    describe: { tasks: { bigMedia?: { uuid: string; projectUuid: string } } };
  };
  const big = world.describe.tasks.bigMedia;
  if (!big) throw new Error('the simulator has no big-media task');
  return big;
}

interface PageRound {
  readonly firstPaintMs: number;
  readonly nodes: number;
  readonly frameP95Ms: number;
}

async function pageBenchmarks(
  message: { type: 'media'; items: { preview: string | null; name: string }[]; task: unknown },
  origins: ReturnType<typeof galleryOrigins>,
  rounds: number,
): Promise<BenchResult[]> {
  const harness = await startHarness();
  const ours: PageRound[] = [];
  const plain: PageRound[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      for (const [variant, out] of [
        ['virtual', ours],
        ['plain', plain],
      ] as const) {
        const p = await harness.open('gallery', { origins, viewport: { width: 1280, height: 800 } });
        await p.waitForPosted('ready');
        // The page draws nothing before its words arrive, as from its host.
        await p.send({ type: 'strings', strings: galleryStrings });
        await p.page.evaluate((m) => ((window as unknown as { __bench: unknown }).__bench = m), message);
        out.push(await pageRound(p.page, variant));
        if (p.problems().length > 0) throw new Error(`gallery bench page: ${p.problems().join('; ')}`);
        await p.close();
      }
    }
  } finally {
    await harness.close();
  }
  const pick = (rows: PageRound[], key: keyof PageRound) => median(rows.map((r) => r[key]));
  const line = (bench: string, key: keyof PageRound, limit: number, unit: string): BenchResult => {
    const value = pick(ours, key);
    const base = pick(plain, key);
    return {
      bench,
      ratio: round(value / base),
      ours_ms: round(value),
      baseline_ms: round(base),
      target: `${key}<=${limit}${unit}`,
      meets_target: value <= limit,
      items: message.items.length,
      peak_rss_mb: peakRssMb(),
      baseline: 'the same page drawing all 10,000 tiles without virtualization (lazy images), same run',
      scroll: `${SCROLL_PX_PER_FRAME}px per frame for ${SCROLL_FRAMES} frames`,
      unit,
    };
  };
  return [
    line('gallery.first_paint_10k', 'firstPaintMs', 300, 'ms'),
    line('gallery.dom_nodes_10k', 'nodes', 600, ' nodes'),
    line('gallery.scroll_frame_p95_10k', 'frameP95Ms', 20, 'ms'),
  ];
}

/** One page: post the items (virtual) or draw them all (plain), then scroll top to bottom by frames. */
function pageRound(page: Page, variant: 'virtual' | 'plain'): Promise<PageRound> {
  return page.evaluate(
    async ({ kind, SCROLL_FRAMES, SCROLL_PX_PER_FRAME }) => {
      const msg = (window as unknown as { __bench: { items: { preview: string | null; name: string }[] } })
        .__bench;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const start = performance.now();
      let scroller: HTMLElement;
      if (kind === 'virtual') {
        window.postMessage(msg, '*');
        // A page that refuses the message never draws a tile: fail rather than wait forever.
        const deadline = start + 60_000;
        while (!document.querySelector('.tile:not([hidden])')) {
          if (performance.now() > deadline) throw new Error('the gallery page drew no tile within 60 s');
          await frame();
        }
        scroller = document.querySelector<HTMLElement>('.grid')!;
      } else {
        // What the gallery would be without virtualization: every tile in the DOM.
        scroller = document.createElement('div');
        scroller.className = 'grid';
        const list = document.createElement('div');
        list.style.display = 'flex';
        list.style.flexWrap = 'wrap';
        list.style.gap = '8px';
        for (const item of msg.items) {
          const tile = document.createElement('div');
          tile.style.width = '168px';
          tile.style.height = '156px';
          const img = document.createElement('img');
          img.loading = 'lazy';
          img.width = 160;
          img.height = 124;
          if (item.preview) img.src = item.preview;
          const name = document.createElement('div');
          name.textContent = item.name;
          tile.append(img, name);
          list.append(tile);
        }
        scroller.append(list);
        const app = document.getElementById('app')!;
        app.replaceChildren(scroller);
      }
      await frame();
      const firstPaintMs = performance.now() - start;
      // Scrolling is measured once the first screen of thumbnails is in, in both variants.
      const inView = () =>
        [...document.querySelectorAll('img')].filter((img) => {
          const r = img.getBoundingClientRect();
          return img.src && r.bottom > 0 && r.top < innerHeight;
        });
      const settled = performance.now() + 5_000;
      while (inView().some((img) => !img.complete) && performance.now() < settled) await frame();
      let nodes = document.querySelectorAll('*').length;
      const deltas: number[] = [];
      let last = await frame();
      for (let i = 1; i <= SCROLL_FRAMES; i++) {
        scroller.scrollTop = i * SCROLL_PX_PER_FRAME;
        const now = await frame();
        deltas.push(now - last);
        last = now;
        nodes = Math.max(nodes, document.querySelectorAll('*').length);
      }
      deltas.sort((a, b) => a - b);
      return { firstPaintMs, nodes, frameP95Ms: deltas[Math.floor(deltas.length * 0.95)] ?? 0 };
    },
    { kind: variant, SCROLL_FRAMES, SCROLL_PX_PER_FRAME },
  );
}

async function downloadBenchmark(
  items: ReturnType<typeof downloadItems>['items'],
  rounds: number,
): Promise<BenchResult> {
  const fresh = () => mkdtemp(join(tmpdir(), 'fh2-bench-media-'));
  const ours = async () => {
    const folder = await fresh();
    try {
      const report = await downloadMedia(items, { folder, concurrency: CONCURRENCY });
      if (report.failed.length > 0) throw new Error(`download bench: ${report.failed[0]?.error}`);
      return report.saved.length;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
  const bare = async () => {
    const folder = await fresh();
    try {
      let next = 0;
      let done = 0;
      const worker = async () => {
        for (let i = next++; i < items.length; i = next++) {
          const item = items[i]!;
          const res = await fetch(item.url);
          if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
          const body = Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>);
          await pipeline(body, createWriteStream(join(folder, item.fileName)));
          done++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return done;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
  const result = await measure(
    'gallery.download_1000_media',
    ours,
    bare,
    rounds,
    1.25,
    'throughput>=0.8x bare GETs (time ratio<=1.25)',
  );
  return {
    ...result,
    throughput_ratio: round(result.baseline_ms / result.ours_ms),
    baseline: `bare parallel fetch GETs streamed to disk, concurrency ${CONCURRENCY}, same run`,
    concurrency: CONCURRENCY,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
