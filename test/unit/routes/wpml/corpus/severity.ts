// Corpus cases that pin the line between errors and warnings (issue 11, item 5): what FlightHub refuses
// is an error (task creation answers 219019, as src/simulator/world/taskOps.ts does), what may only
// misbehave in flight stays a warning. Each edits the valid generated route in one way.
import { built, FIRST_ACTION, generated, inTemplate, inWaylines, withRefPoint, type CorpusCase } from './kit';
import { BASE_POINTS, baseFiles, replace, WAYLINES } from './route';

/** Every Placemark of a file, with the whitespace before it. */
const PLACEMARKS = /\s*<Placemark>[\s\S]*?<\/Placemark>/g;

export const REFUSED_CASES: readonly CorpusCase[] = [
  inWaylines(
    'wayline without placemarks',
    'wpml.route.too_few_waypoints',
    'error',
    (s) => s.replace(PLACEMARKS, ''),
    '<Folder>',
  ),
  {
    name: 'two waypoints a millimetre apart',
    rule: 'wpml.route.zero_distance',
    severity: 'error',
    at: { file: WAYLINES, needle: '<Folder>' },
    build: () =>
      built(
        generated({
          waypoints: [BASE_POINTS[0]!, { ...BASE_POINTS[0]!, longitude: 8.54000001, height: 80 }],
        }),
      ),
  },
  inWaylines(
    'M3TD route for the M3D of a dock',
    'wpml.drone.model_mismatch',
    'error',
    (s) => s,
    '<wpml:droneEnumValue>',
    { options: { droneModelKey: '0-91-0' } },
  ),
  // Without a sub-type FlightHub reads the route as 91-0 (its device_model_key): not the M3TD.
  inWaylines(
    'no droneSubEnumValue, flown by an M3TD',
    'wpml.drone.model_mismatch',
    'error',
    (s) => replace(s, '<wpml:droneSubEnumValue>1</wpml:droneSubEnumValue>', ''),
    '<wpml:droneEnumValue>',
    { options: { droneModelKey: '0-91-1' }, alsoErrors: ['wpml.payload.drone_mismatch'] },
  ),
];

export const MAY_MISBEHAVE_CASES: readonly CorpusCase[] = [
  inWaylines(
    'waypointSpeed 16 m/s',
    'wpml.waypoint.speed.high',
    'warning',
    (s) => replace(s, '<wpml:waypointSpeed>7<', '<wpml:waypointSpeed>16<', 1),
    '<wpml:waypointSpeed>16',
  ),
  inTemplate(
    'template autoFlightSpeed 18 m/s',
    'wpml.template.auto_flight_speed.high',
    'warning',
    (s) => replace(s, '<wpml:autoFlightSpeed>7<', '<wpml:autoFlightSpeed>18<'),
    '<wpml:autoFlightSpeed>',
  ),
  inWaylines(
    'wayline autoFlightSpeed 18 m/s',
    'wpml.wayline.auto_flight_speed.high',
    'warning',
    (s) => replace(s, '<wpml:autoFlightSpeed>7<', '<wpml:autoFlightSpeed>18<'),
    '<wpml:autoFlightSpeed>',
  ),
  inWaylines(
    'executeHeight 2000 m above take-off',
    'wpml.waypoint.execute_height.range',
    'warning',
    (s) => replace(s, '<wpml:executeHeight>62<', '<wpml:executeHeight>2000<'),
    '<wpml:executeHeight>2000',
  ),
  inWaylines(
    'no droneSubEnumValue for a 91',
    'wpml.drone.sub_enum.missing',
    'warning',
    (s) => replace(s, '<wpml:droneSubEnumValue>1</wpml:droneSubEnumValue>', ''),
    '<wpml:droneInfo>',
    // Read as 91-0, a Matrice 3D: the M3TD camera does not fit it.
    { alsoErrors: ['wpml.payload.drone_mismatch'] },
  ),
  {
    name: 'camera 50 on an M350',
    rule: 'wpml.payload.unknown',
    severity: 'warning',
    at: { file: WAYLINES, needle: '<wpml:payloadEnumValue>' },
    build: () => built(generated({ droneEnumValue: 89, droneSubEnumValue: 0, payloadEnumValue: 50 })),
  },
  inWaylines(
    'actionGroupId used twice',
    'wpml.action_group.id.duplicate',
    'warning',
    (s) => replace(s, '<wpml:actionGroupId>1<', '<wpml:actionGroupId>0<'),
    '<wpml:actionGroupId>0',
    { nth: 1 },
  ),
  inWaylines(
    'action group without actions',
    'wpml.action_group.empty',
    'warning',
    (s) => s.replace(FIRST_ACTION, ''),
    '<wpml:actionGroup>',
  ),
  inWaylines(
    'globalRTHHeight 600 m on a dock',
    'wpml.mission.rth_height.dock_range',
    'warning',
    (s) => replace(s, '<wpml:globalRTHHeight>100<', '<wpml:globalRTHHeight>600<'),
    '<wpml:globalRTHHeight>',
  ),
  inWaylines(
    'globalRTHHeight above the project limit',
    'wpml.mission.rth_height.limit',
    'warning',
    (s) => s,
    '<wpml:globalRTHHeight>',
    { options: { rthAltitudeLimit: 80 } },
  ),
  {
    name: 'takeOffRefPoint written longitude first',
    rule: 'wpml.mission.take_off_ref_point.swapped',
    severity: 'warning',
    at: { file: WAYLINES, needle: '<wpml:takeOffRefPoint>' },
    build: () => built(withRefPoint(baseFiles(), '8.5405,47.3705,400')),
  },
  inWaylines(
    'waypoint moved in waylines.wpml only',
    'wpml.consistency.waypoint_position',
    'warning',
    (s) => replace(s, '>8.541,47.37<', '>8.5415,47.37<'),
    '<coordinates>8.5415',
  ),
];
