// Reconstructed models (docs/api.md#models) built from a task's media folder, and map annotations
// (docs/api.md#map-annotations).
import type { MapElementBody, ModelCreateBody } from '../../api/schemas/model';
import { SimError } from '../types';
import { uuidFrom } from './ids';
import { mediaCounts } from './mediaCounts';
import type { Organization } from './org';
import type { TaskStore } from './tasks';
import { DAY, MINUTE } from './time';

/** A reconstruction takes two simulated minutes [INFERRED]. */
export const MODEL_BUILD_MS = 2 * MINUTE;

export interface ModelRecord {
  readonly id: number;
  readonly projectUuid: string;
  readonly name: string;
  readonly fileType: 'model_2d' | 'model_3d';
  readonly photos: number;
  readonly createdAt: number;
  readonly readyAt: number;
}

/** A tiny but real Wavefront OBJ (a unit cube) served as every model's file. */
export const MODEL_OBJ = Buffer.from(
  [
    '# FlightHub 2 simulator model',
    'v 0 0 0',
    'v 1 0 0',
    'v 1 1 0',
    'v 0 1 0',
    'v 0 0 1',
    'v 1 0 1',
    'v 1 1 1',
    'v 0 1 1',
    'f 1 2 3 4',
    'f 5 6 7 8',
    'f 1 2 6 5',
    'f 2 3 7 6',
    'f 3 4 8 7',
    'f 4 1 5 8',
    '',
  ].join('\n'),
);

export class ModelService {
  private readonly models = new Map<number, ModelRecord>();
  private readonly elements = new Map<string, { projectUuid: string; body: MapElementBody }>();
  private nextId = 10_001;

  constructor(
    private readonly seed: string,
    org: Organization,
    anchor: number,
    private readonly tasks: TaskStore,
  ) {
    for (const p of org.projects) {
      const base = p.ordinal * 1000;
      const at = anchor - 10 * DAY;
      this.put({
        id: base + 1,
        projectUuid: p.uuid,
        name: `${p.name} orthomosaic`,
        fileType: 'model_2d',
        photos: 180,
        createdAt: at,
        readyAt: at,
      });
      this.put({
        id: base + 2,
        projectUuid: p.uuid,
        name: `${p.name} mesh`,
        fileType: 'model_3d',
        photos: 420,
        createdAt: at,
        readyAt: at,
      });
    }
  }

  private put(m: ModelRecord): void {
    this.models.set(m.id, m);
  }

  list(projectUuid: string): ModelRecord[] {
    return [...this.models.values()].filter((m) => m.projectUuid === projectUuid);
  }

  get(projectUuid: string, idText: string): ModelRecord {
    const m = /^\d+$/.test(idText) ? this.models.get(Number(idText)) : undefined;
    if (!m || m.projectUuid !== projectUuid) throw new SimError(200404, `model ${idText} not found`);
    return m;
  }

  create(projectUuid: string, body: ModelCreateBody, now: number): ModelRecord {
    const spec = this.tasks.byFolder(body.task_folder_id);
    if (!spec || spec.projectUuid !== projectUuid)
      throw new SimError(
        219021,
        `record not found: no task media folder ${body.task_folder_id} in this project`,
      );
    const photos = mediaCounts(this.tasks.evaluate(spec, now), now).photos;
    if (photos === 0)
      throw new SimError(200101, `media folder ${body.task_folder_id} has no photos to reconstruct yet`);
    const fileType = body.reconstruction_type.includes('model_3d') ? 'model_3d' : 'model_2d';
    const m: ModelRecord = {
      id: this.nextId++,
      projectUuid,
      name: body.name,
      fileType,
      photos,
      createdAt: now,
      readyAt: now + MODEL_BUILD_MS,
    };
    this.put(m);
    return m;
  }

  view(m: ModelRecord, now: number): Record<string, unknown> {
    const ready = now >= m.readyAt;
    return {
      id: m.id,
      name: m.name,
      file_type: m.fileType,
      show_on_map: ready,
      size: ready ? m.photos * 40_960 + MODEL_OBJ.length : 0,
      create_at: Math.floor(m.createdAt / 1000),
      update_at: Math.floor((ready ? m.readyAt : m.createdAt) / 1000),
      // Not in the documented list shape: lets a client tell a finished model from one in progress.
      status: ready ? 'success' : 'processing',
    };
  }

  isReady(m: ModelRecord, now: number): boolean {
    return now >= m.readyAt;
  }

  objectKey(m: ModelRecord): string {
    return `${m.projectUuid}/models/${m.id}/model.obj`;
  }

  previewKey(m: ModelRecord): string {
    return `${m.projectUuid}/models/${m.id}/preview.jpg`;
  }

  /** For the virtual resolver: `<project>/models/<id>/(model.obj|preview.jpg)`. */
  resolve(key: string, now: number): { kind: 'obj' | 'preview' } | undefined {
    const m = /^([^/]+)\/models\/(\d+)\/(model\.obj|preview\.jpg)$/.exec(key);
    const model = m && this.models.get(Number(m[2]));
    if (!m || !model || model.projectUuid !== m[1] || !this.isReady(model, now)) return undefined;
    return { kind: m[3] === 'model.obj' ? 'obj' : 'preview' };
  }

  addElement(projectUuid: string, body: MapElementBody): string {
    const id = uuidFrom(this.seed, 'element', this.elements.size + 1);
    this.elements.set(id, { projectUuid, body });
    return id;
  }

  get elementCount(): number {
    return this.elements.size;
  }

  /** Every annotation created so far, oldest first (for tests: what the service would now hold). */
  listElements(): { id: string; projectUuid: string; body: MapElementBody }[] {
    return [...this.elements].map(([id, e]) => ({ id, projectUuid: e.projectUuid, body: e.body }));
  }
}
