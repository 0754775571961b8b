// Reading WPML field values: strict decimals and integers, KML `lon,lat[,alt]` coordinates, and the
// great-circle distance the checks and the route summary measure with.
import type { Field } from './wpml';

const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Strict decimal: `Number('')` is 0 and `Number('0x10')` is 16, neither of which DJI would accept. */
export function parseNumber(field: Field | undefined): number | undefined {
  return field && NUMBER.test(field.value) ? Number(field.value) : undefined;
}

export function parseInteger(field: Field | undefined): number | undefined {
  return field && /^[+-]?[0-9]+$/.test(field.value) ? Number(field.value) : undefined;
}

/**
 * `lon,lat[,alt]` (KML order, docs/wpml.md#namespaces-and-root), or undefined when malformed or out of range.
 */
export function parseLonLat(field: Field | undefined): { longitude: number; latitude: number } | undefined {
  const parts = field?.value.split(',').map((p) => p.trim());
  if (!parts || parts.length < 2 || parts.length > 3 || !parts.every((p) => NUMBER.test(p))) return undefined;
  const [longitude, latitude] = parts.map(Number);
  if (longitude === undefined || latitude === undefined) return undefined;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return undefined;
  return { longitude, latitude };
}

/** Great-circle distance in metres on the IUGG mean-radius sphere. */
export function haversine(
  a: { longitude: number; latitude: number },
  b: { longitude: number; latitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
