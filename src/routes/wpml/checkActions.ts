// Action groups and actions of a waypoint (docs/wpml.md#action-groups, rule 6): the waypoint span a group
// covers, its mode and trigger, and each action's function and the parameters that function cannot do
// without.
import { checkEnum, checkNumber, type Scope } from './fieldChecks';
import type { Location, Text } from './findings';
import { expectNumber, missingField, wrongValue, type NumberRange } from './messages';
import {
  ACTION_GROUP_MODES,
  ACTUATOR_FUNCS,
  AIRCRAFT_PATH_MODES,
  BOOLEAN_FLAGS,
  GIMBAL_ROTATE_MODES,
  LENSES,
  TRIGGER_TYPES,
  TRIGGERS_WITH_PARAM,
} from './rules';
import type { Action, Waypoint } from './wpml';

type ParamSpec =
  | { readonly name: string; readonly range: NumberRange; readonly required: boolean }
  | { readonly name: string; readonly values: readonly string[]; readonly required: boolean }
  | { readonly name: string; readonly lenses: true };

const POSITION: ParamSpec = {
  name: 'payloadPositionIndex',
  range: { integer: true, min: 0 },
  required: true,
};
const LENS: ParamSpec = { name: 'payloadLensIndex', lenses: true };
const GLOBAL_LENS: ParamSpec = { name: 'useGlobalPayloadLensIndex', values: BOOLEAN_FLAGS, required: false };
const flag = (name: string): ParamSpec => ({ name, values: BOOLEAN_FLAGS, required: false });

/**
 * Parameters each function needs (docs/wpml.md#action-groups); functions not listed are not checked further.
 */
const PARAMS: Readonly<Record<string, readonly ParamSpec[]>> = {
  takePhoto: [POSITION, LENS, GLOBAL_LENS],
  startRecord: [POSITION, LENS, GLOBAL_LENS],
  stopRecord: [POSITION],
  gimbalRotate: [
    POSITION,
    { name: 'gimbalRotateMode', values: GIMBAL_ROTATE_MODES, required: true },
    flag('gimbalPitchRotateEnable'),
    flag('gimbalRollRotateEnable'),
    flag('gimbalYawRotateEnable'),
    flag('gimbalRotateTimeEnable'),
  ],
  hover: [{ name: 'hoverTime', range: { min: 0, minExclusive: true, unit: 's' }, required: true }],
  rotateYaw: [
    { name: 'aircraftHeading', range: { min: -180, max: 180, unit: '°' }, required: true },
    { name: 'aircraftPathMode', values: AIRCRAFT_PATH_MODES, required: true },
  ],
  zoom: [
    { name: 'focalLength', range: { min: 0, minExclusive: true, unit: 'mm' }, required: true },
    POSITION,
  ],
};

/** gimbalRotate: an enabled axis (or timing) needs its value. */
const GIMBAL_ENABLES: readonly (readonly [enable: string, value: string, range: NumberRange])[] = [
  ['gimbalPitchRotateEnable', 'gimbalPitchRotateAngle', { min: -180, max: 180, unit: '°' }],
  ['gimbalRollRotateEnable', 'gimbalRollRotateAngle', { min: -180, max: 180, unit: '°' }],
  ['gimbalYawRotateEnable', 'gimbalYawRotateAngle', { min: -180, max: 180, unit: '°' }],
  ['gimbalRotateTimeEnable', 'gimbalRotateTime', { min: 0, unit: 's' }],
];

