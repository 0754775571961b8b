// The route library (docs/api.md#routes): seeded routes generated as real WPML KMZ files and put into the
// object store, plus routes registered by `wayline/finish-upload`.
import { summarizeKmz } from '../../routes/wpml/summary';
import type { ZipSource } from '../../routes/zip/zip';
import { hash32 } from '../random';
import { generateRouteKmz, planPatrolRoute } from '../routegen';
import type { ObjectStorage } from '../types';
import { MODELS, type ModelName, type ModelSpec } from './catalog';
import { buildFlightPlan, type FlightPlan } from './flightPlan';
import type { PathPoint } from './geo';
import { uuidFrom } from './ids';
import type { DockRole, DockSeed, Organization } from './org';
import { HOUR } from './time';

export type RoutePurpose = 'patrol' | 'model_mismatch' | 'unvalidated' | 'uploaded';

export interface RouteRecord {
  readonly id: string;
  readonly projectUuid: string;
  readonly name: string;
  readonly objectKey: string;
  readonly size: number;
  readonly deviceModelKey: string;
  readonly payloadInformation: readonly { domain: string; type: string; lens_type: string }[];
  readonly templateTypes: readonly string[];
  /** Unix ms (the Sync equivalent uses ms, docs/api.md#route-list). */
  readonly updateTime: number;
  readonly distance: number;
  readonly waypointCount: number;
  readonly waypoints: readonly PathPoint[];
  readonly speed: number;
  readonly photoWaypoints: readonly number[];
  readonly purpose: RoutePurpose;
}

interface RouteSeed {
  readonly project: number;
  readonly name: string;
  readonly aircraft: ModelName;
  readonly nearDock: DockRole;
  readonly waypoints: number;
  readonly speed: number;
  readonly photoEvery: number;
  readonly purpose: RoutePurpose;
}

const row = (
  project: number,
  name: string,
  aircraft: ModelName,
  nearDock: DockRole,
  waypoints: number,
  speed: number,
  photoEvery: number,
  purpose: RoutePurpose,
): RouteSeed => ({ project, name, aircraft, nearDock, waypoints, speed, photoEvery, purpose });

// Reproducible failures (docs/api.md#error-codes): no dock carries an M30T → 219019;
// never validated → 219020.
const SEEDS: readonly RouteSeed[] = [
  row(1, 'North pier patrol', 'm3td', 'main', 12, 6, 2, 'patrol'),
  row(1, 'Container yard loop', 'm4td', 'dock3', 10, 7, 1, 'patrol'),
  row(1, 'Legacy M30T survey', 'm30t', 'main', 8, 6, 2, 'model_mismatch'),
  row(1, 'Breakwater draft (not validated)', 'm3td', 'main', 6, 5, 2, 'unvalidated'),
  row(2, 'Panel rows A-D', 'm3td', 'main', 14, 7, 1, 'patrol'),
  row(2, 'Inverter station check', 'm4td', 'dock3', 8, 6, 2, 'patrol'),
  row(3, 'Perimeter fence', 'm3td', 'main', 10, 6, 2, 'patrol'),
];

const DEFAULT_SPEED = 10;

export class RouteRegistry {
  private readonly routes = new Map<string, RouteRecord>();
  private readonly seededBytes = new Map<string, Buffer>();
  private readonly plans = new Map<string, FlightPlan>();
  private registered = 0;
  /** Settles when the seeded KMZ files are in the store (reads fall back to `bytesOf` meanwhile). */
  readonly stored: Promise<void>;

  constructor(
    private readonly seed: string,
    org: Organization,
    storage: ObjectStorage,
    bucket: string,
  ) {
    const puts: Promise<void>[] = [];
    SEEDS.forEach((s, i) => {
      const project = org.projects.find((p) => p.ordinal === s.project);
      const dock = org.docks.find((d) => d.projectUuid === project?.uuid && d.role === s.nearDock);
      if (!project || !dock) return;
      const route = this.generate(s, i, project.uuid, project.createdAt * 1000 + (i + 1) * HOUR, dock);
      puts.push(
        storage.putObject(bucket, route.objectKey, this.seededBytes.get(route.objectKey) ?? Buffer.alloc(0)),
      );
    });
    this.stored = Promise.all(puts).then(() => undefined);
  }

