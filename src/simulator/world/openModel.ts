// Open modeling (docs/api.md#open-modeling): upload your own photos with temporary credentials, declare them
// in a resource, reconstruct; statuses advance on the simulated clock.
import { createHmac } from 'node:crypto';
import type { ReconstructionStartBody, UploadCallbackBody } from '../../api/schemas/openModel';
import { SimError } from '../types';
import { uuidFrom } from './ids';
import { SECOND } from './time';

const REQUEST_MS = 10 * SECOND;
const BUILD_MS = 120 * SECOND;
const ZIP_MS = 20 * SECOND;
/** Fewer photos than this cannot be reconstructed; the opaque error code is ours [INFERRED]. */
export const MIN_PHOTOS = 3;
const TOO_FEW_PHOTOS = 100_001;

const TYPES = [
  ['parameter_2d', 'model_2d', 1],
  ['parameter_3d', 'model_3d', 2],
  ['parameter_3dgs', 'model_3dgs', 3],
  ['parameter_lidar', 'model_lidar', 4],
] as const;

interface Resource {
  readonly uuid: string;
  readonly projectUuid: string;
  name: string;
  readonly files: Map<string, number>;
  deletedAt?: number;
}

interface OpenModelRecord {
  readonly uuid: string;
  readonly projectUuid: string;
  readonly resourceUuid: string;
  readonly type: number;
  readonly startedAt: number;
  readonly failed: boolean;
  readonly deleteResource: boolean;
  stoppedAt?: number;
}

export class OpenModelService {
  private readonly resources = new Map<string, Resource>();
  private readonly models = new Map<string, OpenModelRecord>();
  private batches = 0;

  constructor(private readonly seed: string) {}

  /** An opaque, signed callback parameter naming the project and the upload batch. */
  newBatch(projectUuid: string): { batch: string; callbackParam: string; prefix: string } {
    this.batches++;
    const batch = uuidFrom(this.seed, 'open-model-batch', this.batches);
    const payload = Buffer.from(JSON.stringify({ p: projectUuid, b: batch })).toString('base64url');
    return {
      batch,
      callbackParam: `${payload}.${this.sign(payload)}`,
      prefix: `${projectUuid}/open_model/${batch}`,
    };
  }

  private sign(payload: string): string {
    return createHmac('sha256', `${this.seed}|open-model`).update(payload).digest('base64url').slice(0, 22);
  }

