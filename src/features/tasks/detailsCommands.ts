// Task details as a readable page (taskDetails.ts) or as the raw JSON, and watching a task
// (taskWatch.ts). Opening a task's details watches it: a person who looks at a task wants its end.
import * as vscode from 'vscode';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { target } from './commands';
import { taskDetailsExtras, taskDetailsModel } from './taskDetails';

/** Resolves with what the page shows (its title, sections and actions). */
export const showTaskDetails: CommandFactory = (ctx) => {
  // An open page follows its watched task: redrawn in place (no focus change) when the status changes.
  ctx.views.taskWatch.onDidChangeStatus((uuid) => {
    if (!ctx.details.isOpen(`task:${uuid}`)) return;
    render(ctx, { uuid }, false).catch((error: unknown) =>
      ctx.services.log.error(`task ${uuid}: redrawing its details failed`, error),
    );
  });
  return (arg?: unknown) => render(ctx, arg, true);
};

async function render(ctx: CommandContext, arg: unknown, reveal: boolean) {
  const { api, task } = await target(ctx, arg, vscode.l10n.t('Show Task Details'));
  const info = await api.tasks.info(task.uuid);
  const watch = ctx.views.taskWatch;
  if (reveal) watch.watch({ ...task, status: info.status });
  const extras = await taskDetailsExtras(ctx, api, info);
  const model = taskDetailsModel(info, task, { ...extras, watched: watch.isWatched(task.uuid) });
  ctx.details.show(`task:${task.uuid}`, model, { reveal });
  return model;
}

export const showTaskDetailsJson: CommandFactory = (ctx) => async (arg?: unknown) => {
  const { api, task } = await target(ctx, arg, vscode.l10n.t('Open Task Details as JSON'));
  const info = await api.tasks.info(task.uuid);
  await ctx.docs.show(`${task.name} details`, info);
  return info;
};

export const watchTask: CommandFactory = (ctx) => async (arg?: unknown) => {
  const { api, task } = await target(ctx, arg, vscode.l10n.t('Watch Task'));
  const { status } = await api.tasks.info(task.uuid);
  if (!ctx.views.taskWatch.watch({ ...task, status })) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Task "{0}" is already over: there is nothing to watch.', task.name),
    );
    return false;
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Watching task "{0}": you will be told when it finishes.', task.name),
  );
  return true;
};

export const unwatchTask: CommandFactory = (ctx) => async (arg?: unknown) => {
  const watch = ctx.views.taskWatch;
  const { task } = await target(ctx, arg, vscode.l10n.t('Stop Watching Task'));
  const removed = watch.unwatch(task.uuid);
  void vscode.window.showInformationMessage(
    removed
      ? vscode.l10n.t('Stopped watching task "{0}".', task.name)
      : vscode.l10n.t('Task "{0}" was not being watched.', task.name),
  );
  return removed;
};
