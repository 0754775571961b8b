// `/__sim/...`: the simulator's own control surface (outside `/openapi`), for tests, benchmarks and
// people trying things by hand. It wants the same `X-User-Token` as the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { formatIssues } from '../api/zodIssues';
import { faultRuleInput, type FaultInjector } from './faults';
import { sendJson } from './respond';
import type { SimClock } from './types';

export interface ControlDeps {
  readonly faults: FaultInjector;
  readonly clock: SimClock;
  isValidKey(key: string): boolean;
  describe(): unknown;
  inspect(): unknown;
}

const clockInput = z.strictObject({
  speed: z.number().positive().max(10_000).optional(),
  advanceMs: z.number().min(0).optional(),
});

export function createControl(deps: ControlDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const key = req.headers['x-user-token'];
    if (typeof key !== 'string' || !deps.isValidKey(key)) {
      req.resume();
      return sendJson(res, 401, { error: 'X-User-Token required' });
    }
    const body = await readJson(req);
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const bad = (message: string) => sendJson(res, 400, { error: message });
    switch (route) {
      case 'GET /__sim/world':
        return sendJson(res, 200, { describe: deps.describe(), inspect: deps.inspect() });
      case 'GET /__sim/clock':
        return sendJson(res, 200, { now: deps.clock.now(), speed: deps.clock.speed });
      case 'POST /__sim/clock': {
        const input = clockInput.safeParse(body);
        if (!input.success) return bad(formatIssues(input.error));
        if (input.data.speed !== undefined) deps.clock.setSpeed(input.data.speed);
        if (input.data.advanceMs !== undefined) deps.clock.advance(input.data.advanceMs);
        return sendJson(res, 200, { now: deps.clock.now(), speed: deps.clock.speed });
      }
      case 'GET /__sim/faults':
        return sendJson(res, 200, { faults: deps.faults.list() });
      case 'POST /__sim/faults': {
        const input = faultRuleInput.safeParse(body);
        if (!input.success) return bad(formatIssues(input.error));
        return sendJson(res, 201, deps.faults.add(input.data));
      }
      case 'DELETE /__sim/faults': {
        const id = url.searchParams.get('id');
        if (id === null) deps.faults.clear();
        else if (!deps.faults.remove(Number(id))) return sendJson(res, 404, { error: `no fault ${id}` });
        return sendJson(res, 200, { faults: deps.faults.list() });
      }
      default:
        return sendJson(res, 404, { error: `unknown control route ${route}` });
    }
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
