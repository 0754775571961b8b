// Projects: every project of the organization, paged with a "Load more" node; the active one marked.
// A project expands to its devices, so the organization can be browsed without switching.
import * as vscode from 'vscode';
import type { Project } from '../../api/schemas/project';
import { buildDeviceNodes } from '../devices/devicesView';
import { LoadMoreNode, ProjectNode, type TreeNode } from '../../ui/tree/nodes';
import { BaseProvider, emptyNode } from '../../ui/tree/provider';

export class ProjectsProvider extends BaseProvider {
  private loaded: Project[] = [];
  private nextPage = 1;
  private done = false;

  reset(): void {
    this.loaded = [];
    this.nextPage = 1;
    this.done = false;
  }

  async loadMore(): Promise<void> {
    await this.fetchPage();
    this.refresh();
  }

  protected async roots(): Promise<TreeNode[]> {
    if (!this.services.session.connection) return []; // the welcome view takes over
    if (this.nextPage === 1) await this.fetchPage();
    const active = this.services.session.project?.uuid;
    const nodes: TreeNode[] = this.loaded.map(
      (p) => new ProjectNode(p, p.uuid === active, (node) => this.projectChildren(node)),
    );
    if (!this.done) nodes.push(new LoadMoreNode('projects:loadMore', this));
    return nodes.length
      ? nodes
      : [emptyNode(this.viewId, vscode.l10n.t('This organization has no projects.'))];
  }

  private async fetchPage(): Promise<void> {
    if (this.done) return;
    const pageSize = vscode.workspace.getConfiguration('flighthub').get<number>('projects.pageSize', 20);
    const client = await this.services.session.client();
    const { list } = await client.listProjects({ page: this.nextPage, page_size: pageSize });
    const known = new Set(this.loaded.map((p) => p.uuid));
    this.loaded.push(...list.filter((p) => !known.has(p.uuid)));
    this.nextPage++;
    this.done = list.length < pageSize;
  }

  private async projectChildren(node: ProjectNode): Promise<TreeNode[]> {
    const client = await this.services.session.client();
    const api = client.project(node.project.uuid);
    const nodes = await buildDeviceNodes(api, `${node.id}/`);
    return nodes.length ? nodes : [emptyNode(node.id, vscode.l10n.t('No devices in this project.'))];
  }

  findProject(uuid: string): Project | undefined {
    return this.loaded.find((p) => p.uuid === uuid);
  }
}

declare module '../../ui/context' {
  interface Views {
    readonly projects: ProjectsProvider;
  }
}
