// Starts the real simulator on port 0 with a client pointed at it; both are closed after the suite.
import { FlightHubClient } from '../../src/api/client';
import type { ProjectApi } from '../../src/api/projectApi';
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

/** The seeded organization's first project the key may use, and the client's view of it. */
export function firstProject(s: SimSetup): { uuid: string; api: ProjectApi } {
  const project = s.sim.world.describe().projects.find((p) => p.accessible);
  if (!project) throw new Error('the simulator world has no accessible project');
  return { uuid: project.uuid, api: s.client.project(project.uuid) };
}

/** Starts the livestream of the first project's main dock aircraft (main camera, 10 minutes). */
export async function startMainLive(
  s: SimSetup,
): Promise<{ url: string; urlType: string; expireTs: number; sn: string }> {
  const project = firstProject(s);
  const dock = s.sim.world.describe().docks.find((d) => d.role === 'main' && d.projectUuid === project.uuid);
  if (!dock) throw new Error('the simulator world has no main dock');
  const live = await project.api.live.start({
    sn: dock.aircraftSn,
    camera_index: '81-0-0',
    video_expire: 600,
    quality_type: 'adaptive',
  });
  return { url: live.url, urlType: live.url_type, expireTs: live.expire_ts, sn: dock.aircraftSn };
}
