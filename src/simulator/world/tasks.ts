// All flight tasks: seeded ones are recomputed from (dock, index) whenever they are read; only tasks
// that were created or changed (commands, suspend/restore) are stored, in an overlay.
import { decodeSeededTaskUuid } from './ids';
import type { FlightPlan } from './flightPlan';
import type { DockSeed } from './org';
import type { RouteRegistry } from './routes';
import {
  candidateIndexes,
  designate,
  seededTask,
  type Designation,
  type SeedContext,
  type SeedGrid,
} from './seeded';
import { scheduleOf, type TaskSpec } from './taskSpec';
import { evaluate, isActive, type TaskEvent, type Timeline } from './timeline';

export interface Evaluated {
  readonly spec: TaskSpec;
  readonly timeline: Timeline;
  readonly plan: FlightPlan;
}

/** Folder ids of created tasks start here, above any seeded `dock ordinal × 1,000,000 + index`. */
const CREATED_FOLDER_BASE = 900_000_000;

export class TaskStore {
  private readonly stored = new Map<string, TaskSpec>();
  private readonly storedByDock = new Map<string, TaskSpec[]>();
  private readonly storedByFolder = new Map<number, TaskSpec>();
  private readonly contexts = new Map<string, SeedContext>();
  private created = 0;

  constructor(
    private readonly seed: string,
    readonly grid: SeedGrid,
    private readonly docks: readonly DockSeed[],
    private readonly routes: RouteRegistry,
    private readonly bigMediaCount: number,
    private readonly designations: ReadonlyMap<string, readonly Designation[]>,
    /** Longest a seeded task can stay active (prepare + flight). */
    private readonly maxSpanMs: number,
  ) {}

  private context(dock: DockSeed): SeedContext {
    let ctx = this.contexts.get(dock.sn);
    if (!ctx) {
      ctx = {
        seed: this.seed,
        grid: this.grid,
        dock,
        routes: this.routes.flyableBy(dock),
        designated: designate(this.grid, this.designations.get(dock.sn) ?? []),
        bigMediaCount: this.bigMediaCount,
        flightMs: (route) => this.routes.plan(route, dock).durationMs,
      };
      this.contexts.set(dock.sn, ctx);
    }
    return ctx;
  }

  /** The uuid of a designated seeded task on a dock. */
  designated(dock: DockSeed, kind: Designation): TaskSpec | undefined {
    const ctx = this.context(dock);
    for (const [index, k] of ctx.designated) if (k === kind) return this.seededAt(dock, index);
    return undefined;
  }

  private seededAt(dock: DockSeed, index: number): TaskSpec | undefined {
    const spec = seededTask(this.context(dock), index);
    return spec && (this.stored.get(spec.uuid) ?? spec);
  }

  get(uuid: string): TaskSpec | undefined {
    const stored = this.stored.get(uuid);
    if (stored) return stored;
    const decoded = decodeSeededTaskUuid(uuid);
    const dock = decoded && this.docks.find((d) => d.ordinal === decoded.dockOrdinal);
    if (!decoded || !dock) return undefined;
    const spec = seededTask(this.context(dock), decoded.index);
    return spec?.uuid === uuid ? spec : undefined;
  }

  byFolder(folderId: number): TaskSpec | undefined {
    const stored = this.storedByFolder.get(folderId);
    if (stored) return stored;
    const dock = this.docks.find((d) => d.ordinal === Math.floor(folderId / 1_000_000));
    return dock && this.seededAt(dock, (folderId % 1_000_000) - 1);
  }

  dockOf(spec: TaskSpec): DockSeed {
    const dock = this.docks.find((d) => d.sn === spec.dockSn);
    if (!dock) throw new Error(`task ${spec.uuid} names unknown dock ${spec.dockSn}`);
    return dock;
  }

  planOf(spec: TaskSpec): FlightPlan {
    const route = this.routes.byId(spec.waylineUuid);
    if (!route) throw new Error(`task ${spec.uuid} names unknown route ${spec.waylineUuid}`);
    return this.routes.plan(route, this.dockOf(spec));
  }

