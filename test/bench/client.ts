// Client benchmarks: listing every window of 10,000 tasks and the 10,000 media of one task through our
// client (validation, retries, limiter) versus a bare undici request loop, against the same simulator
// in the same run. Rounds alternate between the two so machine noise hits both alike.
import { request } from 'undici';
import { FlightHubClient } from '../../src/api/client';
import { taskWindows } from '../../src/api/paging';
import type { BenchResult } from './harness';
import { measure } from './harness';
import type { SimProcess } from './simProcess';

interface Target {
  readonly projectUuid: string;
  readonly dockSn: string;
  readonly from: number;
  readonly to: number;
  readonly bigMediaTask: string;
}

const DAY = 86_400;

export async function clientBenchmarks(sim: SimProcess, rounds: number): Promise<BenchResult[]> {
  const target = await findTarget(sim);
  const client = new FlightHubClient({ baseUrl: sim.url, orgKey: sim.orgKey, language: 'en' });
  const api = client.project(target.projectUuid);
  const headers = { 'X-User-Token': sim.orgKey, 'X-Project-Uuid': target.projectUuid, 'X-Language': 'en' };
  const range = { from: target.from, to: target.to, windowSeconds: DAY };

  const oursTasks = async () => {
    let n = 0;
    for await (const page of api.tasks.listRange(target.dockSn, range)) n += page.length;
    return n;
  };
  const bareTasks = async () => {
    let n = 0;
    const seen = new Set<string>();
    for (const w of taskWindows(range)) {
      const url = `${sim.url}/openapi/v0.1/flight-task/list?sn=${target.dockSn}&begin_at=${w.begin_at}&end_at=${w.end_at}`;
      const res = await request(url, { headers });
      const body = (await res.body.json()) as { data: { list: Array<{ uuid: string }> | null } };
      for (const t of body.data.list ?? []) {
        if (seen.has(t.uuid)) continue;
        seen.add(t.uuid);
        n++;
      }
    }
    return n;
  };
  const oursMedia = async () => (await api.tasks.media(target.bigMediaTask)).list.length;
  const bareMedia = async () => {
    const res = await request(`${sim.url}/openapi/v0.1/flight-task/${target.bigMediaTask}/media`, {
      headers,
    });
    const body = (await res.body.json()) as { data: { list: unknown[] | null } };
    return body.data.list?.length ?? 0;
  };

  const results = [
    await measure('client.list_tasks_10k', oursTasks, bareTasks, rounds, 1.15, 'ratio<=1.15'),
    await measure('client.list_media_10k', oursMedia, bareMedia, rounds, 1.15, 'ratio<=1.15'),
  ];
  await client.close();
  return results;
}

async function findTarget(sim: SimProcess): Promise<Target> {
  const res = await fetch(`${sim.url}/__sim/world`, { headers: { 'X-User-Token': sim.orgKey } });
  const world = (await res.json()) as {
    describe: {
      anchor: number;
      docks: Array<{ sn: string; role: string; projectUuid: string }>;
      tasks: { bigMedia?: { uuid: string; dockSn: string; projectUuid: string } };
    };
  };
  const big = world.describe.tasks.bigMedia;
  if (!big) throw new Error('the simulator has no big-media task');
  const anchor = Math.floor(world.describe.anchor / 1000);
  return {
    projectUuid: big.projectUuid,
    dockSn: big.dockSn,
    from: anchor - 31 * DAY,
    to: anchor + 8 * DAY,
    bigMediaTask: big.uuid,
  };
}
