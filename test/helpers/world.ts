// Harness for the world tests: a world on a manual clock and a real object store in a temp dir, and a
// `call` that does what the server does around a handler — validate the request with the endpoint's
// contract, then check the answer against the contract's `data` schema.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { CONTRACTS } from '../../src/api/contract';
import type { EndpointId } from '../../src/api/endpoints';
import { createObjectStorage } from '../../src/simulator/s3';
import { SimError, type ObjectStorage, type RequestContext, type SimClock } from '../../src/simulator/types';
import { createWorld, type World, type WorldDescription, type WorldOptions } from '../../src/simulator/world';

export const BUCKET = 'fh2-sim';
export const BASE_URL = 'http://127.0.0.1:9';
/** 2025-04-22T10:00:00+08:00 */
export const START = Date.UTC(2025, 3, 22, 2, 0, 0);

export function manualClock(start = START): SimClock {
  let t = start;
  return {
    now: () => t,
    speed: 1,
    setSpeed: () => undefined,
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface CallInput {
  readonly project?: string;
  readonly params?: Record<string, string>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
  readonly language?: 'zh' | 'en';
}

export interface Harness {
  readonly world: World;
  readonly clock: SimClock;
  readonly storage: ObjectStorage;
  readonly d: WorldDescription;
  /** First accessible project. */
  readonly p1: string;
  /** Endpoints called so far (to prove every handler was exercised). */
  readonly called: Set<EndpointId>;
  call(id: EndpointId, input?: CallInput): Promise<unknown>;
  /** Expects a business error with this code; returns its message. */
  fails(id: EndpointId, input: CallInput, code: number): Promise<string>;
  close(): Promise<void>;
}

export async function makeHarness(options: Partial<WorldOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'fh2-world-'));
  const clock = options.clock ?? manualClock();
  const storage = createObjectStorage({ dir, buckets: [BUCKET], now: () => clock.now() });
  const world = createWorld({ seed: 'test-seed', clock, storage, bucket: BUCKET, ...options });
  await world.ready;
  const d = world.describe();
  const called = new Set<EndpointId>();
  const p1 = d.projects[0]?.uuid ?? '';

  const call = async (id: EndpointId, input: CallInput = {}): Promise<unknown> => {
    called.add(id);
    const contract: { query?: z.ZodType; body?: z.ZodType; data: z.ZodType } = CONTRACTS[id];
    const body = contract.body ? contract.body.parse(input.body ?? {}) : undefined;
    const query = contract.query ? (contract.query.parse(input.query ?? {}) as Record<string, unknown>) : {};
    const ctx: RequestContext = {
      id,
      params: input.params ?? {},
      query,
      body,
      projectUuid: input.project ?? p1,
      language: input.language ?? 'en',
      requestId: 'test',
      baseUrl: BASE_URL,
    };
    const data = await world.handlers[id](ctx);
    const check = contract.data.safeParse(data ?? null);
    assert.ok(check.success, `${id} breaks its contract: ${check.success ? '' : check.error.message}`);
    return data;
  };

  const fails = async (id: EndpointId, input: CallInput, code: number): Promise<string> => {
    try {
      await call(id, input);
    } catch (error) {
      assert.ok(error instanceof SimError, `${id} threw ${String(error)}`);
      assert.equal(error.code, code, `${id}: expected ${code}, got ${error.code} "${error.message}"`);
      return error.message;
    }
    assert.fail(`${id} succeeded, expected business error ${code}`);
  };

  return {
    world,
    clock,
    storage,
    d,
    p1,
    called,
    call,
    fails,
    close: async () => {
      world.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `{list}` of a list answer, with `null` as `[]`. */
export function items(data: unknown): Record<string, unknown>[] {
  const list = (data as { list: Record<string, unknown>[] | null }).list;
  return list ?? [];
}

export function rec(data: unknown): Record<string, unknown> {
  assert.ok(data && typeof data === 'object', 'expected an object');
  return data as Record<string, unknown>;
}

export function mustFind<T>(value: T | undefined, what: string): T {
  assert.ok(value !== undefined, `missing ${what}`);
  return value;
}

/** A valid immediate-task body for `task.create`. */
export function immediateTask(
  sn: string,
  wayline: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: 'Unit test flight',
    sn,
    wayline_uuid: wayline,
    task_type: 'immediate',
    time_zone: 'Asia/Shanghai',
    rth_altitude: 100,
    rth_mode: 'optimal',
    out_of_control_action_in_flight: 'return_home',
    resumable_status: 'auto',
    ...extra,
  };
}

export function modelBody(folderId: number): Record<string, unknown> {
  return {
    name: 'Pier model',
    reconstruction_type: ['model_3d'],
    simplified_factor: 0.2,
    task_folder_id: folderId,
    wkt: 'EPSG:32649',
    quality_level: 'medium',
    reconstruction_mode: 'normal',
    generate_model_formats: ['b3dm'],
  };
}

export function mapElement(): Record<string, unknown> {
  return {
    name: 'Buffer zone',
    desc: 'generated',
    resource: {
      type: 0,
      content: {
        type: 'Feature',
        properties: { color: '#2D8CF0' },
        geometry: { type: 'Point', coordinates: [113.94, 22.54, 0] },
      },
    },
  };
}
