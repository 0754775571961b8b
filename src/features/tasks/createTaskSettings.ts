// "Create Flight Task…", second half: return-to-home altitude and mode, the action on signal loss,
// breakpoint resume, and the summary where the task gets its name (docs/api.md#task-create fields).
import * as vscode from 'vscode';
import { RTH_ALTITUDE_MAX, RTH_ALTITUDE_MIN, type TaskCreateBody } from '../../api/schemas/task';
import type { Wayline } from '../../api/schemas/wayline';
import { problemText, scheduleFields, type ScheduleDraft, type ScheduleFields } from './createTaskSchedule';
import { BackPressed, type Step, type StepInput } from '../../ui/multiStep';
import { deviceName, taskTypeLabel, type ProjectDevice } from '../../ui/pickers';
import { defaultTaskName } from './taskSchedule';
import { formatLocal, parseNumberInRange } from './zonedTime';

export type Choice<V> = vscode.QuickPickItem & { readonly value: V };

export interface Draft extends ScheduleDraft {
  dock?: ProjectDevice;
  route?: Wayline;
  rth: string;
  rthMode: NonNullable<TaskCreateBody['rth_mode']>;
  lostLink: TaskCreateBody['out_of_control_action_in_flight'];
  resumable: TaskCreateBody['resumable_status'];
  /** Set when the person edits the name (and when the task is created). */
  name?: string;
  /** The schedule as checked when the person chose to create the task. */
  fields?: ScheduleFields;
}

export function choose<V>(items: Array<Choice<V>>, current: V, placeholder: string) {
  return async (input: StepInput) =>
    (await input.pick({ items, active: items.find((i) => i.value === current), placeholder })).value;
}

const rthModes = (): Array<Choice<Draft['rthMode']>> => [
  {
    label: vscode.l10n.t('Optimal'),
    description: vscode.l10n.t('FlightHub 2 chooses the return altitude'),
    value: 'optimal',
  },
  {
    label: vscode.l10n.t('Preset'),
    description: vscode.l10n.t('Climb to the altitude entered before returning'),
    value: 'preset',
  },
];
const lostLinkActions = (): Array<Choice<Draft['lostLink']>> => [
  { label: vscode.l10n.t('Return to home'), value: 'return_home' },
  { label: vscode.l10n.t('Continue the task'), value: 'continue_task' },
];
const resumeModes = (): Array<Choice<Draft['resumable']>> => [
  {
    label: vscode.l10n.t('Resume automatically'),
    description: vscode.l10n.t('from where it stopped'),
    value: 'auto',
  },
  { label: vscode.l10n.t('Resume manually'), value: 'manual' },
];
const labelOf = <V>(items: Array<Choice<V>>, value: V) =>
  items.find((i) => i.value === value)?.label ?? String(value);

export function settingSteps(d: Draft): Step[] {
  return [
    {
      run: async (input) => {
        const validate = (v: string) => {
          const r = parseNumberInRange(v, RTH_ALTITUDE_MIN, RTH_ALTITUDE_MAX);
          return r.ok ? undefined : problemText(r.problem, '100', d.timeZone);
        };
        const prompt = vscode.l10n.t(
          'Return-to-home altitude in metres ({0}–{1}). Above the RTH limit of the project in FlightHub 2, the task fails to start.',
          RTH_ALTITUDE_MIN,
          RTH_ALTITUDE_MAX,
        );
        d.rth = await input.input({ value: d.rth, prompt, validate });
      },
    },
    {
      run: async (input) =>
        void (d.rthMode = await choose(rthModes(), d.rthMode, vscode.l10n.t('Return-to-home mode'))(input)),
    },
    {
      run: async (input) =>
        void (d.lostLink = await choose(
          lostLinkActions(),
          d.lostLink,
          vscode.l10n.t('When the signal is lost in flight'),
        )(input)),
    },
    {
      run: async (input) =>
        void (d.resumable = await choose(
          resumeModes(),
          d.resumable,
          vscode.l10n.t('When a task is interrupted'),
        )(input)),
    },
    { run: (input) => summary(input, d) },
  ];
}