  evaluate(spec: TaskSpec, now: number): Evaluated {
    const plan = this.planOf(spec);
    const timeline = evaluate(scheduleOf(spec, plan, this.plannedStart(spec)), spec.events, now);
    return { spec, timeline, plan };
  }

  /** A queued immediate task starts when the one before it lands (never, while that one hovers paused). */
  private plannedStart(spec: TaskSpec): number | undefined {
    const before = spec.after === undefined ? undefined : this.get(spec.after);
    if (!before) return spec.beginAt;
    const end = this.evaluate(before, Number.POSITIVE_INFINITY).timeline.endedAt;
    return end === undefined ? undefined : Math.max(spec.beginAt, end);
  }

  /** Tasks of a dock whose planned start lies in [from, to], oldest first. */
  inWindow(dock: DockSeed, from: number, to: number): TaskSpec[] {
    const out: TaskSpec[] = [];
    const [lo, hi] = candidateIndexes(this.grid, from, to);
    for (let i = lo; i <= hi; i++) {
      const spec = seededTask(this.context(dock), i);
      if (spec && !this.stored.has(spec.uuid) && spec.beginAt >= from && spec.beginAt <= to) out.push(spec);
    }
    for (const spec of this.storedByDock.get(dock.sn) ?? [])
      if (spec.beginAt >= from && spec.beginAt <= to) out.push(spec);
    return out.sort((a, b) => a.beginAt - b.beginAt);
  }

  /** Tasks that may be active at `now` or have landed shortly before it. */
  private recent(dock: DockSeed, now: number, lookBack: number): Evaluated[] {
    const seeded = this.inWindow(dock, now - lookBack, now).filter((s) => !this.stored.has(s.uuid));
    // Stored tasks can be stretched by pauses or queues, so all of this dock's are considered.
    const all = [...seeded, ...(this.storedByDock.get(dock.sn) ?? []).filter((s) => s.beginAt <= now)];
    const unique = new Map(all.map((s) => [s.uuid, s]));
    return [...unique.values()].map((s) => this.evaluate(s, now));
  }

  /** The flight a dock is busy with at `now` (latest started wins if seeded history overlaps). */
  active(dock: DockSeed, now: number): Evaluated | undefined {
    return this.recent(dock, now, this.maxSpanMs)
      .filter((e) => isActive(e.timeline.phase))
      .sort((a, b) => (b.timeline.startedAt ?? 0) - (a.timeline.startedAt ?? 0))[0];
  }

  lastLanding(dock: DockSeed, now: number, lookBack: number): Evaluated | undefined {
    return this.recent(dock, now, lookBack + this.maxSpanMs)
      .filter((e) => e.timeline.phase === 'landed' && (e.timeline.endedAt ?? 0) <= now)
      .sort((a, b) => (b.timeline.endedAt ?? 0) - (a.timeline.endedAt ?? 0))[0];
  }

  /** The immediate task a new one on this dock must wait for, if any. */
  queueTail(dock: DockSeed, now: number): TaskSpec | undefined {
    const waiting = (this.storedByDock.get(dock.sn) ?? []).filter(
      (s) => s.taskType === 'immediate' && this.evaluate(s, now).timeline.phase === 'waiting',
    );
    return waiting[waiting.length - 1] ?? this.active(dock, now)?.spec;
  }

  nextFolderId(): number {
    return CREATED_FOLDER_BASE + this.created + 1;
  }

  add(spec: TaskSpec): TaskSpec {
    this.created++;
    this.store(spec);
    return spec;
  }

  /** Records a command; a seeded task is copied into the overlay the first time it changes. */
  addEvent(spec: TaskSpec, event: TaskEvent): void {
    const mine = this.stored.get(spec.uuid) ?? this.store({ ...spec, events: [...spec.events] });
    mine.events.push(event);
  }

  private store(spec: TaskSpec): TaskSpec {
    this.stored.set(spec.uuid, spec);
    this.storedByFolder.set(spec.folderId, spec);
    const list = this.storedByDock.get(spec.dockSn) ?? [];
    list.push(spec);
    this.storedByDock.set(spec.dockSn, list);
    return spec;
  }

  get createdCount(): number {
    return this.created;
  }

  get storedCount(): number {
    return this.stored.size;
  }
}
