// Generates real DJI WPML route files (KMZ) for the simulator's seeded routes and for tests, exactly in
// the layout of docs/wpml.md#container: wpmz/template.kml (the editable template) and
// wpmz/waylines.wpml (what the dock executes), with one missionConfig shared by both and values inside
// the dock ranges (takeOffSecurityHeight ≥ 8 m, speeds ≤ 15 m/s).
import { haversine } from '../routes/wpml/values';
import { writeZip } from '../routes/zip/zip';
import { prng } from './random';

export interface RoutePoint {
  readonly longitude: number;
  readonly latitude: number;
  readonly height: number;
}

export interface RouteOptions {
  readonly name: string;
  readonly droneEnumValue: number;
  readonly droneSubEnumValue: number;
  readonly payloadEnumValue: number;
  readonly waypoints: readonly RoutePoint[];
  /** m/s, (0, 15]; default 7. */
  readonly speed?: number;
  readonly heightMode?: 'relativeToStartPoint' | 'EGM96' | 'WGS84';
  /** Adds a takePhoto action group at waypoints 0, N, 2N, … */
  readonly takePhotoEvery?: number;
  readonly wpmlVersion?: '1.0.2' | '1.0.6';
}

const KML = 'http://www.opengis.net/kml/2.2';
/** Main cameras with a thermal lens shoot `wide,ir` in DJI's own routes; others `wide` [INFERRED]. */
const THERMAL_PAYLOADS = new Set([43, 53, 67, 81, 83, 89, 99]);

export function generateRouteKmz(options: RouteOptions): Buffer {
  const route = normalize(options);
  return writeZip([
    { name: 'wpmz/template.kml', data: Buffer.from(templateKml(route), 'utf8') },
    { name: 'wpmz/waylines.wpml', data: Buffer.from(waylinesWpml(route), 'utf8') },
  ]);
}

interface Route extends Required<RouteOptions> {
  readonly lens: string;
  readonly distance: number;
}

function normalize(o: RouteOptions): Route {
  const speed = o.speed ?? 7;
  const every = o.takePhotoEvery ?? 0;
  if (o.waypoints.length === 0) throw new RangeError('A route needs at least one waypoint');
  if (!(speed > 0 && speed <= 15)) throw new RangeError(`speed must be in (0, 15] m/s, got ${speed}`);
  if (!Number.isInteger(every) || every < 0)
    throw new RangeError(`takePhotoEvery must be a whole number ≥ 0`);
  for (const v of [o.droneEnumValue, o.droneSubEnumValue, o.payloadEnumValue]) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`Enum values must be whole numbers ≥ 0, got ${v}`);
  }
  o.waypoints.forEach((w, i) => {
    const inRange = Math.abs(w.longitude) <= 180 && Math.abs(w.latitude) <= 90 && Number.isFinite(w.height);
    if (!inRange || (w.longitude === 0 && w.latitude === 0))
      throw new RangeError(`Waypoint ${i} is not a valid position`);
  });
  let distance = 0;
  o.waypoints.forEach((w, i, all) => (distance += i > 0 ? haversine(all[i - 1] ?? w, w) : 0));
  return {
    ...o,
    speed,
    takePhotoEvery: every,
    heightMode: o.heightMode ?? 'relativeToStartPoint',
    wpmlVersion: o.wpmlVersion ?? '1.0.6',
    lens: THERMAL_PAYLOADS.has(o.payloadEnumValue) ? 'wide,ir' : 'wide',
    distance,
  };
}

