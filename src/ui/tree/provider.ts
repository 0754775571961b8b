// What every tree provider shares: one change emitter, `refresh(node?)`, parents for `reveal`, and
// errors drawn as nodes. Trees load lazily in getChildren (no network in activate).
import * as vscode from 'vscode';
import { NoProjectError, NotConnectedError } from '../../services/session';
import { describeError } from '../../core/errorText';
import type { Services } from '../../services/services';
import { MessageNode, type TreeNode } from './nodes';

export abstract class BaseProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    protected readonly services: Services,
    readonly viewId: string,
  ) {
    // A new connection or project: drop everything loaded for the old one.
    this.subscription = services.session.onDidChange(() => {
      this.reset();
      this.refresh();
    });
  }

  refresh(node?: TreeNode): void {
    this.emitter.fire(node);
  }

  /** Forget loaded pages and caches (the next getChildren loads afresh). */
  abstract reset(): void;
  protected abstract roots(): Promise<TreeNode[]>;

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      const children = node ? await node.getChildren() : await this.roots();
      for (const child of children) child.parent ??= node;
      return children;
    } catch (error) {
      return [this.errorNode(error, node)];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private errorNode(error: unknown, node: TreeNode | undefined): TreeNode {
    const where = `${this.viewId}:${node?.id ?? 'root'}`;
    if (error instanceof NotConnectedError)
      return new MessageNode(
        `${where}:signedOut`,
        vscode.l10n.t('Not connected — add an organization key…'),
        {
          icon: 'plug',
          command: { command: 'flighthub.addConnection', title: vscode.l10n.t('Add Organization Key…') },
        },
      );
    if (error instanceof NoProjectError)
      return new MessageNode(`${where}:noProject`, vscode.l10n.t('No active project — pick one…'), {
        icon: 'project',
        command: { command: 'flighthub.setActiveProject', title: vscode.l10n.t('Set as Active Project') },
      });
    this.services.log.error(`${this.viewId} failed to load`, error);
    return new MessageNode(`${where}:error`, describeError(error), {
      icon: 'error',
      tooltip: vscode.l10n.t('Click to retry'),
      command: { command: 'flighthub.refresh', title: vscode.l10n.t('Retry'), arguments: [this.viewId] },
      contextValue: 'error',
    });
  }
}

export function emptyNode(viewId: string, label: string): MessageNode {
  return new MessageNode(`${viewId}:empty`, label, { icon: 'circle-outline' });
}
