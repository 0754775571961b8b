// Starts a FlightHub 2 simulator: used by tests (port 0), by the extension's offline mode, and by the
// standalone CLI. Everything it creates (server, object store, temp dir) is released by `stop()`.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from './clock';
import { createControl } from './control';
import { defaultAssetsDir } from './assets';
import { FaultInjector, type FaultRuleInput } from './faults';
import { loadLiveModule } from './live/lazy';
import type { LiveServer } from './live/index';
import { createObjectStorage } from './s3/index';
import { createRequestHandler } from './server';
import type { ObjectStorage, SimClock } from './types';
import { createWorld, type World } from './world/index';
import type { LiveUrlType } from './world/live';

export interface SimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  readonly seed?: string;
  /** Simulated clock speed (1 = real time). */
  readonly speed?: number;
  readonly faults?: readonly FaultRuleInput[];
  readonly tasksPerDock?: number;
  readonly bigMediaTaskCount?: number;
  readonly nullEmptyLists?: boolean;
  /** Where uploaded objects go (default: a fresh temp dir, removed on stop). */
  readonly dataDir?: string;
  /** Minimum multipart part size (S3: 5 MiB); tests lower it. */
  readonly minPartSize?: number;
  /**
   * What `live-stream/start` hands out (default `whep`: a stream this simulator plays itself; `volc`:
   * Volcano RTC join parameters like the public cloud, which nothing here can play).
   */
  readonly liveUrlType?: LiveUrlType;
}

export interface Simulator {
  readonly url: string;
  readonly orgKey: string;
  readonly world: World;
  readonly faults: FaultInjector;
  readonly clock: SimClock;
  readonly storage: ObjectStorage;
  /** Simulator bugs seen while serving (responses that broke the contract). Tests expect none. */
  readonly internalErrors: readonly string[];
  /** The WHEP server, once the first WHEP request has loaded it. */
  readonly live: LiveServer | undefined;
  stop(): Promise<void>;
}

export const SIM_BUCKET = 'fh2-sim';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 'demo';
  const clock = createClock({ speed: options.speed ?? 1 });
  const ownDir = options.dataDir === undefined;
  const dir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'fh2-sim-')));
  const storage = createObjectStorage({
    dir,
    buckets: [SIM_BUCKET],
    now: () => clock.now(),
    minPartSize: options.minPartSize,
  });
  const world = createWorld({
    seed,
    clock,
    storage,
    bucket: SIM_BUCKET,
    tasksPerDock: options.tasksPerDock,
    bigMediaTaskCount: options.bigMediaTaskCount,
    nullEmptyLists: options.nullEmptyLists,
    liveUrlType: options.liveUrlType ?? 'whep',
  });
  // Seeded route files must be in the store before anyone asks for them.
  await world.ready;
  const faults = new FaultInjector(seed, options.faults);
  const internalErrors: string[] = [];
  // The WHEP server (werift) is loaded on the first WHEP request, never before.
  let live: LiveServer | undefined;
  let stopping = false;
  const liveServer = (): LiveServer =>
    (live ??= loadLiveModule().createLiveServer({
      assetsDir: defaultAssetsDir(),
      now: () => clock.now(),
      authorize: (room, token) => world.authorizeLive(room, token),
    }));
  const handler = createRequestHandler({
    handlers: world.handlers,
    faults,
    storage,
    isValidKey: (k) => world.isValidKey(k),
    canAccessProject: (p) => world.canAccessProject(p),
    control: createControl({
      faults,
      clock,
      isValidKey: (k) => world.isValidKey(k),
      describe: () => world.describe(),
      inspect: () => world.inspect(),
    }),
    live: async (req, res, url) => {
      const refuse = (status: number, text: string) => {
        req.resume();
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
      };
      if (stopping) return refuse(503, 'the simulator is stopping');
      let server: LiveServer;
      try {
        server = liveServer();
      } catch (error) {
        // A build without dist/simulatorLive.js: say so instead of a bare 500.
        return refuse(
          501,
          `livestream unavailable: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await server.handle(req, res, url);
    },
    onInternalError: (id, error) => {
      const text = `${id ?? 'request'}: ${error instanceof Error ? error.message : String(error)}`;
      internalErrors.push(text);
      if (internalErrors.length > 100) internalErrors.shift();
    },
  });
  const server = createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 60_000;
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    orgKey: world.orgKey,
    world,
    faults,
    clock,
    storage,
    internalErrors,
    get live() {
      return live;
    },
    async stop() {
      stopping = true;
      await live?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      world.close();
      await storage.close();
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
