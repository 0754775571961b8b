// The task media gallery panel (host side): fetches the task's media list (the page never gets the
// organization key), allows the presigned hosts in the page's CSP, posts the items on every `ready`,
// runs downloads the page asks for, and is restored after a reload from the state the page saved.
import * as vscode from 'vscode';
import type { Media } from '../../api/schemas/task';
import type { ProjectApi } from '../../api/projectApi';
import { CancelledError } from '../../api/errors';
import { describeError } from '../../core/errorText';
import { pickFolder, runMediaDownload } from './commands';
import { NotConnectedError } from '../../services/session';
import type { Services } from '../../services/services';
import {
  fromWebview,
  galleryState,
  type FromWebview,
  type GalleryTask,
  type ToWebview,
} from '../../webviews/gallery/protocol';
import { galleryItems, galleryOrigins } from './galleryData';
import { galleryStrings } from './galleryStrings';
import { PanelHost, type PanelSpec } from '../../ui/panels/panelHost';

export const GALLERY_VIEW_TYPE = 'flighthub.gallery';

const spec: PanelSpec<FromWebview> = { viewType: GALLERY_VIEW_TYPE, bundle: 'gallery', fromWebview };

/** One panel per task of a connection: opening it again reveals (and refreshes) the open one. */
const byTask = new Map<string, GalleryPanel>();
const keyOf = (task: GalleryTask) => `${task.connectionId}/${task.uuid}`;

class GalleryPanel {
  private list: readonly Media[] | undefined;
  private error: string | undefined;
  private downloading = false;

  constructor(
    readonly host: PanelHost<ToWebview, FromWebview>,
    private readonly services: Services,
    /** Also its binding: the task's own connection and project, whatever is active later. */
    readonly task: GalleryTask,
  ) {
    byTask.set(keyOf(task), this);
    host.onDidBecomeReady(() => this.sendAll());
    host.onMessage((m) => void this.receive(m));
    host.onDidDispose(() => {
      if (byTask.get(keyOf(task)) === this) byTask.delete(keyOf(task));
    });
  }

  private api(): Promise<ProjectApi> {
    return this.services.session.apiFor(this.task);
  }

  show(list: readonly Media[]): void {
    this.list = list;
    this.error = undefined;
    // A new presigned host re-renders the page, which then says `ready` and gets the items.
    if (!this.host.allowOrigins(galleryOrigins(list)) && this.host.ready) this.sendItems();
  }

  /** Fetches the list again; resolves with its length (-1 when it failed: the page shows why). */
  async reload(): Promise<number> {
    try {
      const { list } = await (await this.api()).tasks.media(this.task.uuid);
      this.show(list);
      return list.length;
    } catch (error) {
      this.error = describeError(error);
      this.services.log.error(`media of task ${this.task.uuid}: ${this.error}`);
      this.host.post({ type: 'error', message: this.error });
      return -1;
    }
  }

  private sendAll(): void {
    this.host.post({ type: 'strings', strings: galleryStrings() });
    if (this.error !== undefined) this.host.post({ type: 'error', message: this.error });
    else if (this.list) this.sendItems();
    else this.host.post({ type: 'loading', task: this.task });
  }

  private sendItems(): void {
    this.host.post({ type: 'media', task: this.task, items: galleryItems(this.list ?? []) });
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'refresh':
        await this.reload();
        return;
      case 'download':
        await this.download(message.uuids);
        return;
    }
  }

  private async download(uuids: string[] | null): Promise<void> {
    if (this.downloading) return;
    this.downloading = true;
    try {
      const folder = await pickFolder().catch(() => undefined);
      if (!folder) return;
      await runMediaDownload(this.services, await this.api(), this.task, folder, {
        ...(uuids ? { only: new Set(uuids) } : {}),
        ...(this.list ? { list: this.list } : {}),
        onProgress: (done, total, running) => this.host.post({ type: 'download', done, total, running }),
      });
    } catch (error) {
      if (CancelledError.is(error)) return;
      const text = describeError(error);
      this.services.log.error(`media download of task ${this.task.uuid}: ${text}`);
      void vscode.window.showErrorMessage(text);
    } finally {
      this.downloading = false;
    }
  }
}

function titleOf(task: GalleryTask): string {
  return vscode.l10n.t('Media: {0}', task.name);
}

/**
 * Opens (or reveals) the gallery of a task of the active connection; resolves with the number of media
 * once the list is in. The panel keeps that connection and the task's project from then on.
 */
export async function openGallery(
  services: Services,
  api: ProjectApi,
  opened: Pick<GalleryTask, 'uuid' | 'name' | 'projectUuid'>,
): Promise<number> {
  const active = services.session.connection;
  if (!active) throw new NotConnectedError();
  const task: GalleryTask = { ...opened, connectionId: active.id, connectionName: active.name };
  const open = byTask.get(keyOf(task));
  if (open) {
    open.host.reveal();
    return open.reload();
  }
  const { list } = await api.tasks.media(task.uuid);
  const host = PanelHost.create<ToWebview, FromWebview>(
    services.context.extensionUri,
    spec,
    services.log,
    titleOf(task),
    galleryOrigins(list),
  );
  new GalleryPanel(host, services, task).show(list);
  return list.length;
}

/**
 * The serializer's revive: the saved task, on its saved connection and project, the list fetched again
 * (links have expired). Resolves with the panel's host.
 */
export async function reviveGallery(
  services: Services,
  panel: vscode.WebviewPanel,
  state: unknown,
): Promise<PanelHost<ToWebview, FromWebview>> {
  const host = new PanelHost<ToWebview, FromWebview>(
    panel,
    services.context.extensionUri,
    spec,
    services.log,
  );
  const saved = galleryState.safeParse(state);
  if (!saved.success) {
    host.post({
      type: 'error',
      message: vscode.l10n.t('This media panel cannot be restored; open it again.'),
    });
    return host;
  }
  const task = saved.data.task;
  panel.title = titleOf(task);
  await new GalleryPanel(host, services, task).reload();
  return host;
}
