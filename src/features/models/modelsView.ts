// Models of the active project (docs/api.md#models): reconstructions from task media, newest first,
// then an "Open modeling" group with the reconstructions from the person's own photos
// (docs/api.md#open-modeling). While the view is visible and something is being built, it re-reads
// both lists every few seconds (the tasks' `refreshSeconds` setting); otherwise it sends nothing.
import * as vscode from 'vscode';
import type { z } from 'zod';
import { BusinessError } from '../../api/errors';
import type { ProjectApi } from '../../api/projectApi';
import type { model } from '../../api/schemas/model';
import type { openModel } from '../../api/schemas/openModel';
import type { Services } from '../../services/services';
import { formatTime, MessageNode, TreeNode } from '../../ui/tree/nodes';
import { BaseProvider, emptyNode } from '../../ui/tree/provider';
import { modelPhase, modelsPollDelay, OPEN_MODEL_TYPES, openModelPhase, type OpenPhase } from './modelState';

export type Model = z.infer<typeof model>;
export type OpenModel = z.infer<typeof openModel>;

/** An open-modeling reconstruction this workspace started: the API lists only running ones. */
export interface KnownOpenModel {
  readonly modelUuid: string;
  readonly resourceUuid: string;
  readonly name: string;
}

const KNOWN_KEY = 'flighthub.openModels';

