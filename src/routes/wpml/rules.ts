// The WPML vocabulary the checks share: enumerations, numeric limits and the aircraft/payload table.
// Sources: docs/wpml.md (DJI Cloud API "DJI WPML" pages); limits marked [INFERRED] are ours.

export const FLY_TO_WAYLINE_MODES = ['safely', 'pointToPoint'] as const;
export const FINISH_ACTIONS = ['goHome', 'noAction', 'autoLand', 'gotoFirstWaypoint'] as const;
export const EXIT_ON_RC_LOST = ['goContinue', 'executeLostAction'] as const;
export const RC_LOST_ACTIONS = ['goBack', 'landing', 'hover'] as const;
export const TEMPLATE_TYPES = ['waypoint', 'mapping2d', 'mapping3d', 'mappingStrip'] as const;
export const COORDINATE_MODES = ['WGS84'] as const;
/** Template heights (docs/wpml.md#template-file). */
export const HEIGHT_MODES = [
  'EGM96',
  'relativeToStartPoint',
  'aboveGroundLevel',
  'realTimeFollowSurface',
] as const;
/**
 * Executed heights (docs/wpml.md#execution-file): no EGM96, DJI converts template EGM96 heights to WGS84
 * ellipsoid heights.
 */
export const EXECUTE_HEIGHT_MODES = ['WGS84', 'relativeToStartPoint', 'realTimeFollowSurface'] as const;
export const POSITIONING_TYPES = ['GPS', 'RTKBaseStation', 'QianXun', 'Custom'] as const;
export const GIMBAL_PITCH_MODES = ['manual', 'usePointSetting'] as const;
export const HEADING_MODES = ['followWayline', 'manually', 'fixed', 'smoothTransition', 'towardPOI'] as const;
export const HEADING_PATH_MODES = ['clockwise', 'counterClockwise', 'followBadArc'] as const;
export const TURN_MODES = [
  'coordinateTurn',
  'toPointAndStopWithDiscontinuityCurvature',
  'toPointAndStopWithContinuityCurvature',
  'toPointAndPassWithContinuityCurvature',
] as const;
export const ACTION_GROUP_MODES = ['sequence'] as const;
export const TRIGGER_TYPES = [
  'reachPoint',
  'betweenAdjacentPoints',
  'multipleTiming',
  'multipleDistance',
] as const;
/** Triggers that repeat every `actionTriggerParam` seconds or metres, so they need it. */
export const TRIGGERS_WITH_PARAM: ReadonlySet<string> = new Set(['multipleTiming', 'multipleDistance']);
export const ACTUATOR_FUNCS = [
  'takePhoto',
  'startRecord',
  'stopRecord',
  'focus',
  'zoom',
  'customDirName',
  'gimbalRotate',
  'rotateYaw',
  'hover',
  'gimbalEvenlyRotate',
  'orientedShoot',
  'panoShot',
  'recordPointCloud',
] as const;
export const LENSES = ['wide', 'zoom', 'ir', 'narrow_band', 'visable'] as const;
export const GIMBAL_ROTATE_MODES = ['absoluteAngle'] as const;
export const AIRCRAFT_PATH_MODES = ['clockwise', 'counterClockwise'] as const;
export const BOOLEAN_FLAGS = ['0', '1'] as const;

/**
 * docs/wpml.md#mission-config: takeOffSecurityHeight, metres above take-off; docks need more room than a hand
 * launch.
 */
export const TAKE_OFF_SECURITY_HEIGHT = { dock: { min: 8, max: 1500 }, rc: { min: 1.2, max: 1500 } } as const;
/**
 * Waypoint speeds above this are beyond DJI enterprise aircraft in waypoint flight
 * (docs/wpml.md#mission-config, "typically 15").
 */
export const MAX_ROUTE_SPEED = 15;
/** RTH height: the aircraft ceiling of 1500 m like takeOffSecurityHeight [INFERRED]. */
export const RTH_HEIGHT = { min: 2, max: 1500 } as const;
/** FlightHub clients clamp a task's rth_altitude to 20–500 m (docs/api.md#task-create), so docks fly that. */
export const DOCK_RTH_ALTITUDE = { min: 20, max: 500 } as const;

