// Waypoint Placemarks (docs/wpml.md#waypoints, rules 6 and 9): position, index sequence, heights, speeds,
// heading and turn parameters; action groups are checked in checkActions.ts. Runs once per placemark of
// a 5,000-waypoint route, so it allocates little unless something is wrong.
import { checkActionGroups } from './checkActions';
import {
  checkEnum,
  checkNumber,
  fieldOf,
  inRange,
  leafText,
  locationOf,
  parseDecimal,
  type CheckContext,
  type LatLon,
  type RefPoint,
  type Scope,
} from './fieldChecks';
import type { FindingSink, Location, Text } from './findings';
import { expectNumber, missingField, waypointLabel, wrongValue, type NumberRange } from './messages';
import {
  EXECUTE_HEIGHT_RANGES,
  HEADING_MODES,
  HEADING_PATH_MODES,
  MAX_ROUTE_SPEED,
  TURN_MODES,
} from './rules';
import type { Waypoint } from './wpml';
import type { XmlElement } from '../xml/xml';
import { findChild } from '../xml/query';

export interface PlacemarkContext {
  readonly ctx: CheckContext;
  /** The file's wpml namespace URI (1.0.2, 1.0.6 …), for elements the model does not collect. */
  readonly ns: string;
  readonly file: string;
  /** waylines.wpml Placemarks execute: they need executeHeight; template ones carry height instead. */
  readonly kind: 'template' | 'wayline';
  /** The wayline's executeHeightMode, when valid. */
  readonly heightMode?: string;
  readonly ref?: RefPoint;
}

const LON_LAT = { en: '"longitude,latitude[,altitude]" (KML order)', zh: '“经度,纬度[,高度]”（KML 顺序）' };

const INDEX = { integer: true, min: 0 } as const;
const SPEED = { min: 0, minExclusive: true, unit: 'm/s' } as const;
const OPTIONAL = { required: false } as const;

/** A waypoint's scope; its "Waypoint 3" label is made only when a message needs it. */
class PlacemarkScope implements Scope {
  private label: Text | undefined;

  constructor(
    readonly sink: FindingSink,
    private readonly w: Waypoint,
    private readonly position: number,
  ) {}

  get where(): Text {
    return (this.label ??= waypointLabel(this.w.index?.value ?? `#${this.position}`));
  }
}

/**
 * Per-Folder constants, worked out once rather than per placemark. Out-of-range heights are warnings:
 * the ranges are ours [INFERRED] and finish-upload only needs a number (hardRules.ts).
 */
interface Heights {
  readonly range: NumberRange;
  readonly options: { readonly rangeSeverity: 'warning'; readonly note?: Text };
}

function heightsFor(mode: string | undefined): Heights {
  const range = (mode && EXECUTE_HEIGHT_RANGES[mode]) || {};
  const note = mode ? { en: `executeHeightMode ${mode}`, zh: `执行高度模式为 ${mode}` } : undefined;
  return {
    range: { ...range, unit: 'm' },
    options: note ? { rangeSeverity: 'warning', note } : { rangeSeverity: 'warning' },
  };
}

/** Checks the placemarks of one Folder; returns their positions (undefined where invalid). */
export function checkPlacemarks(list: readonly Waypoint[], pc: PlacemarkContext): (LatLon | undefined)[] {
  const n = list.length;
  const sink = pc.ctx.sink;
  const positions: (LatLon | undefined)[] = new Array<LatLon | undefined>(n);
  const indices: (number | undefined)[] = new Array<number | undefined>(n);
  const groupIds = new Map<number, Location>();
  const heights = heightsFor(pc.heightMode);
  for (let i = 0; i < n; i++) {
    const w = list[i];
    if (!w) continue;
    const s = new PlacemarkScope(sink, w, i);
    positions[i] = checkCoordinates(w, s);
    indices[i] = checkNumber(s, 'wpml.waypoint.index', 'index', w.index, INDEX, w);
    checkHeights(w, s, pc, heights);
    const v = checkNumber(s, 'wpml.waypoint.speed', 'waypointSpeed', w.waypointSpeed, SPEED, w, OPTIONAL);
    // Above what the aircraft flies, it flies slower; FlightHub accepts the route. A warning.
    if (v !== undefined && v > MAX_ROUTE_SPEED && w.waypointSpeed) {
      const expected = expectNumber({ ...SPEED, max: MAX_ROUTE_SPEED });
      s.sink.warning(
        'wpml.waypoint.speed.high',
        wrongValue('waypointSpeed', w.waypointSpeed.value, expected, s.where),
        w.waypointSpeed,
      );
    }
    checkHeadingAndTurn(w, s, pc);
    if (w.actionGroups.length > 0) checkActionGroups(w, n, s, groupIds);
  }
  checkIndexSequence(list, indices, pc);
  return positions;
}

