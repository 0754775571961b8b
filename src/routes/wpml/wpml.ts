// DJI WPML route files (KMZ): a typed, location-keeping model of wpmz/template.kml and
// wpmz/waylines.wpml. The model is lenient (raw text + source position for every field, plus the XML
// element) so the rule-by-rule validator (validate.ts) can report each problem where it is; what
// FlightHub 2 derives from a route is in summary.ts, field values are read by values.ts. The format is
// described in docs/wpml.md.
import { readZip, ZipError, type ZipSource } from '../zip/zip';
import { decodeUtf8, parseXml, XmlError, type XmlElement } from '../xml/xml';
import { findChild, findChildren, textContent } from '../xml/query';

export const KML_NAMESPACE = 'http://www.opengis.net/kml/2.2';
/** WPML 1.0.x; DJI examples use 1.0.2, newer generators 1.0.6 (docs/wpml.md#namespaces-and-root). */
export const WPML_NAMESPACE_PATTERN = /^http:\/\/www\.dji\.com\/wpmz\/1\.0\.[0-9]+$/;
export const TEMPLATE_PATH = 'wpmz/template.kml';
export const WAYLINES_PATH = 'wpmz/waylines.wpml';

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The trimmed text of a leaf element, where that element starts. */
export interface Field extends SourceLocation {
  readonly value: string;
}

export type Fields<K extends string> = { readonly [P in K]?: Field };

export interface Node extends SourceLocation {
  readonly element: XmlElement;
}

/** The missionConfig fields both files carry (docs/wpml.md#mission-config). */
export const MISSION_FIELDS = [
  'flyToWaylineMode',
  'finishAction',
  'exitOnRCLost',
  'executeRCLostAction',
  'takeOffSecurityHeight',
  'globalTransitionalSpeed',
  'globalRTHHeight',
  'takeOffRefPoint',
  'takeOffRefPointAGLHeight',
] as const;
const DRONE = ['droneEnumValue', 'droneSubEnumValue'] as const;
const PAYLOAD = ['payloadEnumValue', 'payloadSubEnumValue', 'payloadPositionIndex'] as const;
const TEMPLATE = [
  'templateType',
  'templateId',
  'autoFlightSpeed',
  'globalHeight',
  'gimbalPitchMode',
] as const;
const COORDINATE_SYS = ['coordinateMode', 'heightMode', 'positioningType'] as const;
const PAYLOAD_PARAM = ['payloadPositionIndex', 'imageFormat'] as const;
const WAYLINE = [
  'templateId',
  'waylineId',
  'executeHeightMode',
  'distance',
  'duration',
  'autoFlightSpeed',
] as const;
const WAYPOINT = [
  'index',
  'executeHeight',
  'height',
  'ellipsoidHeight',
  'waypointSpeed',
  'useGlobalHeight',
] as const;
const GROUP = ['actionGroupId', 'actionGroupStartIndex', 'actionGroupEndIndex', 'actionGroupMode'] as const;
const TRIGGER = ['actionTriggerType', 'actionTriggerParam'] as const;
const ACTION = ['actionId', 'actionActuatorFunc'] as const;

export type MissionConfig = Node &
  Fields<(typeof MISSION_FIELDS)[number]> & {
    readonly drone?: Node & Fields<(typeof DRONE)[number]>;
    readonly payloads: readonly (Node & Fields<(typeof PAYLOAD)[number]>)[];
  };

export type Action = Node &
  Fields<(typeof ACTION)[number]> & { readonly params: Readonly<Record<string, Field>> };

export type ActionGroup = Node &
  Fields<(typeof GROUP)[number] | (typeof TRIGGER)[number]> & { readonly actions: readonly Action[] };

export type Waypoint = Node &
  Fields<(typeof WAYPOINT)[number]> & {
    /** `Point/coordinates` as written (`lon,lat[,alt]`); absent for mapping-template polygons. */
    readonly coordinates?: Field;
    readonly actionGroups: readonly ActionGroup[];
  };

export type TemplateFolder = Node &
  Fields<(typeof TEMPLATE)[number] | (typeof COORDINATE_SYS)[number]> & {
    readonly payloadParams: readonly (Node & Fields<(typeof PAYLOAD_PARAM)[number]>)[];
    readonly placemarks: readonly Waypoint[];
  };

export type WaylineFolder = Node &
  Fields<(typeof WAYLINE)[number]> & { readonly waypoints: readonly Waypoint[] };

