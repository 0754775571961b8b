// Generates real DJI WPML route files (KMZ) for the simulator's seeded routes and for tests, exactly in
// the layout of /work/shared/flighthub2/WPML.md: wpmz/template.kml (the editable template) and
// wpmz/waylines.wpml (what the dock executes), with one missionConfig shared by both and values inside
// the dock ranges (takeOffSecurityHeight ≥ 8 m, speeds ≤ 15 m/s).
import { haversine } from '../routes/wpml';
import { writeZip } from '../routes/zip';
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

function el(name: string, value: string | number): string {
  return `<wpml:${name}>${value}</wpml:${name}>`;
}

function header(r: Route): string {
  // The name is informational only (FlightHub takes the display name at finish-upload), so a comment
  // carries it without inventing elements; "--" is not allowed inside XML comments.
  const printable = [...r.name].map((c) => (c < ' ' ? ' ' : c)).join('');
  const name = printable.replace(/-(?=-)|-$/g, '- ');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<!-- ${name} -->\n` +
    `<kml xmlns="${KML}" xmlns:wpml="http://www.dji.com/wpmz/${r.wpmlVersion}">\n<Document>\n`
  );
}

function missionConfig(r: Route): string {
  return [
    '<wpml:missionConfig>',
    el('flyToWaylineMode', 'safely'),
    el('finishAction', 'goHome'),
    el('exitOnRCLost', 'executeLostAction'),
    el('executeRCLostAction', 'goBack'),
    el('takeOffSecurityHeight', 20),
    el('globalTransitionalSpeed', 10),
    el('globalRTHHeight', 100),
    `<wpml:droneInfo>${el('droneEnumValue', r.droneEnumValue)}${el('droneSubEnumValue', r.droneSubEnumValue)}</wpml:droneInfo>`,
    '<wpml:payloadInfo>' +
      el('payloadEnumValue', r.payloadEnumValue) +
      el('payloadSubEnumValue', 0) +
      el('payloadPositionIndex', 0) +
      '</wpml:payloadInfo>',
    '</wpml:missionConfig>',
  ].join('\n');
}

function photoGroup(r: Route, index: number): string {
  if (r.takePhotoEvery === 0 || index % r.takePhotoEvery !== 0) return '';
  return (
    '<wpml:actionGroup>' +
    el('actionGroupId', index / r.takePhotoEvery) +
    el('actionGroupStartIndex', index) +
    el('actionGroupEndIndex', index) +
    el('actionGroupMode', 'sequence') +
    `<wpml:actionTrigger>${el('actionTriggerType', 'reachPoint')}</wpml:actionTrigger>` +
    '<wpml:action>' +
    el('actionId', 0) +
    el('actionActuatorFunc', 'takePhoto') +
    '<wpml:actionActuatorFuncParam>' +
    el('payloadPositionIndex', 0) +
    el('fileSuffix', `p${index}`) +
    el('payloadLensIndex', r.lens) +
    el('useGlobalPayloadLensIndex', 1) +
    '</wpml:actionActuatorFuncParam></wpml:action></wpml:actionGroup>\n'
  );
}

function coordinates(w: RoutePoint): string {
  return `<Point><coordinates>${dec(w.longitude, 10)},${dec(w.latitude, 10)}</coordinates></Point>`;
}

function templateKml(r: Route): string {
  const now = String(Date.UTC(2024, 0, 1)); // fixed, so the same options give the same bytes
  const out = [
    header(r),
    el('author', 'FlightHub 2 Workbench'),
    el('createTime', now),
    el('updateTime', now),
  ];
  out.push(missionConfig(r), '<Folder>', el('templateType', 'waypoint'), el('templateId', 0));
  out.push(
    '<wpml:waylineCoordinateSysParam>' +
      el('coordinateMode', 'WGS84') +
      el('heightMode', r.heightMode) +
      '</wpml:waylineCoordinateSysParam>',
    el('autoFlightSpeed', dec(r.speed, 2)),
    el('globalHeight', dec(r.waypoints[0]?.height ?? 100, 3)),
    el('caliFlightEnable', 0),
    el('gimbalPitchMode', 'usePointSetting'),
    '<wpml:globalWaypointHeadingParam>' +
      el('waypointHeadingMode', 'followWayline') +
      el('waypointHeadingAngle', 0) +
      el('waypointPoiPoint', '0.000000,0.000000,0.000000') +
      el('waypointHeadingPoiIndex', 0) +
      '</wpml:globalWaypointHeadingParam>',
    el('globalWaypointTurnMode', 'toPointAndStopWithDiscontinuityCurvature'),
    el('globalUseStraightLine', 1),
  );
  r.waypoints.forEach((w, i) => {
    // Heights differ per point, so useGlobalHeight=0. EGM96/WGS84 heights are written to both fields
    // unchanged: the simulator has no geoid model, and nothing it flies depends on the difference.
    const h = dec(w.height, 3);
    out.push(
      `<Placemark>${coordinates(w)}${el('index', i)}${el('ellipsoidHeight', h)}${el('height', h)}` +
        el('useGlobalHeight', 0) +
        el('useGlobalSpeed', 1) +
        el('useGlobalHeadingParam', 1) +
        el('useGlobalTurnParam', 1) +
        el('useStraightLine', 1) +
        `\n${photoGroup(r, i)}</Placemark>`,
    );
  });
  out.push(
    `<wpml:payloadParam>${el('payloadPositionIndex', 0)}${el('imageFormat', r.lens)}</wpml:payloadParam>`,
  );
  out.push('</Folder>\n</Document>\n</kml>\n');
  return out.join('\n');
}

function waylinesWpml(r: Route): string {
  // waylines.wpml has no EGM96: DJI converts template EGM96 heights to WGS84 here (WPML.md §4).
  const executeHeightMode = r.heightMode === 'relativeToStartPoint' ? 'relativeToStartPoint' : 'WGS84';
  // Duration estimate: cruise time plus ~2 s to stop and start again at each waypoint.
  const duration = Math.round(r.distance / r.speed + 2 * r.waypoints.length);
  const newer = r.wpmlVersion === '1.0.6';
  const out = [
    header(r),
    missionConfig(r),
    '<Folder>',
    el('templateId', 0),
    el('executeHeightMode', executeHeightMode),
  ];
  out.push(
    el('waylineId', 0),
    el('distance', dec(r.distance, 2)),
    el('duration', duration),
    el('autoFlightSpeed', dec(r.speed, 2)),
  );
  r.waypoints.forEach((w, i) => {
    out.push(
      `<Placemark>${coordinates(w)}${el('index', i)}${el('executeHeight', dec(w.height, 3))}` +
        el('waypointSpeed', dec(r.speed, 2)) +
        '<wpml:waypointHeadingParam>' +
        el('waypointHeadingMode', 'followWayline') +
        el('waypointHeadingAngle', 0) +
        el('waypointPoiPoint', '0.000000,0.000000,0.000000') +
        el('waypointHeadingPathMode', 'followBadArc') +
        (newer ? el('waypointHeadingPoiIndex', 0) : '') +
        '</wpml:waypointHeadingParam>' +
        '<wpml:waypointTurnParam>' +
        el('waypointTurnMode', 'toPointAndStopWithDiscontinuityCurvature') +
        el('waypointTurnDampingDist', 0) +
        '</wpml:waypointTurnParam>' +
        el('useStraightLine', 1) +
        (newer
          ? '<wpml:waypointGimbalHeadingParam>' +
            el('waypointGimbalPitchAngle', 0) +
            el('waypointGimbalYawAngle', 0) +
            '</wpml:waypointGimbalHeadingParam>' +
            el('isRisky', 0) +
            el('waypointWorkType', 0)
          : '') +
        `\n${photoGroup(r, i)}</Placemark>`,
    );
  });
  out.push('</Folder>\n</Document>\n</kml>\n');
  return out.join('\n');
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
