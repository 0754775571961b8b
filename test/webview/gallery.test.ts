// The media gallery page in Chromium with the real simulator's 10,000-item media list: the DOM stays
// bounded while scrolling, thumbnails and video really load from the simulator's presigned links,
// filters/search/sort work, the viewer works by keyboard, state is saved, and the CSP is never violated.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { galleryItems, galleryOrigins } from '../../src/features/media/galleryData';
import type { CspOrigins } from '../../src/ui/panels/html';
import { visibleItems } from '../../src/webviews/gallery/model';
import type { GalleryItem, GalleryTask } from '../../src/webviews/gallery/protocol';
import { withSimulator } from '../helpers/sim';
import { galleryStrings as strings } from '../helpers/galleryStrings';
import { startHarness, until, type Harness, type PanelPage } from '../helpers/webviewHarness';

const OUT = 'test-output/webview';
const setup = withSimulator();
after(async () => (await setup).close());

describe('media gallery page', () => {
  let harness: Harness;
  let items: GalleryItem[];
  /** The order the page shows by default (time ascending). */
  let shown: GalleryItem[];
  let origins: CspOrigins;
  let task: GalleryTask;

  before(async () => {
    const { sim, client } = await setup;
    const big = sim.world.describe().tasks.bigMedia;
    assert.ok(big, 'the world has a big-media task');
    const { list } = await client.project(big.projectUuid).tasks.media(big.uuid);
    assert.equal(list.length, 10_000);
    items = galleryItems(list);
    shown = visibleItems(items, { types: [], sort: 'time', descending: false, search: '' });
    origins = galleryOrigins(list);
    task = {
      uuid: big.uuid,
      name: big.name,
      projectUuid: big.projectUuid,
      connectionId: 'c1',
      connectionName: 'Simulator',
    };
    harness = await startHarness();
    await mkdir(OUT, { recursive: true });
  });
  after(() => harness.close());

  async function openWith(state?: unknown): Promise<PanelPage> {
    const p = await harness.open('gallery', { origins, state, viewport: { width: 1280, height: 800 } });
    await p.waitForPosted('ready');
    await p.send({ type: 'strings', strings });
    await p.send({ type: 'media', task, items });
    await p.page.waitForSelector('.tile');
    return p;
  }

  const tileNames = (p: PanelPage) =>
    p.page.$$eval('.tile:not([hidden])', (tiles) =>
      tiles
        .map((t) => ({
          i: Number((t as HTMLElement).dataset.index),
          name: t.textContent ?? '',
          type: (t as HTMLElement).dataset.type,
        }))
        .sort((a, b) => a.i - b.i),
    );

  it('keeps the DOM bounded while scrolling 10,000 items top to bottom', async () => {
    const p = await openWith();
    const counts: number[] = [];
    const max = await p.page.$eval('.grid', (g) => g.scrollHeight - g.clientHeight);
    assert.ok(max > 100_000, `the grid is as tall as 10,000 items (${max}px)`);
    for (let step = 0; step <= 40; step++) {
      counts.push(
        await p.page.evaluate(
          async (top) => {
            document.querySelector('.grid')!.scrollTop = top;
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            return document.querySelectorAll('*').length;
          },
          Math.round((max * step) / 40),
        ),
      );
    }
    assert.ok(Math.max(...counts) <= 600, `at most 600 elements (saw ${Math.max(...counts)})`);
    const last = await tileNames(p);
    assert.equal(last.at(-1)?.i, 9_999, 'the last item is drawn at the bottom');
    assert.equal(last.at(-1)?.name, shown.at(-1)?.name);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('loads real thumbnails from the simulator and saves its state', async () => {
    const p = await openWith();
    await p.page.waitForFunction(
      () => {
        const imgs = [
          ...document.querySelectorAll<HTMLImageElement>('.tile:not([hidden]) img.thumb:not([hidden])'),
        ];
        const grid = document.querySelector('.grid')!.getBoundingClientRect();
        const inView = imgs.filter((img) => img.getBoundingClientRect().top < grid.bottom);
        return inView.length >= 10 && inView.every((img) => img.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: 15_000 },
    );
    await p.page.screenshot({ path: `${OUT}/gallery-grid.png` });
    // Click selects one, Ctrl+click adds, Shift+click adds the range.
    await p.page.click('.tile[data-index="1"]');
    await p.page.click('.tile[data-index="3"]', { modifiers: ['Control'] });
    await p.page.click('.tile[data-index="5"]', { modifiers: ['Shift'] });
    assert.equal(await p.page.$eval('#selection', (e) => e.textContent), '4 selected');
    assert.equal(await p.page.$$eval('.tile.selected', (t) => t.length), 4);
    assert.equal(await p.page.$eval('#download-selected', (e) => e.hasAttribute('disabled')), false);
    await p.page.click('#download-selected');
    const download = (await p.posted()).find((m) => m.type === 'download');
    assert.deepEqual(
      download?.uuids,
      [1, 3, 4, 5].map((i) => shown[i]?.uuid),
    );
    await p.page.screenshot({ path: `${OUT}/gallery-selected.png` });
    // The host's download progress and its translations reach the toolbar.
    await p.send({ type: 'download', running: true, done: 2, total: 4 });
    assert.equal(await p.page.$eval('#download-progress', (e) => e.textContent), 'Downloading 2 of 4…');
    await p.send({
      type: 'strings',
      strings: { ...strings, downloadAll: '全部下载', count: '{0} / {1} 个文件' },
    });
    assert.equal(await p.page.$eval('#download-all', (e) => e.textContent), '全部下载');
    assert.match(await p.page.$eval('#count', (e) => e.textContent ?? ''), /^10000 \/ 10000 个文件$/);
    assert.match(await p.page.$eval('#selection', (e) => e.textContent ?? ''), /4/, 'the selection survives');
    await p.page.$eval('.grid', (g) => (g.scrollTop = 5_000));
    type Saved = { task: GalleryTask; scrollTop: number; sort: string };
    let state = (await p.state()) as Saved;
    // The page saves its scroll position after the scroll event, not in the same task.
    await until(async () => {
      state = (await p.state()) as Saved;
      return Math.abs(state.scrollTop - 5_000) < 2;
    }, 'the scroll position saved as the page state');
    assert.equal(state.task.uuid, task.uuid);
    assert.equal(state.sort, 'time');
    await p.close();

    // A restored page comes back at the same place.
    const again = await openWith(state);
    await again.page.waitForFunction(() => document.querySelector('.grid')!.scrollTop > 4_000);
    assert.deepEqual(again.problems(), []);
    assert.deepEqual(p.problems(), []);
    await again.close();
  });

  it('filters by type, searches by name and sorts', async () => {
    const p = await openWith();
    const select = async (id: string, value: string) =>
      p.page.$eval(
        `#${id}`,
        (el, v) => {
          (el as HTMLElement & { value: string }).value = v;
          el.dispatchEvent(new Event('change'));
        },
        value,
      );
    await select('type', 'video');
    let tiles = await tileNames(p);
    assert.deepEqual(
      tiles.map((t) => t.type),
      ['video'],
    );
    assert.match(await p.page.$eval('#count', (e) => e.textContent ?? ''), /^1 of 10000/);

    await select('type', '');
    await p.page.$eval('#search', (el) => {
      (el as HTMLElement & { value: string }).value = '_0042_';
      el.dispatchEvent(new Event('input'));
    });
    await p.page.waitForFunction(() => document.querySelectorAll('.tile:not([hidden])').length === 1);
    tiles = await tileNames(p);
    assert.match(tiles[0]?.name ?? '', /_0042_/);

    await p.page.$eval('#search', (el) => {
      (el as HTMLElement & { value: string }).value = '';
      el.dispatchEvent(new Event('input'));
    });
    await p.page.waitForFunction(() => document.querySelectorAll('.tile:not([hidden])').length > 1);
    await select('sort', 'size');
    await p.page.click('#direction');
    await p.page.waitForFunction(() => document.querySelector('.tile[data-index="0"]') !== null);
    tiles = await tileNames(p);
    const biggest = Math.max(...items.map((i) => i.size ?? 0));
    const first = items.find((i) => i.name === tiles[0]?.name);
    assert.equal(first?.size, biggest, 'descending by size starts with the biggest file');
    assert.equal(first?.type, 'video');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('opens the viewer with Enter, moves with the arrows, zooms, closes with Esc', async () => {
    const p = await openWith();
    await p.page.focus('.grid');
    await p.page.keyboard.press('ArrowRight');
    await p.page.keyboard.press('Enter');
    await p.page.waitForSelector('.lightbox:not([hidden])');
    const title = () => p.page.$eval('.lb-title', (e) => e.textContent);
    assert.equal(await title(), shown[1]?.name, 'Enter opens the focused (second) item');
    await p.page.keyboard.press('ArrowRight');
    assert.equal(await title(), shown[2]?.name);
    assert.equal(await p.page.$eval('.lb-counter', (e) => e.textContent), '3 / 10000');
    await p.page.keyboard.press('ArrowLeft');
    await p.page.keyboard.press('ArrowLeft');
    assert.equal(await title(), shown[0]?.name);
    await p.page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('.lb-image')?.naturalWidth ?? 0) > 0,
    );
    await p.page.keyboard.press('+');
    await p.page.keyboard.press('+');
    assert.equal(await p.page.$eval('.lightbox', (e) => (e as HTMLElement).dataset.zoom), '2');
    await p.page.keyboard.press('-');
    assert.equal(await p.page.$eval('.lightbox', (e) => (e as HTMLElement).dataset.zoom), '1.5');
    assert.match(await p.page.$eval('.lb-details', (e) => e.textContent ?? ''), /KB/);
    await p.page.screenshot({ path: `${OUT}/gallery-viewer.png` });
    await p.page.keyboard.press('Escape');
    await p.page.waitForSelector('.lightbox', { state: 'hidden' });
    assert.equal(await p.page.evaluate(() => document.activeElement?.className), 'grid');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('plays the H.264 video from the simulator and says sound may be missing', async () => {
    const p = await openWith();
    await p.page.$eval('#type', (el) => {
      (el as HTMLElement & { value: string }).value = 'video';
      el.dispatchEvent(new Event('change'));
    });
    await p.page.focus('.grid');
    await p.page.keyboard.press('Enter');
    await p.page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1, undefined, {
      timeout: 15_000,
    });
    const note = await p.page.$eval('.lb-note', (e) => ({
      hidden: (e as HTMLElement).hidden,
      text: e.textContent,
    }));
    assert.equal(note.hidden, false);
    assert.match(note.text ?? '', /sound/i);
    await p.page.screenshot({ path: `${OUT}/gallery-video.png` });
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  // Last: it moves the simulator's clock past the links' expiry.
  it('asks the host for fresh links when thumbnails stop loading (expired presigned URLs)', async () => {
    const { sim } = await setup;
    sim.clock.advance(16 * 60_000);
    const p = await harness.open('gallery', { origins, viewport: { width: 1280, height: 800 } });
    await p.waitForPosted('ready');
    await p.send({ type: 'strings', strings });
    await p.send({ type: 'media', task, items });
    const refresh = await p.waitForPosted('refresh');
    assert.deepEqual(refresh, { type: 'refresh' });
    assert.equal(
      (await p.posted()).filter((m) => m.type === 'refresh').length,
      1,
      'one refresh, not one per tile',
    );
    assert.deepEqual(p.problems(), []);
    await p.close();
  });
});
