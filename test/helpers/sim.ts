// Starts the real simulator on port 0 with a client pointed at it; both are closed after the suite.
import { FlightHubClient } from '../../src/api/client';
import type { RequestLog } from '../../src/api/transport';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator';

export interface SimSetup {
  readonly sim: Simulator;
  readonly client: FlightHubClient;
  readonly logs: RequestLog[];
  /** Register with a top-level `after(() => setup.close())` (not inside a hook: it would run at once). */
  close(): Promise<void>;
}

export async function withSimulator(
  options: SimulatorOptions = {},
  clientOptions: { timeoutMs?: number } = {},
): Promise<SimSetup> {
  const sim = await startSimulator({ seed: 'test', ...options });
  const logs: RequestLog[] = [];
  const client = new FlightHubClient({
    baseUrl: sim.url,
    orgKey: sim.orgKey,
    language: 'en',
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    onLog: (l) => logs.push(l),
    ...clientOptions,
  });
  return {
    sim,
    client,
    logs,
    async close() {
      await client.close();
      await sim.stop();
    },
  };
}

/** Control-surface call, as a person with curl would make it. */
export async function control(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(sim.url + path, {
    method,
    headers: { 'X-User-Token': sim.orgKey, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
