// The FlightHub 2 OpenAPI V1.0 client: org-level calls here, project-scoped calls on `project(uuid)`.
import type { DataOf, QueryOf } from './contract';
import { ProjectApi } from './projectApi';
import { iterateProjects } from './paging';
import { Transport, type TransportOptions } from './transport';
import type { Project } from './schemas/project';

export type ClientOptions = TransportOptions;

/**
 * Region presets (docs/api.md#base-url-and-regions). An organization key only works in the region that issued
 * it.
 */
export const REGION_URLS = {
  cn: 'https://es-flight-api-cn.djigate.com',
  us: 'https://es-flight-api-us.djigate.com',
  eu: 'https://es-flight-api-eu.djigate.com',
} as const;
export type Region = keyof typeof REGION_URLS;

export class FlightHubClient {
  readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = new Transport(options);
  }

  /** `GET /system_status`: resolves when FlightHub 2 is up and the key is accepted. */
  async systemStatus(signal?: AbortSignal): Promise<void> {
    await this.transport.call('sys.status', { signal });
  }

  /** `GET /project`: one page of the organization's projects. */
  listProjects(query: QueryOf<'org.projects'> = {}, signal?: AbortSignal): Promise<DataOf<'org.projects'>> {
    return this.transport.call('org.projects', { query, signal });
  }

  /** Every project, page by page (the API has no total: stop on a short or null page). */
  projects(
    query: Omit<QueryOf<'org.projects'>, 'page'> = {},
    signal?: AbortSignal,
  ): AsyncIterable<Project[]> {
    return iterateProjects((page) => this.listProjects({ ...query, page }, signal), query.page_size ?? 50);
  }

  /** `GET /device`: dock topologies of the whole organization (at most 1000). */
  listOrgDevices(signal?: AbortSignal): Promise<DataOf<'org.devices'>> {
    return this.transport.call('org.devices', { signal });
  }

  /** Project-scoped endpoints, sending `X-Project-Uuid: uuid`. */
  project(uuid: string): ProjectApi {
    return new ProjectApi(this.transport, uuid);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
