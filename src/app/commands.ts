// The one command table. Its keys are the command ids contributed in package.json (a test asserts
// both lists are equal); each factory gets the command context and returns a short handler.
import * as vscode from 'vscode';
import type { CommandContext, CommandFactory } from '../ui/context';
import {
  addConnection,
  removeConnection,
  renameConnection,
  setActiveProject,
  switchConnection,
  trySimulator,
} from '../features/connections/commands';
import { createTask, createTaskFromRoute } from '../features/tasks/createTask';
import { copyRecentRequestAsCurl } from '../features/connections/curl';
import {
  acquireControl,
  cancelReturnHome,
  changeCamera,
  changeLens,
  releaseControl,
  returnHome,
  showDeviceState,
  showHms,
  showDeviceStateJson,
} from '../features/devices/commands';
import { downloadTaskMedia } from '../features/media/commands';
import { previewRoute } from '../features/routes/routePreviewPanel';
import { openTaskTrajectory } from '../features/tasks/trajectoryPanel';
import { startLivestream } from '../features/live/commands';
import { openKmzContents } from '../features/routes/kmz';
import { downloadRoute, showRouteDetails, showRouteDetailsJson } from '../features/routes/commands';
import { type CommandFailure, withErrorBoundary } from '../ui/run';
import { uploadRoute } from '../features/routes/upload';
import {
  filterTasks,
  openTaskMedia,
  pauseTask,
  restoreTask,
  resumeTask,
  suspendTask,
} from '../features/tasks/commands';
import { isLoadMore } from '../ui/args';
import { triggerWorkflow } from '../features/workflow/commands';
import { createAnnotation } from '../features/annotations/commands';
import { showOrgDevices } from '../features/devices/orgDevices';
import { calibrateRtk, returnToSpecificHome } from '../features/devices/dockActions';
import { addProjectMembers } from '../features/devices/members';
import {
  createForwarder,
  deleteForwarder,
  disableForwarder,
  enableForwarder,
  listForwarders,
} from '../features/devices/forwarders';
import { downloadModel, showModelDetails } from '../features/models/commands';
import { createModelFromTask } from '../features/models/createModel';
import { reconstructFromPhotos } from '../features/models/openModeling';
import {
  deleteOpenModel,
  deleteOpenResource,
  showOpenModelDetails,
  stopOpenModel,
} from '../features/models/openModelCommands';
import {
  showTaskDetails,
  showTaskDetailsJson,
  unwatchTask,
  watchTask,
} from '../features/tasks/detailsCommands';
import {
  simulatorAdvanceClock,
  simulatorClearFaults,
  simulatorInjectFault,
  simulatorSpeedUpClock,
} from '../features/simulatorControls/commands';

const refresh: CommandFactory = (ctx) => (viewId?: unknown) => {
  const all = [ctx.views.projects, ctx.views.devices, ctx.views.tasks, ctx.views.routes, ctx.views.models];
  const only = all.find((p) => p.viewId === viewId);
  for (const provider of only ? [only] : all) {
    provider.reset();
    provider.refresh();
  }
};

const loadMore: CommandFactory = () => async (node?: unknown) => {
  if (isLoadMore(node)) await node.owner.loadMore();
};

const showLog: CommandFactory = (ctx) => () => ctx.services.log.show();

const showAuditLog: CommandFactory = (ctx) => async () => {
  const file = vscode.Uri.file(ctx.services.audit.file);
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    void vscode.window.showInformationMessage(vscode.l10n.t('No flight command has been sent yet.'));
    return;
  }
  await vscode.window.showTextDocument(file, { preview: true });
};