/** Review and name; for an immediate task the safety gate's modal that follows is the confirmation. */
async function summary(input: StepInput, d: Draft): Promise<void> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000);
    const schedule = scheduleFields(d, now);
    const when = schedule.ok ? (schedule.value.begin_at ?? now) : now;
    // Until the person edits it, the default name follows the route and time chosen (Back may change them).
    const name = d.name ?? defaultTaskName(d.route?.name ?? '', when, d.timeZone);
    const create =
      d.type === 'immediate'
        ? `$(rocket) ${vscode.l10n.t('Fly Now…')}`
        : `$(check) ${vscode.l10n.t('Create Task')}`;
    const items = [
      { label: create, action: 'create' },
      {
        label: `$(edit) ${vscode.l10n.t('Name: {0}', name)}`,
        description: vscode.l10n.t('change'),
        action: 'name',
      },
      { label: vscode.l10n.t('Summary'), kind: vscode.QuickPickItemKind.Separator, action: 'info' },
      ...summaryLines(d, schedule.ok ? schedule.value : {}).map(([label, value]) => ({
        label,
        description: value,
        action: 'info',
      })),
    ];
    const pick = await input.pick({
      items,
      accept: (i) => i.action !== 'info',
      placeholder: vscode.l10n.t('Check the task, then create it'),
    });
    if (pick.action === 'create') {
      if (!schedule.ok)
        throw new Error(
          vscode.l10n.t(
            'The schedule is no longer valid: {0}',
            problemText(schedule.problem, '-', d.timeZone),
          ),
        );
      d.fields = schedule.value;
      d.name = name;
      return;
    }
    try {
      const validate = (v: string) =>
        !v.trim()
          ? vscode.l10n.t('Enter a name.')
          : v.trim().length > 200
            ? vscode.l10n.t('At most 200 characters.')
            : undefined;
      d.name = (await input.input({ value: name, prompt: vscode.l10n.t('Task name'), validate })).trim();
    } catch (error) {
      if (!(error instanceof BackPressed)) throw error;
    }
  }
}

function summaryLines(d: Draft, s: ScheduleFields): Array<[string, string]> {
  const at = (v: number | undefined) =>
    v === undefined ? '-' : `${formatLocal(v, d.timeZone)} (${d.timeZone})`;
  const lines: Array<[string, string]> = [
    [vscode.l10n.t('Dock'), d.dock ? `${deviceName(d.dock.device)} (${d.dock.device.sn})` : '-'],
    [vscode.l10n.t('Route'), d.route ? `${d.route.name} · ${d.route.device_model_key ?? '-'}` : '-'],
    [vscode.l10n.t('Type'), taskTypeLabel(d.type)],
  ];
  if (d.type === 'timed')
    lines.push(
      [vscode.l10n.t('Takes off'), at(s.begin_at)],
      [vscode.l10n.t('Latest take-off'), at(s.latest_begin_at)],
    );
  if (d.type === 'recurring' || d.type === 'continuous')
    lines.push([vscode.l10n.t('Days'), `${d.text.start} → ${d.text.end} (${d.timeZone})`]);
  if (d.type === 'recurring')
    lines.push([
      vscode.l10n.t('Take-off times'),
      vscode.l10n.t('{0}, every {1} days', d.text.times, d.text.every),
    ]);
  if (d.type === 'continuous')
    lines.push(
      [vscode.l10n.t('Time windows'), d.text.periods],
      [vscode.l10n.t('Minimum battery'), `${d.text.battery} %`],
    );
  lines.push(
    [vscode.l10n.t('Return to home'), `${d.rth} m · ${labelOf(rthModes(), d.rthMode)}`],
    [vscode.l10n.t('Signal lost'), labelOf(lostLinkActions(), d.lostLink)],
    [vscode.l10n.t('Interrupted task'), labelOf(resumeModes(), d.resumable)],
  );
  return lines;
}