  private generate(
    s: RouteSeed,
    i: number,
    projectUuid: string,
    updateTime: number,
    dock: DockSeed,
  ): RouteRecord {
    const model: ModelSpec = MODELS[s.aircraft];
    const [, type = '0', sub = '0'] = model.key.split('-');
    const waypoints = planPatrolRoute(dock.location, hash32(`${this.seed}|route|${i}`), s.waypoints);
    const kmz = generateRouteKmz({
      name: s.name,
      droneEnumValue: Number(type),
      droneSubEnumValue: Number(sub),
      payloadEnumValue: model.payloadEnum ?? 0,
      waypoints,
      speed: s.speed,
      takePhotoEvery: s.photoEvery,
    });
    const id = uuidFrom(this.seed, 'route', i);
    const objectKey = `${projectUuid}/waylines/${id}.kmz`;
    this.seededBytes.set(objectKey, kmz);
    const photoWaypoints = waypoints.map((_, k) => k).filter((k) => k % s.photoEvery === 0);
    return this.add({
      id,
      projectUuid,
      name: s.name,
      objectKey,
      kmz,
      updateTime,
      purpose: s.purpose,
      speed: s.speed,
      photoWaypoints,
    });
  }

  /**
   * Registers an uploaded (already validated) KMZ; a name may repeat, as live (docs/api.md#finish-upload).
   */
  registerUpload(
    projectUuid: string,
    name: string,
    objectKey: string,
    kmz: Buffer | ZipSource,
    now: number,
  ): RouteRecord {
    this.registered++;
    const id = uuidFrom(this.seed, 'upload', this.registered);
    return this.add({
      id,
      projectUuid,
      name,
      objectKey,
      kmz,
      updateTime: now,
      purpose: 'uploaded',
      speed: DEFAULT_SPEED,
    });
  }

  private add(input: {
    id: string;
    projectUuid: string;
    name: string;
    objectKey: string;
    kmz: Buffer | ZipSource;
    updateTime: number;
    purpose: RoutePurpose;
    speed: number;
    photoWaypoints?: readonly number[];
  }): RouteRecord {
    const { id, projectUuid, name, objectKey, kmz, updateTime, purpose, speed, photoWaypoints } = input;
    const result = summarizeKmz(kmz);
    if (!result.ok) throw new Error(`route "${name}" is not valid WPML: ${result.reason}`);
    const s = result.summary;
    const waypoints = s.waypoints.map((w) => ({
      longitude: w.longitude,
      latitude: w.latitude,
      height: w.height,
    }));
    const route: RouteRecord = {
      id,
      projectUuid,
      name,
      objectKey,
      size: Buffer.isBuffer(kmz) ? kmz.length : kmz.size,
      deviceModelKey: s.deviceModelKey,
      payloadInformation: s.payloadInformation.map((p) => ({
        domain: p.domain,
        type: p.type,
        lens_type: p.lens_type,
      })),
      templateTypes: [...s.templateTypes],
      updateTime,
      distance: Math.round(s.distance * 10) / 10,
      waypointCount: s.waypointCount,
      waypoints,
      speed,
      // Uploaded routes: every waypoint is assumed to take a photo (we do not interpret actions here).
      photoWaypoints: photoWaypoints ?? waypoints.map((_, k) => k),
      purpose,
    };
    this.routes.set(id, route);
    return route;
  }

  get(projectUuid: string, id: string): RouteRecord | undefined {
    const route = this.routes.get(id);
    return route?.projectUuid === projectUuid ? route : undefined;
  }

  byId(id: string): RouteRecord | undefined {
    return this.routes.get(id);
  }

  inProject(projectUuid: string): RouteRecord[] {
    return [...this.routes.values()].filter((r) => r.projectUuid === projectUuid);
  }

  /** Routes seeded tasks of this dock may fly: patrols made for its aircraft. */
  flyableBy(dock: DockSeed): RouteRecord[] {
    const key = MODELS[dock.aircraft.model].key;
    return this.inProject(dock.projectUuid).filter((r) => r.purpose === 'patrol' && r.deviceModelKey === key);
  }

  /** The seeded KMZ bytes, served by the virtual resolver until (or unless) the store has them. */
  bytesOf(key: string): Buffer | undefined {
    return this.seededBytes.get(key);
  }

  get uploadsRegistered(): number {
    return this.registered;
  }

  plan(route: RouteRecord, dock: DockSeed): FlightPlan {
    const cacheKey = `${route.id}|${dock.sn}`;
    let plan = this.plans.get(cacheKey);
    if (!plan) {
      plan = buildFlightPlan(dock.location, route.waypoints, route.speed, route.photoWaypoints);
      this.plans.set(cacheKey, plan);
    }
    return plan;
  }
}
