// The GeoJSON an annotation is made from: what is accepted (bare geometries, Features, a collection of
// one, JSON text), what is refused and with which issue where, and the `POST /map/element` body made
// from it — checked against the API's own request schema. Also the page's annotate message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapElementBody as bodySchema } from '../../../../src/api/schemas/model';
import {
  formatPath,
  mapElementBody,
  parseAnnotation,
  type Annotation,
  type GeoIssue,
} from '../../../../src/features/annotations/geojson';
import { annotateMessage } from '../../../../src/webviews/map/protocol';

const square = [
  [113.94, 22.57],
  [113.95, 22.57],
  [113.95, 22.58],
  [113.94, 22.57],
];

function ok(input: unknown): Annotation {
  const result = parseAnnotation(input);
  assert.ok(result.ok, `refused: ${JSON.stringify(result.ok ? '' : result.issues)}`);
  return result.value;
}

function issues(input: unknown): GeoIssue[] {
  const result = parseAnnotation(input);
  assert.ok(!result.ok, 'accepted');
  return [...result.issues];
}

/** The issues as `kind@path`, e.g. `latitude@geometry.coordinates[1]`. */
function brief(input: unknown): string[] {
  return issues(input).map((i) => `${i.kind}@${formatPath(i.path)}`);
}

describe('annotation GeoJSON: accepted', () => {
  it('takes a bare Point, adding altitude 0, longitude first', () => {
    assert.deepEqual(ok({ type: 'Point', coordinates: [113.94, 22.57] }).geometry, {
      type: 'Point',
      coordinates: [113.94, 22.57, 0],
    });
  });

  it('takes a Feature with a LineString and keeps its name, description, colour and altitudes', () => {
    const a = ok({
      type: 'Feature',
      properties: { name: ' Fence ', description: 'north side', color: '#FF8800' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [113.94, 22.57, 12],
          [113.95, 22.571],
        ],
      },
    });
    assert.deepEqual(a, {
      geometry: {
        type: 'LineString',
        coordinates: [
          [113.94, 22.57, 12],
          [113.95, 22.571, 0],
        ],
      },
      name: 'Fence',
      desc: 'north side',
      color: '#FF8800',
    });
  });

  it('takes a FeatureCollection of one Polygon Feature as JSON text, ignoring an unusable colour', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { color: 'red' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
      ],
    });
    const a = ok(text);
    assert.equal(a.geometry.type, 'Polygon');
    assert.equal(a.color, undefined);
    assert.deepEqual(a.geometry.coordinates, [square.map(([lon, lat]) => [lon, lat, 0])]);
  });

  it('makes a body the API request schema accepts, with the resource type of the geometry', () => {
    for (const [geometry, type] of [
      [{ type: 'Point', coordinates: [113.94, 22.57] }, 0],
      [{ type: 'LineString', coordinates: square.slice(0, 2) }, 1],
      [{ type: 'Polygon', coordinates: [square] }, 2],
    ] as const) {
      const body = mapElementBody('A', 'B', ok(geometry));
      assert.equal(body.resource.type, type);
      assert.equal(body.resource.content.properties.color, '#2D8CF0');
      assert.equal(body.resource.content.geometry.type, geometry.type);
      assert.ok(bodySchema.safeParse(body).success, JSON.stringify(body));
    }
  });
});