/**
 * Plausible executeHeight per executeHeightMode [INFERRED]: relative heights within the 1500 m ceiling
 * either way (a route may descend from a hilltop dock); ellipsoid heights between the Dead Sea shore minus
 * the lowest geoid undulation and a Himalayan summit; terrain-following heights above the ground.
 */
export const EXECUTE_HEIGHT_RANGES: Readonly<Record<string, { min: number; max: number }>> = {
  relativeToStartPoint: { min: -1500, max: 1500 },
  WGS84: { min: -600, max: 10_000 },
  realTimeFollowSurface: { min: 1, max: 1500 },
};

export interface AircraftSpec {
  readonly name: string;
  readonly drone: number;
  readonly sub: number;
  /** Main-camera payload enums this aircraft can carry (docs/wpml.md#drone-and-payload-enums). */
  readonly payloads: readonly number[];
  /** The camera is built in: any other payload enum is wrong, not just unknown. */
  readonly integrated: boolean;
}

const spec = (
  name: string,
  drone: number,
  sub: number,
  payloads: number[],
  integrated = true,
): AircraftSpec => ({
  name,
  drone,
  sub,
  payloads,
  integrated,
});

/** docs/wpml.md#drone-and-payload-enums. */
export const AIRCRAFT: readonly AircraftSpec[] = [
  spec('Matrice 30', 67, 0, [52]),
  spec('Matrice 30T', 67, 1, [53]),
  spec('Matrice 3D', 91, 0, [80]),
  spec('Matrice 3TD', 91, 1, [81]),
  spec('Matrice 4D', 100, 0, [98]),
  spec('Matrice 4TD', 100, 1, [99]),
  spec('Mavic 3E', 77, 0, [66]),
  spec('Mavic 3T', 77, 1, [67]),
  spec('Mavic 3M', 77, 2, [68]),
  spec('Matrice 4E', 99, 0, [88]),
  spec('Matrice 4T', 99, 1, [89]),
  spec('Matrice 350 RTK', 89, 0, [42, 43, 61, 82, 83], false),
  spec('Matrice 300 RTK', 60, 0, [42, 43, 61, 82, 83], false),
];

/** Main cameras by payload enum: a built-in one by its aircraft ("M3TD camera"), Zenmuse by name. */
export const PAYLOAD_NAMES: ReadonlyMap<number, string> = new Map([
  [52, 'M30'],
  [53, 'M30T'],
  [80, 'M3D'],
  [81, 'M3TD'],
  [98, 'M4D'],
  [99, 'M4TD'],
  [66, 'Mavic 3E'],
  [67, 'Mavic 3T'],
  [68, 'Mavic 3M'],
  [88, 'M4E'],
  [89, 'M4T'],
  [42, 'Zenmuse H20'],
  [43, 'Zenmuse H20T'],
  [61, 'Zenmuse H20N'],
  [82, 'Zenmuse H30'],
  [83, 'Zenmuse H30T'],
]);

export function payloadName(payload: number, lang: 'en' | 'zh'): string | undefined {
  const name = PAYLOAD_NAMES.get(payload);
  if (name === undefined || name.startsWith('Zenmuse')) return name;
  return lang === 'en' ? `${name} camera` : `${name} 相机`;
}

export function findAircraft(drone: number, sub: number): AircraftSpec | undefined {
  return AIRCRAFT.find((a) => a.drone === drone && a.sub === sub);
}

/** `0-91-1` (device_model.key of an aircraft: domain 0, type, sub-type) → its parts, else undefined. */
export function parseDroneModelKey(key: string): { drone: number; sub: number } | undefined {
  const m = /^0-([0-9]{1,5})-([0-9]{1,5})$/.exec(key);
  return m ? { drone: Number(m[1]), sub: Number(m[2]) } : undefined;
}
