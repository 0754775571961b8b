// What a map annotation may be drawn from: a GeoJSON (RFC 7946) Point, LineString or Polygon, given as a
// bare geometry, a Feature, or a FeatureCollection of exactly one Feature. Checked with zod before
// anything is sent, and turned into the body of `POST /map/element` (docs/api.md#map-annotations).
// Pure (zod only): the unit tests run it without VS Code; what an issue says to a person is worded,
// translated, in annotationText.ts.
import * as z from 'zod';
import type { MapElementBody } from '../../api/schemas/model';

export type Path = readonly (string | number)[];

/** One thing wrong with the input, where it is (`path`) and what is wrong, for annotationText.ts. */
export type GeoIssue =
  | { readonly kind: 'notJson'; readonly path: Path; readonly detail: string }
  | { readonly kind: 'expected'; readonly path: Path; readonly expected: string }
  | { readonly kind: 'unsupported'; readonly path: Path; readonly type: string }
  | { readonly kind: 'position'; readonly path: Path }
  | { readonly kind: 'longitude'; readonly path: Path; readonly value: number }
  | { readonly kind: 'latitude'; readonly path: Path; readonly value: number }
  | { readonly kind: 'swapped'; readonly path: Path; readonly value: readonly number[] }
  | { readonly kind: 'tooFewPoints'; readonly path: Path; readonly min: number; readonly count: number }
  | { readonly kind: 'tooManyPoints'; readonly path: Path; readonly max: number; readonly count: number }
  | { readonly kind: 'notClosed'; readonly path: Path }
  | { readonly kind: 'holes'; readonly path: Path; readonly count: number }
  | { readonly kind: 'featureCount'; readonly path: Path; readonly count: number };

/** `[longitude, latitude, altitude]`: FlightHub's examples always carry the altitude (0 on the ground). */
export type Position = [number, number, number];
export type AnnotationGeometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: [Position[]] };

export interface Annotation {
  readonly geometry: AnnotationGeometry;
  /** From the Feature's properties, when they hold usable values. */
  readonly name?: string;
  readonly desc?: string;
  readonly color?: string;
}

export type AnnotationResult =
  | { readonly ok: true; readonly value: Annotation }
  | { readonly ok: false; readonly issues: readonly GeoIssue[] };

/** More points than any hand-made annotation; bounds what one request carries. */
export const MAX_ANNOTATION_POINTS = 10_000;
export const DEFAULT_COLOR = '#2D8CF0';
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** A GeoIssue without its path (zod knows where it is). */
type IssueBody = GeoIssue extends infer I ? (I extends GeoIssue ? Omit<I, 'path'> : never) : never;

/** Adds a GeoIssue to the zod context; `path` is relative to the value being refined. */
function report(ctx: z.RefinementCtx, issue: IssueBody, path: Path = []): void {
  ctx.addIssue({ code: 'custom', message: issue.kind, params: issue, path: [...path] });
}

const position = z.array(z.number()).superRefine((p, ctx) => {
  const [lon, lat] = p;
  if (p.length < 2 || p.length > 3 || lon === undefined || lat === undefined) {
    report(ctx, { kind: 'position' });
    return;
  }
  // Out of range only as [lat, lon]: most likely written in the wrong order (GeoJSON is lon first).
  if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    report(ctx, { kind: 'swapped', value: [lon, lat] });
    return;
  }
  if (Math.abs(lon) > 180) report(ctx, { kind: 'longitude', value: lon });
  if (Math.abs(lat) > 90) report(ctx, { kind: 'latitude', value: lat });
});

const positions = (min: number) =>
  z.array(position).superRefine((list, ctx) => {
    if (list.length < min) report(ctx, { kind: 'tooFewPoints', min, count: list.length });
    if (list.length > MAX_ANNOTATION_POINTS)
      report(ctx, { kind: 'tooManyPoints', max: MAX_ANNOTATION_POINTS, count: list.length });
  });

const ring = positions(4).superRefine((list, ctx) => {
  const first = list[0];
  const last = list[list.length - 1];
  if (list.length >= 4 && (first?.[0] !== last?.[0] || first?.[1] !== last?.[1]))
    report(ctx, { kind: 'notClosed' }, [list.length - 1]);
});

const geometry = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('Point'), coordinates: position }),
  z.looseObject({ type: z.literal('LineString'), coordinates: positions(2) }),
  z.looseObject({
    type: z.literal('Polygon'),
    // One outer ring: FlightHub draws annotation polygons without holes [INFERRED from its editor].
    coordinates: z.array(ring).superRefine((rings, ctx) => {
      if (rings.length === 0) report(ctx, { kind: 'tooFewPoints', min: 4, count: 0 });
      if (rings.length > 1) report(ctx, { kind: 'holes', count: rings.length - 1 });
    }),
  }),
]);