export interface RouteFile<F> {
  readonly path: string;
  readonly wpmlNamespace: string;
  readonly document: XmlElement;
  readonly missionConfig?: MissionConfig;
  readonly folders: readonly F[];
}

export interface RouteModel {
  readonly entries: readonly string[];
  readonly template: RouteFile<TemplateFolder>;
  readonly waylines: RouteFile<WaylineFolder>;
}

/** A hard error: ZipError/XmlError rules pass through (`zip.*`, `xml.*`); the rest are `kmz.*`/`wpml.*`. */
export class RouteError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly location?: SourceLocation,
  ) {
    super(location ? `${location.file}:${location.line}:${location.column}: ${message}` : message);
    this.name = 'RouteError';
  }

  static is(value: unknown): value is RouteError {
    return value instanceof RouteError;
  }
}

/** Unzips and parses both files into the model; throws RouteError for rules 1–2 of docs/wpml.md#rules. */
export function readRouteModel(kmz: Buffer | ZipSource): RouteModel {
  const entries = wrap(() => readZip(kmz));
  const file = (path: string): XmlElement => {
    const entry = entries.find((e) => e.name === path);
    if (!entry)
      throw new RouteError(
        path === TEMPLATE_PATH ? 'kmz.missing_template' : 'kmz.missing_waylines',
        `The KMZ has no ${path}`,
      );
    return wrap(() => parseXml(decodeUtf8(entry.data())).root, path);
  };
  const templateRoot = file(TEMPLATE_PATH);
  const waylinesRoot = file(WAYLINES_PATH);
  return {
    entries: entries.map((e) => e.name),
    template: readFile(templateRoot, TEMPLATE_PATH, readTemplateFolder),
    waylines: readFile(waylinesRoot, WAYLINES_PATH, readWaylineFolder),
  };
}

function wrap<T>(run: () => T, file?: string): T {
  try {
    return run();
  } catch (error) {
    if (ZipError.is(error)) throw new RouteError(error.rule, error.message);
    if (XmlError.is(error) && file) {
      throw new RouteError(error.rule, error.reason, { file, line: error.line, column: error.column });
    }
    throw error;
  }
}

type Reader<T> = (el: XmlElement, ns: string, file: string) => T;

function readFile<F>(root: XmlElement, path: string, folder: Reader<F>): RouteFile<F> {
  const at = { file: path, line: root.line, column: root.column };
  if (root.local !== 'kml' || root.uri !== KML_NAMESPACE) {
    throw new RouteError('wpml.root', `The root element must be <kml xmlns="${KML_NAMESPACE}">`, at);
  }
  // Rule 2 (docs/wpml.md#rules) asks for the prefix `wpml` itself, not just any prefix bound to the DJI
  // namespace.
  const ns = root.attributes.find((a) => a.name === 'xmlns:wpml')?.value;
  if (ns === undefined || !WPML_NAMESPACE_PATTERN.test(ns)) {
    throw new RouteError('wpml.namespace', 'xmlns:wpml must be http://www.dji.com/wpmz/1.0.x', at);
  }
  const documents = findChildren(root, KML_NAMESPACE, 'Document');
  const document = documents[0];
  if (!document || documents.length > 1)
    throw new RouteError('wpml.document', '<kml> must contain one <Document>', at);
  const mc = findChild(document, ns, 'missionConfig');
  return {
    path,
    wpmlNamespace: ns,
    document,
    ...(mc ? { missionConfig: readMissionConfig(mc, ns, path) } : {}),
    folders: findChildren(document, KML_NAMESPACE, 'Folder').map((f) => folder(f, ns, path)),
  };
}

/**
 * The node for `el` with the listed leaf children as Fields, in one pass over the children (the first
 * occurrence wins). Built by assignment rather than object spreads: a 5,000-waypoint route makes
 * ~100,000 of these, and spreads were a third of the reading time.
 */
function node<T extends Node>(
  el: XmlElement,
  ns: string,
  file: string,
  names: ReadonlySet<string>,
): Building<T> {
  const out: Node & Record<string, unknown> = { element: el, file, line: el.line, column: el.column };
  collect(out, el, ns, file, names);
  return out as Building<T>;
}

/** A model node while it is being filled in. */
type Building<T> = { -readonly [K in keyof T]: T[K] } & Record<string, unknown>;

