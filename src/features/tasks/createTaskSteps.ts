// The "Create Flight Task…" dialog: dock → route → task type → schedule → return-to-home → lost link →
// resume → summary (with the name). Back goes one step back; the result is a body for `POST /flight-task`.
import * as vscode from 'vscode';
import type { ProjectApi } from '../../api/projectApi';
import { TASK_TYPES, type TaskCreateBody } from '../../api/schemas/task';
import type { Wayline } from '../../api/schemas/wayline';
import { scheduleSteps, scheduleText } from './createTaskSchedule';
import { choose, settingSteps, type Draft } from './createTaskSettings';
import { runSteps, type Step, type StepInput } from '../../ui/multiStep';
import { deviceItem, deviceName, projectDevices, taskTypeLabel, type ProjectDevice } from '../../ui/pickers';
import { defaultTimeZone } from './zonedTime';

export interface Prefill {
  readonly sn?: string;
  readonly routeId?: string;
}

export interface AskedTask {
  readonly body: TaskCreateBody;
  readonly dockName: string;
}

export async function askTask(api: ProjectApi, prefill: Prefill): Promise<AskedTask> {
  const [devices, { list: routes }] = await Promise.all([projectDevices(api), api.waylines.list()]);
  const docks = devices.filter((d) => d.role === 'dock' && d.device.device_model.class === 'airport');
  if (!docks.length)
    throw new Error(vscode.l10n.t('The active project has no docks: flight tasks take off from a dock.'));
  if (prefill.sn && !docks.some((d) => d.device.sn === prefill.sn))
    throw new Error(vscode.l10n.t('{0} is not a dock of the active project.', prefill.sn));
  if (!routes.length)
    throw new Error(vscode.l10n.t('The active project has no routes yet. Upload a KMZ route first.'));
  if (prefill.routeId && !routes.some((r) => r.id === prefill.routeId))
    throw new Error(vscode.l10n.t('Route {0} is not in the active project.', prefill.routeId));

  const now = Math.floor(Date.now() / 1000);
  const timeZone = defaultTimeZone();
  const d: Draft = {
    ...{ type: 'immediate', timeZone, text: scheduleText(now, timeZone) },
    ...{ rth: '100', rthMode: 'optimal', lostLink: 'return_home', resumable: 'auto' },
    dock: docks.find((x) => x.device.sn === prefill.sn),
    route: routes.find((r) => r.id === prefill.routeId),
  };
  const steps: Step[] = [
    { run: async (input) => void (d.dock = await pickDock(input, docks, d.dock)) },
    { run: async (input) => void (d.route = await pickRoute(input, routes, d)) },
    {
      run: async (input) => {
        const hints = {
          immediate: vscode.l10n.t('Take off now'),
          timed: vscode.l10n.t('Once, at a set time'),
          recurring: vscode.l10n.t('At set times, every N days'),
          continuous: vscode.l10n.t('Again and again within daily time windows'),
        };
        const items = TASK_TYPES.map((value) => ({
          label: taskTypeLabel(value),
          description: hints[value],
          value,
        }));
        d.type = await choose(items, d.type, vscode.l10n.t('Task type'))(input);
      },
    },
    ...scheduleSteps(d),
    ...settingSteps(d),
  ];
  await runSteps(vscode.l10n.t('Create Flight Task'), steps);
  return { body: toBody(d), dockName: d.dock ? deviceName(d.dock.device) : '' };
}

async function pickDock(input: StepInput, docks: ProjectDevice[], current: ProjectDevice | undefined) {
  const items = docks.map((dock) => ({ ...deviceItem(dock), dock }));
  for (;;) {
    const { dock } = await input.pick({
      items,
      active: items.find((i) => i.dock === current),
      placeholder: vscode.l10n.t('Dock to take off from'),
    });
    if (dock.device.device_online_status === true) return dock;
    const go = vscode.l10n.t('Continue Anyway');
    const message = vscode.l10n.t(
      '{0} is offline. FlightHub 2 refuses tasks for an offline dock (212015).',
      deviceName(dock.device),
    );
    if ((await vscode.window.showWarningMessage(message, { modal: true }, go)) === go) return dock;
  }
}

/** Routes for the dock's aircraft come first; another model is allowed only after a warning. */
async function pickRoute(input: StepInput, routes: Wayline[], d: Draft) {
  const aircraft = d.dock?.partner?.device_model;
  const fits = (r: Wayline) => !aircraft || !r.device_model_key || r.device_model_key === aircraft.key;
  const items = [...routes]
    .sort((a, b) => Number(fits(b)) - Number(fits(a)))
    .map((route) => ({
      label: fits(route) ? route.name : `$(warning) ${route.name}`,
      description: [route.device_model_key, ...(route.template_types ?? [])].filter(Boolean).join(' · '),
      detail: fits(route)
        ? undefined
        : vscode.l10n.t(
            'Made for aircraft {0}; this dock carries {1}.',
            route.device_model_key ?? '-',
            aircraft?.key ?? '-',
          ),
      route,
    }));
  for (;;) {
    const { route } = await input.pick({
      items,
      active: items.find((i) => i.route.id === d.route?.id),
      placeholder: vscode.l10n.t('Route to fly'),
    });
    if (fits(route)) return route;
    const go = vscode.l10n.t('Continue Anyway');
    const message = vscode.l10n.t(
      '"{0}" was made for aircraft {1}, but the dock carries {2} ({3}). FlightHub 2 will likely reject it (219019).',
      route.name,
      route.device_model_key ?? '-',
      aircraft?.name ?? '-',
      aircraft?.key ?? '-',
    );
    if ((await vscode.window.showWarningMessage(message, { modal: true }, go)) === go) return route;
  }
}

function toBody(d: Draft): TaskCreateBody {
  if (!d.dock || !d.route || !d.name || !d.fields) throw new Error('the task dialog ended incomplete');
  return {
    name: d.name,
    sn: d.dock.device.sn,
    wayline_uuid: d.route.id,
    task_type: d.type,
    time_zone: d.timeZone,
    rth_altitude: Number(d.rth),
    rth_mode: d.rthMode,
    out_of_control_action_in_flight: d.lostLink,
    resumable_status: d.resumable,
    ...d.fields,
  };
}
