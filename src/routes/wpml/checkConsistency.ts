// template.kml against waylines.wpml (docs/wpml.md#consistency, rule 9). The dock flies waylines.wpml while
// FlightHub and Pilot 2 show and edit template.kml, so where the two disagree the route on screen is not
// the route flown. All warnings: either file may be the one that is right.
import type { Positions } from './checkFolders';
import { parseDecimal, type CheckContext, type LatLon } from './fieldChecks';
import { fieldName, shown, waypointLabel } from './messages';
import { parseInteger } from './values';
import { MISSION_FIELDS, type Field, type MissionConfig, type RouteModel } from './wpml';

/**
 * Template heightMode → executeHeightModes it may become. EGM96 has no executed form: DJI converts it to
 * WGS84 ellipsoid heights; terrain-following plans (aboveGroundLevel) are converted with a DSM into
 * absolute or relative heights [INFERRED]. Relative ↔ absolute is the mistake docs/wpml.md#heights warns
 * about.
 */
const COMPATIBLE_MODES: Readonly<Record<string, readonly string[]>> = {
  relativeToStartPoint: ['relativeToStartPoint'],
  EGM96: ['WGS84'],
  aboveGroundLevel: ['WGS84', 'relativeToStartPoint'],
  realTimeFollowSurface: ['realTimeFollowSurface'],
};

/** ~0.1 m: both files are written from the same numbers, so anything more is a real difference. */
const SAME_POSITION_DEG = 1e-6;

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseDecimal(a);
  if (x !== undefined) return x === parseDecimal(b);
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

export function checkConsistency(
  model: RouteModel,
  ctx: CheckContext,
  templatePositions: Positions,
  waylinePositions: Positions,
): void {
  const { template, waylines } = model;
  if (template.wpmlNamespace !== waylines.wpmlNamespace) {
    ctx.sink.warning(
      'wpml.consistency.namespace',
      {
        en: `waylines.wpml uses ${waylines.wpmlNamespace} but template.kml uses ${template.wpmlNamespace}; files written together use one WPML version.`,
        zh: `waylines.wpml 使用 ${waylines.wpmlNamespace}，而 template.kml 使用 ${template.wpmlNamespace}；同一航线的两个文件应使用相同的 WPML 版本。`,
      },
      { file: waylines.path, line: waylines.document.line, column: waylines.document.column },
    );
  }
  if (template.missionConfig && waylines.missionConfig)
    compareMission(template.missionConfig, waylines.missionConfig, ctx);

  for (const w of waylines.folders) {
    const id = parseInteger(w.templateId);
    const t = template.folders.find((f) => id !== undefined && parseInteger(f.templateId) === id);
    if (!t) continue; // a dangling templateId is reported with the wayline
    const tMode = t.heightMode?.value;
    const wMode = w.executeHeightMode;
    const allowed = tMode === undefined ? undefined : COMPATIBLE_MODES[tMode];
    if (allowed && wMode && EXECUTE_MODES.has(wMode.value) && !allowed.includes(wMode.value)) {
      ctx.sink.warning(
        'wpml.consistency.height_mode',
        {
          en: `wpml:executeHeightMode is ${wMode.value} but the template's wpml:heightMode is ${tMode}, which executes as ${allowed.join(' or ')}; the aircraft would fly the heights in another reference than planned.`,
          zh: `执行高度模式（wpml:executeHeightMode）为 ${wMode.value}，而模板的航点高程参考平面（wpml:heightMode）为 ${tMode}，执行时应为 ${allowed.join(' 或 ')}；飞行高度将与规划的参考面不一致。`,
        },
        wMode,
      );
    }
    const planned = templatePositions.get(t);
    const flown = waylinePositions.get(w);
    if (!planned || !flown) continue;
    if (planned.length !== flown.length) {
      ctx.sink.warning(
        'wpml.consistency.waypoint_count',
        {
          en: `The wayline has ${flown.length} waypoints but its template (templateId ${id}) has ${planned.length}; waylines.wpml should be generated from template.kml.`,
          zh: `该航线有 ${flown.length} 个航点，而对应模板（templateId ${id}）有 ${planned.length} 个；waylines.wpml 应由 template.kml 生成。`,
        },
        { file: waylines.path, line: w.line, column: w.column },
      );
      continue;
    }
    comparePositions(planned, flown, t.placemarks, w.waypoints, ctx);
  }
}

const EXECUTE_MODES = new Set(['WGS84', 'relativeToStartPoint', 'realTimeFollowSurface']);

function compareMission(t: MissionConfig, w: MissionConfig, ctx: CheckContext): void {
  const pairs: [string, Field | undefined, Field | undefined][] = MISSION_FIELDS.map((k) => [k, t[k], w[k]]);
  pairs.push(['droneEnumValue', t.drone?.droneEnumValue, w.drone?.droneEnumValue]);
  pairs.push(['droneSubEnumValue', t.drone?.droneSubEnumValue, w.drone?.droneSubEnumValue]);
  w.payloads.forEach((p, i) => {
    const q = t.payloads[i];
    pairs.push(['payloadEnumValue', q?.payloadEnumValue, p.payloadEnumValue]);
    pairs.push(['payloadPositionIndex', q?.payloadPositionIndex, p.payloadPositionIndex]);
  });
  for (const [name, a, b] of pairs) {
    if (!a || !b || sameValue(a.value, b.value)) continue;
    const f = fieldName(name);
    ctx.sink.warning(
      'wpml.consistency.mission',
      {
        en: `${f.en} is "${shown(b.value)}" in waylines.wpml but "${shown(a.value)}" in template.kml (line ${a.line}); the dock flies waylines.wpml while FlightHub shows template.kml, so they should match.`,
        zh: `${f.zh}在 waylines.wpml 中为“${shown(b.value)}”，在 template.kml 中为“${shown(a.value)}”（第 ${a.line} 行）；机场执行 waylines.wpml，而 FlightHub 显示的是 template.kml，两者应一致。`,
      },
      b,
    );
  }
}

function comparePositions(
  planned: readonly (LatLon | undefined)[],
  flown: readonly (LatLon | undefined)[],
  placemarks: readonly { readonly coordinates?: Field }[],
  waypoints: readonly { readonly coordinates?: Field; readonly index?: Field }[],
  ctx: CheckContext,
): void {
  let first = -1;
  let differing = 0;
  flown.forEach((b, i) => {
    const a = planned[i];
    if (!a || !b) return;
    if (
      Math.abs(a.latitude - b.latitude) <= SAME_POSITION_DEG &&
      Math.abs(a.longitude - b.longitude) <= SAME_POSITION_DEG
    )
      return;
    differing++;
    if (first === -1) first = i;
  });
  const w = waypoints[first];
  if (first === -1 || !w?.coordinates) return;
  const label = waypointLabel(w.index?.value ?? `#${first}`);
  const planText = placemarks[first]?.coordinates?.value ?? '?';
  ctx.sink.warning(
    'wpml.consistency.waypoint_position',
    {
      en: `${label.en}: Point/coordinates "${w.coordinates.value}" differs from template.kml ("${planText}"); ${differing} waypoint${differing === 1 ? '' : 's'} of this wayline differ from the template.`,
      zh: `${label.zh}：航点经纬度“${w.coordinates.value}”与 template.kml 中的“${planText}”不同；该航线共有 ${differing} 个航点与模板不一致。`,
    },
    w.coordinates,
  );
}
