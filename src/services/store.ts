// Connections: names and URLs in globalState, organization keys ONLY in SecretStorage.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import * as z from 'zod';
import { REGION_URLS, type Region } from '../api/client';

export const connectionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).max(100),
  kind: z.enum(['region', 'custom', 'simulator']),
  region: z.enum(['cn', 'us', 'eu']).optional(),
  url: z.string().url(),
});
export type Connection = z.infer<typeof connectionSchema>;

const STATE_KEY = 'flighthub.connections';
const secretKey = (id: string) => `flighthub.orgKey.${id}`;

export class ConnectionStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  list(): Connection[] {
    const raw = this.state.get<unknown>(STATE_KEY, []);
    const parsed = z.array(connectionSchema).safeParse(raw);
    return parsed.success ? parsed.data : [];
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  async add(
    input: { name: string; kind: Connection['kind']; region?: Region; url?: string },
    orgKey: string,
  ): Promise<Connection> {
    const url = input.kind === 'region' && input.region ? REGION_URLS[input.region] : input.url;
    const connection = connectionSchema.parse({
      id: randomUUID(),
      name: input.name,
      kind: input.kind,
      region: input.region,
      url,
    });
    // Secret first: a connection without its key is useless, a key without a connection is invisible.
    await this.secrets.store(secretKey(connection.id), orgKey);
    await this.state.update(STATE_KEY, [...this.list(), connection]);
    this.changed.fire();
    return connection;
  }

  async rename(id: string, name: string): Promise<void> {
    const next = this.list().map((c) => (c.id === id ? connectionSchema.parse({ ...c, name }) : c));
    await this.state.update(STATE_KEY, next);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(
      STATE_KEY,
      this.list().filter((c) => c.id !== id),
    );
    await this.secrets.delete(secretKey(id));
    this.changed.fire();
  }

  orgKey(id: string): Thenable<string | undefined> {
    return this.secrets.get(secretKey(id));
  }

  async setOrgKey(id: string, orgKey: string): Promise<void> {
    await this.secrets.store(secretKey(id), orgKey);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
