// What FlightHub 2 derives from an uploaded route for GET /wayline, once the hard checks it applies at
// finish-upload (hardRules.ts) pass; the simulator answers with it too.
import type { ZipSource } from '../zip/zip';
import { checkHardRules } from './hardRules';
import { haversine, parseInteger, parseLonLat, parseNumber } from './values';
import { readRouteModel, RouteError, type RouteModel } from './wpml';

export interface RouteSummary {
  /** `0-<droneEnumValue>-<droneSubEnumValue>`, as device_model.key. */
  readonly deviceModelKey: string;
  readonly payloadInformation: readonly { domain: string; type: string; lens_type: string }[];
  readonly templateTypes: readonly string[];
  /** Placemarks of the first wayline Folder. */
  readonly waypointCount: number;
  /** Metres: `wpml:distance` of the first wayline when given, else the sum of great-circle segments. */
  readonly distance: number;
  readonly waypoints: readonly { longitude: number; latitude: number; height: number }[];
}

export type SummarizeResult =
  { ok: true; summary: RouteSummary } | { ok: false; reason: string; rule: string };

/**
 * What FlightHub derives from an uploaded KMZ, or why finish-upload would reject it (rules 1–6,
 * docs/wpml.md#hard-rules-at-finish-upload).
 */
export function summarizeKmz(buf: Buffer | ZipSource): SummarizeResult {
  try {
    const model = readRouteModel(buf);
    checkHardRules(model);
    return { ok: true, summary: summarizeRoute(model) };
  } catch (error) {
    if (RouteError.is(error)) return { ok: false, reason: error.message, rule: error.rule };
    throw error;
  }
}

/** Assumes checkHardRules passed. */
export function summarizeRoute(model: RouteModel): RouteSummary {
  const mc = model.waylines.missionConfig ?? model.template.missionConfig;
  const drone = parseInteger(mc?.drone?.droneEnumValue) ?? 0;
  const sub = parseInteger(mc?.drone?.droneSubEnumValue) ?? 0;
  const first = model.waylines.folders[0];
  const waypoints = (first?.waypoints ?? []).map((w) => ({
    ...(parseLonLat(w.coordinates) ?? { longitude: 0, latitude: 0 }),
    height: parseNumber(w.executeHeight ?? w.height) ?? 0,
  }));
  let distance = parseNumber(first?.distance) ?? -1;
  if (!(distance >= 0)) {
    distance = 0;
    waypoints.forEach((w, i, all) => (distance += i > 0 ? haversine(all[i - 1] ?? w, w) : 0));
  }
  return {
    deviceModelKey: `0-${drone}-${sub}`,
    payloadInformation: (mc?.payloads ?? []).map((p) => ({
      domain: '1',
      type: String(parseInteger(p.payloadEnumValue) ?? ''),
      lens_type: lensType(model, parseInteger(p.payloadPositionIndex) ?? 0),
    })),
    templateTypes: [
      ...new Set(model.template.folders.flatMap((f) => (f.templateType ? [f.templateType.value] : []))),
    ],
    waypointCount: waypoints.length,
    distance,
    waypoints,
  };
}

/** The template's `imageFormat` for this gimbal, else the first takePhoto lens list, else ''. */
function lensType(model: RouteModel, position: number): string {
  for (const folder of model.template.folders) {
    const param = folder.payloadParams.find((p) => (parseInteger(p.payloadPositionIndex) ?? 0) === position);
    if (param?.imageFormat) return param.imageFormat.value;
  }
  for (const folder of model.waylines.folders) {
    for (const w of folder.waypoints) {
      for (const g of w.actionGroups) {
        const lens = g.actions.find((a) => a.actionActuatorFunc?.value === 'takePhoto')?.params
          .payloadLensIndex;
        if (lens) return lens.value;
      }
    }
  }
  return '';
}
