// The media download manager: a few files at a time into one folder, each written to `<name>.part`
// and renamed only when complete and of the size the API announced. A `.part` left by a cancelled or
// failed run is resumed with an HTTP Range request; a file already there with the right size is
// skipped. Presigned URLs live ~15 minutes (docs/api.md#storage-credentials), so a 403 means "fetch the list
// again" (one refresh shared by all workers), not "fail". Node's built-in fetch: plain GETs need nothing
// more.
import { createWriteStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DownloadItem {
  readonly uuid: string;
  /** The file name in the target folder, already sanitized and distinct. */
  readonly fileName: string;
  readonly url: string;
  /** Bytes, as the media list says; checked against the response and the written file. */
  readonly size?: number;
}

export interface DownloadOptions {
  readonly folder: string;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Fresh presigned URLs by media uuid (the media list fetched again), used when a URL has expired. */
  readonly refreshUrls?: () => Promise<ReadonlyMap<string, string>>;
  /** Called once per file when it is saved, skipped or failed. */
  readonly onFile?: (event: FileEvent) => void;
  /** Body bytes as they arrive. */
  readonly onBytes?: (bytes: number) => void;
  readonly fetch?: typeof fetch;
}

export interface FileEvent {
  readonly fileName: string;
  readonly outcome: 'saved' | 'skipped' | 'failed';
  readonly error?: string;
}

export interface DownloadReport {
  readonly saved: string[];
  readonly skipped: string[];
  readonly failed: { fileName: string; error: string }[];
  readonly cancelled: boolean;
  readonly bytes: number;
}

export type MediaDownloadErrorCode = 'size_mismatch' | 'http_status' | 'expired' | 'bad_range';

export class MediaDownloadError extends Error {
  constructor(
    readonly code: MediaDownloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MediaDownloadError';
  }
}

/** Network failures mid-file are retried (resuming) this many times, after a growing pause. */
const NETWORK_RETRIES = 3;
const RETRY_PAUSE_MS = 200;
/** Each file may ask for fresh URLs this many times before its 403 counts as real. */
const URL_REFRESHES = 2;

export async function downloadMedia(
  items: readonly DownloadItem[],
  options: DownloadOptions,
): Promise<DownloadReport> {
  const report = { saved: [] as string[], skipped: [] as string[], failed: [] as DownloadReport['failed'] };
  let bytes = 0;
  const urls = new UrlBook(items, options.refreshUrls);
  // One listing instead of two failing stat calls per file: at a thousand small files, file-system
  // calls are a good part of the time.
  const existing = new Set(await readdir(options.folder).catch(() => [] as string[]));
  const ctx: FileContext = {
    ...options,
    existing,
    fetch: options.fetch ?? fetch,
    urls,
    onBytes: (n) => {
      bytes += n;
      options.onBytes?.(n);
    },
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !options.signal?.aborted) {
      const item = items[next++];
      if (!item) break;
      try {
        const outcome = await downloadOne(item, ctx);
        report[outcome].push(item.fileName);
        options.onFile?.({ fileName: item.fileName, outcome });
      } catch (error) {
        if (options.signal?.aborted) break;
        const text = error instanceof Error ? error.message : String(error);
        report.failed.push({ fileName: item.fileName, error: text });
        options.onFile?.({ fileName: item.fileName, outcome: 'failed', error: text });
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { ...report, cancelled: options.signal?.aborted ?? false, bytes };
}

interface FileContext extends Omit<DownloadOptions, 'fetch' | 'onBytes'> {
  readonly fetch: typeof fetch;
  readonly urls: UrlBook;
  /** Names in the folder when the run started. */
  readonly existing: ReadonlySet<string>;
  readonly onBytes: (bytes: number) => void;
}

/** Current URLs by uuid, with one shared refresh at a time and a generation to skip stale refreshes. */
class UrlBook {
  private readonly urls = new Map<string, string>();
  private generation = 0;
  private pending: Promise<void> | undefined;

  constructor(
    items: readonly DownloadItem[],
    private readonly refresh: (() => Promise<ReadonlyMap<string, string>>) | undefined,
  ) {
    for (const item of items) this.urls.set(item.uuid, item.url);
  }

  get canRefresh(): boolean {
    return this.refresh !== undefined;
  }

  current(uuid: string): { url: string; generation: number } {
    return { url: this.urls.get(uuid) ?? '', generation: this.generation };
  }

  /** Refreshes unless another worker already did since `seen`. */
  async renew(seen: number): Promise<void> {
    if (!this.refresh || seen !== this.generation) return;
    const refresh = this.refresh;
    this.pending ??= (async () => {
      try {
        for (const [uuid, url] of await refresh()) this.urls.set(uuid, url);
        this.generation++;
      } finally {
        this.pending = undefined;
      }
    })();
    await this.pending;
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

async function downloadOne(item: DownloadItem, ctx: FileContext): Promise<'saved' | 'skipped'> {
  const target = join(ctx.folder, item.fileName);
  const part = `${target}.part`;
  if (item.size !== undefined && ctx.existing.has(item.fileName) && (await sizeOf(target)) === item.size)
    return 'skipped';
  let networkFailures = 0;
  let refreshes = 0;
  let partKnown = ctx.existing.has(`${item.fileName}.part`);
  let written = 0;
  for (;;) {
    ctx.signal?.throwIfAborted();
    let have = partKnown ? ((await sizeOf(part)) ?? 0) : 0;
    if (item.size !== undefined && have > item.size) {
      await rm(part, { force: true });
      have = 0;
    }
    written = have;
    if (item.size !== undefined && have === item.size && have > 0) break;
    const { url, generation } = ctx.urls.current(item.uuid);
    let res: Response;
    try {
      res = await ctx.fetch(url, {
        signal: ctx.signal,
        headers: have > 0 ? { range: `bytes=${have}-` } : {},
      });
    } catch (error) {
      if (ctx.signal?.aborted || ++networkFailures > NETWORK_RETRIES) throw error;
      await sleep(RETRY_PAUSE_MS * networkFailures, undefined, { signal: ctx.signal });
      continue;
    }
    if (res.status === 403) {
      await res.body?.cancel();
      if (!ctx.urls.canRefresh || ++refreshes > URL_REFRESHES)
        throw new MediaDownloadError('expired', `${item.fileName}: HTTP 403 (the download link has expired)`);
      await ctx.urls.renew(generation);
      continue;
    }
    if (res.status === 416 && have > 0) {
      // The server has no bytes past what we hold: either the .part is whole, or it is stale.
      await res.body?.cancel();
      if (item.size === undefined) break;
      await rm(part, { force: true });
      continue;
    }
    if (res.status !== 200 && res.status !== 206)
      throw new MediaDownloadError('http_status', `${item.fileName}: HTTP ${res.status}`);
    const append = res.status === 206;
    checkLength(item, res, append ? have : 0);
    partKnown = true;
    try {
      written = (append ? have : 0) + (await save(res, part, append, ctx));
      break;
    } catch (error) {
      // The bytes that did arrive stay in .part; the next round asks for the rest.
      if (ctx.signal?.aborted || ++networkFailures > NETWORK_RETRIES) throw error;
      await sleep(RETRY_PAUSE_MS * networkFailures, undefined, { signal: ctx.signal });
    }
  }
  if (item.size !== undefined && written !== item.size)
    throw new MediaDownloadError(
      'size_mismatch',
      `${item.fileName}: ${written} bytes written, the media list says ${item.size}; kept as .part`,
    );
  await rename(part, target);
  return 'saved';
}

/** The announced total must match the list's size before any byte is written. */
function checkLength(item: DownloadItem, res: Response, from: number): void {
  let total: number | undefined;
  if (res.status === 206) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
    if (!m || Number(m[1]) !== from)
      throw new MediaDownloadError('bad_range', `${item.fileName}: the server resumed at the wrong offset`);
    total = m[3] === '*' ? undefined : Number(m[3]);
  } else {
    const length = res.headers.get('content-length');
    total = length === null ? undefined : Number(length);
  }
  if (item.size !== undefined && total !== undefined && total !== item.size) {
    void res.body?.cancel();
    throw new MediaDownloadError(
      'size_mismatch',
      `${item.fileName}: the server sends ${total} bytes, the media list says ${item.size}`,
    );
  }
}

/** Writes the body to the .part file; resolves with the number of bytes written. */
async function save(res: Response, part: string, append: boolean, ctx: FileContext): Promise<number> {
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  if (!res.body) {
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return 0;
  }
  let count = 0;
  const body = Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>);
  // A listener, not a transform stage: one stage less per chunk matters at thousands of small files.
  body.on('data', (chunk: Buffer) => {
    count += chunk.length;
    ctx.onBytes(chunk.length);
  });
  await pipeline(body, out, ctx.signal ? { signal: ctx.signal } : {});
  return count;
}
