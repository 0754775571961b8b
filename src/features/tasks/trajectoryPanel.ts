// "Open Flight Trajectory" (issue 5): the flown track beside the planned route, a replay with the
// height profile, photo markers, and an export to GeoJSON. The host fetches (track, media, the route's
// KMZ, read with the route model); the page draws. One panel per task, restored after a reload.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import type { CommandFactory } from '../../ui/context';
import { resolveTask } from '../../ui/pickers';
import { fetchRouteKmz } from '../routes/commands';
import { UserCancelled } from '../../ui/run';
import { describeError } from '../../core/errorText';
import { sanitizeFileName } from '../../core/fileName';
import { readRouteModel } from '../../routes/wpml/wpml';
import type { Services } from '../../services/services';
import type { PanelBinding } from '../../webviews/binding';
import {
  fromWebview,
  trajectoryState,
  type FromWebview,
  type TaskRef,
  type ToWebview,
  type TrajectoryView,
} from '../../webviews/trajectory/protocol';
import { trajectoryGeoJson } from './geojson';
import { annotateFromPanel } from '../annotations/fromPanel';
import { mapLabels, trajectoryLabels } from '../../ui/panels/labels';
import { mapOrigins, mapSettings, onMapSettingsChanged } from '../../ui/panels/mapSettings';
import { definePanel } from '../../ui/panels/definePanel';
import type { PanelHost } from '../../ui/panels/panelHost';
import { trajectoryView, type TrajectoryInput } from './trajectoryData';

class Trajectory {
  private current: ToWebview | undefined;
  private data: TrajectoryView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  loaded: Promise<TrajectoryView | undefined>;

  constructor(
    readonly host: PanelHost<ToWebview, FromWebview>,
    private readonly task: TaskRef,
    private readonly services: Services,
    /** Reloads go to the connection and project it was opened for. */
    private readonly binding: PanelBinding,
  ) {
    this.disposables.push(
      onMapSettingsChanged(
        (o) => host.allowOrigins(o),
        () => this.ready(),
      ),
    );
    this.loaded = this.load();
  }

  async receive(message: FromWebview): Promise<void> {
    if (message.type === 'annotate') {
      await annotateFromPanel(this.services, () => this.binding, message);
      return;
    }
    if (message.type === 'exportGeoJson') {
      await this.export().then(
        () => undefined,
        (e: unknown) => this.reportExport(e),
      );
      return;
    }
    this.loaded = this.load();
    await this.loaded;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async load(): Promise<TrajectoryView | undefined> {
    try {
      const api = await this.services.session.apiFor(this.binding);
      this.data = trajectoryView(await fetchTrajectory(api, this.task));
      this.show({ type: 'trajectory', data: this.data });
      return this.data;
    } catch (error) {
      this.services.log.error(`trajectory of task ${this.task.uuid}: ${describeError(error)}`);
      this.show({ type: 'failed', message: describeError(error).slice(0, 2000) });
      return undefined;
    }
  }

  /** Writes the GeoJSON to `target`, or where the person chooses; returns the path written. */
  async export(target?: vscode.Uri): Promise<string | undefined> {
    const data = this.data ?? (await this.loaded);
    if (!data) throw new Error(vscode.l10n.t('The trajectory has not been loaded; nothing to export.'));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const fileName = sanitizeFileName(this.task.name, 'geojson', { fallback: 'trajectory' });
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export GeoJSON'),
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
        filters: { GeoJSON: ['geojson', 'json'] },
      }));
    if (!uri) return undefined;
    const json = JSON.stringify(trajectoryGeoJson(data));
    await vscode.workspace.fs.writeFile(uri, Buffer.from(json, 'utf8'));
    const path = uri.scheme === 'file' ? uri.fsPath : uri.toString();
    this.services.log.info(`trajectory of task ${this.task.uuid} exported (${json.length} bytes)`);
    if (!target)
      void vscode.window.showInformationMessage(vscode.l10n.t('Trajectory exported to {0}.', path));
    return path;
  }

  private reportExport(error: unknown): void {
    if (error instanceof UserCancelled) return;
    this.services.log.error(`trajectory export: ${describeError(error)}`);
    void vscode.window.showErrorMessage(describeError(error));
  }

  private show(message: ToWebview): void {
    this.current = message;
    if (this.host.ready) this.host.post(message);
  }

  /** Every `ready`. */
  ready(): void {
    this.host.post({
      type: 'setup',
      labels: trajectoryLabels(),
      mapLabels: mapLabels(),
      map: mapSettings(),
      task: this.task,
      binding: this.binding,
      locale: vscode.env.language.slice(0, 40),
    });
    if (this.current) this.host.post(this.current);
  }
}

/** Track, media and the planned route in parallel; a missing route or media list is said, not fatal. */
async function fetchTrajectory(api: ProjectApi, task: TaskRef): Promise<TrajectoryInput> {
  const [track, media] = await Promise.all([
    api.tasks.track(task.uuid),
    api.tasks.media(task.uuid).then(
      (m) => m.list,
      () => [],
    ),
  ]);
  const input = { task, track, media };
  try {
    const waylineUuid = track.wayline_uuid ?? (await api.tasks.info(task.uuid)).wayline_uuid;
    if (!waylineUuid) return { ...input, plannedError: vscode.l10n.t('The task names no route.') };
    const { name, bytes } = await fetchRouteKmz(api, waylineUuid);
    return { ...input, planned: { name, model: readRouteModel(Buffer.from(bytes)) } };
  } catch (error) {
    return { ...input, plannedError: describeError(error) };
  }
}

/** One panel per task of a project; after a reload the saved task is loaded again from its saved project. */
export const trajectoryPanel = definePanel({
  viewType: 'flighthub.trajectory',
  bundle: 'trajectory',
  fromWebview,
  state: trajectoryState.pick({ task: true, binding: true }),
  keyOf: ({ task, binding: b }) => `${b.connectionId}/${b.projectUuid}/${task.uuid}`,
  title: ({ task }) => vscode.l10n.t('Trajectory: {0}', task.name),
  origins: () => mapOrigins(mapSettings()),
  create: (host: PanelHost<ToWebview, FromWebview>, { task, binding }, services) =>
    new Trajectory(host, task, services, binding),
  revived: (trajectory) => trajectory.loaded,
});

const exportArg = z.looseObject({ exportTo: z.string().min(1).optional() });

/** Opens (or reveals) the task's trajectory panel; `{ uuid, exportTo }` also writes the GeoJSON there. */
export const openTaskTrajectory: CommandFactory = (ctx) => async (arg?: unknown) => {
  const binding = ctx.services.session.binding();
  const api = await ctx.services.session.apiFor(binding);
  const picked = await resolveTask(ctx, api, arg, { title: vscode.l10n.t('Open Task Trajectory') });
  const task = { uuid: picked.uuid, name: picked.name };
  ctx.views.taskWatch.watch(picked);
  const panel = trajectoryPanel.open(ctx.services, { task, binding });
  const data = await panel.loaded;
  const exportTo = exportArg.safeParse(arg).data?.exportTo;
  const exported = exportTo && data ? await panel.export(vscode.Uri.file(exportTo)) : undefined;
  return data && { task: data.task, points: data.track.length, media: data.media.length, exported };
};
