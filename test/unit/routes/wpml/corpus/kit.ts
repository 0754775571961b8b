// What a corpus case is, and the helpers that build one by editing the valid generated route.
import { generateRouteKmz, type RouteOptions } from '../../../../../src/simulator/routegen';
import type { Severity } from '../../../../../src/routes/wpml/findings';
import type { ValidateOptions } from '../../../../../src/routes/wpml/validate';
import {
  BASE_POINTS,
  baseFiles,
  editFile,
  filesOf,
  kmzOf,
  replace,
  TEMPLATE,
  WAYLINES,
  type Files,
} from './route';

export interface Built {
  readonly kmz: Buffer;
  /** The text of each entry, for finding where a finding must point (and for folder validation). */
  readonly files: Files;
}

export interface CorpusCase {
  readonly name: string;
  readonly rule: string;
  readonly severity: Severity;
  /** The finding's file, and the text its line:column must be the start of (none: 1:1). */
  readonly at: { readonly file: string; readonly needle?: string; readonly nth?: number };
  readonly options?: ValidateOptions;
  /** Other error rules the same input rightly triggers as well. */
  readonly alsoErrors?: readonly string[];
  readonly build: () => Built;
}

export const ARCHIVE = '(archive)';
export const built = (files: Files, compress = true): Built => ({ kmz: kmzOf(files, compress), files });

export type Edit = (source: string) => string;

/** What a case may add: options, other errors it causes, the nth needle, or a location in another file. */
type Extra = Pick<Partial<CorpusCase>, 'options' | 'alsoErrors' | 'at'> & { readonly nth?: number };
type CaseArgs = [
  name: string,
  rule: string,
  severity: Severity,
  edit: Edit,
  needle: string | undefined,
  extra?: Extra,
];

function inFile(file: string, ...[name, rule, severity, edit, needle, extra = {}]: CaseArgs): CorpusCase {
  const { nth, at, ...rest } = extra;
  return {
    name,
    rule,
    severity,
    at: at ?? { file, ...(needle !== undefined ? { needle } : {}), ...(nth !== undefined ? { nth } : {}) },
    build: () => built(editFile(baseFiles(), file, edit)),
    ...rest,
  };
}

export const inWaylines = (...a: CaseArgs): CorpusCase => inFile(WAYLINES, ...a);
export const inTemplate = (...a: CaseArgs): CorpusCase => inFile(TEMPLATE, ...a);

export const raw = (name: string, rule: string, build: () => Buffer, file = ARCHIVE): CorpusCase => ({
  name,
  rule,
  severity: 'error',
  at: { file },
  build: () => ({ kmz: build(), files: {} }),
});

/** Adds `wpml:takeOffRefPoint` (lat,lon,h) to both missionConfigs. */
export function withRefPoint(files: Files, value: string): Files {
  const add: Edit = (s) =>
    replace(
      s,
      '</wpml:globalRTHHeight>',
      `</wpml:globalRTHHeight>\n      <wpml:takeOffRefPoint>${value}</wpml:takeOffRefPoint>`,
    );
  return editFile(editFile(files, TEMPLATE, add), WAYLINES, add);
}

export function generated(overrides: Partial<RouteOptions>): Files {
  return filesOf(
    generateRouteKmz({
      name: 'Corpus',
      droneEnumValue: 91,
      droneSubEnumValue: 1,
      payloadEnumValue: 81,
      waypoints: BASE_POINTS,
      ...overrides,
    }),
  );
}

export const FOLDER = /<Folder>[\s\S]*<\/Folder>/;
export const duplicateFolder: Edit = (s) => s.replace(FOLDER, (m) => `${m}\n    ${m}`);
export const MISSION = /\s*<wpml:missionConfig>[\s\S]*<\/wpml:missionConfig>/;
export const FIRST_ACTION = /<wpml:action>[\s\S]*?<\/wpml:action>/;
