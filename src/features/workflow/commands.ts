// "FlightHub: Trigger Workflow…": starts a triggered workflow of the active project (docs/api.md#workflow-trigger).
// Its body was never recovered, so the person gives it as a JSON object and it is passed through as it
// is. FlightHub 2 holds such a workflow for a manual confirmation in its Message Center, so nothing
// flies from here; the question says so before anything is sent.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { CommandFactory } from '../../ui/context';
import { UserCancelled } from '../../ui/run';

const args = z.looseObject({
  body: z.record(z.string(), z.unknown()).optional(),
  /** Programmatic callers confirm explicitly. */
  confirm: z.literal(true).optional(),
});

/** The JSON text as an object, or a sentence saying what is wrong with it. */
export function parseWorkflowBody(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return vscode.l10n.t('Not JSON: {0}', error instanceof Error ? error.message : String(error));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return vscode.l10n.t('Give a JSON object, e.g. {"workflow_uuid": "…"}.');
  return value as Record<string, unknown>;
}

export const triggerWorkflow: CommandFactory = (ctx) => async (arg?: unknown) => {
  const t = vscode.l10n.t;
  const given = args.safeParse(arg ?? {});
  // A caller's bad body is an error, not a reason to ask: nothing is sent.
  if (!given.success) throw new Error(t('Give a JSON object, e.g. {"workflow_uuid": "…"}.'));
  const api = await ctx.services.session.projectApi();
  let body = given.data.body;
  if (!body) {
    const text = await vscode.window.showInputBox({
      title: t('Trigger Workflow'),
      prompt: t('Request body of the triggered workflow, as a JSON object'),
      value: '{}',
      validateInput: (v) => {
        const parsed = parseWorkflowBody(v);
        return typeof parsed === 'string' ? parsed : undefined;
      },
    });
    if (text === undefined) throw new UserCancelled();
    const parsed = parseWorkflowBody(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    body = parsed;
  }
  const project = ctx.services.session.project?.name ?? '-';
  if (!given.data.confirm) {
    const go = t('Trigger');
    const choice = await vscode.window.showWarningMessage(
      t('Trigger a workflow in project "{0}"?', project),
      {
        modal: true,
        detail: t(
          'FlightHub 2 holds a triggered workflow until someone confirms it in its Message Center: nothing flies before that.\n\n{0}',
          JSON.stringify(body, null, 2).slice(0, 800),
        ),
      },
      go,
    );
    if (choice !== go) throw new UserCancelled();
  }
  await api.triggerWorkflow(body);
  ctx.services.log.info(`workflow triggered in project ${project}`);
  void vscode.window.showInformationMessage(
    t('Workflow triggered in "{0}": confirm it in FlightHub 2\'s Message Center.', project),
  );
  return true;
};
