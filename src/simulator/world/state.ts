// The world's parts as the endpoint handlers see them (one object, built once by createWorld).
import type { ObjectStorage, SimClock } from '../types';
import type { DeviceRegistry } from './devices';
import type { LiveService } from './live';
import type { MediaAssets } from './media';
import type { ModelService } from './models';
import type { OpenModelService } from './openModel';
import type { Organization } from './org';
import type { RouteRegistry } from './routes';
import type { TaskOpsDeps } from './taskOps';
import type { TaskStore } from './tasks';

export interface Member {
  readonly userId: string;
  role: string;
  nickname: string;
}

export interface WorldState extends TaskOpsDeps {
  readonly clock: SimClock;
  readonly storage: ObjectStorage;
  readonly bucket: string;
  readonly nullEmptyLists: boolean;
  readonly org: Organization;
  readonly routes: RouteRegistry;
  readonly tasks: TaskStore;
  readonly devices: DeviceRegistry;
  readonly live: LiveService;
  readonly models: ModelService;
  readonly openModels: OpenModelService;
  readonly members: Map<string, Map<string, Member>>;
  readonly workflows: { projectUuid: string; body: unknown; at: number }[];
  /** Loaded on first use: worlds that never serve media never read the asset files. */
  assets(): MediaAssets;
}

/** Presigned GET URLs live 15 minutes, like the STS credentials (docs/api.md#storage-credentials). */
export const URL_TTL_SECONDS = 900;
