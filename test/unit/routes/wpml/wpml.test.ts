// Reading WPML into the route model, the summary FlightHub derives, and the hard errors of
// docs/wpml.md#rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateRouteKmz } from '../../../../src/simulator/routegen';
import { summarizeKmz } from '../../../../src/routes/wpml/summary';
import { haversine, parseLonLat, parseNumber } from '../../../../src/routes/wpml/values';
import { readRouteModel, type Field } from '../../../../src/routes/wpml/wpml';
import { readZip, writeZip } from '../../../../src/routes/zip/zip';

const KML = 'xmlns="http://www.opengis.net/kml/2.2" xmlns:wpml="http://www.dji.com/wpmz/1.0.2"';
const MISSION = `<wpml:missionConfig>
    <wpml:flyToWaylineMode>safely</wpml:flyToWaylineMode>
    <wpml:finishAction>goHome</wpml:finishAction>
    <wpml:exitOnRCLost>goContinue</wpml:exitOnRCLost>
    <wpml:takeOffSecurityHeight>20</wpml:takeOffSecurityHeight>
    <wpml:globalTransitionalSpeed>10</wpml:globalTransitionalSpeed>
    <wpml:droneInfo><wpml:droneEnumValue>67</wpml:droneEnumValue><wpml:droneSubEnumValue>1</wpml:droneSubEnumValue></wpml:droneInfo>
    <wpml:payloadInfo><wpml:payloadEnumValue>53</wpml:payloadEnumValue><wpml:payloadPositionIndex>0</wpml:payloadPositionIndex></wpml:payloadInfo>
  </wpml:missionConfig>`;

/**
 * A hand-written route in the shape of the DJI documentation (docs/wpml.md#template-file to
 * docs/wpml.md#mission-config), independent of routegen.
 */
const TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<kml ${KML}>
<Document>
  <wpml:author>fly</wpml:author>
  ${MISSION}
  <Folder>
    <wpml:templateType>waypoint</wpml:templateType>
    <wpml:templateId>0</wpml:templateId>
    <wpml:waylineCoordinateSysParam>
      <wpml:coordinateMode>WGS84</wpml:coordinateMode>
      <wpml:heightMode>EGM96</wpml:heightMode>
    </wpml:waylineCoordinateSysParam>
    <wpml:autoFlightSpeed>7</wpml:autoFlightSpeed>
    <Placemark><Point><coordinates>113.943281,22.577342</coordinates></Point><wpml:index>0</wpml:index></Placemark>
    <wpml:payloadParam><wpml:payloadPositionIndex>0</wpml:payloadPositionIndex><wpml:imageFormat>wide,zoom,ir</wpml:imageFormat></wpml:payloadParam>
  </Folder>
</Document>
</kml>`;

const WAYLINES = `<?xml version="1.0" encoding="UTF-8"?>
<kml ${KML}>
<Document>
  ${MISSION}
  <Folder>
    <wpml:templateId>0</wpml:templateId>
    <wpml:executeHeightMode>WGS84</wpml:executeHeightMode>
    <wpml:waylineId>0</wpml:waylineId>
    <wpml:autoFlightSpeed>7</wpml:autoFlightSpeed>
    <Placemark>
      <Point><coordinates> 113.943281,22.577342 </coordinates></Point>
      <wpml:index>0</wpml:index>
      <wpml:executeHeight>100</wpml:executeHeight>
      <wpml:waypointSpeed>7</wpml:waypointSpeed>
      <wpml:actionGroup>
        <wpml:actionGroupId>0</wpml:actionGroupId>
        <wpml:actionGroupStartIndex>0</wpml:actionGroupStartIndex>
        <wpml:actionGroupEndIndex>1</wpml:actionGroupEndIndex>
        <wpml:actionGroupMode>sequence</wpml:actionGroupMode>
        <wpml:actionTrigger><wpml:actionTriggerType>reachPoint</wpml:actionTriggerType></wpml:actionTrigger>
        <wpml:action>
          <wpml:actionId>0</wpml:actionId>
          <wpml:actionActuatorFunc>hover</wpml:actionActuatorFunc>
          <wpml:actionActuatorFuncParam><wpml:hoverTime>5</wpml:hoverTime></wpml:actionActuatorFuncParam>
        </wpml:action>
      </wpml:actionGroup>
    </Placemark>
    <Placemark>
      <Point><coordinates>113.944281,22.577342,12</coordinates></Point>
      <wpml:index>1</wpml:index>
      <wpml:executeHeight>110.5</wpml:executeHeight>
    </Placemark>
  </Folder>
