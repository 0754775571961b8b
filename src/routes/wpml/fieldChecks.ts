// The checks most rules are made of: a field that must be one of an enumeration, or a number in a range.
// Each reports `<rule>.missing`, `<rule>.invalid` (not a member / not a number) or `<rule>.range`, at the
// field when it exists and at its parent element when it does not.
import type { FindingSink, Location, Severity, Text } from './findings';
import { expectNumber, expectOneOf, missingField, wrongValue, type NumberRange } from './messages';
import { parseInteger, parseNumber } from './values';
import { type Field } from './wpml';
import type { XmlElement } from '../xml/xml';
import { findChild, textContent } from '../xml/query';

/** Where checks report, and the "Waypoint 3:" context their messages start with. */
export interface Scope {
  readonly sink: FindingSink;
  readonly where?: Text;
}

export interface FieldOptions {
  /** Report `.missing` when absent (default true). */
  readonly required?: boolean;
  /** Severity of `.missing` (default error). */
  readonly missingSeverity?: Severity;
  /** Added to the "expected" text, e.g. "dock routes". */
  readonly note?: Text;
}

const NO_OPTIONS: FieldOptions = {};

/** The value when it is a member of `allowed`; undefined (after reporting) otherwise. */
export function checkEnum(
  s: Scope,
  rule: string,
  name: string,
  field: Field | undefined,
  allowed: readonly string[],
  parent: Location,
  options: FieldOptions = NO_OPTIONS,
): string | undefined {
  if (!field) {
    if (options.required ?? true) {
      s.sink.add(
        `${rule}.missing`,
        options.missingSeverity ?? 'error',
        missingField(name, expectOneOf(allowed), s.where),
        parent,
      );
    }
    return undefined;
  }
  if (allowed.includes(field.value)) return field.value;
  s.sink.error(`${rule}.invalid`, wrongValue(name, field.value, expectOneOf(allowed), s.where), field);
  return undefined;
}

/**
 * The number when the field is one (integers when `range.integer`), even when it is out of range — the
 * range finding is reported here, and callers may still use the value for cross-checks.
 */
export function checkNumber(
  s: Scope,
  rule: string,
  name: string,
  field: Field | undefined,
  range: NumberRange,
  parent: Location,
  options: FieldOptions & { readonly rangeSeverity?: Severity } = NO_OPTIONS,
): number | undefined {
  if (!field) {
    if (options.required ?? true) {
      const message = missingField(name, expectNumber(range, options.note), s.where);
      s.sink.add(`${rule}.missing`, options.missingSeverity ?? 'error', message, parent);
    }
    return undefined;
  }
  const n = range.integer ? parseInteger(field) : parseNumber(field);
  if (n === undefined) {
    s.sink.error(
      `${rule}.invalid`,
      wrongValue(name, field.value, expectNumber(range, options.note), s.where),
      field,
    );
    return undefined;
  }
  if (!inRange(n, range)) {
    const message = wrongValue(name, field.value, expectNumber(range, options.note), s.where);
    s.sink.add(`${rule}.range`, options.rangeSeverity ?? 'error', message, field);
  }
  return n;
}

/** The strict decimal grammar of wpml.ts parseNumber, for parts of comma lists (coordinates). */
const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

export function parseDecimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

export function inRange(n: number, r: NumberRange): boolean {
  if (r.min !== undefined && (r.minExclusive ? n <= r.min : n < r.min)) return false;
  return r.max === undefined || n <= r.max;
}

/** Trimmed text of a leaf element (textContent does not make text nodes for a leaf's one text). */
export function leafText(el: XmlElement): string {
  return textContent(el).trim();
}

/** A Field for an element the model does not collect (heading and turn parameters). */
export function fieldOf(el: XmlElement, file: string): Field {
  return { value: leafText(el), file, line: el.line, column: el.column };
}

export function childField(parent: XmlElement, ns: string, local: string, file: string): Field | undefined {
  const el = findChild(parent, ns, local);
  return el && fieldOf(el, file);
}

/** What every check needs: where to report and the options that change ranges. */
export interface CheckContext {
  readonly sink: FindingSink;
  /** Dock ranges (takeOffSecurityHeight ≥ 8 m, task RTH clamp) rather than remote-controller ones. */
  readonly dock: boolean;
  /** The aircraft the route is for (`0-91-1` parsed), when the caller knows it. */
  readonly aircraft?: { readonly drone: number; readonly sub: number };
  /** The project's RTH limit in metres (docs/wpml.md#rules, rule 10), when the caller knows it. */
  readonly rthAltitudeLimit?: number;
}

export interface LatLon {
  readonly latitude: number;
  readonly longitude: number;
}

/** `takeOffRefPoint` (`lat,lon,h`, docs/wpml.md#namespaces-and-root) once it has been checked. */
export interface RefPoint extends LatLon {
  readonly height: number;
}

export function locationOf(node: { readonly line: number; readonly column: number }, file: string): Location {
  return { file, line: node.line, column: node.column };
}
