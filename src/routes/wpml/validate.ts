// The route validator (issue "Route files: validate before FlightHub does"): every rule of docs/wpml.md#rules
// and the format details around them, reported as Findings instead of thrown errors, so a KMZ can be checked
// before upload and a broken one explained all at once. Reading goes through the same model the simulator's
// finish-upload uses (wpml.ts readRouteModel), parsed once; only when that fails does structure.ts look
// at each file separately to say everything that is wrong with the structure.
import { checkConsistency } from './checkConsistency';
import { checkTemplateFolders, checkWaylineFolders } from './checkFolders';
import { checkMissionConfig } from './checkMission';
import type { CheckContext } from './fieldChecks';
import { archiveStart, DEFAULT_MAX_PER_RULE, FindingSink, type Finding } from './findings';
import { zipMessage } from './messages';
import { parseDroneModelKey } from './rules';
import { checkLayout, diagnoseFile } from './structure';
import { readRouteModel, RouteError, TEMPLATE_PATH, WAYLINES_PATH, type RouteModel } from './wpml';
import { readZip, writeZip, ZipError, type ZipEntry, type ZipSource } from '../zip/zip';

export interface ValidateOptions {
  /** Dock ranges (default true): takeOffSecurityHeight in [8, 1500] m instead of [1.2, 1500] m. */
  readonly dock?: boolean;
  /** device_model.key of the aircraft the route is for, e.g. "0-91-1"; the route's drone enums must match. */
  readonly droneModelKey?: string;
  /**
   * The project's RTH limit in metres; a higher globalRTHHeight is reported (docs/wpml.md#rules, rule 10).
   */
  readonly rthAltitudeLimit?: number;
  /** Findings kept per rule and file before the rest are summarised (default 20). */
  readonly maxPerRule?: number;
}

/** The two route files of an unzipped route; `names` lists every file found, relative (`wpmz/res/a.jpg`). */
export interface RouteFiles {
  readonly templateKml?: Buffer;
  readonly waylinesWpml?: Buffer;
  readonly names?: readonly string[];
}

/** Validates a KMZ. Never throws for bad input: every problem, unreadable archives included, is a Finding. */
export function validateKmz(buf: Buffer | ZipSource, options: ValidateOptions = {}): Finding[] {
  const ctx = context(options);
  return guarded(ctx, () => {
    let entries: ZipEntry[];
    try {
      entries = readZip(buf);
    } catch (error) {
      if (!ZipError.is(error)) throw error;
      ctx.sink.error(error.rule, zipMessage(error.rule, error.message, error.entry), archiveStart);
      return;
    }
    const sources = new Map<string, () => Buffer>();
    for (const e of entries)
      if (e.name === TEMPLATE_PATH || e.name === WAYLINES_PATH) sources.set(e.name, () => e.data());
    validateSources(
      entries.map((e) => e.name),
      sources,
      () => readRouteModel(buf),
      ctx,
    );
  });
}

/** Validates an unzipped route (see folder.ts); the same rules, entry names taken from `names`. */
export function validateRouteFiles(files: RouteFiles, options: ValidateOptions = {}): Finding[] {
  const ctx = context(options);
  return guarded(ctx, () => {
    const sources = new Map<string, () => Buffer>();
    const { templateKml, waylinesWpml } = files;
    if (templateKml) sources.set(TEMPLATE_PATH, () => templateKml);
    if (waylinesWpml) sources.set(WAYLINES_PATH, () => waylinesWpml);
    const names = [...new Set([...(files.names ?? []), ...sources.keys()])];
    validateSources(names, sources, () => readRouteModel(storedKmz(files)), ctx);
  });
}

/**
 * The two files as a KMZ for readRouteModel, which reads KMZs only. Stored, not deflated: that costs one
 * copy and a CRC, while deflating megabytes of XML would cost more than parsing it.
 */
