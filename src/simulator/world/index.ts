// The simulator's world: a deterministic demo organization (docs/api.md#demo-organization) and the handlers
// of every endpoint in the table. Everything time-dependent is evaluated lazily against `clock.now()`.
import { loadAssets, defaultAssetsDir } from '../assets';
import { deviceHandlers } from '../handlers/devices';
import { liveHandlers } from '../handlers/live';
import { modelHandlers } from '../handlers/models';
import { openModelHandlers } from '../handlers/openModel';
import { systemHandlers } from '../handlers/system';
import { taskHandlers } from '../handlers/tasks';
import { waylineHandlers } from '../handlers/waylines';
import type { MapElementBody } from '../../api/schemas/model';
import type { HandlerTable, ObjectStorage, SimClock } from '../types';
import { describeWorld, type WorldDescription } from './describe';
import { DeviceRegistry } from './devices';
import { organizationKey } from './ids';
import { LiveService, type LiveUrlType, type StreamAccess } from './live';
import { bufferObject, resolveMedia, type MediaAssets } from './media';
import { MODEL_OBJ, ModelService } from './models';
import { OpenModelService } from './openModel';
import { seedOrganization } from './org';
import { RouteRegistry } from './routes';
import { seedGrid, type Designation } from './seeded';
import type { WorldState } from './state';
import { TaskStore } from './tasks';
import { PREPARE_MS } from './timeline';

export type { WorldDescription } from './describe';

export interface WorldOptions {
  /** Same seed → same organization, uuids, keys and data. */
  readonly seed: string;
  readonly clock: SimClock;
  readonly storage: ObjectStorage;
  /** The store's bucket for routes, media and uploads. */
  readonly bucket: string;
  /** Seeded tasks per dock over [now − 30 d, now + 7 d] (default 200, minimum 8); never all in memory. */
  readonly tasksPerDock?: number;
  /** Media files of the designated big-media task (default 10,000). */
  readonly bigMediaTaskCount?: number;
  /**
   * Empty lists come back as `list: null`, like the live service (default true,
   * docs/api.md#paging-and-empty-lists).
   */
  readonly nullEmptyLists?: boolean;
  /** `live-stream/start` answers with this vendor (default `volc`, docs/livestream.md#url_type-values). */
  readonly liveUrlType?: LiveUrlType;
  /** Where the JPEG/MP4/PPK assets live (default: the packaged ones). */
  readonly assetsDir?: string;
}

export interface World {
  /** The demo organization key, a JWT-shaped string (docs/api.md#organization-key). */
  readonly orgKey: string;
  readonly organizationUuid: string;
  isValidKey(key: string): boolean;
  canAccessProject(projectUuid: string): boolean;
  /** May a WHEP viewer with this token play `<sn>_<camera_index>` now (simulated clock)? */
  authorizeLive(room: string, token: string | undefined): StreamAccess;
  readonly handlers: HandlerTable;
  describe(): WorldDescription;
  inspect(): {
    tasksCreated: number;
    tasksStored: number;
    commands: { sn: string; command: string; at: number }[];
    routesRegistered: number;
    /** Triggered workflows received (`POST /workflow`), oldest first. */
    workflows: { projectUuid: string; body: unknown; at: number }[];
    mapElements: { id: string; projectUuid: string; body: MapElementBody }[];
    /** Members added per project (`PUT /project/member`). */
    members: Record<string, { userId: string; role: string; nickname: string }[]>;
    /** Network RTK calibrations received per dock SN (the password is not kept). */
    rtk: Record<string, { host: string; mountPoint: string; at: number }>;
  };
  /** Settles once the seeded route files are in the object store (they are served meanwhile anyway). */
  readonly ready: Promise<void>;
  close(): void;
}

