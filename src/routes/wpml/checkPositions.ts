// Where a wayline's waypoints are as a whole: written latitude-first by mistake
// (a warning: only a guess from the take-off point), or too few or so close together that the route has
// no length — registered at upload, but refused when a task is created for it (219019), so errors.
import { locationOf, type CheckContext, type LatLon, type RefPoint } from './fieldChecks';
import type { FindingSink, Location } from './findings';
import { waypointLabel } from './messages';
import { haversine } from './values';
import { type Waypoint, type WaylineFolder } from './wpml';

/** Far enough from take-off to be wrong for a dock, and near once swapped: a lat/lon mix-up [INFERRED]. */
const SWAP_FAR_M = 50_000;
const SWAP_NEAR_M = 20_000;

/**
 * A position written as "latitude,longitude" is still valid wherever |longitude| ≤ 90 (Europe, Africa,
 * the Americas' east): only the take-off point can tell. When every waypoint is "swapped", one value is
 * more likely wrong than all of them — takeOffRefPoint (latitude first) — and that is reported instead.
 */
export function checkSwappedPositions(
  list: readonly Waypoint[],
  positions: readonly (LatLon | undefined)[],
  ref: RefPoint,
  refField: Location | undefined,
  sink: FindingSink,
): void {
  const suspects: number[] = [];
  let valid = 0;
  positions.forEach((p, i) => {
    if (!p) return;
    valid++;
    const swapped = { longitude: p.latitude, latitude: p.longitude };
    if (
      Math.abs(p.longitude) <= 90 &&
      haversine(p, ref) > SWAP_FAR_M &&
      haversine(swapped, ref) < SWAP_NEAR_M
    )
      suspects.push(i);
  });
  if (suspects.length === 0) return;
  // Warnings: a guess from distances, and FlightHub flies such a route where it says.
  const km = (p: LatLon): number => Math.round(haversine(p, ref) / 1000);
  if (suspects.length === valid && valid > 1 && refField) {
    const first = positions[suspects[0] ?? 0] ?? ref;
    sink.warning(
      'wpml.mission.take_off_ref_point.swapped',
      {
        en: `wpml:takeOffRefPoint is ${km(first)} km from every waypoint, but next to them with latitude and longitude swapped; takeOffRefPoint is "latitude,longitude,height" while Point/coordinates are "longitude,latitude" — one of them is swapped.`,
        zh: `参考起飞点（wpml:takeOffRefPoint）距所有航点约 ${km(first)} 公里，但交换经纬度后就在航点附近；参考起飞点格式为“纬度,经度,高度”，而航点坐标为“经度,纬度”，其中之一写反了。`,
      },
      refField,
    );
    return;
  }
  for (const i of suspects) {
    const w = list[i];
    const p = positions[i];
    if (!w?.coordinates || !p) continue;
    const label = waypointLabel(w.index?.value ?? `#${i}`);
    sink.warning(
      'wpml.waypoint.coordinates.swapped',
      {
        en: `${label.en}: Point/coordinates "${w.coordinates.value}" is ${km(p)} km from the take-off point, but next to it with longitude and latitude swapped; KML coordinates are "longitude,latitude".`,
        zh: `${label.zh}：航点经纬度“${w.coordinates.value}”距参考起飞点 ${km(p)} 公里，但交换经纬度后就在起飞点附近；KML 坐标应为“经度,纬度”。`,
      },
      w.coordinates,
    );
  }
}

/**
 * Rule 7 (docs/wpml.md#waypoints): a route FlightHub can fly has two waypoints or more, at different places.
 */
export function checkLength(
  f: WaylineFolder,
  list: readonly (LatLon | undefined)[],
  ctx: CheckContext,
  path: string,
): void {
  const n = f.waypoints.length;
  const at = locationOf(f, path);
  if (n < 2) {
    // Refused at task creation: 219019, seen live for a 1-waypoint route (and in world/taskOps.ts).
    ctx.sink.error(
      'wpml.route.too_few_waypoints',
      {
        en: `The wayline has ${n} waypoint${n === 1 ? '' : 's'}; FlightHub needs at least 2 and refuses the task otherwise (219019).`,
        zh: `该航线只有 ${n} 个航点；FlightHub 至少需要 2 个航点，否则创建任务会失败（219019）。`,
      },
      at,
    );
    return;
  }
  let distance = 0;
  for (let i = 1; i < n; i++) {
    const a = list[i - 1];
    const b = list[i];
    if (!a || !b) return; // an invalid position is reported already; its length is unknown
    distance += haversine(a, b);
  }
  if (distance < 0.01) {
    // Refused at task creation like a single waypoint: 219019 (simulator: world/taskOps.ts).
    ctx.sink.error(
      'wpml.route.zero_distance',
      {
        en: `All ${n} waypoints are at the same position, so the route is 0 m long; FlightHub refuses such a route (219019).`,
        zh: `全部 ${n} 个航点位于同一位置，航线长度为 0 米；FlightHub 会拒绝此类航线（219019）。`,
      },
      at,
    );
  }
}
