// Where the aircraft of a task is at a moment, from the task's timeline segments.
import { positionAt, rthPath, type FlightPlan } from './flightPlan';
import { pointAlong, type Located, type Polyline } from './geo';
import type { Evaluated } from './tasks';
import type { Segment } from './timeline';

export interface Fix extends Located {
  readonly kind: Segment['kind'] | 'ground';
  /** Horizontal speed, m/s. */
  readonly speed: number;
}

/** Locates tasks' aircraft; keeps the return path of the last segment asked about. */
export class Locator {
  private rth: { seg: Segment; line: Polyline } | undefined;

  constructor(
    private readonly plan: FlightPlan,
    private readonly rthAltitude: number,
  ) {}

  at(segments: readonly Segment[], t: number): Fix {
    const seg = segments.find((s) => t >= s.t0 && t <= s.t1) ?? segments[segments.length - 1];
    if (!seg) return { ...this.plan.home, heading: 0, kind: 'ground', speed: 0 };
    const clamped = Math.min(Math.max(t, seg.t0), seg.t1);
    if (seg.kind === 'route')
      return { ...positionAt(this.plan, seg.p0 + (clamped - seg.t0)), kind: 'route', speed: this.plan.speed };
    if (seg.kind === 'hover') return { ...positionAt(this.plan, seg.p0), kind: 'hover', speed: 0 };
    if (this.rth?.seg !== seg) this.rth = { seg, line: rthPath(this.plan, seg.p0, this.rthAltitude) };
    const travelled = ((clamped - seg.rthStart) / 1000) * this.plan.speed;
    return { ...pointAlong(this.rth.line, travelled), kind: 'rth', speed: this.plan.speed };
  }
}

export function locateNow(e: Evaluated, now: number): Fix {
  return new Locator(e.plan, e.spec.rthAltitude).at(e.timeline.segments, now);
}
