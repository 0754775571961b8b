// Plan → confirm: a planned action waits under a random one-time token for a short while. The token
// holds the plan itself (the exact tool and input it was made for), so confirming cannot send anything
// else; it is consumed by the first confirmation, whatever the outcome.
import { randomBytes } from 'node:crypto';
import type { ActionPlan } from '../tool';

export interface Pending {
  readonly tool: string;
  readonly plan: ActionPlan;
  readonly expiresAt: number;
}

export class PlanTokens {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(tool: string, plan: ActionPlan): string {
    this.sweep();
    const token = `confirm-${randomBytes(12).toString('base64url')}`;
    this.pending.set(token, { tool, plan, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  /** The plan under `token`, removed; undefined when unknown, used or expired. */
  take(token: string): Pending | undefined {
    this.sweep();
    const found = this.pending.get(token);
    this.pending.delete(token);
    return found;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(token);
  }
}
