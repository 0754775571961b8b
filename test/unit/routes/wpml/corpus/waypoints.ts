// Corpus cases for docs/wpml.md#rules, rules 6–9: waypoints, actions, routes FlightHub accepts but cannot
// fly, and template.kml against waylines.wpml. Each edits the valid generated route in one way, as text.
import { built, FIRST_ACTION, generated, inTemplate, inWaylines, withRefPoint, type CorpusCase } from './kit';
import { BASE_POINTS, baseFiles, editFile, replace, WAYLINES } from './route';

export const WAYPOINT_CASES: readonly CorpusCase[] = [
  // Rule 6: waypoints.
  inWaylines(
    'waypointSpeed 0',
    'wpml.waypoint.speed.range',
    'error',
    (s) => replace(s, '<wpml:waypointSpeed>7<', '<wpml:waypointSpeed>0<', 1),
    '<wpml:waypointSpeed>',
    { nth: 1 },
  ),
  inWaylines(
    'longitude 200',
    'wpml.waypoint.coordinates.range',
    'error',
    (s) => replace(s, '>8.541,47.37<', '>200,47.37<'),
    '<coordinates>200',
  ),
  inWaylines(
    'coordinates 0,0',
    'wpml.waypoint.coordinates.zero',
    'error',
    (s) => replace(s, '>8.541,47.37<', '>0,0<'),
    '<coordinates>0,0',
  ),
  inWaylines(
    'coordinates "8.541"',
    'wpml.waypoint.coordinates.invalid',
    'error',
    (s) => replace(s, '>8.541,47.37<', '>8.541<'),
    '<coordinates>8.541<',
  ),
  {
    name: 'latitude and longitude swapped',
    rule: 'wpml.waypoint.coordinates.swapped',
    severity: 'warning',
    at: { file: WAYLINES, needle: '<coordinates>47.37,8.541' },
    build: () =>
      built(
        editFile(withRefPoint(baseFiles(), '47.37,8.54,400'), WAYLINES, (s) =>
          replace(s, '>8.541,47.37<', '>47.37,8.541<'),
        ),
      ),
  },
  inWaylines(
    'index gap',
    'wpml.waypoint.index.gap',
    'error',
    (s) => replace(s, '<wpml:index>1<', '<wpml:index>5<'),
    '<wpml:index>5',
  ),
  inWaylines(
    'index out of order',
    'wpml.waypoint.index.order',
    'error',
    (s) => replace(replace(s, '<wpml:index>2<', '<wpml:index>1<'), '<wpml:index>1<', '<wpml:index>2<'),
    '<wpml:index>2',
  ),
  inWaylines(
    'index twice',
    'wpml.waypoint.index.duplicate',
    'error',
    (s) => replace(s, '<wpml:index>2<', '<wpml:index>1<'),
    '<wpml:index>1',
    { nth: 1 },
  ),
  inWaylines(
    'executeHeight missing',
    'wpml.waypoint.execute_height.missing',
    'error',
    (s) => replace(s, '<wpml:executeHeight>60</wpml:executeHeight>', ''),
    '<Placemark>',
  ),
  inWaylines(
    'executeHeight "high"',
    'wpml.waypoint.execute_height.invalid',
    'error',
    (s) => replace(s, '<wpml:executeHeight>62<', '<wpml:executeHeight>high<'),
    '<wpml:executeHeight>high',
  ),
  inWaylines(
    'heading mode lookAround',
    'wpml.waypoint.heading_mode.invalid',
    'error',
    (s) => replace(s, '>followWayline<', '>lookAround<'),
    '<wpml:waypointHeadingMode>lookAround',
  ),
  inWaylines(
    'turn mode drift',
    'wpml.waypoint.turn_mode.invalid',
    'error',
    (s) => replace(s, '>toPointAndStopWithDiscontinuityCurvature<', '>drift<'),
    '<wpml:waypointTurnMode>drift',
  ),

  // Rule 6: actions.
  inWaylines(
    'action group ends past the last waypoint',
    'wpml.action_group.end_index.range',
    'error',
    (s) => replace(s, '<wpml:actionGroupEndIndex>2<', '<wpml:actionGroupEndIndex>4<'),
    '<wpml:actionGroupEndIndex>4',
  ),
  inWaylines(
    'action group starts after it ends',
    'wpml.action_group.order',
    'error',
    (s) => replace(s, '<wpml:actionGroupStartIndex>2<', '<wpml:actionGroupStartIndex>3<'),
    '<wpml:actionGroupEndIndex>2',
  ),
  inWaylines(
    'actionId twice in a group',
    'wpml.action.id.duplicate',
    'error',
    (s) => s.replace(FIRST_ACTION, (m) => `${m}\n${m}`),
    '<wpml:actionId>',
    { nth: 1 },
  ),
  inWaylines(
    'actuator func selfDestruct',
    'wpml.action.func.invalid',
    'error',
    (s) => replace(s, '>takePhoto<', '>selfDestruct<'),
    '<wpml:actionActuatorFunc>selfDestruct',
  ),
  inWaylines(
    'actionGroupMode parallel',
    'wpml.action_group.mode.invalid',
    'error',
    (s) => replace(s, '>sequence<', '>parallel<'),
    '<wpml:actionGroupMode>parallel',
  ),
  inWaylines(
    'trigger onArrival',
    'wpml.action_group.trigger.invalid',
    'error',
    (s) => replace(s, '>reachPoint<', '>onArrival<'),
    '<wpml:actionTriggerType>onArrival',
  ),
  inWaylines(
    'multipleTiming without its period',
    'wpml.action_group.trigger_param.missing',
    'error',
    (s) => replace(s, '>reachPoint<', '>multipleTiming<'),
    '<wpml:actionGroup>',
  ),
  inWaylines(
    'hover without hoverTime',
    'wpml.action.param.missing',
    'error',
    (s) => replace(s, '>takePhoto<', '>hover<'),
    '<wpml:action>',
  ),
  inWaylines(
    'lens "thermal"',
    'wpml.action.param.invalid',
    'error',
    (s) => replace(s, '>wide,ir<', '>wide,thermal<'),
    '<wpml:payloadLensIndex>wide,thermal',
  ),

  // Rule 7: routes FlightHub registers but refuses to fly (219019); rule 9: heights.
  {
    name: 'one waypoint only',
    rule: 'wpml.route.too_few_waypoints',
    severity: 'error',
    at: { file: WAYLINES, needle: '<Folder>' },
    build: () => built(generated({ waypoints: BASE_POINTS.slice(0, 1) })),
  },
  {
    name: 'all waypoints at one place',
    rule: 'wpml.route.zero_distance',
    severity: 'error',
    at: { file: WAYLINES, needle: '<Folder>' },
    build: () => built(generated({ waypoints: [BASE_POINTS[0]!, { ...BASE_POINTS[0]!, height: 90 }] })),
  },
  {
    name: 'relative heights in WGS84 mode',
    rule: 'wpml.waypoint.execute_height.below_takeoff',
    severity: 'warning',
    at: { file: WAYLINES, needle: '<wpml:executeHeight>' },
    build: () => built(withRefPoint(generated({ heightMode: 'EGM96' }), '47.37,8.54,450')),
  },

  // Template ↔ waylines.
  inWaylines(
    'executeHeightMode WGS84 under a relative template',
    'wpml.consistency.height_mode',
    'warning',
    (s) => replace(s, '>relativeToStartPoint</wpml:executeHeightMode>', '>WGS84</wpml:executeHeightMode>'),
    '<wpml:executeHeightMode>',
  ),
  inTemplate(
    'template lost its last placemark',
    'wpml.consistency.waypoint_count',
    'warning',
    (s) => s.replace(/\s*<Placemark>(?:(?!<Placemark>)[\s\S])*<\/Placemark>(?=\s*<wpml:payloadParam>)/, ''),
    undefined,
    { at: { file: WAYLINES, needle: '<Folder>' } },
  ),
  inTemplate(
    'template on WPML 1.0.2',
    'wpml.consistency.namespace',
    'warning',
    (s) => replace(s, 'wpmz/1.0.6', 'wpmz/1.0.2'),
    undefined,
    {
      at: { file: WAYLINES, needle: '<Document>' },
    },
  ),
  inWaylines(
    'globalRTHHeight differs between files',
    'wpml.consistency.mission',
    'warning',
    (s) => replace(s, '<wpml:globalRTHHeight>100<', '<wpml:globalRTHHeight>120<'),
    '<wpml:globalRTHHeight>',
  ),
];
