import type * as vscode from 'vscode';
import type { JsonDocuments } from '../jsonDocs';
import type { Services } from '../services';
import type { DevicesProvider } from '../views/devices';
import type { TreeNode } from '../views/nodes';
import type { ProjectsProvider } from '../views/projects';
import type { RoutesProvider } from '../views/routes';
import type { TasksProvider } from '../views/tasks';

/** Everything a command factory may use. */
export interface CommandContext {
  readonly services: Services;
  readonly docs: JsonDocuments;
  readonly views: {
    readonly projects: ProjectsProvider;
    readonly devices: DevicesProvider;
    readonly tasks: TasksProvider;
    readonly routes: RoutesProvider;
    readonly tasksView: vscode.TreeView<TreeNode>;
    readonly routesView: vscode.TreeView<TreeNode>;
    readonly devicesView: vscode.TreeView<TreeNode>;
  };
}

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandFactory = (ctx: CommandContext) => CommandHandler;
