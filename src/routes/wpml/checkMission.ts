// wpml:missionConfig (docs/wpml.md#mission-config, rules 3, 8 and 10): the flight-wide settings both files
// carry, and whether the aircraft and payload enums describe a real aircraft — and the one the caller flies.
import {
  checkEnum,
  checkNumber,
  locationOf,
  type CheckContext,
  type RefPoint,
  type Scope,
} from './fieldChecks';
import { expectNumber, fieldName, wrongValue } from './messages';
import {
  AIRCRAFT,
  DOCK_RTH_ALTITUDE,
  EXIT_ON_RC_LOST,
  findAircraft,
  FINISH_ACTIONS,
  FLY_TO_WAYLINE_MODES,
  MAX_ROUTE_SPEED,
  PAYLOAD_NAMES,
  payloadName,
  RC_LOST_ACTIONS,
  RTH_HEIGHT,
  TAKE_OFF_SECURITY_HEIGHT,
  type AircraftSpec,
} from './rules';
import { parseNumber } from './values';
import { type MissionConfig, type RouteFile } from './wpml';

const DOCK_NOTE = { en: 'dock routes', zh: '机场航线' };
const RC_NOTE = { en: 'remote-controller routes', zh: '遥控器航线' };

/** Checks one file's missionConfig; returns its takeOffRefPoint when that is valid. */
export function checkMissionConfig(file: RouteFile<unknown>, ctx: CheckContext): RefPoint | undefined {
  const mc = file.missionConfig;
  const s: Scope = { sink: ctx.sink };
  if (!mc) {
    ctx.sink.error(
      'wpml.mission.missing',
      {
        en: `${file.path} has no wpml:missionConfig; both template.kml and waylines.wpml need one.`,
        zh: `${file.path} 缺少 wpml:missionConfig（任务信息）；template.kml 和 waylines.wpml 都必须包含。`,
      },
      locationOf(file.document, file.path),
    );
    return undefined;
  }
  checkEnum(
    s,
    'wpml.mission.fly_to_wayline_mode',
    'flyToWaylineMode',
    mc.flyToWaylineMode,
    FLY_TO_WAYLINE_MODES,
    mc,
  );
  checkEnum(s, 'wpml.mission.finish_action', 'finishAction', mc.finishAction, FINISH_ACTIONS, mc);
  const exit = checkEnum(
    s,
    'wpml.mission.exit_on_rc_lost',
    'exitOnRCLost',
    mc.exitOnRCLost,
    EXIT_ON_RC_LOST,
    mc,
  );
  if (exit === 'executeLostAction' && !mc.executeRCLostAction) {
    ctx.sink.error(
      'wpml.mission.execute_rc_lost_action.missing',
      {
        en: `wpml:executeRCLostAction is missing; wpml:exitOnRCLost is "executeLostAction", so it must say what to do: one of ${RC_LOST_ACTIONS.join(', ')}.`,
        zh: `缺少${fieldName('executeRCLostAction').zh}：失控是否继续执行航线为“executeLostAction”时必须指定失控动作，应为 ${RC_LOST_ACTIONS.join('、')} 之一。`,
      },
      mc,
    );
  } else {
    const rule = 'wpml.mission.execute_rc_lost_action';
    checkEnum(s, rule, 'executeRCLostAction', mc.executeRCLostAction, RC_LOST_ACTIONS, mc, {
      required: false,
    });
  }
  const security = ctx.dock ? TAKE_OFF_SECURITY_HEIGHT.dock : TAKE_OFF_SECURITY_HEIGHT.rc;
  checkNumber(
    s,
    'wpml.mission.take_off_security_height',
    'takeOffSecurityHeight',
    mc.takeOffSecurityHeight,
    { ...security, unit: 'm' },
    mc,
    { note: ctx.dock ? DOCK_NOTE : RC_NOTE },
  );
  const speed = { min: 0, minExclusive: true, unit: 'm/s' } as const;
  const transitional = checkNumber(
    s,
    'wpml.mission.transitional_speed',
    'globalTransitionalSpeed',
    mc.globalTransitionalSpeed,
    speed,
    mc,
  );
  // Beyond what the aircraft flies, which limits it in flight; no refusal is documented. A warning.
  if (transitional !== undefined && mc.globalTransitionalSpeed && transitional > MAX_ROUTE_SPEED) {
    const expected = expectNumber({ ...speed, max: MAX_ROUTE_SPEED });
    ctx.sink.warning(
      'wpml.mission.transitional_speed.high',
      wrongValue('globalTransitionalSpeed', mc.globalTransitionalSpeed.value, expected),
      mc.globalTransitionalSpeed,
    );
  }
  checkRthHeight(mc, ctx);
  const rule = 'wpml.mission.take_off_ref_point_agl_height';
  checkNumber(s, rule, 'takeOffRefPointAGLHeight', mc.takeOffRefPointAGLHeight, { unit: 'm' }, mc, {
    required: false,
  });
  checkAircraft(mc, ctx);
  return checkRefPoint(mc, ctx);
}