/** `lon,lat[,alt]` allows spaces around the numbers (DJI files have none; hand edits do). */
function decimal(text: string): number | undefined {
  return parseDecimal(text) ?? parseDecimal(text.trim());
}

function checkCoordinates(w: Waypoint, s: Scope): LatLon | undefined {
  const f = w.coordinates;
  if (!f) {
    s.sink.error('wpml.waypoint.coordinates.missing', missingField('coordinates', LON_LAT, s.where), w);
    return undefined;
  }
  // indexOf/slice rather than split/map: this runs for every placemark of both files.
  const v = f.value;
  const c1 = v.indexOf(',');
  const c2 = c1 === -1 ? -1 : v.indexOf(',', c1 + 1);
  const longitude = c1 === -1 ? undefined : decimal(v.slice(0, c1));
  const latitude = c1 === -1 ? undefined : decimal(c2 === -1 ? v.slice(c1 + 1) : v.slice(c1 + 1, c2));
  const altitude = c2 === -1 ? 0 : decimal(v.slice(c2 + 1));
  if (longitude === undefined || latitude === undefined || altitude === undefined) {
    s.sink.error(
      'wpml.waypoint.coordinates.invalid',
      wrongValue('coordinates', f.value, LON_LAT, s.where),
      f,
    );
    return undefined;
  }
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) {
    const swapped = Math.abs(latitude) <= 180 && Math.abs(longitude) <= 90;
    const expected = {
      en: `longitude in [-180, 180] and latitude in [-90, 90]${swapped ? '; it looks like latitude,longitude — KML puts longitude first' : ''}`,
      zh: `经度在 -180 到 180 之间、纬度在 -90 到 90 之间${swapped ? '；看起来写成了“纬度,经度”，KML 应先写经度' : ''}`,
    };
    s.sink.error('wpml.waypoint.coordinates.range', wrongValue('coordinates', f.value, expected, s.where), f);
    return undefined;
  }
  if (longitude === 0 && latitude === 0) {
    const expected = {
      en: 'a real position (0,0 is an unset point in the Gulf of Guinea)',
      zh: '真实的位置（0,0 是未设置的点，位于几内亚湾）',
    };
    s.sink.error('wpml.waypoint.coordinates.zero', wrongValue('coordinates', f.value, expected, s.where), f);
    return undefined;
  }
  return { longitude, latitude };
}

const HEIGHT = { unit: 'm' } as const;
const DEGREES = { min: -180, max: 180, unit: '°' } as const;

function checkHeights(w: Waypoint, s: Scope, pc: PlacemarkContext, heights: Heights): void {
  if (pc.kind === 'template') {
    checkNumber(s, 'wpml.waypoint.height', 'height', w.height, HEIGHT, w, OPTIONAL);
    checkNumber(
      s,
      'wpml.waypoint.ellipsoid_height',
      'ellipsoidHeight',
      w.ellipsoidHeight,
      HEIGHT,
      w,
      OPTIONAL,
    );
    return;
  }
  const h = checkNumber(
    s,
    'wpml.waypoint.execute_height',
    'executeHeight',
    w.executeHeight,
    heights.range,
    w,
    heights.options,
  );
  // docs/wpml.md#heights: in WGS84 mode heights are ellipsoid heights; one below the take-off point's own is
  // almost always a height relative to take-off written into an absolute mode. Accepted and flown: a warning.
  const ref = pc.ref;
  if (h !== undefined && w.executeHeight && pc.heightMode === 'WGS84' && ref && h < ref.height) {
    s.sink.warning(
      'wpml.waypoint.execute_height.below_takeoff',
      {
        en: `${s.where?.en ?? 'Waypoint'}: wpml:executeHeight ${h} m (WGS84 ellipsoid height) is below the take-off point at ${ref.height} m; heights relative to take-off need executeHeightMode relativeToStartPoint.`,
        zh: `${s.where?.zh ?? '航点'}：航点执行高度 ${h} 米（WGS84 椭球高）低于参考起飞点的 ${ref.height} 米；如果是相对起飞点的高度，执行高度模式应为 relativeToStartPoint。`,
      },
      w.executeHeight,
    );
  }
}

const HEADING_SET: ReadonlySet<string> = new Set(HEADING_MODES);
const HEADING_PATH_SET: ReadonlySet<string> = new Set(HEADING_PATH_MODES);
const TURN_SET: ReadonlySet<string> = new Set(TURN_MODES);

/**
 * waypointHeadingParam and waypointTurnParam are not in the model: read from the element. Valid values
 * take a fast path without building Fields; anything else goes through the common checks for its message.
 */
