// What the route preview shows, built from the route model (src/routes/wpml/wpml.ts) and the validator's
// findings: plain numbers for the page. Pure (no `vscode`), so tests build the same message the panel
// sends. The executed file (waylines.wpml) is drawn; the template's placemarks only stand in when it has
// no positions (a mapping template whose waylines were not generated).
import type { Finding } from '../../routes/wpml/findings';
import { countSeverity } from '../../routes/wpml/findings';
import { findChild, textContent } from '../../routes/xml/query';
import { haversine, parseInteger, parseLonLat, parseNumber } from '../../routes/wpml/values';
import { type Field, type RouteModel, type Waypoint } from '../../routes/wpml/wpml';
import type { RouteView, WaylineView, WaypointView } from '../../webviews/routePreview/protocol';
import { MAX_WAYPOINTS } from '../../webviews/routePreview/protocol';

/** Findings listed in the page; the counts cover all of them. */
const MAX_LISTED = 100;

export function routeView(
  name: string,
  model: RouteModel | undefined,
  findings: readonly Finding[],
  zh = false,
): RouteView {
  return {
    name,
    templateType: model?.template.folders[0]?.templateType?.value ?? null,
    takeOff: model ? takeOffOf(model) : null,
    waylines: model ? waylinesOf(model) : [],
    findings: {
      errors: countSeverity(findings, 'error'),
      warnings: countSeverity(findings, 'warning'),
      infos: countSeverity(findings, 'info'),
      list: findings.slice(0, MAX_LISTED).map((f) => ({
        severity: f.severity,
        text: (zh ? f.message.zh : f.message.en).slice(0, 1000),
        where: `${f.file}:${f.line}:${f.column}`.slice(0, 300),
      })),
    },
    readable: model !== undefined,
  };
}

function waylinesOf(model: RouteModel): WaylineView[] {
  const ns = model.waylines.wpmlNamespace;
  const executed = model.waylines.folders.map((f) =>
    wayline(
      parseInteger(f.waylineId) ?? null,
      f.executeHeightMode,
      parseNumber(f.autoFlightSpeed),
      f.waypoints,
      ns,
    ),
  );
  if (executed.some((w) => w.waypoints.length > 0)) return executed.slice(0, 100);
  const tns = model.template.wpmlNamespace;
  return model.template.folders
    .map((f) => wayline(null, f.heightMode, parseNumber(f.autoFlightSpeed), f.placemarks, tns))
    .filter((w) => w.waypoints.length > 0)
    .slice(0, 100);
}

function wayline(
  id: number | null,
  heightMode: Field | undefined,
  speed: number | undefined,
  placemarks: readonly Waypoint[],
  ns: string,
): WaylineView {
  const waypoints: WaypointView[] = [];
  let distance = 0;
  let previous: { longitude: number; latitude: number } | undefined;
  for (const [i, w] of placemarks.entries()) {
    const at = parseLonLat(w.coordinates);
    // Placemarks without a position (mapping polygons, malformed ones) are the validator's to report.
    if (!at || waypoints.length >= MAX_WAYPOINTS) continue;
    if (previous) distance += haversine(previous, at);
    previous = at;
    waypoints.push({
      index: parseInteger(w.index) ?? i,
      lat: at.latitude,
      lon: at.longitude,
      height: parseNumber(w.executeHeight ?? w.height) ?? null,
      speed: parseNumber(w.waypointSpeed) ?? speed ?? null,
      turnMode: nested(w, ns, 'waypointTurnParam', 'waypointTurnMode'),
      headingMode: nested(w, ns, 'waypointHeadingParam', 'waypointHeadingMode'),
      actions: w.actionGroups
        .flatMap((g) => g.actions.map((a) => a.actionActuatorFunc?.value ?? '?'))
        .slice(0, 500)
        .map((a) => a.slice(0, 60)),
    });
  }
  return {
    id,
    heightMode: heightMode?.value.slice(0, 200) ?? null,
    speed: speed ?? null,
    distance,
    waypoints,
  };
}

/** A field the model keeps only as XML (turn and heading modes sit one element deeper). */
function nested(w: Waypoint, ns: string, group: string, leaf: string): string | null {
  const parent = findChild(w.element, ns, group);
  const el = parent && findChild(parent, ns, leaf);
  return el ? textContent(el).trim().slice(0, 200) : null;
}

/** `wpml:takeOffRefPoint` is `lat,lon,height` (docs/wpml.md#namespaces-and-root), unlike KML coordinates. */
function takeOffOf(model: RouteModel): RouteView['takeOff'] {
  const field = (model.waylines.missionConfig ?? model.template.missionConfig)?.takeOffRefPoint;
  const parts = field?.value.split(',').map((p) => Number(p.trim()));
  if (!parts || parts.length < 2 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lat = 0, lon = 0, height] = parts;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
  return { lat, lon, height: height ?? null };
}