function checkRthHeight(mc: MissionConfig, ctx: CheckContext): void {
  const field = mc.globalRTHHeight;
  const range = { ...RTH_HEIGHT, unit: 'm' } as const;
  const n = checkNumber({ sink: ctx.sink }, 'wpml.mission.rth_height', 'globalRTHHeight', field, range, mc, {
    required: false,
  });
  if (n === undefined || !field || n < RTH_HEIGHT.min || n > RTH_HEIGHT.max) return;
  // Both RTH findings are warnings: the rth_altitude of the task (POST /flight-task) overrides
  // globalRTHHeight at execution, so the route itself is not refused; only a task given this height is.
  if (ctx.dock && (n < DOCK_RTH_ALTITUDE.min || n > DOCK_RTH_ALTITUDE.max)) {
    const note = {
      en: 'FlightHub clamps a dock task’s RTH altitude to this',
      zh: 'FlightHub 会把机场任务的返航高度限制在此范围',
    };
    ctx.sink.warning(
      'wpml.mission.rth_height.dock_range',
      wrongValue('globalRTHHeight', field.value, expectNumber({ ...DOCK_RTH_ALTITUDE, unit: 'm' }, note)),
      field,
    );
  }
  if (ctx.rthAltitudeLimit !== undefined && n > ctx.rthAltitudeLimit) {
    const note = {
      en: 'the project’s RTH limit; a task given this RTH altitude would not start',
      zh: '项目的返航高度上限；以此作为返航高度的任务将无法启动',
    };
    ctx.sink.warning(
      'wpml.mission.rth_height.limit',
      wrongValue(
        'globalRTHHeight',
        field.value,
        expectNumber({ max: ctx.rthAltitudeLimit, unit: 'm' }, note),
      ),
      field,
    );
  }
}

/** `lat,lon,h` — latitude first, unlike Point/coordinates (docs/wpml.md#namespaces-and-root). */
function checkRefPoint(mc: MissionConfig, ctx: CheckContext): RefPoint | undefined {
  const field = mc.takeOffRefPoint;
  if (!field) return undefined;
  const parts = field.value.split(',').map((p) => p.trim());
  const numbers = parts.map((p) => parseNumber({ ...field, value: p }));
  const [latitude, longitude, height] = numbers;
  const expected = {
    en: '"latitude,longitude,height", e.g. "22.577342,113.943281,50"',
    zh: '“纬度,经度,高度”格式，例如“22.577342,113.943281,50”',
  };
  if (parts.length !== 3 || latitude === undefined || longitude === undefined || height === undefined) {
    ctx.sink.error(
      'wpml.mission.take_off_ref_point.invalid',
      wrongValue('takeOffRefPoint', field.value, expected),
      field,
    );
    return undefined;
  }
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    const swapped = Math.abs(latitude) <= 180 && Math.abs(longitude) <= 90;
    const hint = swapped
      ? {
          en: '; it looks like longitude,latitude — takeOffRefPoint is latitude first',
          zh: '；看起来写成了“经度,纬度”，参考起飞点应先写纬度',
        }
      : { en: '', zh: '' };
    const range = {
      en: `latitude in [-90, 90] and longitude in [-180, 180]${hint.en}`,
      zh: `纬度在 -90 到 90 之间、经度在 -180 到 180 之间${hint.zh}`,
    };
    ctx.sink.error(
      'wpml.mission.take_off_ref_point.range',
      wrongValue('takeOffRefPoint', field.value, range),
      field,
    );
    return undefined;
  }
  return { latitude, longitude, height };
}

function list(aircraft: readonly AircraftSpec[], lang: 'en' | 'zh'): string {
  return aircraft.map((a) => `${a.drone}-${a.sub} ${a.name}`).join(lang === 'en' ? ', ' : '、');
}

function payloadList(payloads: readonly number[], lang: 'en' | 'zh'): string {
  const named = payloads.map((p) => {
    const name = payloadName(p, lang) ?? '?';
    return lang === 'en' ? `${p} (${name})` : `${p}（${name}）`;
  });
  return named.join(lang === 'en' ? ', ' : '、');
}

