// What a GeoJSON issue (geojson.ts) says to a person, translated, and the names an annotation gets
// when the person has not chosen one yet.
import * as vscode from 'vscode';
import { formatPath, type AnnotationGeometry, type GeoIssue } from './geojson';

/** At most this many issues in one message: the first few are enough to fix the input. */
const SHOWN = 3;

export function describeIssue(issue: GeoIssue): string {
  const t = vscode.l10n.t;
  const where = formatPath(issue.path) || t('(top level)');
  switch (issue.kind) {
    case 'notJson':
      return t('This is not JSON: {0}', issue.detail);
    case 'expected':
      return issue.expected === 'geometry'
        ? t('{0}: expected a Point, LineString or Polygon (or a Feature with one).', where)
        : t('{0}: expected a value of type {1}.', where, issue.expected);
    case 'unsupported':
      return t('{0}: a {1} cannot be an annotation; use a Point, LineString or Polygon.', where, issue.type);
    case 'position':
      return t('{0}: a position is [longitude, latitude] or [longitude, latitude, altitude].', where);
    case 'longitude':
      return t('{0}: longitude {1} is outside -180…180.', where, issue.value);
    case 'latitude':
      return t('{0}: latitude {1} is outside -90…90.', where, issue.value);
    case 'swapped':
      return t(
        '{0}: [{1}] looks like [latitude, longitude]; GeoJSON puts longitude first.',
        where,
        issue.value.join(', '),
      );
    case 'tooFewPoints':
      return t('{0}: needs at least {1} positions, has {2}.', where, issue.min, issue.count);
    case 'tooManyPoints':
      return t('{0}: at most {1} positions, has {2}.', where, issue.max, issue.count);
    case 'notClosed':
      return t('{0}: a polygon ring must end where it starts (last position = first).', where);
    case 'holes':
      return t('{0}: polygons with holes are not supported; remove the inner rings.', where);
    case 'featureCount':
      return t('{0}: a FeatureCollection must hold exactly one Feature, it has {1}.', where, issue.count);
  }
}

export function describeIssues(issues: readonly GeoIssue[]): string {
  const shown = issues.slice(0, SHOWN).map(describeIssue);
  if (issues.length > SHOWN) shown.push(vscode.l10n.t('({0} more)', issues.length - SHOWN));
  return shown.join(' ');
}

/** "Point", "Line", "Polygon", as FlightHub 2 names its annotation kinds. */
export function kindLabel(g: AnnotationGeometry): string {
  const t = vscode.l10n.t;
  return g.type === 'Point' ? t('Point') : g.type === 'LineString' ? t('Line') : t('Polygon');
}

/** A name to offer: where a point is, or how many positions a line or polygon has. */
export function suggestedName(g: AnnotationGeometry): string {
  const t = vscode.l10n.t;
  if (g.type === 'Point') {
    const [lon, lat] = g.coordinates;
    return t('Point {0}, {1}', lat.toFixed(6), lon.toFixed(6));
  }
  if (g.type === 'LineString') return t('Line of {0} points', g.coordinates.length);
  return t('Polygon of {0} corners', g.coordinates[0].length - 1);
}