export const COMMANDS = {
  'flighthub.addConnection': addConnection,
  'flighthub.renameConnection': renameConnection,
  'flighthub.removeConnection': removeConnection,
  'flighthub.switchConnection': switchConnection,
  'flighthub.trySimulator': trySimulator,
  'flighthub.setActiveProject': setActiveProject,
  'flighthub.refresh': refresh,
  'flighthub.loadMore': loadMore,
  'flighthub.showLog': showLog,
  // The id predates the recent-requests list; kept so keybindings and callers still work.
  'flighthub.copyLastRequestAsCurl': copyRecentRequestAsCurl,
  'flighthub.showAuditLog': showAuditLog,
  'flighthub.showDeviceState': showDeviceState,
  'flighthub.showHms': showHms,
  'flighthub.changeCamera': changeCamera,
  'flighthub.changeLens': changeLens,
  'flighthub.startLivestream': startLivestream,
  'flighthub.acquireControl': acquireControl,
  'flighthub.releaseControl': releaseControl,
  'flighthub.returnHome': returnHome,
  'flighthub.cancelReturnHome': cancelReturnHome,
  'flighthub.filterTasks': filterTasks,
  'flighthub.showTaskDetails': showTaskDetails,
  'flighthub.pauseTask': pauseTask,
  'flighthub.resumeTask': resumeTask,
  'flighthub.suspendTask': suspendTask,
  'flighthub.restoreTask': restoreTask,
  'flighthub.openTaskMedia': openTaskMedia,
  'flighthub.downloadTaskMedia': downloadTaskMedia,
  'flighthub.openTaskTrajectory': openTaskTrajectory,
  'flighthub.createTask': createTask,
  'flighthub.createTaskFromRoute': createTaskFromRoute,
  'flighthub.showRouteDetails': showRouteDetails,
  'flighthub.downloadRoute': downloadRoute,
  'flighthub.previewRoute': previewRoute,
  'flighthub.uploadRoute': uploadRoute,
  'flighthub.openKmzContents': openKmzContents,
  'flighthub.createAnnotation': createAnnotation,
  'flighthub.showOrgDevices': showOrgDevices,
  'flighthub.calibrateRtk': calibrateRtk,
  'flighthub.returnToSpecificHome': returnToSpecificHome,
  'flighthub.addProjectMembers': addProjectMembers,
  'flighthub.listForwarders': listForwarders,
  'flighthub.createForwarder': createForwarder,
  'flighthub.enableForwarder': enableForwarder,
  'flighthub.disableForwarder': disableForwarder,
  'flighthub.deleteForwarder': deleteForwarder,
  'flighthub.showModelDetails': showModelDetails,
  'flighthub.downloadModel': downloadModel,
  'flighthub.createModelFromTask': createModelFromTask,
  'flighthub.reconstructFromPhotos': reconstructFromPhotos,
  'flighthub.showOpenModelDetails': showOpenModelDetails,
  'flighthub.stopOpenModel': stopOpenModel,
  'flighthub.deleteOpenModel': deleteOpenModel,
  'flighthub.deleteOpenResource': deleteOpenResource,
  'flighthub.showDeviceStateJson': showDeviceStateJson,
  'flighthub.showTaskDetailsJson': showTaskDetailsJson,
  'flighthub.showRouteDetailsJson': showRouteDetailsJson,
  'flighthub.watchTask': watchTask,
  'flighthub.unwatchTask': unwatchTask,
  'flighthub.simulatorInjectFault': simulatorInjectFault,
  'flighthub.simulatorSpeedUpClock': simulatorSpeedUpClock,
  'flighthub.simulatorAdvanceClock': simulatorAdvanceClock,
  'flighthub.simulatorClearFaults': simulatorClearFaults,
  'flighthub.triggerWorkflow': triggerWorkflow,
} satisfies Record<string, CommandFactory>;

export type CommandId = keyof typeof COMMANDS;

/**
 * `hooks.onRun` hears each command before it runs (extension.ts starts the route scan on a route command);
 * `hooks.onFailure` hears every failure the error boundary caught (after the person was told).
 */
export function registerCommands(
  ctx: CommandContext,
  hooks: { onRun?: (id: string) => void; onFailure?: (failure: CommandFailure) => void } = {},
): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => {
    const handler = withErrorBoundary(ctx.services.log, id, factory(ctx), hooks.onFailure);
    return vscode.commands.registerCommand(id, (...args: unknown[]) => {
      hooks.onRun?.(id);
      return handler(...args);
    });
  });
}
