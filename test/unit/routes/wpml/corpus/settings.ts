// Corpus cases for docs/wpml.md#rules, rules 3–5: missionConfig and the Folders of both files. Each edits the
// valid generated route in one way, as text.
import {
  built,
  duplicateFolder,
  FOLDER,
  inTemplate,
  inWaylines,
  MISSION,
  withRefPoint,
  type CorpusCase,
} from './kit';
import { baseFiles, replace, WAYLINES } from './route';

export const SETTINGS_CASES: readonly CorpusCase[] = [
  // Rule 3: missionConfig.
  inWaylines(
    'missionConfig missing',
    'wpml.mission.missing',
    'error',
    (s) => s.replace(MISSION, ''),
    '<Document>',
  ),
  inWaylines(
    'finishAction goAway',
    'wpml.mission.finish_action.invalid',
    'error',
    (s) => replace(s, '>goHome<', '>goAway<'),
    '<wpml:finishAction>',
  ),
  inWaylines(
    'flyToWaylineMode fast',
    'wpml.mission.fly_to_wayline_mode.invalid',
    'error',
    (s) => replace(s, '>safely<', '>fast<'),
    '<wpml:flyToWaylineMode>',
  ),
  inWaylines(
    'executeLostAction without executeRCLostAction',
    'wpml.mission.execute_rc_lost_action.missing',
    'error',
    (s) => replace(s, '<wpml:executeRCLostAction>goBack</wpml:executeRCLostAction>', ''),
    '<wpml:missionConfig>',
  ),
  inWaylines(
    'takeOffSecurityHeight 5 m on a dock',
    'wpml.mission.take_off_security_height.range',
    'error',
    (s) => replace(s, '<wpml:takeOffSecurityHeight>20<', '<wpml:takeOffSecurityHeight>5<'),
    '<wpml:takeOffSecurityHeight>',
  ),
  inWaylines(
    'globalTransitionalSpeed 0',
    'wpml.mission.transitional_speed.range',
    'error',
    (s) => replace(s, '<wpml:globalTransitionalSpeed>10<', '<wpml:globalTransitionalSpeed>0<'),
    '<wpml:globalTransitionalSpeed>',
  ),
  inWaylines(
    'globalTransitionalSpeed 20 m/s',
    'wpml.mission.transitional_speed.high',
    'warning',
    (s) => replace(s, '<wpml:globalTransitionalSpeed>10<', '<wpml:globalTransitionalSpeed>20<'),
    '<wpml:globalTransitionalSpeed>',
  ),
  {
    name: 'takeOffRefPoint without height',
    rule: 'wpml.mission.take_off_ref_point.invalid',
    severity: 'error',
    at: { file: WAYLINES, needle: '<wpml:takeOffRefPoint>' },
    build: () => built(withRefPoint(baseFiles(), '47.37,8.54')),
  },
  inWaylines(
    'droneEnumValue M3TD',
    'wpml.drone.enum.invalid',
    'error',
    (s) => replace(s, '>91<', '>M3TD<'),
    '<wpml:droneEnumValue>',
  ),
  inWaylines(
    'unknown aircraft 123-0',
    'wpml.drone.unknown',
    'warning',
    (s) => replace(s, '>91<', '>123<'),
    '<wpml:droneEnumValue>',
  ),
  inWaylines(
    'M3D camera on an M3TD',
    'wpml.payload.drone_mismatch',
    'error',
    (s) => replace(s, '<wpml:payloadEnumValue>81<', '<wpml:payloadEnumValue>80<'),
    '<wpml:payloadEnumValue>',
  ),
  inWaylines(
    'route for another aircraft',
    'wpml.drone.model_mismatch',
    'error',
    (s) => s,
    '<wpml:droneEnumValue>',
    {
      options: { droneModelKey: '0-100-1' },
    },
  ),

  // Rule 4: the template Folder.
  inTemplate(
    'templateType waypoints',
    'wpml.template.type.invalid',
    'error',
    (s) => replace(s, '>waypoint<', '>waypoints<'),
    '<wpml:templateType>',
  ),
  inTemplate(
    'heightMode AMSL',
    'wpml.template.height_mode.invalid',
    'error',
    (s) => replace(s, '>relativeToStartPoint</wpml:heightMode>', '>AMSL</wpml:heightMode>'),
    '<wpml:heightMode>',
  ),
  inTemplate(
    'coordinateMode GCJ02',
    'wpml.template.coordinate_mode.invalid',
    'error',
    (s) => replace(s, '>WGS84<', '>GCJ02<'),
    '<wpml:coordinateMode>',
  ),
  inTemplate(
    'template autoFlightSpeed 0',
    'wpml.template.auto_flight_speed.range',
    'error',
    (s) => replace(s, '<wpml:autoFlightSpeed>7<', '<wpml:autoFlightSpeed>0<'),
    '<wpml:autoFlightSpeed>',
  ),
  inTemplate(
    'templateId twice',
    'wpml.template.id.duplicate',
    'error',
    duplicateFolder,
    '<wpml:templateId>',
    { nth: 1 },
  ),

  // Rule 5: wayline Folders.
  inWaylines(
    'no wayline Folder',
    'wpml.wayline.folder.missing',
    'error',
    (s) => s.replace(FOLDER, ''),
    '<Document>',
  ),
  inWaylines(
    'templateId refers to nothing',
    'wpml.wayline.template_id.dangling',
    'error',
    (s) => replace(s, '<wpml:templateId>0<', '<wpml:templateId>7<'),
    '<wpml:templateId>',
  ),
  inWaylines('waylineId twice', 'wpml.wayline.id.duplicate', 'error', duplicateFolder, '<wpml:waylineId>', {
    nth: 1,
  }),
  inWaylines(
    'executeHeightMode EGM96',
    'wpml.wayline.execute_height_mode.invalid',
    'error',
    (s) => replace(s, '>relativeToStartPoint</wpml:executeHeightMode>', '>EGM96</wpml:executeHeightMode>'),
    '<wpml:executeHeightMode>',
  ),
  inWaylines(
    'wayline autoFlightSpeed 0',
    'wpml.wayline.auto_flight_speed.range',
    'error',
    (s) => replace(s, '<wpml:autoFlightSpeed>7<', '<wpml:autoFlightSpeed>0<'),
    '<wpml:autoFlightSpeed>',
  ),
];
