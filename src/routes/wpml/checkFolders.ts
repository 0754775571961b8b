// The Folders of both files (docs/wpml.md#template-file, docs/wpml.md#execution-file, rules 4, 5 and 7): the
// template's settings, each wayline's ids, height mode and speed; checkPositions.ts looks at the waypoints as
// a whole.
import { checkLength, checkSwappedPositions } from './checkPositions';
import { checkPlacemarks } from './checkWaypoints';
import {
  checkEnum,
  checkNumber,
  childField,
  locationOf,
  type CheckContext,
  type LatLon,
  type RefPoint,
  type Scope,
} from './fieldChecks';
import type { Location } from './findings';
import { expectNumber, fieldName, wrongValue } from './messages';
import {
  COORDINATE_MODES,
  EXECUTE_HEIGHT_MODES,
  GIMBAL_PITCH_MODES,
  HEADING_MODES,
  HEIGHT_MODES,
  MAX_ROUTE_SPEED,
  POSITIONING_TYPES,
  TEMPLATE_TYPES,
  TURN_MODES,
} from './rules';
import type { Field, RouteFile, TemplateFolder, WaylineFolder } from './wpml';

/** Positions of each Folder's placemarks (undefined where invalid), for the cross-file checks. */
export type Positions = Map<object, readonly (LatLon | undefined)[]>;

export interface TemplateResult {
  /** Valid templateIds, for the waylines' references. */
  readonly ids: ReadonlySet<number>;
  readonly positions: Positions;
}

const ID = { integer: true, min: 0 } as const;
const SPEED = { min: 0, minExclusive: true, unit: 'm/s' } as const;

/** `.high` is a warning: the aircraft limits its own speed, nothing documents a refusal. */
function checkSpeed(s: Scope, rule: string, field: Field | undefined, parent: Location): void {
  const v = checkNumber(s, rule, 'autoFlightSpeed', field, SPEED, parent);
  if (v !== undefined && field && v > MAX_ROUTE_SPEED) {
    const expected = expectNumber({ ...SPEED, max: MAX_ROUTE_SPEED });
    s.sink.warning(`${rule}.high`, wrongValue('autoFlightSpeed', field.value, expected), field);
  }
}

function duplicateId(s: Scope, rule: string, name: string, id: number, field: Field, first: Location): void {
  const f = fieldName(name);
  s.sink.error(
    rule,
    {
      en: `${f.en} ${id} is used again (first at line ${first.line}); each Folder needs its own.`,
      zh: `${f.zh} ${id} 重复（第一次出现在第 ${first.line} 行）；每个 Folder 的 ID 必须唯一。`,
    },
    field,
  );
}

export function checkTemplateFolders(file: RouteFile<TemplateFolder>, ctx: CheckContext): TemplateResult {
  const s: Scope = { sink: ctx.sink };
  const ids = new Map<number, Location>();
  const positions: Positions = new Map();
  if (file.folders.length === 0) {
    ctx.sink.error(
      'wpml.template.folder.missing',
      {
        en: 'template.kml has no <Folder>; the template (templateType, templateId, placemarks) lives in one.',
        zh: 'template.kml 中没有 <Folder>；模板信息（模板类型、模板 ID、航点）必须放在 Folder 中。',
      },
      locationOf(file.document, file.path),
    );
  }
  for (const f of file.folders) {
    const type = checkEnum(s, 'wpml.template.type', 'templateType', f.templateType, TEMPLATE_TYPES, f);
    const id = checkNumber(s, 'wpml.template.id', 'templateId', f.templateId, ID, f);
    if (id !== undefined && f.templateId) {
      const first = ids.get(id);
      if (first) duplicateId(s, 'wpml.template.id.duplicate', 'templateId', id, f.templateId, first);
      else ids.set(id, f.templateId);
    }
    checkEnum(s, 'wpml.template.coordinate_mode', 'coordinateMode', f.coordinateMode, COORDINATE_MODES, f);
    checkEnum(s, 'wpml.template.height_mode', 'heightMode', f.heightMode, HEIGHT_MODES, f);
    const optional = { required: false };
    checkEnum(
      s,
      'wpml.template.positioning_type',
      'positioningType',
      f.positioningType,
      POSITIONING_TYPES,
      f,
      optional,
    );
    checkSpeed(s, 'wpml.template.auto_flight_speed', f.autoFlightSpeed, f);
    checkNumber(s, 'wpml.template.global_height', 'globalHeight', f.globalHeight, { unit: 'm' }, f, optional);
    checkEnum(
      s,
      'wpml.template.gimbal_pitch_mode',
      'gimbalPitchMode',
      f.gimbalPitchMode,
      GIMBAL_PITCH_MODES,
      f,
      optional,
    );
    const ns = file.wpmlNamespace;
    const heading = f.element.children.find(
      (c) => c.type === 'element' && c.uri === ns && c.local === 'globalWaypointHeadingParam',
    );
    if (heading?.type === 'element') {
      const mode = childField(heading, ns, 'waypointHeadingMode', file.path);
      checkEnum(
        s,
        'wpml.template.heading_mode',
        'waypointHeadingMode',
        mode,
        HEADING_MODES,
        locationOf(heading, file.path),
      );
    }
    const turn = childField(f.element, ns, 'globalWaypointTurnMode', file.path);
    checkEnum(s, 'wpml.template.turn_mode', 'globalWaypointTurnMode', turn, TURN_MODES, f, optional);
    // Mapping templates hold a survey Polygon, not waypoints: DJI generates those into waylines.wpml.
    if (type === 'waypoint') {
      positions.set(f, checkPlacemarks(f.placemarks, { ctx, ns, file: file.path, kind: 'template' }));
    }
  }
  return { ids: new Set(ids.keys()), positions };
}