</Document>
</kml>`;

function kmz(template: string | undefined, waylines: string | undefined): Buffer {
  const entries: { name: string; data: Buffer }[] = [];
  if (template !== undefined) entries.push({ name: 'wpmz/template.kml', data: Buffer.from(template) });
  if (waylines !== undefined) entries.push({ name: 'wpmz/waylines.wpml', data: Buffer.from(waylines) });
  return writeZip(entries);
}

function rejected(buf: Buffer, rule: string, where?: RegExp): string {
  const result = summarizeKmz(buf);
  assert.equal(result.ok, false, 'expected a rejection');
  if (result.ok) return '';
  assert.equal(result.rule, rule, result.reason);
  if (where) assert.match(result.reason, where);
  return result.reason;
}

void describe('wpml: reading a documented route', () => {
  it('summarizes what FlightHub lists for a route', () => {
    const result = summarizeKmz(kmz(TEMPLATE, WAYLINES));
    assert.ok(result.ok, result.ok ? '' : result.reason);
    const s = result.summary;
    assert.equal(s.deviceModelKey, '0-67-1');
    assert.deepEqual(s.payloadInformation, [{ domain: '1', type: '53', lens_type: 'wide,zoom,ir' }]);
    assert.deepEqual(s.templateTypes, ['waypoint']);
    assert.equal(s.waypointCount, 2);
    assert.deepEqual(s.waypoints, [
      { longitude: 113.943281, latitude: 22.577342, height: 100 },
      { longitude: 113.944281, latitude: 22.577342, height: 110.5 },
    ]);
    // 0.001° of longitude at 22.58° N is about 102.7 m.
    assert.ok(Math.abs(s.distance - 102.7) < 0.5, `distance ${s.distance}`);
  });

  it('prefers wpml:distance when the file states it', () => {
    const stated = WAYLINES.replace(
      '<wpml:waylineId>0</wpml:waylineId>',
      '$&<wpml:distance>250.5</wpml:distance>',
    );
    const result = summarizeKmz(kmz(TEMPLATE, stated));
    assert.ok(result.ok);
    assert.equal(result.summary.distance, 250.5);
  });

  it('keeps fields with the line and column of their element', () => {
    const model = readRouteModel(kmz(TEMPLATE, WAYLINES));
    const lines = WAYLINES.split('\n');
    const at = (needle: string, nth = 0): [number, number] => {
      const hits = lines.flatMap((l, i) =>
        l.includes(needle) ? [[i + 1, l.indexOf(needle) + 1] as [number, number]] : [],
      );
      return hits[nth] ?? [0, 0];
    };
    const loc = (f: { line: number; column: number } | undefined): [number, number] => [
      f?.line ?? -1,
      f?.column ?? -1,
    ];
    const second = model.waylines.folders[0]?.waypoints[1];
    assert.deepEqual(loc(second?.executeHeight), at('<wpml:executeHeight>', 1));
    assert.equal(second?.executeHeight?.file, 'wpmz/waylines.wpml');
    const group = model.waylines.folders[0]?.waypoints[0]?.actionGroups[0];
    assert.equal(group?.actionTriggerType?.value, 'reachPoint');
    assert.deepEqual(loc(group?.actions[0]?.params.hoverTime), at('<wpml:hoverTime>'));
    assert.equal(model.template.folders[0]?.heightMode?.value, 'EGM96');
    assert.equal(model.template.missionConfig?.drone?.droneSubEnumValue?.value, '1');
    assert.deepEqual(model.entries, ['wpmz/template.kml', 'wpmz/waylines.wpml']);
  });

  it('parses numbers and coordinates strictly', () => {
    const f = (value: string): Field => ({ value, file: 'f', line: 1, column: 1 });
    assert.equal(parseNumber(f('-1.5e2')), -150);
    for (const bad of ['', '0x10', '1,5', 'NaN', '1.2.3']) assert.equal(parseNumber(f(bad)), undefined, bad);
    assert.deepEqual(parseLonLat(f('113.9, 22.5, 30')), { longitude: 113.9, latitude: 22.5 });
    for (const bad of ['22.5', '181,0', '0,91', 'a,b', '1,2,3,4'])
      assert.equal(parseLonLat(f(bad)), undefined, bad);
    const d = haversine({ longitude: 0, latitude: 0 }, { longitude: 0, latitude: 1 });
    assert.ok(Math.abs(d - 111_195) < 1, `1° of latitude is ${d} m`);
  });
});

void describe('wpml: hard errors FlightHub rejects at finish-upload', () => {
  it('rule 1: unreadable ZIP, missing or misnamed files', () => {
    rejected(Buffer.from('not a zip'), 'zip.not_zip');
    rejected(kmz(undefined, WAYLINES), 'kmz.missing_template');
    rejected(kmz(TEMPLATE, undefined), 'kmz.missing_waylines');
    const misnamed = writeZip([
      { name: 'wpmz/template.kml', data: Buffer.from(TEMPLATE) },
      { name: 'wpmz/waylines.kml', data: Buffer.from(WAYLINES) },
    ]);
    rejected(misnamed, 'kmz.missing_waylines');
    const nested = writeZip([{ name: 'route/wpmz/template.kml', data: Buffer.from(TEMPLATE) }]);
    rejected(nested, 'kmz.missing_template');
  });

  it('§6.2: malformed XML and DOCTYPE are reported with file, line and column', () => {
    const broken = WAYLINES.replace('<wpml:index>1</wpml:index>', '<wpml:index>1</wpml:idx>');
    rejected(kmz(TEMPLATE, broken), 'xml.mismatched_tag', /^wpmz\/waylines\.wpml:38:20: /);
    const xxe = TEMPLATE.replace('<kml', '<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<kml');
    rejected(kmz(xxe, WAYLINES), 'xml.doctype', /^wpmz\/template\.kml:2:1: /);
    const latin1 = Buffer.from(TEMPLATE.replace('fly', 'fl\u00ff'), 'latin1');
    rejected(kmzRaw(latin1), 'xml.encoding', /^wpmz\/template\.kml:4:18: /);
  });

  it('rule 2: wrong root, namespace or Document', () => {
    rejected(kmz(TEMPLATE.replace('opengis.net/kml/2.2', 'opengis.net/kml/2.3'), WAYLINES), 'wpml.root');
    rejected(kmz(TEMPLATE, WAYLINES.replace('wpmz/1.0.2', 'wpmz/2.0.0')), 'wpml.namespace');
    rejected(kmz(TEMPLATE, WAYLINES.replace(/<\/?Document>/g, '')), 'wpml.document');
  });

  it('rules 3–4: missionConfig and template folder', () => {
    const noMission = WAYLINES.replace(/<wpml:missionConfig>[\s\S]*<\/wpml:missionConfig>/, '');
    rejected(
      kmz(TEMPLATE, noMission),
      'wpml.mission_config',
      /waylines\.wpml:3:1: wpml:missionConfig is missing/,
    );
    rejected(kmz(TEMPLATE.replace('>goHome<', '>goAway<'), WAYLINES), 'wpml.mission_config', /finishAction/);
    rejected(kmz(TEMPLATE.replace('>20<', '>1<'), WAYLINES), 'wpml.mission_config', /takeOffSecurityHeight/);
    rejected(kmz(TEMPLATE, WAYLINES.replace('>67<', '>M30<')), 'wpml.drone_info');
    rejected(
      kmz(TEMPLATE.replace(/<wpml:templateType>.*<\/wpml:templateType>/, ''), WAYLINES),
      'wpml.template_type',
    );
    rejected(kmz(TEMPLATE.replace('>WGS84<', '>GCJ02<'), WAYLINES), 'wpml.coordinate_mode');
    rejected(kmz(TEMPLATE.replace('>EGM96<', '>AMSL<'), WAYLINES), 'wpml.height_mode');
  });

  it('rules 5–6: wayline folders, waypoints and actions', () => {
    const edit = (from: string | RegExp, to: string): Buffer => kmz(TEMPLATE, WAYLINES.replace(from, to));
    rejected(edit('<wpml:templateId>0', '<wpml:templateId>3'), 'wpml.template_id');
    rejected(edit('<wpml:waylineId>0</wpml:waylineId>', ''), 'wpml.wayline_id');
    rejected(edit('<wpml:index>1<', '<wpml:index>2<'), 'wpml.waypoint_index', /waylines\.wpml:38:7:/);
    rejected(edit('113.944281,22.577342,12', '0,0'), 'wpml.coordinates');
    rejected(edit('113.944281,22.577342,12', '22.5,200'), 'wpml.coordinates');
    rejected(edit('<wpml:executeHeight>110.5', '<wpml:executeHeight>high'), 'wpml.height');
    rejected(edit('<wpml:waypointSpeed>7', '<wpml:waypointSpeed>0'), 'wpml.speed');
    rejected(edit('<wpml:actionGroupEndIndex>1', '<wpml:actionGroupEndIndex>2'), 'wpml.action_group');
    rejected(edit('>hover<', '>selfDestruct<'), 'wpml.action');
    const twice = WAYLINES.replace(/(<wpml:action>[\s\S]*<\/wpml:action>)/, '$1$1');
    rejected(kmz(TEMPLATE, twice), 'wpml.action', /actionId/);
  });

  it('accepts the generator output, including the dock-only missionConfig ranges', () => {
    const generated = generateRouteKmz({
      name: 'g',
      droneEnumValue: 100,
      droneSubEnumValue: 1,
      payloadEnumValue: 99,
      waypoints: [
        { longitude: 8.5, latitude: 47.3, height: 60 },
        { longitude: 8.501, latitude: 47.3, height: 60 },
      ],
    });
    const result = summarizeKmz(generated);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.summary.deviceModelKey, '0-100-1');
    const entries = readZip(generated).map((e) => e.name);
    assert.deepEqual(entries, ['wpmz/template.kml', 'wpmz/waylines.wpml']);
  });
});

/** A KMZ whose template.kml bytes are given verbatim (not re-encoded as UTF-8). */
function kmzRaw(template: Buffer): Buffer {
  return writeZip([
    { name: 'wpmz/template.kml', data: template },
    { name: 'wpmz/waylines.wpml', data: Buffer.from(WAYLINES) },
  ]);
}
