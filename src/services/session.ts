// The active connection and project, and the clients that talk to saved connections. Switching either
// fires `onDidChange`, which refreshes every view (no stale nodes). Panels are bound to the connection
// and project they were opened for (`apiFor`), so a switch does not move them.
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

/** A panel's connection was removed, or its organization key is gone: it says so instead of moving. */
export class ConnectionGoneError extends Error {
  readonly code = 'connection_gone';
  constructor(connectionName: string, reason: 'removed' | 'no_key') {
    super(
      reason === 'removed'
        ? vscode.l10n.t(
            'This panel belongs to connection "{0}", which was removed. Close it, or open it again from the active project.',
            connectionName,
          )
        : vscode.l10n.t(
            'This panel belongs to connection "{0}", whose organization key is gone. Set the key again, or close the panel.',
            connectionName,
          ),
    );
  }
}

const ACTIVE_CONNECTION = 'flighthub.activeConnection';
const activeProjectKey = (connectionId: string) => `flighthub.activeProject.${connectionId}`;

export interface ActiveProject {
  readonly uuid: string;
  readonly name: string;
}

/** The connection and project a panel was opened for (the name only to say which one is gone). */
export interface ProjectBinding {
  readonly connectionId: string;
  readonly connectionName: string;
  readonly projectUuid: string;
}

export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** One client per saved connection in use: the active one's, and those open panels are bound to. */
  private readonly clients = new Map<string, Promise<FlightHubClient>>();
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
    // The old connection's client stays: panels opened on it keep working on it.
    this.changed.fire();
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
    return this.clientOf(c);
  }

  async projectApi(): Promise<ProjectApi> {
    const project = this.project;
    if (!project) throw new NoProjectError();
    return (await this.client()).project(project.uuid);
  }

  /** The active connection and project, for a panel to keep (throws like `projectApi` without them). */
  binding(): ProjectBinding {
    const c = this.connection;
    if (!c) throw new NotConnectedError();
    const project = this.project;
    if (!project) throw new NoProjectError();
    return { connectionId: c.id, connectionName: c.name, projectUuid: project.uuid };
  }

  /** The API of a panel's own connection and project, whatever is active now. */
  async apiFor(binding: ProjectBinding): Promise<ProjectApi> {
    const c = this.store.get(binding.connectionId);
    if (!c) throw new ConnectionGoneError(binding.connectionName, 'removed');
    try {
      return (await this.clientOf(c)).project(binding.projectUuid);
    } catch (error) {
      if (error instanceof NotConnectedError) throw new ConnectionGoneError(c.name, 'no_key');
      throw error;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.closeClients();
    this.changed.dispose();
  }

  private clientOf(c: Connection): Promise<FlightHubClient> {
    const existing = this.clients.get(c.id);
    if (existing) return existing;
    const client = this.createClient(c);
    this.clients.set(c.id, client);
    // A failed start (e.g. the key vanished) is retried on the next call, unless already replaced.
    client.catch(() => {
      if (this.clients.get(c.id) === client) this.clients.delete(c.id);
    });
    return client;
  }

  private reset(): void {
    this.closeClients();
    this.changed.fire();
  }

  /** Closing lets requests in flight finish (undici `close`, not `destroy`); the next call starts anew. */
  private closeClients(): void {
    for (const client of this.clients.values()) void client.then((c) => c.close()).catch(() => undefined);
    this.clients.clear();
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
