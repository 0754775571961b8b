// The hard checks FlightHub 2 applies at finish-upload (docs/wpml.md#hard-rules-at-finish-upload, rules 3–6),
// as summarizeKmz and the simulator use them: the first failure throws, with one terse rule id per family.
// The full validator (validate.ts) reports every problem with finer rule ids and bilingual messages; this
// stays as it was so the simulator keeps answering exactly as before.
//
// wpml.ts imports this module back (summarizeKmz calls checkHardRules). Everything here runs at call
// time only, never while the modules load, so the cycle is harmless in CommonJS and in the bundles.
import {
  ACTUATOR_FUNCS,
  EXECUTE_HEIGHT_MODES,
  EXIT_ON_RC_LOST,
  FINISH_ACTIONS,
  FLY_TO_WAYLINE_MODES,
  HEIGHT_MODES,
  RC_LOST_ACTIONS,
  TEMPLATE_TYPES,
} from './rules';
import { parseInteger, parseLonLat, parseNumber } from './values';
import { RouteError, type Field, type RouteModel, type SourceLocation } from './wpml';

/**
 * Throws RouteError for the first hard error of rules 3–6 (docs/wpml.md#rules). Deliberately terse (one rule
 * id per family, English only; validate.ts has the full validator).
 * takeOffSecurityHeight uses the remote-controller range; the dock range needs the target device.
 */
export function checkHardRules(model: RouteModel): void {
  const fail = (rule: string, message: string, at: SourceLocation): never => {
    throw new RouteError(rule, message, at);
  };
  const oneOf = (
    rule: string,
    name: string,
    f: Field | undefined,
    allowed: readonly string[],
    at: SourceLocation,
  ): void => {
    if (!f || !allowed.includes(f.value))
      fail(rule, `wpml:${name} must be one of ${allowed.join(', ')}`, f ?? at);
  };
  type Check = (
    rule: string,
    name: string,
    f: Field | undefined,
    ok: (n: number) => boolean,
    at: SourceLocation,
  ) => void;
  const checker =
    (parse: (f: Field | undefined) => number | undefined): Check =>
    (rule, name, f, ok, at) => {
      const n = parse(f);
      if (n === undefined || !ok(n))
        fail(rule, `wpml:${name} is missing, not a number or out of range`, f ?? at);
    };
  const num = checker(parseNumber);
  const int = checker(parseInteger);
  const any = (): boolean => true;
  const positive = (n: number): boolean => n > 0;

  for (const file of [model.template, model.waylines]) {
    const at = { file: file.path, line: file.document.line, column: file.document.column };
    const mc = file.missionConfig ?? fail('wpml.mission_config', 'wpml:missionConfig is missing', at);
    oneOf('wpml.mission_config', 'flyToWaylineMode', mc.flyToWaylineMode, FLY_TO_WAYLINE_MODES, mc);
    oneOf('wpml.mission_config', 'finishAction', mc.finishAction, FINISH_ACTIONS, mc);
    oneOf('wpml.mission_config', 'exitOnRCLost', mc.exitOnRCLost, EXIT_ON_RC_LOST, mc);
    if (mc.exitOnRCLost?.value === 'executeLostAction') {
      oneOf('wpml.mission_config', 'executeRCLostAction', mc.executeRCLostAction, RC_LOST_ACTIONS, mc);
    }
    num(
      'wpml.mission_config',
      'takeOffSecurityHeight',
      mc.takeOffSecurityHeight,
      (n) => n >= 1.2 && n <= 1500,
      mc,
    );
    num('wpml.mission_config', 'globalTransitionalSpeed', mc.globalTransitionalSpeed, positive, mc);
    int('wpml.drone_info', 'droneEnumValue', mc.drone?.droneEnumValue, any, mc.drone ?? mc);
    for (const p of mc.payloads) {
      int('wpml.payload_info', 'payloadEnumValue', p.payloadEnumValue, any, p);
      int('wpml.payload_info', 'payloadPositionIndex', p.payloadPositionIndex, any, p);
    }
    if (file.folders.length === 0) fail('wpml.folder', 'The Document has no Folder', at);
  }

  const templateIds = new Set<number>();
  for (const f of model.template.folders) {
    oneOf('wpml.template_type', 'templateType', f.templateType, TEMPLATE_TYPES, f);
    int('wpml.template_id', 'templateId', f.templateId, (n) => n >= 0, f);
    oneOf('wpml.coordinate_mode', 'coordinateMode', f.coordinateMode, ['WGS84'], f);
    oneOf('wpml.height_mode', 'heightMode', f.heightMode, HEIGHT_MODES, f);
    num('wpml.speed', 'autoFlightSpeed', f.autoFlightSpeed, positive, f);
    templateIds.add(parseInteger(f.templateId) ?? -1);
  }

  const waylineIds = new Set<number>();
  for (const f of model.waylines.folders) {
    int('wpml.template_id', 'templateId', f.templateId, (n) => templateIds.has(n), f);
    int('wpml.wayline_id', 'waylineId', f.waylineId, (n) => n >= 0 && !waylineIds.has(n), f);
    waylineIds.add(parseInteger(f.waylineId) ?? -1);
    oneOf('wpml.height_mode', 'executeHeightMode', f.executeHeightMode, EXECUTE_HEIGHT_MODES, f);
    num('wpml.speed', 'autoFlightSpeed', f.autoFlightSpeed, positive, f);
    const n = f.waypoints.length;
    f.waypoints.forEach((w, i) => {
      const lonLat = parseLonLat(w.coordinates);
      if (!lonLat || (lonLat.longitude === 0 && lonLat.latitude === 0)) {
        fail(
          'wpml.coordinates',
          'Point/coordinates must be "longitude,latitude" within range and not 0,0',
          w.coordinates ?? w,
        );
      }
      int('wpml.waypoint_index', 'index', w.index, (k) => k === i, w);
      num('wpml.height', 'executeHeight', w.executeHeight, any, w);
      if (w.waypointSpeed) num('wpml.speed', 'waypointSpeed', w.waypointSpeed, positive, w);
      for (const g of w.actionGroups) {
        const start = parseInteger(g.actionGroupStartIndex) ?? -1;
        int('wpml.action_group', 'actionGroupStartIndex', g.actionGroupStartIndex, (k) => k >= 0 && k < n, g);
        int('wpml.action_group', 'actionGroupEndIndex', g.actionGroupEndIndex, (k) => k >= start && k < n, g);
        const actionIds = new Set<number>();
        for (const a of g.actions) {
          oneOf('wpml.action', 'actionActuatorFunc', a.actionActuatorFunc, ACTUATOR_FUNCS, a);
          int('wpml.action', 'actionId', a.actionId, (k) => !actionIds.has(k), a);
          actionIds.add(parseInteger(a.actionId) ?? -1);
        }
      }
    });
  }
}