export function createWorld(options: WorldOptions): World {
  const { seed, clock, storage, bucket } = options;
  const anchor = clock.now();
  const org = seedOrganization(seed);
  const routes = new RouteRegistry(seed, org, storage, bucket);
  // A failed put is not fatal: the virtual resolver below serves seeded routes from memory.
  const ready = routes.stored;
  ready.catch(() => undefined);

  let maxFlight = 0;
  for (const dock of org.docks)
    for (const route of routes.flyableBy(dock))
      maxFlight = Math.max(maxFlight, routes.plan(route, dock).durationMs);
  const maxSpan = PREPARE_MS + maxFlight;
  const grid = seedGrid(anchor, options.tasksPerDock ?? 200, maxSpan);
  const first = org.projects[0]?.uuid;
  const designations = new Map<string, Designation[]>();
  for (const dock of org.docks) {
    if (dock.projectUuid !== first) continue;
    if (dock.role === 'main') designations.set(dock.sn, ['bigMedia', 'timedWaiting', 'suspended']);
    if (dock.role === 'dock3') designations.set(dock.sn, ['executing']);
  }
  const tasks = new TaskStore(
    seed,
    grid,
    org.docks,
    routes,
    options.bigMediaTaskCount ?? 10_000,
    designations,
    maxSpan,
  );
  const devices = new DeviceRegistry(org, tasks);
  let assets: MediaAssets | undefined;
  const state: WorldState = {
    seed,
    clock,
    storage,
    bucket,
    nullEmptyLists: options.nullEmptyLists ?? true,
    org,
    routes,
    tasks,
    devices,
    live: new LiveService(seed, devices, options.liveUrlType ?? 'volc'),
    models: new ModelService(seed, org, anchor, tasks),
    openModels: new OpenModelService(seed),
    members: new Map(),
    workflows: [],
    commandLog: [],
    assets: () => (assets ??= loadAssets(options.assetsDir ?? defaultAssetsDir())),
  };

  storage.setVirtualResolver((b, key) => {
    if (b !== bucket) return undefined;
    const kmz = routes.bytesOf(key);
    if (kmz) return bufferObject(kmz, 'application/vnd.google-earth.kmz');
    const now = clock.now();
    const model = state.models.resolve(key, now);
    if (model)
      return model.kind === 'obj'
        ? bufferObject(MODEL_OBJ, 'model/obj')
        : bufferObject(state.assets().images[0] ?? MODEL_OBJ, 'image/jpeg');
    return resolveMedia(
      key,
      (uuid) => {
        const spec = tasks.get(uuid);
        return spec && tasks.evaluate(spec, now);
      },
      () => state.assets(),
    );
  });

  const orgKey = organizationKey(seed, org.uuid, org.userId);
  const handlers: HandlerTable = {
    ...systemHandlers(state),
    ...deviceHandlers(state),
    ...liveHandlers(state),
    ...taskHandlers(state),
    ...waylineHandlers(state),
    ...modelHandlers(state),
    ...openModelHandlers(state),
  };
  return {
    orgKey,
    organizationUuid: org.uuid,
    isValidKey: (key) => key === orgKey,
    canAccessProject: (uuid) => org.projects.some((p) => p.uuid === uuid && p.accessible),
    authorizeLive: (room, token) => state.live.authorize(room, token, clock.now()),
    handlers,
    describe: () => describeWorld(state),
    inspect: () => ({
      tasksCreated: tasks.createdCount,
      tasksStored: tasks.storedCount,
      commands: state.commandLog.map((c) => ({ ...c })),
      routesRegistered: routes.uploadsRegistered,
      workflows: state.workflows.map((w) => ({ ...w })),
      mapElements: state.models.listElements(),
      members: Object.fromEntries(
        [...state.members].map(([uuid, m]) => [uuid, [...m.values()].map((x) => ({ ...x }))]),
      ),
      rtk: Object.fromEntries([...state.devices.rtk].map(([sn, r]) => [sn, { ...r }])),
    }),
    ready,
    close: () => storage.setVirtualResolver(() => undefined),
  };
}