export class ModelNode extends TreeNode {
  readonly id: string;
  constructor(readonly model: Model) {
    super();
    this.id = `model:${model.id}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.model.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const ready = modelPhase(this.model) === 'ready';
    item.iconPath = ready
      ? new vscode.ThemeIcon('symbol-structure', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.blue'));
    const status = ready ? vscode.l10n.t('ready') : vscode.l10n.t('reconstructing');
    const kind = this.model.file_type === 'model_2d' ? '2D' : this.model.file_type === 'model_3d' ? '3D' : '';
    item.description = [status, kind, formatTime(this.model.create_at)].filter(Boolean).join(' · ');
    item.tooltip = `${this.model.name}\n${vscode.l10n.t('Status')}: ${status}\nID ${this.model.id}`;
    item.contextValue = ready ? 'model.ready' : 'model.building';
    item.command = {
      command: 'flighthub.showModelDetails',
      title: vscode.l10n.t('Show Model Details'),
      arguments: [this],
    };
    return item;
  }
}

export class OpenModelNode extends TreeNode {
  readonly id: string;
  readonly phase: OpenPhase;
  constructor(
    readonly model: OpenModel,
    readonly name: string | undefined,
  ) {
    super();
    this.id = `openModel:${model.model_uuid}`;
    this.phase = openModelPhase(model.model_status);
  }
  toTreeItem(): vscode.TreeItem {
    const type = OPEN_MODEL_TYPES[this.model.model_type] ?? String(this.model.model_type);
    const item = new vscode.TreeItem(
      this.name ? `${this.name} (${type})` : type,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    const [icon, color] = PHASE_ICON[this.phase];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const progress = this.phase === 'reconstructing' ? ` ${this.model.reconstruction_progress ?? 0}%` : '';
    const error = this.model.error_code ? ` (${this.model.error_code})` : '';
    item.description = `${openPhaseLabel(this.phase)}${progress}${error}`;
    item.tooltip = `${item.description}\n${vscode.l10n.t('Model')} ${this.model.model_uuid}\n${vscode.l10n.t('Resource')} ${this.model.resource_uuid ?? '-'}`;
    item.contextValue = `openModel.${this.phase}`;
    item.command = {
      command: 'flighthub.showOpenModelDetails',
      title: vscode.l10n.t('Show Model Details'),
      arguments: [this],
    };
    return item;
  }
}

const PHASE_ICON: Record<OpenPhase, [string, string | undefined]> = {
  requesting: ['loading~spin', 'charts.blue'],
  reconstructing: ['loading~spin', 'charts.blue'],
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'charts.red'],
  cancelled: ['circle-slash', 'disabledForeground'],
  unknown: ['question', undefined],
};

export function openPhaseLabel(phase: OpenPhase): string {
  const t = vscode.l10n.t;
  const labels: Record<OpenPhase, string> = {
    requesting: t('requesting resources'),
    reconstructing: t('reconstructing'),
    succeeded: t('succeeded'),
    failed: t('failed'),
    cancelled: t('cancelled'),
    unknown: t('unknown status'),
  };
  return labels[phase];
}

class OpenModelingNode extends TreeNode {
  readonly id = 'models:openModeling';
  constructor(private readonly entries: readonly OpenModelNode[]) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      vscode.l10n.t('Open modeling (your photos)'),
      vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('file-media');
    item.contextValue = 'openModeling';
    return item;
  }
  override getChildren(): TreeNode[] {
    if (this.entries.length) return [...this.entries];
    return [
      new MessageNode(`${this.id}:empty`, vscode.l10n.t('Reconstruct from a photo folder…'), {
        icon: 'add',
        command: {
          command: 'flighthub.reconstructFromPhotos',
          title: vscode.l10n.t('Reconstruct from Photo Folder…'),
        },
      }),
    ];
  }
}

export class ModelsProvider extends BaseProvider {
  private models: Model[] | undefined;
  private openModels: OpenModelNode[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private visible = false;

  constructor(services: Services, viewId: string) {
    super(services, viewId);
  }

  reset(): void {
    this.models = undefined;
    this.openModels = undefined;
  }

  /** Polling runs only while the view is visible. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.schedule();
  }

  protected async roots(): Promise<TreeNode[]> {
    if (!this.services.session.connection) return [];
    const api = await this.services.session.projectApi();
    if (!this.models || !this.openModels) {
      const [models, open] = await Promise.all([api.models.list(), this.loadOpenModels(api)]);
      this.models = models.list;
      this.openModels = open;
      this.schedule();
    }
    const nodes: TreeNode[] = [...this.models]
      .sort((a, b) => (b.create_at ?? 0) - (a.create_at ?? 0))
      .map((m) => new ModelNode(m));
    if (!nodes.length)
      nodes.push(
        emptyNode(this.viewId, vscode.l10n.t('No models yet. Reconstruct one from a finished flight task.')),
      );
    nodes.push(new OpenModelingNode(this.openModels));
    return nodes;
  }

  /** Drops the caches so the next load sees a new or removed model. */
  invalidate(): void {
    this.reset();
    this.refresh();
  }

  known(): KnownOpenModel[] {
    const project = this.services.session.project?.uuid ?? '';
    return (
      this.services.context.workspaceState.get<Record<string, KnownOpenModel[]>>(KNOWN_KEY, {})[project] ?? []
    );
  }

  async remember(entries: readonly KnownOpenModel[]): Promise<void> {
    await this.setKnown([
      ...this.known().filter((k) => !entries.some((e) => e.modelUuid === k.modelUuid)),
      ...entries,
    ]);
  }

  async forget(modelUuids: readonly string[]): Promise<void> {
    await this.setKnown(this.known().filter((k) => !modelUuids.includes(k.modelUuid)));
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }

  private async setKnown(list: KnownOpenModel[]): Promise<void> {
    const project = this.services.session.project?.uuid ?? '';
    const all = this.services.context.workspaceState.get<Record<string, KnownOpenModel[]>>(KNOWN_KEY, {});
    await this.services.context.workspaceState.update(KNOWN_KEY, { ...all, [project]: list });
  }

  /** Running reconstructions, plus the ones this workspace started (looked up one by one). */
  private async loadOpenModels(api: ProjectApi): Promise<OpenModelNode[]> {
    const running = (await api.openModel.running()).list;
    const known = this.known();
    const others = known.filter((k) => !running.some((r) => r.model_uuid === k.modelUuid));
    const gone: string[] = [];
    const looked = await Promise.all(
      others.map((k) =>
        api.openModel.model(k.modelUuid).catch((error: unknown) => {
          // Deleted elsewhere: stop asking about it.
          if (BusinessError.is(error) && error.businessCode === 200404) gone.push(k.modelUuid);
          else throw error;
          return undefined;
        }),
      ),
    );
    if (gone.length) await this.forget(gone);
    const name = (m: OpenModel) => known.find((k) => k.modelUuid === m.model_uuid)?.name;
    return [...running, ...looked.filter((m): m is OpenModel => m !== undefined)].map(
      (m) => new OpenModelNode(m, name(m)),
    );
  }

  private get refreshMs(): number {
    const seconds = vscode.workspace.getConfiguration('flighthub.tasks').get<number>('refreshSeconds', 5);
    return Math.max(2, seconds) * 1000;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.visible || !this.models || !this.openModels) return;
    const delay = modelsPollDelay(
      this.models,
      this.openModels.map((n) => n.model),
      this.refreshMs,
    );
    if (delay === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // The next getChildren (the refresh below) reloads both lists and schedules again.
      this.invalidate();
    }, delay);
  }
}

declare module '../../ui/context' {
  interface Views {
    readonly models: ModelsProvider;
    readonly modelsView: vscode.TreeView<TreeNode>;
  }
}