  /** The key prefix the callback's files must have been uploaded under. */
  batchPrefix(projectUuid: string, callbackParam: string): string {
    const [payload = '', sig] = callbackParam.split('.');
    let parsed: { p?: unknown; b?: unknown } = {};
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; b?: unknown };
    } catch {
      parsed = {};
    }
    if (sig !== this.sign(payload) || parsed.p !== projectUuid || typeof parsed.b !== 'string')
      throw new SimError(
        200101,
        'invalid request parameters: callback_param was not issued by obtain_token for this project',
      );
    return `${projectUuid}/open_model/${parsed.b}`;
  }

  addFiles(projectUuid: string, body: UploadCallbackBody, sizes: ReadonlyMap<string, number>) {
    let r = this.resources.get(body.resource_uuid);
    if (r && (r.projectUuid !== projectUuid || r.deletedAt !== undefined))
      throw new SimError(
        200101,
        `resource ${body.resource_uuid} cannot take more files (deleted or in another project)`,
      );
    if (!r) {
      r = {
        uuid: body.resource_uuid,
        projectUuid,
        name: body.resource_name ?? body.resource_uuid,
        files: new Map(),
      };
      this.resources.set(r.uuid, r);
    }
    if (body.resource_name) r.name = body.resource_name;
    for (const [name, size] of sizes) r.files.set(name, size);
    const names = body.files.map((f) => f.name);
    return { resource_uuid: r.uuid, upload_count: names.length, file_name_list: names };
  }

  private resource(projectUuid: string, uuid: string): Resource {
    const r = this.resources.get(uuid);
    if (!r || r.projectUuid !== projectUuid) throw new SimError(200404, `resource ${uuid} not found`);
    return r;
  }

  resourceView(projectUuid: string, uuid: string, now: number) {
    const r = this.resource(projectUuid, uuid);
    const consumed = [...this.models.values()].some(
      (m) =>
        m.resourceUuid === uuid &&
        m.deleteResource &&
        this.status(m, now).model_status === this.successCode(m),
    );
    const sizes = [...r.files.values()];
    return {
      resource_uuid: r.uuid,
      status: r.deletedAt !== undefined || consumed ? 3 : 1,
      resource_size: sizes.reduce((a, b) => a + b, 0),
      file_names: [...r.files.keys()],
    };
  }

  deleteResource(projectUuid: string, uuid: string, now: number): void {
    this.resource(projectUuid, uuid).deletedAt = now;
  }

  start(projectUuid: string, body: ReconstructionStartBody, now: number): Record<string, unknown> {
    const r = this.resource(projectUuid, body.resource_uuid);
    if (r.deletedAt !== undefined) throw new SimError(200101, `resource ${r.uuid} has been deleted`);
    const out: Record<string, unknown> = {};
    for (const [param, key, type] of TYPES) {
      if (body[param] === undefined) continue;
      const uuid = uuidFrom(this.seed, 'open-model', this.models.size + 1);
      const m: OpenModelRecord = {
        uuid,
        projectUuid,
        resourceUuid: r.uuid,
        type,
        startedAt: now,
        failed: r.files.size < MIN_PHOTOS,
        deleteResource: body.delete_resource_if_finish,
      };
      this.models.set(uuid, m);
      out[key] = { uuid, status: 12, sub_error_code: 0 };
    }
    return out;
  }

  private model(projectUuid: string, uuid: string): OpenModelRecord {
    const m = this.models.get(uuid);
    if (!m || m.projectUuid !== projectUuid) throw new SimError(200404, `model ${uuid} not found`);
    return m;
  }

  stop(projectUuid: string, uuid: string, now: number): void {
    const m = this.model(projectUuid, uuid);
    const status = this.status(m, now).model_status;
    if (status !== 12 && status !== 14)
      throw new SimError(200101, `model ${uuid} is not reconstructing (status ${status})`);
    m.stoppedAt = now;
  }

  delete(projectUuid: string, uuid: string): void {
    this.model(projectUuid, uuid);
    this.models.delete(uuid);
  }

  view(projectUuid: string, uuid: string, now: number) {
    return this.status(this.model(projectUuid, uuid), now);
  }

  running(projectUuid: string, now: number) {
    return [...this.models.values()]
      .filter((m) => m.projectUuid === projectUuid)
      .map((m) => this.status(m, now))
      .filter((v) => v.model_status === 12 || v.model_status === 14 || v.zip_status === 1);
  }

  /** 2D maps finish as 9 "map reconstruction succeeded", the others as 15 (docs/api.md#open-modeling). */
  private successCode(m: OpenModelRecord): number {
    return m.type === 1 ? 9 : 15;
  }

  private status(m: OpenModelRecord, now: number) {
    const base = { resource_uuid: m.resourceUuid, model_uuid: m.uuid, model_type: m.type };
    const t = (m.stoppedAt ?? now) - m.startedAt;
    const idle = { model_size: 0, reconstruction_progress: 0, error_code: 0, zip_status: 0, zip_progress: 0 };
    if (m.stoppedAt !== undefined && t < REQUEST_MS + BUILD_MS) return { ...base, ...idle, model_status: 16 };
    if (t < REQUEST_MS) return { ...base, ...idle, model_status: 12 };
    if (m.failed) return { ...base, ...idle, model_status: 8, error_code: TOO_FEW_PHOTOS };
    if (t < REQUEST_MS + BUILD_MS)
      return {
        ...base,
        ...idle,
        model_status: 14,
        reconstruction_progress: Math.floor((100 * (t - REQUEST_MS)) / BUILD_MS),
      };
    const z = t - REQUEST_MS - BUILD_MS;
    const zipped = z >= ZIP_MS;
    return {
      ...base,
      model_status: this.successCode(m),
      model_size: 52_428_800,
      reconstruction_progress: 100,
      error_code: 0,
      zip_status: zipped ? 2 : 1,
      zip_progress: zipped ? 100 : Math.floor((100 * z) / ZIP_MS),
      ...(zipped ? { zip_file_key: `${m.projectUuid}/open_model/models/${m.uuid}/result.zip` } : {}),
    };
  }
}
