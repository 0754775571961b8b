// Creates the tree views and wires visibility (task polling) and the `flighthub.connected`
// context key that chooses between the trees and the welcome content.
import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { DevicesProvider } from '../features/devices/devicesView';
import type { TreeNode } from '../ui/tree/nodes';
import { ProjectsProvider } from '../features/connections/projectsView';
import { RoutesProvider } from '../features/routes/routesView';
import { TasksProvider } from '../features/tasks/tasksView';
import { ModelsProvider } from '../features/models/modelsView';
import { TaskWatcher } from '../features/tasks/taskWatch';
import { showNotification, type Notify } from '../ui/notify';

export function registerViews(services: Services, notify: Notify = showNotification) {
  const projects = new ProjectsProvider(services, 'flighthub.projects');
  const devices = new DevicesProvider(services, 'flighthub.devices');
  const tasks = new TasksProvider(services, 'flighthub.tasks');
  const routes = new RoutesProvider(services, 'flighthub.routes');
  const models = new ModelsProvider(services, 'flighthub.models');
  const view = (id: string, provider: vscode.TreeDataProvider<TreeNode>) =>
    vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true });
  const projectsView = view(projects.viewId, projects);
  const devicesView = view(devices.viewId, devices);
  const tasksView = view(tasks.viewId, tasks);
  const routesView = view(routes.viewId, routes);
  const modelsView = view(models.viewId, models);
  tasks.setVisible(tasksView.visible);
  models.setVisible(modelsView.visible);
  const setContext = () => {
    void vscode.commands.executeCommand(
      'setContext',
      'flighthub.connected',
      Boolean(services.session.connection),
    );
    void vscode.commands.executeCommand(
      'setContext',
      'flighthub.hasProject',
      Boolean(services.session.project),
    );
  };
  // Watched tasks (taskWatch.ts) and the built-in simulator's controls (features/simulatorControls) have menus.
  const taskWatch = new TaskWatcher(services, notify);
  const setExtraContext = () => {
    const sim = services.session.connection?.kind === 'simulator';
    void vscode.commands.executeCommand('setContext', 'flighthub.builtInSimulator', sim);
    void vscode.commands.executeCommand('setContext', 'flighthub.watchingTasks', taskWatch.uuids.length > 0);
  };
  setContext();
  setExtraContext();
  const disposables: vscode.Disposable[] = [
    projects,
    devices,
    tasks,
    routes,
    projectsView,
    devicesView,
    tasksView,
    routesView,
    tasksView.onDidChangeVisibility((e) => tasks.setVisible(e.visible)),
    services.session.onDidChange(setContext),
    models,
    modelsView,
    modelsView.onDidChangeVisibility((e) => models.setVisible(e.visible)),
    taskWatch,
    taskWatch.onDidChange(setExtraContext),
    services.session.onDidChange(setExtraContext),
  ];
  return {
    views: {
      projects,
      devices,
      tasks,
      routes,
      tasksView,
      routesView,
      devicesView,
      models,
      modelsView,
      taskWatch,
    },
    disposables,
  };
}
