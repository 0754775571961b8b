// Faults on demand: rules matched per request by endpoint id or path, applied with a probability or a
// fixed number of times, deterministic under the simulator's seed.
import * as z from 'zod';
import { prng } from './random';

export const FAULT_KINDS = [
  'latency', // delay before handling (ms ± jitterMs); combines with one other fault
  'http_5xx', // HTTP status (default 503) with an envelope, nothing handled
  'http_429', // HTTP 429 + Retry-After, nothing handled
  'biz_210429', // HTTP 200, code 210429 "operations too frequent", nothing handled
  'reset', // the request IS handled, then the connection drops mid-body
  'truncated_json', // the request IS handled, the JSON body is cut in half (complete HTTP message)
  'html', // an HTML page with HTTP 200, as when the base URL points at the web app
  'schema_drift', // extra fields everywhere, optional fields removed
  'null_lists', // every `list` comes back as null, even non-empty ones
  'slow_body', // the body trickles out in small chunks
  'sts_expired', // project/sts-token hands out credentials that have already expired
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleInput = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Endpoint id glob (`task.*`, `task.create`) or path glob starting with `/` (`/openapi/v0.1/flight-task*`). */
  match: z.string().min(1).default('*'),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** Chance per matching request (default 1). */
  probability: z.number().min(0).max(1).default(1),
  /** Apply to this many matching requests, then retire (default: unlimited). */
  count: z.number().int().min(1).optional(),
  /** Let this many matching requests through untouched first (default 0). */
  skip: z.number().int().min(0).default(0),
  ms: z.number().int().min(0).max(120_000).optional(),
  jitterMs: z.number().int().min(0).max(60_000).optional(),
  status: z.number().int().min(500).max(599).optional(),
  retryAfter: z.number().min(0).max(3600).optional(),
});
export type FaultRuleInput = z.input<typeof faultRuleInput>;
export type FaultRule = z.output<typeof faultRuleInput> & { readonly id: number; hits: number; seen: number };

export interface FaultPlan {
  readonly delayMs: number;
  readonly fault?: FaultRule;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly random: () => number;

  constructor(seed: string, initial: readonly FaultRuleInput[] = []) {
    this.random = prng(`${seed}:faults`);
    for (const rule of initial) this.add(rule);
  }

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...faultRuleInput.parse(input), id: this.nextId++, hits: 0, seen: 0 };
    this.rules.push(rule);
    return rule;
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Decides what happens to one request; consumes counts. */
  plan(method: string, path: string, endpointId: string | undefined): FaultPlan {
    let delayMs = 0;
    let fault: FaultRule | undefined;
    for (const rule of this.rules) {
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      if (rule.method && rule.method !== method) continue;
      if (!matches(rule.match, path, endpointId)) continue;
      if (rule.seen++ < rule.skip) continue;
      if (rule.kind !== 'latency' && fault) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.hits++;
      if (rule.kind === 'latency') {
        delayMs += (rule.ms ?? 200) + Math.round(this.random() * (rule.jitterMs ?? 0));
      } else {
        fault = rule;
      }
    }
    return { delayMs, fault };
  }
}

function matches(pattern: string, path: string, endpointId: string | undefined): boolean {
  if (pattern === '*') return true;
  const target = pattern.startsWith('/') ? path : endpointId;
  if (target === undefined) return false;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return regex.test(target);
}

function escapeRegex(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** `kind:match[:probability|xCount]`, e.g. `reset:task.create:x1`, `http_5xx:/openapi/*:0.1`. */
export function parseFaultFlag(flag: string): FaultRuleInput {
  const [kind, match, amount] = flag.split(':');
  const rule: FaultRuleInput = { kind: kind as FaultKind, match: match || '*' };
  if (amount?.startsWith('x')) rule.count = Number(amount.slice(1));
  else if (amount) rule.probability = Number(amount);
  return faultRuleInput.parse(rule);
}