export function storedKmz(files: RouteFiles): Buffer {
  const entries = [];
  if (files.templateKml) entries.push({ name: TEMPLATE_PATH, data: files.templateKml, compress: false });
  if (files.waylinesWpml) entries.push({ name: WAYLINES_PATH, data: files.waylinesWpml, compress: false });
  return writeZip(entries);
}

/** Validates a model read with readRouteModel (rules 1–2 of docs/wpml.md#rules hold by construction). */
export function validateRouteModel(model: RouteModel, options: ValidateOptions = {}): Finding[] {
  const ctx = context(options);
  return guarded(ctx, () => {
    checkLayout(model.entries, new Set([TEMPLATE_PATH, WAYLINES_PATH]), ctx.sink);
    checkModel(model, ctx);
  });
}

function context(options: ValidateOptions): CheckContext {
  let aircraft: CheckContext['aircraft'];
  if (options.droneModelKey !== undefined) {
    aircraft = parseDroneModelKey(options.droneModelKey);
    // A caller's mistake, not the file's: say so rather than validate against nothing.
    if (!aircraft)
      throw new RangeError(`droneModelKey must look like "0-91-1", got "${options.droneModelKey}"`);
  }
  return {
    sink: new FindingSink(options.maxPerRule ?? DEFAULT_MAX_PER_RULE),
    dock: options.dock ?? true,
    ...(aircraft ? { aircraft } : {}),
    ...(options.rthAltitudeLimit !== undefined ? { rthAltitudeLimit: options.rthAltitudeLimit } : {}),
  };
}

/** A bug in a check must not take the command line or the editor down with it: it becomes a finding. */
function guarded(ctx: CheckContext, run: () => void): Finding[] {
  try {
    run();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    ctx.sink.error(
      'route.internal_error',
      {
        en: `The validator failed: ${text}. Please report this.`,
        zh: `校验器内部出错：${text}。请反馈此问题。`,
      },
      archiveStart,
    );
  }
  return ctx.sink.result();
}

function validateSources(
  names: readonly string[],
  sources: ReadonlyMap<string, () => Buffer>,
  readModel: () => RouteModel,
  ctx: CheckContext,
): void {
  const { sink } = ctx;
  checkLayout(names, new Set(sources.keys()), sink);
  let failure: RouteError | undefined;
  if (sources.size === 2) {
    try {
      checkModel(readModel(), ctx);
      return;
    } catch (error) {
      if (!RouteError.is(error)) throw error;
      failure = error;
    }
  }
  // The structure is broken: report what is wrong in each file there is. Content checks need both files.
  let structureOk = true;
  for (const [path, data] of sources) structureOk = diagnoseFile(path, data, sink) && structureOk;
  if (failure && structureOk) {
    // Not seen file by file (e.g. the archive as a whole exceeds a limit): report the reader's own error.
    const at = failure.location ?? archiveStart;
    const text = failure.location ? failure.message.replace(/^.*?:\d+:\d+: /, '') : failure.message;
    sink.error(failure.rule, { en: `${text}.`, zh: `无法读取航线：${text}。` }, at);
  }
  sink.add(
    'route.checks_skipped',
    'info',
    {
      en: 'Waypoint, action and missionConfig checks were skipped; fix the errors above first.',
      zh: '由于存在上述错误，未检查任务信息、航点和动作；请先修正上述错误。',
    },
    archiveStart,
  );
}

function checkModel(model: RouteModel, ctx: CheckContext): void {
  const templateRef = checkMissionConfig(model.template, ctx);
  const waylinesRef = checkMissionConfig(model.waylines, ctx);
  // The executed file's take-off point wins; the template's serves when waylines.wpml has none.
  const mc = waylinesRef ? model.waylines.missionConfig : model.template.missionConfig;
  const point = waylinesRef ?? templateRef;
  const ref = point && mc?.takeOffRefPoint ? { point, field: mc.takeOffRefPoint } : undefined;
  const templates = checkTemplateFolders(model.template, ctx);
  const waylines = checkWaylineFolders(model.waylines, ctx, templates.ids, ref);
  checkConsistency(model, ctx, templates.positions, waylines);
}