describe('annotation GeoJSON: refused, naming what and where', () => {
  it('out-of-range longitude and latitude', () => {
    assert.deepEqual(brief({ type: 'Point', coordinates: [181, 22] }), ['longitude@coordinates']);
    assert.deepEqual(
      brief({
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [113, 22],
            [113, -91],
          ],
        },
      }),
      ['latitude@geometry.coordinates[1]'],
    );
    const [issue] = issues({ type: 'Point', coordinates: [-200, 95] });
    assert.equal(issue?.kind, 'longitude');
    assert.deepEqual(
      issues({ type: 'Point', coordinates: [-200, 95] }).map((i) => i.kind),
      ['longitude', 'latitude'],
    );
  });

  it('[latitude, longitude] order', () => {
    const [issue] = issues({ type: 'Point', coordinates: [22.57, 113.94] });
    assert.deepEqual(issue, { kind: 'swapped', path: ['coordinates'], value: [22.57, 113.94] });
  });

  it('positions that are not 2 or 3 numbers', () => {
    assert.deepEqual(brief({ type: 'Point', coordinates: [113] }), ['position@coordinates']);
    assert.deepEqual(brief({ type: 'Point', coordinates: [1, 2, 3, 4] }), ['position@coordinates']);
    assert.deepEqual(brief({ type: 'Point', coordinates: ['113', 22] }), ['expected@coordinates[0]']);
    assert.deepEqual(brief({ type: 'Point', coordinates: [Infinity, 22] }), ['expected@coordinates[0]']);
  });

  it('a line of one point', () => {
    const [issue] = issues({ type: 'LineString', coordinates: [[113, 22]] });
    assert.deepEqual(issue, { kind: 'tooFewPoints', path: ['coordinates'], min: 2, count: 1 });
  });

  it('a polygon ring that is not closed, too short, or has holes', () => {
    const open = [...square.slice(0, 3), [113.94, 22.575]];
    assert.deepEqual(brief({ type: 'Polygon', coordinates: [open] }), ['notClosed@coordinates[0][3]']);
    assert.deepEqual(brief({ type: 'Polygon', coordinates: [square.slice(1)] }), [
      'tooFewPoints@coordinates[0]',
    ]);
    assert.deepEqual(brief({ type: 'Polygon', coordinates: [] }), ['tooFewPoints@coordinates']);
    assert.deepEqual(brief({ type: 'Polygon', coordinates: [square, square] }), ['holes@coordinates']);
  });

  it('other geometry types, collections of several features, non-GeoJSON and broken JSON', () => {
    assert.deepEqual(brief({ type: 'MultiPoint', coordinates: [[1, 2]] }), ['unsupported@type']);
    assert.deepEqual(brief({ type: 'Circle', coordinates: [1, 2] }), ['expected@type']);
    assert.deepEqual(brief({ lon: 1, lat: 2 }), ['expected@type']);
    assert.deepEqual(brief(42), ['expected@type']);
    assert.deepEqual(brief({ type: 'FeatureCollection', features: [{}, {}] }), ['featureCount@features']);
    assert.deepEqual(brief({ type: 'Feature', properties: null, geometry: null }), [
      'expected@geometry.type',
    ]);
    const [broken] = issues('{"type": "Point", ');
    assert.equal(broken?.kind, 'notJson');
  });
});

describe('annotate message from a map page', () => {
  const point = (lon: number, lat: number) => ({
    type: 'annotate',
    geometry: { type: 'Point', coordinates: [lon, lat] },
  });

  it('accepts a point and a line in range, with an optional label', () => {
    assert.ok(annotateMessage.safeParse({ ...point(113.9, 22.5), label: 'DJI_0001.JPG' }).success);
    const line = { type: 'annotate', geometry: { type: 'LineString', coordinates: square } };
    assert.ok(annotateMessage.safeParse(line).success);
  });

  it('refuses positions out of range, a one-point line and unknown geometry', () => {
    assert.ok(!annotateMessage.safeParse(point(113.9, 95)).success);
    assert.ok(!annotateMessage.safeParse(point(190, 22)).success);
    assert.ok(!annotateMessage.safeParse(point(Number.NaN, 22)).success);
    const short = { type: 'annotate', geometry: { type: 'LineString', coordinates: [[1, 2]] } };
    assert.ok(!annotateMessage.safeParse(short).success);
    const polygon = { type: 'annotate', geometry: { type: 'Polygon', coordinates: [square] } };
    assert.ok(!annotateMessage.safeParse(polygon).success);
  });
});