/** docs/wpml.md#drone-and-payload-enums, rules 3 and 8. */
function checkAircraft(mc: MissionConfig, ctx: CheckContext): void {
  const s: Scope = { sink: ctx.sink };
  const integer = { integer: true, min: 0 } as const;
  const droneAt = mc.drone ?? mc;
  const drone = checkNumber(
    s,
    'wpml.drone.enum',
    'droneEnumValue',
    mc.drone?.droneEnumValue,
    integer,
    droneAt,
  );
  const subField = mc.drone?.droneSubEnumValue;
  const sub = checkNumber(s, 'wpml.drone.sub_enum', 'droneSubEnumValue', subField, integer, droneAt, {
    // Only a warning, and only where it matters: the sub-type tells an M30 from an M30T
    // (docs/wpml.md#mission-config). FlightHub then reads sub-type 0; whether that is refused depends on the
    // dock (model_mismatch says).
    required: drone !== undefined && AIRCRAFT.filter((a) => a.drone === drone).length > 1,
    missingSeverity: 'warning',
  });
  const payloads = mc.payloads.map((p) => {
    checkNumber(s, 'wpml.payload.sub_enum', 'payloadSubEnumValue', p.payloadSubEnumValue, integer, p, {
      required: false,
    });
    checkNumber(s, 'wpml.payload.position_index', 'payloadPositionIndex', p.payloadPositionIndex, integer, p);
    return {
      at: p,
      field: p.payloadEnumValue,
      value: checkNumber(s, 'wpml.payload.enum', 'payloadEnumValue', p.payloadEnumValue, integer, p),
    };
  });
  if (mc.payloads.length === 0) {
    ctx.sink.error(
      'wpml.payload.enum.missing',
      {
        en: 'wpml:payloadInfo is missing; it must give the camera as wpml:payloadEnumValue and wpml:payloadPositionIndex.',
        zh: '缺少 wpml:payloadInfo（负载信息）；必须用 wpml:payloadEnumValue 和 wpml:payloadPositionIndex 指明相机。',
      },
      mc,
    );
  }
  if (drone === undefined) return;
  const key = `${drone}-${sub ?? 0}`;
  const aircraft = findAircraft(drone, sub ?? 0);
  const droneField = mc.drone?.droneEnumValue ?? mc;
  if (ctx.aircraft && (ctx.aircraft.drone !== drone || ctx.aircraft.sub !== (sub ?? 0))) {
    const target = `${ctx.aircraft.drone}-${ctx.aircraft.sub}`;
    const targetName = findAircraft(ctx.aircraft.drone, ctx.aircraft.sub)?.name ?? '?';
    // FlightHub compares the route's device_model_key with the dock's aircraft and refuses the task
    // with 219019 "route validity check failed", as the simulator does (world/taskOps.ts): an error.
    ctx.sink.error(
      'wpml.drone.model_mismatch',
      {
        en: `The route is made for aircraft ${key} (${aircraft?.name ?? 'unknown'}), but the aircraft it is for is 0-${target} (${targetName}); FlightHub refuses the task (219019).`,
        zh: `航线的飞行器机型为 ${key}（${aircraft?.name ?? '未知'}），而目标飞行器为 0-${target}（${targetName}）；FlightHub 创建任务时会失败（219019）。`,
      },
      droneField,
    );
  }
  if (!aircraft) {
    // Our table is not DJI's whole list: a newer aircraft may fly this route. A warning.
    ctx.sink.warning(
      'wpml.drone.unknown',
      {
        en: `Aircraft ${key} (wpml:droneEnumValue-droneSubEnumValue) is not in the WPML aircraft table; known: ${list(AIRCRAFT, 'en')}.`,
        zh: `飞行器机型 ${key}（wpml:droneEnumValue-droneSubEnumValue）不在 WPML 机型表中；已知机型：${list(AIRCRAFT, 'zh')}。`,
      },
      droneField,
    );
    return;
  }
  for (const p of payloads) {
    if (p.value === undefined || aircraft.payloads.includes(p.value)) continue;
    const at = p.field ?? p.at;
    const known = PAYLOAD_NAMES.has(p.value);
    // A built-in camera admits only itself; an open gimbal (M300/M350) may carry cameras not in our table.
    if (aircraft.integrated || known) {
      ctx.sink.error(
        'wpml.payload.drone_mismatch',
        {
          en: `Payload ${p.value} (${payloadName(p.value, 'en') ?? 'unknown'}) does not fit the ${aircraft.name} (${key}); expected ${payloadList(aircraft.payloads, 'en')}.`,
          zh: `负载 ${p.value}（${payloadName(p.value, 'zh') ?? '未知'}）与飞行器 ${aircraft.name}（${key}）不匹配；应为 ${payloadList(aircraft.payloads, 'zh')}。`,
        },
        at,
      );
    } else {
      // An open gimbal may carry a camera our table lacks; nothing says FlightHub refuses it. A warning.
      ctx.sink.warning(
        'wpml.payload.unknown',
        {
          en: `Payload ${p.value} is not in the WPML payload table for the ${aircraft.name}; known: ${payloadList(aircraft.payloads, 'en')}.`,
          zh: `负载 ${p.value} 不在 ${aircraft.name} 的 WPML 负载表中；已知负载：${payloadList(aircraft.payloads, 'zh')}。`,
        },
        at,
      );
    }
  }
}