/** Fills `out` with the listed leaf children as Fields; every other element child goes to `rest`. */
function collect(
  out: Record<string, unknown>,
  el: XmlElement,
  ns: string,
  file: string,
  names: ReadonlySet<string>,
  rest?: (child: XmlElement) => void,
): void {
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.uri === ns && names.has(child.local)) {
      if (out[child.local] === undefined) out[child.local] = field(child, file);
    } else {
      rest?.(child);
    }
  }
}

function field(el: XmlElement, file: string): Field {
  return { value: textContent(el).trim(), file, line: el.line, column: el.column };
}

const set = (names: readonly string[]): ReadonlySet<string> => new Set(names);
const MISSION_SET = set(MISSION_FIELDS);
const DRONE_SET = set(DRONE);
const PAYLOAD_SET = set(PAYLOAD);
const TEMPLATE_SET = set(TEMPLATE);
const COORDINATE_SYS_SET = set(COORDINATE_SYS);
const PAYLOAD_PARAM_SET = set(PAYLOAD_PARAM);
const WAYLINE_SET = set(WAYLINE);
const WAYPOINT_SET = set(WAYPOINT);
const GROUP_SET = set(GROUP);
const TRIGGER_SET = set(TRIGGER);
const ACTION_SET = set(ACTION);

function readMissionConfig(el: XmlElement, ns: string, file: string): MissionConfig {
  const mc = node<MissionConfig>(el, ns, file, MISSION_SET);
  const drone = findChild(el, ns, 'droneInfo');
  if (drone) mc.drone = node(drone, ns, file, DRONE_SET);
  mc.payloads = findChildren(el, ns, 'payloadInfo').map((p) => node(p, ns, file, PAYLOAD_SET));
  return mc;
}

function readTemplateFolder(el: XmlElement, ns: string, file: string): TemplateFolder {
  const folder = node<TemplateFolder>(el, ns, file, TEMPLATE_SET);
  const sys = findChild(el, ns, 'waylineCoordinateSysParam');
  if (sys) collect(folder, sys, ns, file, COORDINATE_SYS_SET);
  folder.payloadParams = findChildren(el, ns, 'payloadParam').map((p) =>
    node(p, ns, file, PAYLOAD_PARAM_SET),
  );
  folder.placemarks = findChildren(el, KML_NAMESPACE, 'Placemark').map((p) => readWaypoint(p, ns, file));
  return folder;
}

function readWaylineFolder(el: XmlElement, ns: string, file: string): WaylineFolder {
  const folder = node<WaylineFolder>(el, ns, file, WAYLINE_SET);
  folder.waypoints = findChildren(el, KML_NAMESPACE, 'Placemark').map((p) => readWaypoint(p, ns, file));
  return folder;
}

/** Like node() with WAYPOINT_SET, but the same pass over the children finds Point and the action groups. */
function readWaypoint(el: XmlElement, ns: string, file: string): Waypoint {
  const waypoint: Node & Record<string, unknown> = { element: el, file, line: el.line, column: el.column };
  let point: XmlElement | undefined;
  const groups: XmlElement[] = [];
  collect(waypoint, el, ns, file, WAYPOINT_SET, (child) => {
    if (child.uri === ns && child.local === 'actionGroup') groups.push(child);
    else if (child.uri === KML_NAMESPACE && child.local === 'Point') point ??= child;
  });
  const coordinates = point && findChild(point, KML_NAMESPACE, 'coordinates');
  if (coordinates) waypoint.coordinates = field(coordinates, file);
  waypoint.actionGroups = groups.map((g) => readActionGroup(g, ns, file));
  return waypoint as Building<Waypoint>;
}

function readActionGroup(el: XmlElement, ns: string, file: string): ActionGroup {
  const group = node<ActionGroup>(el, ns, file, GROUP_SET);
  const trigger = findChild(el, ns, 'actionTrigger');
  if (trigger) collect(group, trigger, ns, file, TRIGGER_SET);
  group.actions = findChildren(el, ns, 'action').map((a) => {
    const action = node<Action>(a, ns, file, ACTION_SET);
    const params: Record<string, Field> = {};
    for (const p of findChild(a, ns, 'actionActuatorFuncParam')?.children ?? []) {
      if (p.type === 'element' && p.uri === ns) params[p.local] ??= field(p, file);
    }
    action.params = params;
    return action;
  });
  return group;
}