/** `groupIds`: actionGroupId → first use, shared by the placemarks of one Folder. */
export function checkActionGroups(w: Waypoint, n: number, s: Scope, groupIds: Map<number, Location>): void {
  for (const g of w.actionGroups) {
    const span: NumberRange = { integer: true, min: 0, max: n - 1 };
    const note = { en: `there are ${n} waypoints`, zh: `共有 ${n} 个航点` };
    const id = checkNumber(
      s,
      'wpml.action_group.id',
      'actionGroupId',
      g.actionGroupId,
      { integer: true, min: 0 },
      g,
    );
    if (id !== undefined && g.actionGroupId) {
      const first = groupIds.get(id);
      // Outside the hard rules of finish-upload (hardRules.ts) and no refusal seen: a warning.
      if (first) {
        s.sink.warning(
          'wpml.action_group.id.duplicate',
          {
            en: `wpml:actionGroupId ${id} is used again (first at line ${first.line}); action group ids should be unique in a wayline.`,
            zh: `动作组 ID（wpml:actionGroupId）${id} 重复（第一次出现在第 ${first.line} 行）；同一航线内动作组 ID 应唯一。`,
          },
          g.actionGroupId,
        );
      } else {
        groupIds.set(id, g.actionGroupId);
      }
    }
    const start = checkNumber(
      s,
      'wpml.action_group.start_index',
      'actionGroupStartIndex',
      g.actionGroupStartIndex,
      span,
      g,
      { note },
    );
    const end = checkNumber(
      s,
      'wpml.action_group.end_index',
      'actionGroupEndIndex',
      g.actionGroupEndIndex,
      span,
      g,
      { note },
    );
    if (start !== undefined && end !== undefined && start > end && g.actionGroupEndIndex) {
      s.sink.error(
        'wpml.action_group.order',
        {
          en: `wpml:actionGroupStartIndex ${start} is after wpml:actionGroupEndIndex ${end}; a group must start at or before the waypoint where it ends.`,
          zh: `动作组开始生效的航点（${start}）在结束生效的航点（${end}）之后；开始航点不能大于结束航点。`,
        },
        g.actionGroupEndIndex,
      );
    }
    checkEnum(s, 'wpml.action_group.mode', 'actionGroupMode', g.actionGroupMode, ACTION_GROUP_MODES, g);
    const trigger = checkEnum(
      s,
      'wpml.action_group.trigger',
      'actionTriggerType',
      g.actionTriggerType,
      TRIGGER_TYPES,
      g,
    );
    if (trigger && TRIGGERS_WITH_PARAM.has(trigger)) {
      const unit = trigger === 'multipleTiming' ? 's' : 'm';
      const range = { min: 0, minExclusive: true, unit } as const;
      checkNumber(s, 'wpml.action_group.trigger_param', 'actionTriggerParam', g.actionTriggerParam, range, g);
    }
    // An empty group does nothing; nothing says FlightHub refuses it. A warning.
    if (g.actions.length === 0) {
      s.sink.warning(
        'wpml.action_group.empty',
        {
          en: `${s.where?.en ?? 'Waypoint'}: the action group has no wpml:action; remove it or add actions.`,
          zh: `${s.where?.zh ?? '航点'}：动作组中没有任何动作（wpml:action），请删除该动作组或添加动作。`,
        },
        g,
      );
    }
    const actionIds = new Map<number, number>();
    for (const a of g.actions) checkAction(a, s, actionIds);
  }
}

function checkAction(a: Action, s: Scope, actionIds: Map<number, number>): void {
  const id = checkNumber(s, 'wpml.action.id', 'actionId', a.actionId, { integer: true, min: 0 }, a);
  if (id !== undefined && a.actionId) {
    const first = actionIds.get(id);
    if (first !== undefined) {
      s.sink.error(
        'wpml.action.id.duplicate',
        {
          en: `wpml:actionId ${id} is used twice in this action group (first at line ${first}); ids must be unique within a group.`,
          zh: `动作 ID（wpml:actionId）${id} 在同一动作组中重复（第一次出现在第 ${first} 行）；组内动作 ID 必须唯一。`,
        },
        a.actionId,
      );
    } else {
      actionIds.set(id, a.actionId.line);
    }
  }
  const func = checkEnum(
    s,
    'wpml.action.func',
    'actionActuatorFunc',
    a.actionActuatorFunc,
    ACTUATOR_FUNCS,
    a,
  );
  if (!func) return;
  const where: Text = {
    en: `${s.where?.en ?? 'Waypoint'}, action ${a.actionId?.value ?? '?'} (${func})`,
    zh: `${s.where?.zh ?? '航点'}，动作 ${a.actionId?.value ?? '?'}（${func}）`,
  };
  const ps: Scope = { sink: s.sink, where };
  const rule = 'wpml.action.param';
  for (const spec of PARAMS[func] ?? []) {
    const field = a.params[spec.name];
    if ('range' in spec) checkNumber(ps, rule, spec.name, field, spec.range, a, { required: spec.required });
    else if ('values' in spec)
      checkEnum(ps, rule, spec.name, field, spec.values, a, { required: spec.required });
    else if (
      field &&
      !field.value.split(',').every((lens) => (LENSES as readonly string[]).includes(lens.trim()))
    ) {
      const expected = {
        en: `a comma-separated list of ${LENSES.join(', ')}`,
        zh: `由 ${LENSES.join('、')} 组成、以逗号分隔的列表`,
      };
      ps.sink.error(`${rule}.invalid`, wrongValue(spec.name, field.value, expected, where), field);
    }
  }
  if (func !== 'gimbalRotate') return;
  for (const [enable, value, range] of GIMBAL_ENABLES) {
    if (a.params[enable]?.value !== '1') continue;
    const field = a.params[value];
    if (field) checkNumber(ps, rule, value, field, range, a);
    else {
      const because = { en: `wpml:${enable} is 1`, zh: `wpml:${enable} 为 1` };
      ps.sink.error(`${rule}.missing`, missingField(value, expectNumber(range, because), where), a);
    }
  }
}
