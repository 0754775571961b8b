// The task media gallery panel (host side): fetches the task's media list (the page never gets the
// organization key), allows the presigned hosts in the page's CSP, posts the items on every `ready`,
// runs downloads the page asks for, and is restored after a reload from the state the page saved.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { Media } from '../../api/schemas/task';
import type { ProjectApi } from '../../api/projectApi';
import { CancelledError } from '../../api/errors';
import { describeError } from '../../core/errorText';
import { pickFolder, runMediaDownload } from './commands';
import { NotConnectedError } from '../../services/session';
import type { Services } from '../../services/services';
import {
  fromWebview,
  galleryTask,
  type FromWebview,
  type GalleryTask,
  type ToWebview,
} from '../../webviews/gallery/protocol';
import { galleryItems, galleryOrigins } from './galleryData';
import { galleryLabels } from '../../ui/panels/labels';
import { definePanel } from '../../ui/panels/definePanel';
import type { PanelHost } from '../../ui/panels/panelHost';

class GalleryPanel {
  private list: readonly Media[] | undefined;
  private error: string | undefined;
  private downloading = false;

  constructor(
    readonly host: PanelHost<ToWebview, FromWebview>,
    private readonly services: Services,
    /** Also its binding: the task's own connection and project, whatever is active later. */
    readonly task: GalleryTask,
  ) {}

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

  /** Every `ready`. */
  ready(): void {
    this.host.post({ type: 'strings', strings: galleryLabels() });
    if (this.error !== undefined) this.host.post({ type: 'error', message: this.error });
    else if (this.list) this.sendItems();
    else this.host.post({ type: 'loading', task: this.task });
  }

  private sendItems(): void {
    this.host.post({ type: 'media', task: this.task, items: galleryItems(this.list ?? []) });
  }

  async receive(message: FromWebview): Promise<void> {
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

/** One panel per task of a connection: opening it again reveals (and refreshes) the open one. */
export const galleryPanel = definePanel({
  viewType: 'flighthub.gallery',
  bundle: 'gallery',
  fromWebview,
  // The saved task, on its saved connection and project; the list is fetched again (links expire).
  state: z.object({ task: galleryTask }),
  keyOf: ({ task }) => `${task.connectionId}/${task.uuid}`,
  title: ({ task }) => vscode.l10n.t('Media: {0}', task.name),
  create: (host: PanelHost<ToWebview, FromWebview>, { task }, services) =>
    new GalleryPanel(host, services, task),
  revived: (panel) => panel.reload(),
  unrestorable: (): ToWebview => ({
    type: 'error',
    message: vscode.l10n.t('This media panel cannot be restored; open it again.'),
  }),
});

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
  const open = galleryPanel.find({ task });
  if (open) {
    galleryPanel.open(services, { task });
    return open.reload();
  }
  const { list } = await api.tasks.media(task.uuid);
  galleryPanel.open(services, { task }, galleryOrigins(list)).show(list);
  return list.length;
}
