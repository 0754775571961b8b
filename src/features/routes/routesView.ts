// Flight Routes of the active project.
import * as vscode from 'vscode';
import type { Wayline } from '../../api/schemas/wayline';
import { RouteNode, type TreeNode } from '../../ui/tree/nodes';
import { BaseProvider, emptyNode } from '../../ui/tree/provider';

export class RoutesProvider extends BaseProvider {
  private routes: Wayline[] | undefined;

  reset(): void {
    this.routes = undefined;
  }

  protected async roots(): Promise<TreeNode[]> {
    if (!this.services.session.connection) return [];
    const api = await this.services.session.projectApi();
    this.routes ??= (await api.waylines.list()).list;
    const nodes = [...this.routes]
      .sort((a, b) => (b.update_time ?? 0) - (a.update_time ?? 0))
      .map((r) => new RouteNode(r));
    return nodes.length
      ? nodes
      : [emptyNode(this.viewId, vscode.l10n.t('No routes yet. Upload a KMZ route file.'))];
  }

  find(id: string): RouteNode | undefined {
    const route = this.routes?.find((r) => r.id === id);
    return route ? new RouteNode(route) : undefined;
  }

  /** Drops the cache so the next load (e.g. after an upload) sees new routes. */
  invalidate(): void {
    this.routes = undefined;
    this.refresh();
  }
}

declare module '../../ui/context' {
  interface Views {
    readonly routes: RoutesProvider;
    readonly routesView: vscode.TreeView<TreeNode>;
  }
}
