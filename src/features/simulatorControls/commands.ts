// Controls of the built-in simulator (src/services/simulatorHost.ts runs it in this extension host):
// inject and clear faults, speed up or advance its clock. The same controls as the simulator's
// `/__sim/` routes (src/simulator/control.ts) and CLI flags, called in process. Enabled only while
// the built-in simulator is the active connection (context key `flighthub.builtInSimulator`).
import * as vscode from 'vscode';
import * as z from 'zod';
import { CONTRACTS } from '../../api/contract';
import { FAULT_KINDS, faultRuleInput, type FaultKind } from '../../simulator/faults';
import type { Simulator } from '../../simulator/simulator';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { runSteps } from '../../ui/multiStep';
import { parseArgs } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { simulatorChanged } from './statusBar';

/** The running built-in simulator, or an error saying it is not the active connection. */
async function builtIn(ctx: CommandContext): Promise<Simulator> {
  if (ctx.services.session.connection?.kind !== 'simulator' || !ctx.services.simulator.isRunning)
    throw new Error(
      vscode.l10n.t('These controls work on the built-in simulator only: connect to it first.'),
    );
  return ctx.services.simulator.ensure();
}

/** Trees show what the simulator now answers (a new clock moves tasks; a fault shows its error). */
function refreshViews(ctx: CommandContext): void {
  simulatorChanged.fire();
  for (const view of [ctx.views.devices, ctx.views.tasks, ctx.views.routes]) {
    view.reset();
    view.refresh();
  }
}

function faultLabel(kind: FaultKind): string {
  const t = vscode.l10n.t;
  const labels: Record<FaultKind, string> = {
    latency: t('Slow answers (latency)'),
    http_5xx: t('Server error (HTTP 5xx)'),
    http_429: t('Too many requests (HTTP 429)'),
    biz_210429: t('Operations too frequent (code 210429)'),
    reset: t('Connection dropped after handling'),
    truncated_json: t('Truncated JSON body'),
    html: t('HTML page instead of JSON'),
    schema_drift: t('Changed response fields (schema drift)'),
    null_lists: t('Lists as null'),
    slow_body: t('Body trickles slowly'),
    sts_expired: t('Expired storage credentials'),
  };
  return labels[kind];
}

export const simulatorInjectFault: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(faultRuleInput, arg);
  const sim = await builtIn(ctx);
  const rule = sim.faults.add(given ?? (await askFault()));
  ctx.services.log.info(`simulator fault ${rule.id}: ${rule.kind} on ${rule.match}`);
  refreshViews(ctx);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Simulator fault added: {0} on {1}.', faultLabel(rule.kind), rule.match),
  );
  return { id: rule.id, kind: rule.kind, match: rule.match, count: rule.count };
};

async function askFault(): Promise<z.input<typeof faultRuleInput>> {
  const t = vscode.l10n.t;
  const rule: { kind: FaultKind; match: string; count?: number } = { kind: 'http_5xx', match: '*' };
  const endpoints = Object.keys(CONTRACTS);
  const groups = [...new Set(endpoints.map((id) => `${id.split('.')[0] ?? id}.*`))];
  await runSteps(t('Simulator: Inject Fault'), [
    {
      run: async (input) => {
        const items = FAULT_KINDS.map((kind) => ({
          label: faultLabel(kind),
          description: kind,
          fault: kind,
        }));
        rule.kind = (await input.pick({ items, placeholder: t('Which fault?') })).fault;
      },
    },
    {
      run: async (input) => {
        const items = [
          { label: t('Every endpoint'), description: '*', match: '*' },
          ...[...groups, ...endpoints].map((id) => ({ label: id, match: id })),
        ];
        rule.match = (await input.pick({ items, placeholder: t('On which endpoint?') })).match;
      },
    },
    {
      run: async (input) => {
        const items = [1, 3, 10, undefined].map((count) => ({
          label: count === undefined ? t('Until cleared') : t('{0} times', count),
          count,
        }));
        rule.count = (await input.pick({ items, placeholder: t('How many requests?') })).count;
      },
    },
  ]);
  return rule;
}

export const simulatorClearFaults: CommandFactory = (ctx) => async () => {
  const sim = await builtIn(ctx);
  const count = sim.faults.list().length;
  sim.faults.clear();
  refreshViews(ctx);
  void vscode.window.showInformationMessage(vscode.l10n.t('Simulator faults cleared ({0}).', count));
  return count;
};

const speedArgs = z.strictObject({ speed: z.number().positive().max(10_000) });

export const simulatorSpeedUpClock: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(speedArgs, arg);
  const sim = await builtIn(ctx);
  const speed = given?.speed ?? (await askSpeed(sim.clock.speed));
  sim.clock.setSpeed(speed);
  refreshViews(ctx);
  void vscode.window.showInformationMessage(vscode.l10n.t('Simulator clock runs ×{0}.', speed));
  return { now: sim.clock.now(), speed };
};

async function askSpeed(current: number): Promise<number> {
  const items = [1, 10, 60, 600, 3600].map((speed) => ({
    label: speed === 1 ? vscode.l10n.t('Real time (×1)') : `×${speed}`,
    description: speed === current ? vscode.l10n.t('current') : undefined,
    speed,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Simulator: Speed Up Clock'),
    placeHolder: vscode.l10n.t('How fast should simulated time run?'),
  });
  if (!picked) throw new UserCancelled();
  return picked.speed;
}

const advanceArgs = z.strictObject({
  minutes: z
    .number()
    .positive()
    .max(366 * 24 * 60),
});

export const simulatorAdvanceClock: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(advanceArgs, arg);
  const sim = await builtIn(ctx);
  const minutes = given?.minutes ?? (await askMinutes());
  sim.clock.advance(minutes * 60_000);
  refreshViews(ctx);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Simulator clock moved {0} minutes ahead.', minutes),
  );
  return { now: sim.clock.now(), speed: sim.clock.speed };
};

async function askMinutes(): Promise<number> {
  const t = vscode.l10n.t;
  const items = [
    { label: t('1 minute'), minutes: 1 },
    { label: t('10 minutes'), minutes: 10 },
    { label: t('1 hour'), minutes: 60 },
    { label: t('1 day'), minutes: 24 * 60 },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Simulator: Advance Clock'),
    placeHolder: t('Move simulated time ahead by how much?'),
  });
  if (!picked) throw new UserCancelled();
  return picked.minutes;
}