const properties = z.record(z.string(), z.unknown()).nullish();

const UNSUPPORTED = ['MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'];

/** Checks a GeoJSON value (or its JSON text) and returns the annotation it describes, or every issue. */
export function parseAnnotation(input: unknown): AnnotationResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail({ kind: 'notJson', path: [], detail: detail.slice(0, 200) });
    }
  }
  return fromValue(value, []);
}

function fromValue(value: unknown, path: Path): AnnotationResult {
  const typed = z.looseObject({ type: z.string() }).safeParse(value);
  if (!typed.success) return fail({ kind: 'expected', path: [...path, 'type'], expected: 'geometry' });
  const type = typed.data.type;
  if (type === 'FeatureCollection') {
    const features = z.looseObject({ features: z.array(z.unknown()) }).safeParse(value);
    if (!features.success) return fail({ kind: 'expected', path: [...path, 'features'], expected: 'array' });
    const list = features.data.features;
    if (list.length !== 1)
      return fail({ kind: 'featureCount', path: [...path, 'features'], count: list.length });
    return fromValue(list[0], [...path, 'features', 0]);
  }
  if (type === 'Feature') {
    const feature = z.looseObject({ geometry: z.unknown(), properties }).safeParse(value);
    if (!feature.success)
      return fail({ kind: 'expected', path: [...path, 'properties'], expected: 'object' });
    const inner = fromGeometry(feature.data.geometry, [...path, 'geometry']);
    return inner.ok
      ? { ok: true, value: { ...inner.value, ...fromProperties(feature.data.properties) } }
      : inner;
  }
  return fromGeometry(value, path);
}

function fromGeometry(value: unknown, path: Path): AnnotationResult {
  const type = z.looseObject({ type: z.string() }).safeParse(value).data?.type;
  if (type === undefined) return fail({ kind: 'expected', path: [...path, 'type'], expected: 'geometry' });
  if (UNSUPPORTED.includes(type)) return fail({ kind: 'unsupported', path: [...path, 'type'], type });
  const parsed = geometry.safeParse(value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => toGeoIssue(i, path)) };
  const g = parsed.data;
  const at = (p: number[]): Position => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
  const geometryOut: AnnotationGeometry =
    g.type === 'Point'
      ? { type: 'Point', coordinates: at(g.coordinates) }
      : g.type === 'LineString'
        ? { type: 'LineString', coordinates: g.coordinates.map(at) }
        : { type: 'Polygon', coordinates: [(g.coordinates[0] ?? []).map(at)] };
  return { ok: true, value: { geometry: geometryOut } };
}

function fromProperties(p: Record<string, unknown> | null | undefined): Omit<Annotation, 'geometry'> {
  const text = (v: unknown, max: number) =>
    typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
  const name = text(p?.name, 200);
  const desc = text(p?.desc ?? p?.description, 1000);
  const color = typeof p?.color === 'string' && COLOR.test(p.color) ? p.color : undefined;
  return { ...(name ? { name } : {}), ...(desc ? { desc } : {}), ...(color ? { color } : {}) };
}

function toGeoIssue(issue: z.core.$ZodIssue, base: Path): GeoIssue {
  const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  if (issue.code === 'custom' && issue.params) return { ...(issue.params as GeoIssue), path };
  if (issue.code === 'invalid_union' || (issue.code === 'invalid_value' && issue.path.at(-1) === 'type'))
    return { kind: 'expected', path: issue.path.length ? path : [...path, 'type'], expected: 'geometry' };
  if (issue.code === 'invalid_type') return { kind: 'expected', path, expected: issue.expected };
  return { kind: 'expected', path, expected: 'geometry' };
}

function fail(issue: GeoIssue): AnnotationResult {
  return { ok: false, issues: [issue] };
}

/** 0 point, 1 line, 2 polygon (docs/api.md#map-annotations). */
export function resourceType(g: AnnotationGeometry): 0 | 1 | 2 {
  return g.type === 'Point' ? 0 : g.type === 'LineString' ? 1 : 2;
}

/** The `POST /map/element` body: a Feature with the colour FlightHub draws it in, clamped to the ground. */
export function mapElementBody(name: string, desc: string, a: Annotation): MapElementBody {
  return {
    name,
    desc,
    element_source: 0,
    resource: {
      type: resourceType(a.geometry),
      content: {
        type: 'Feature',
        properties: { color: a.color ?? DEFAULT_COLOR, clampToGround: true },
        geometry: { type: a.geometry.type, coordinates: a.geometry.coordinates },
      },
    },
  };
}

/** `features[0].geometry.coordinates[3]`: where an issue is, as people read JSON. */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p),
    '',
  );
}
