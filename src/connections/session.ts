// The active connection and project, and the one client that talks to them. Switching either
// replaces the client and fires `onDidChange`, which refreshes every view (no stale nodes).
import * as vscode from 'vscode';
import { FlightHubClient } from '../api/client';
import type { ProjectApi } from '../api/projectApi';
import type { RequestLog } from '../api/transport';
import type { Connection, ConnectionStore } from './store';
import type { SimulatorHost } from './simulatorHost';

export class NotConnectedError extends Error {
  readonly code = 'not_connected';
  constructor() {
    super(vscode.l10n.t('No FlightHub 2 connection. Add an organization key or try the built-in simulator.'));
  }
}
export class NoProjectError extends Error {
  readonly code = 'no_project';
  constructor() {
    super(vscode.l10n.t('No active project. Pick one in the Projects view.'));
  }
}

const ACTIVE_CONNECTION = 'flighthub.activeConnection';
const activeProjectKey = (connectionId: string) => `flighthub.activeProject.${connectionId}`;

export interface ActiveProject {
  readonly uuid: string;
  readonly name: string;
}

export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: { connectionId: string; client: Promise<FlightHubClient> } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: ConnectionStore,
    private readonly simulator: SimulatorHost,
    private readonly onLog: (entry: RequestLog) => void,
  ) {
    // A removed or re-keyed connection must not keep its old client.
    this.subscription = store.onDidChange(() => this.reset());
  }

  get connection(): Connection | undefined {
    const id = this.state.get<string>(ACTIVE_CONNECTION);
    return (id && this.store.get(id)) || undefined;
  }

  get project(): ActiveProject | undefined {
    const c = this.connection;
    return c ? this.state.get<ActiveProject>(activeProjectKey(c.id)) : undefined;
  }

  async setActiveConnection(id: string | undefined): Promise<void> {
    await this.state.update(ACTIVE_CONNECTION, id);
    this.reset();
  }

  async setActiveProject(project: ActiveProject | undefined): Promise<void> {
    const c = this.connection;
    if (!c) throw new NotConnectedError();
    await this.state.update(activeProjectKey(c.id), project);
    this.changed.fire();
  }

  /** The client of the active connection (created on first use: no network before a view asks). */
  client(): Promise<FlightHubClient> {
    const c = this.connection;
    if (!c) return Promise.reject(new NotConnectedError());
    if (this.current?.connectionId !== c.id) {
      const entry = { connectionId: c.id, client: this.createClient(c) };
      this.current = entry;
      // A failed start (e.g. the key vanished) is retried on the next call, unless already replaced.
      entry.client.catch(() => {
        if (this.current === entry) this.current = undefined;
      });
    }
    return this.current.client;
  }

  async projectApi(): Promise<ProjectApi> {
    const project = this.project;
    if (!project) throw new NoProjectError();
    return (await this.client()).project(project.uuid);
  }

  dispose(): void {
    this.subscription.dispose();
    void this.current?.client.then((c) => c.close()).catch(() => undefined);
    this.changed.dispose();
  }

  private reset(): void {
    const old = this.current;
    this.current = undefined;
    void old?.client.then((c) => c.close()).catch(() => undefined);
    this.changed.fire();
  }

  private async createClient(c: Connection): Promise<FlightHubClient> {
    const language = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
    if (c.kind === 'simulator') {
      const sim = await this.simulator.ensure();
      return new FlightHubClient({ baseUrl: sim.url, orgKey: sim.orgKey, language, onLog: this.onLog });
    }
    const orgKey = await this.store.orgKey(c.id);
    if (!orgKey) throw new NotConnectedError();
    const timeoutMs =
      vscode.workspace.getConfiguration('flighthub').get<number>('requestTimeoutSeconds', 30) * 1000;
    return new FlightHubClient({ baseUrl: c.url, orgKey, language, timeoutMs, onLog: this.onLog });
  }
}