/** Fixed-point without exponent notation (DJI readers expect plain decimals), trailing zeros trimmed. */
function dec(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** An element: a leaf with text, or a branch. Values are numbers and enum words, so nothing needs escaping. */
type Tree = readonly [name: string, body: string | number | readonly (Tree | false)[]];

const w = (name: string, body: Tree[1]): Tree => [`wpml:${name}`, body];

/** Indented like DJI's own files, so every field has its own line for diagnostics. */
function render(tree: Tree, depth: number, out: string[]): void {
  const [name, body] = tree;
  const pad = '  '.repeat(depth);
  if (typeof body !== 'object') {
    out.push(`${pad}<${name}>${body}</${name}>`);
    return;
  }
  out.push(`${pad}<${name}>`);
  for (const child of body) if (child) render(child, depth + 1, out);
  out.push(`${pad}</${name}>`);
}

function documentXml(r: Route, children: readonly (Tree | false)[]): string {
  // The name is informational only (FlightHub takes the display name at finish-upload), so a comment
  // carries it without inventing elements; "--" and control characters are not allowed in comments.
  const printable = [...r.name].map((c) => (c < ' ' ? ' ' : c)).join('');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${printable.replace(/-(?=-)|-$/g, '- ')} -->`,
    `<kml xmlns="${KML}" xmlns:wpml="http://www.dji.com/wpmz/${r.wpmlVersion}">`,
  ];
  render(['Document', children], 1, out);
  out.push('</kml>', '');
  return out.join('\n');
}

function missionConfig(r: Route): Tree {
  return w('missionConfig', [
    w('flyToWaylineMode', 'safely'),
    w('finishAction', 'goHome'),
    w('exitOnRCLost', 'executeLostAction'),
    w('executeRCLostAction', 'goBack'),
    w('takeOffSecurityHeight', 20), // dock range is [8, 1500] (docs/wpml.md#mission-config)
    w('globalTransitionalSpeed', 10),
    w('globalRTHHeight', 100),
    w('droneInfo', [w('droneEnumValue', r.droneEnumValue), w('droneSubEnumValue', r.droneSubEnumValue)]),
    w('payloadInfo', [
      w('payloadEnumValue', r.payloadEnumValue),
      w('payloadSubEnumValue', 0),
      w('payloadPositionIndex', 0),
    ]),
  ]);
}

function photoGroup(r: Route, index: number): Tree | false {
  if (r.takePhotoEvery === 0 || index % r.takePhotoEvery !== 0) return false;
  return w('actionGroup', [
    w('actionGroupId', index / r.takePhotoEvery),
    w('actionGroupStartIndex', index),
    w('actionGroupEndIndex', index),
    w('actionGroupMode', 'sequence'),
    w('actionTrigger', [w('actionTriggerType', 'reachPoint')]),
    w('action', [
      w('actionId', 0),
      w('actionActuatorFunc', 'takePhoto'),
      w('actionActuatorFuncParam', [
        w('payloadPositionIndex', 0),
        w('fileSuffix', `p${index}`),
        w('payloadLensIndex', r.lens),
        w('useGlobalPayloadLensIndex', 1),
      ]),
    ]),
  ]);
}

function point(p: RoutePoint): Tree {
  return ['Point', [['coordinates', `${dec(p.longitude, 10)},${dec(p.latitude, 10)}`]]];
}

const POI = '0.000000,0.000000,0.000000';

function templateKml(r: Route): string {
  const now = String(Date.UTC(2024, 0, 1)); // fixed, so the same options give the same bytes
  const placemarks = r.waypoints.map((p, i): Tree => {
    // Heights differ per point, so useGlobalHeight=0. EGM96/WGS84 heights are written to both fields
    // unchanged: the simulator has no geoid model, and nothing it flies depends on the difference.
    const h = dec(p.height, 3);
    return [
      'Placemark',
      [
        point(p),
        w('index', i),
        w('ellipsoidHeight', h),
        w('height', h),
        w('useGlobalHeight', 0),
        w('useGlobalSpeed', 1),
        w('useGlobalHeadingParam', 1),
        w('useGlobalTurnParam', 1),
        w('useStraightLine', 1),
        photoGroup(r, i),
      ],
    ];
  });
  return documentXml(r, [
    w('author', 'FlightHub 2 Workbench'),
    w('createTime', now),
    w('updateTime', now),
    missionConfig(r),
    [
      'Folder',
      [
        w('templateType', 'waypoint'),
        w('templateId', 0),
        w('waylineCoordinateSysParam', [w('coordinateMode', 'WGS84'), w('heightMode', r.heightMode)]),
        w('autoFlightSpeed', dec(r.speed, 2)),
        w('globalHeight', dec(r.waypoints[0]?.height ?? 100, 3)),
        w('caliFlightEnable', 0),
        w('gimbalPitchMode', 'usePointSetting'),
        w('globalWaypointHeadingParam', [
          w('waypointHeadingMode', 'followWayline'),
          w('waypointHeadingAngle', 0),
          w('waypointPoiPoint', POI),
          w('waypointHeadingPoiIndex', 0),
        ]),
        w('globalWaypointTurnMode', 'toPointAndStopWithDiscontinuityCurvature'),
        w('globalUseStraightLine', 1),
        ...placemarks,
        w('payloadParam', [w('payloadPositionIndex', 0), w('imageFormat', r.lens)]),
      ],
    ],
  ]);
}

function waylinesWpml(r: Route): string {
  // waylines.wpml has no EGM96: DJI converts template EGM96 heights to WGS84 here
  // (docs/wpml.md#execution-file).
  const executeHeightMode = r.heightMode === 'relativeToStartPoint' ? 'relativeToStartPoint' : 'WGS84';
  // Duration estimate: cruise time plus ~2 s to stop and start again at each waypoint.
  const duration = Math.round(r.distance / r.speed + 2 * r.waypoints.length);
  const newer = r.wpmlVersion === '1.0.6'; // per-waypoint extras seen in 1.0.6 files (docs/wpml.md#execution-file)
  const placemarks = r.waypoints.map((p, i): Tree => [
    'Placemark',
    [
      point(p),
      w('index', i),
      w('executeHeight', dec(p.height, 3)),
      w('waypointSpeed', dec(r.speed, 2)),
      w('waypointHeadingParam', [
        w('waypointHeadingMode', 'followWayline'),
        w('waypointHeadingAngle', 0),
        w('waypointPoiPoint', POI),
        w('waypointHeadingPathMode', 'followBadArc'),
        newer && w('waypointHeadingPoiIndex', 0),
      ]),
      w('waypointTurnParam', [
        w('waypointTurnMode', 'toPointAndStopWithDiscontinuityCurvature'),
        w('waypointTurnDampingDist', 0),
      ]),
      w('useStraightLine', 1),
      newer &&
        w('waypointGimbalHeadingParam', [w('waypointGimbalPitchAngle', 0), w('waypointGimbalYawAngle', 0)]),
      newer && w('isRisky', 0),
      newer && w('waypointWorkType', 0),
      photoGroup(r, i),
    ],
  ]);
  return documentXml(r, [
    missionConfig(r),
    [
      'Folder',
      [
        w('templateId', 0),
        w('executeHeightMode', executeHeightMode),
        w('waylineId', 0),
        w('distance', dec(r.distance, 2)),
        w('duration', duration),
        w('autoFlightSpeed', dec(r.speed, 2)),
        ...placemarks,
      ],
    ],
  ]);
}

/**
 * A patrol loop around `center`: `count` waypoints on a jittered, rotated ellipse 60–250 m across,
 * visited in order so the last one leads back towards the first; heights vary smoothly in 60–120 m.
 * Coordinates are rounded to 1e-7° (~1 cm) and heights to 0.1 m so they survive a KMZ round trip.
 */
export function planPatrolRoute(
  center: { longitude: number; latitude: number },
  seed: number,
  count: number,
): RoutePoint[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const random = prng(seed);
  const radius = 60 + random() * 190;
  const aspect = 0.6 + random() * 0.4;
  const rotation = random() * Math.PI;
  const phase = random() * Math.PI * 2;
  const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
  const cosLat = Math.max(0.01, Math.cos((center.latitude * Math.PI) / 180));
  const points: RoutePoint[] = [];
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * i) / count;
    const r = radius * (0.85 + random() * 0.3);
    const x = r * Math.cos(angle);
    const y = r * aspect * Math.sin(angle);
    const east = x * Math.cos(rotation) - y * Math.sin(rotation);
    const north = x * Math.sin(rotation) + y * Math.cos(rotation);
    const height = 90 + 25 * Math.sin(angle + phase) + (random() - 0.5) * 10;
    points.push({
      longitude: round(center.longitude + east / (metresPerDegree * cosLat), 7),
      latitude: round(center.latitude + north / metresPerDegree, 7),
      height: round(Math.min(120, Math.max(60, height)), 1),
    });
  }
  return points;
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