export function checkWaylineFolders(
  file: RouteFile<WaylineFolder>,
  ctx: CheckContext,
  templateIds: ReadonlySet<number>,
  ref: { point: RefPoint; field: Location } | undefined,
): Positions {
  const s: Scope = { sink: ctx.sink };
  const positions: Positions = new Map();
  const waylineIds = new Map<number, Location>();
  if (file.folders.length === 0) {
    ctx.sink.error(
      'wpml.wayline.folder.missing',
      {
        en: 'waylines.wpml has no <Folder>; each executable wayline is one Folder, and there must be at least one.',
        zh: 'waylines.wpml 中没有 <Folder>；每条可执行航线对应一个 Folder，至少需要一个。',
      },
      locationOf(file.document, file.path),
    );
  }
  for (const f of file.folders) {
    const templateId = checkNumber(s, 'wpml.wayline.template_id', 'templateId', f.templateId, ID, f);
    if (templateId !== undefined && f.templateId && !templateIds.has(templateId)) {
      const known = [...templateIds].join(', ') || 'none';
      ctx.sink.error(
        'wpml.wayline.template_id.dangling',
        {
          en: `wpml:templateId ${templateId} refers to no template in template.kml (templateIds there: ${known}).`,
          zh: `wpml:templateId ${templateId} 在 template.kml 中找不到对应的模板（现有模板 ID：${known === 'none' ? '无' : known}）。`,
        },
        f.templateId,
      );
    }
    const id = checkNumber(s, 'wpml.wayline.id', 'waylineId', f.waylineId, ID, f);
    if (id !== undefined && f.waylineId) {
      const first = waylineIds.get(id);
      if (first) duplicateId(s, 'wpml.wayline.id.duplicate', 'waylineId', id, f.waylineId, first);
      else waylineIds.set(id, f.waylineId);
    }
    const mode = checkEnum(
      s,
      'wpml.wayline.execute_height_mode',
      'executeHeightMode',
      f.executeHeightMode,
      EXECUTE_HEIGHT_MODES,
      f,
    );
    checkSpeed(s, 'wpml.wayline.auto_flight_speed', f.autoFlightSpeed, f);
    const optional = { required: false };
    checkNumber(s, 'wpml.wayline.distance', 'distance', f.distance, { min: 0, unit: 'm' }, f, optional);
    checkNumber(s, 'wpml.wayline.duration', 'duration', f.duration, { min: 0, unit: 's' }, f, optional);
    const pc = {
      ctx,
      ns: file.wpmlNamespace,
      file: file.path,
      kind: 'wayline',
      ...(mode ? { heightMode: mode } : {}),
    } as const;
    const list = checkPlacemarks(f.waypoints, ref ? { ...pc, ref: ref.point } : pc);
    positions.set(f, list);
    if (ref) checkSwappedPositions(f.waypoints, list, ref.point, ref.field, ctx.sink);
    checkLength(f, list, ctx, file.path);
  }
  return positions;
}