function checkHeadingAndTurn(w: Waypoint, s: Scope, pc: PlacemarkContext): void {
  const { ns, file } = pc;
  for (const child of w.element.children) {
    if (child.type !== 'element' || child.uri !== ns) continue;
    if (child.local === 'waypointHeadingParam') {
      let mode: XmlElement | undefined;
      let path: XmlElement | undefined;
      let angle: XmlElement | undefined;
      for (const c of child.children) {
        if (c.type !== 'element' || c.uri !== ns) continue;
        if (c.local === 'waypointHeadingMode') mode ??= c;
        else if (c.local === 'waypointHeadingPathMode') path ??= c;
        else if (c.local === 'waypointHeadingAngle') angle ??= c;
      }
      if (!mode || !HEADING_SET.has(leafText(mode))) {
        const f = mode && fieldOf(mode, file);
        checkEnum(
          s,
          'wpml.waypoint.heading_mode',
          'waypointHeadingMode',
          f,
          HEADING_MODES,
          locationOf(child, file),
        );
      }
      if (path && !HEADING_PATH_SET.has(leafText(path))) {
        const f = fieldOf(path, file);
        checkEnum(
          s,
          'wpml.waypoint.heading_path_mode',
          'waypointHeadingPathMode',
          f,
          HEADING_PATH_MODES,
          locationOf(child, file),
        );
      }
      const degrees = angle && parseDecimal(leafText(angle));
      if (angle && (degrees === undefined || !inRange(degrees, DEGREES))) {
        const f = fieldOf(angle, file);
        checkNumber(
          s,
          'wpml.waypoint.heading_angle',
          'waypointHeadingAngle',
          f,
          DEGREES,
          locationOf(child, file),
        );
      }
    } else if (child.local === 'waypointTurnParam') {
      const mode = findChild(child, ns, 'waypointTurnMode');
      if (!mode || !TURN_SET.has(leafText(mode))) {
        const at = { file, line: child.line, column: child.column };
        checkEnum(
          s,
          'wpml.waypoint.turn_mode',
          'waypointTurnMode',
          mode && fieldOf(mode, file),
          TURN_MODES,
          at,
        );
      }
    }
  }
}

/** Rule 6 (docs/wpml.md#waypoints): `wpml:index` is 0..n−1, in document order, without gaps or repeats. */
function checkIndexSequence(
  list: readonly Waypoint[],
  indices: readonly (number | undefined)[],
  pc: PlacemarkContext,
): void {
  const sink = pc.ctx.sink;
  const n = list.length;
  let inOrder = true;
  for (let i = 0; i < n && inOrder; i++) inOrder = indices[i] === i;
  if (inOrder) return; // the usual case, without building the map below
  if (indices.some((v) => v === undefined)) return; // reported already; a sequence check would only echo it
  const firstAt = new Map<number, number>();
  let repeated = false;
  indices.forEach((v, i) => {
    const at = list[i]?.index;
    if (v === undefined || !at) return;
    const first = firstAt.get(v);
    if (first === undefined) {
      firstAt.set(v, i);
      return;
    }
    repeated = true;
    sink.error(
      'wpml.waypoint.index.duplicate',
      {
        en: `wpml:index ${v} is used again (first by the placemark at position ${first}); each index must appear once, 0 to ${n - 1}.`,
        zh: `航点序号（wpml:index）${v} 重复（第一次出现在位置 ${first}）；每个序号只能出现一次，范围 0 到 ${n - 1}。`,
      },
      at,
    );
  });
  if (repeated) return;
  let missing = 0;
  let firstMissing = -1;
  for (let k = 0; k < n; k++) {
    if (firstAt.has(k)) continue;
    missing++;
    if (firstMissing === -1) firstMissing = k;
  }
  if (firstMissing !== -1) {
    const pos = indices.findIndex((v) => v !== undefined && v > firstMissing);
    const at = list[pos]?.index ?? list[0]?.index;
    if (!at) return;
    sink.error(
      'wpml.waypoint.index.gap',
      {
        en: `wpml:index jumps to ${indices[pos]} without ${firstMissing}; the ${n} placemarks must be numbered 0 to ${n - 1} without gaps (${missing} missing).`,
        zh: `航点序号（wpml:index）跳到了 ${indices[pos]}，缺少 ${firstMissing}；${n} 个航点必须从 0 到 ${n - 1} 连续编号（缺少 ${missing} 个）。`,
      },
      at,
    );
    return;
  }
  const pos = indices.findIndex((v, i) => v !== i);
  const at = list[pos]?.index;
  if (pos === -1 || !at) return;
  sink.error(
    'wpml.waypoint.index.order',
    {
      en: `wpml:index ${indices[pos]} is at position ${pos}; placemarks must be in index order (0, 1, 2, …), the aircraft flies them as listed.`,
      zh: `航点序号（wpml:index）${indices[pos]} 位于第 ${pos} 个位置；航点必须按序号顺序（0, 1, 2, …）排列，飞行器按文件中的顺序飞行。`,
    },
    at,
  );
}
