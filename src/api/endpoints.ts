// The one endpoint table of FlightHub 2 OpenAPI V1.0, shared by the client and the simulator.
// Source: docs/api.md#endpoints (43 endpoints with a known path + the workflow trigger).
// `task.resume.immediate` is deliberately absent: its V1 path is unknown and we do not invent one.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EndpointDef {
  readonly method: HttpMethod;
  /** Path with `{param}` placeholders, always under `/openapi/v0.1`. */
  readonly path: string;
  /** Org-scoped calls need no `X-Project-Uuid`; all others do. */
  readonly scope: 'org' | 'project';
  /** Safe to retry after an ambiguous failure: reads only. Writes are never retried blindly. */
  readonly idempotent: boolean;
}

const PREFIX = '/openapi/v0.1';

function read(path: string, scope: 'org' | 'project' = 'project'): EndpointDef {
  return { method: 'GET', path: PREFIX + path, scope, idempotent: true };
}
function write(method: Exclude<HttpMethod, 'GET'>, path: string): EndpointDef {
  return { method, path: PREFIX + path, scope: 'project', idempotent: false };
}

export const ENDPOINTS = {
  'sys.status': read('/system_status', 'org'),
  'org.projects': read('/project', 'org'),
  'org.devices': read('/device', 'org'),
  'project.devices': read('/project/device'),
  // STS credentials are a read: fetching them twice is harmless.
  'project.sts': read('/project/sts-token'),
  'project.members.add': write('PUT', '/project/member'),
  'device.state': read('/device/{device_sn}/state'),
  'device.hms': read('/device/hms'),
  'device.command': write('POST', '/device/{device_sn}/command'),
  'device.camera.change': write('POST', '/device/change-camera'),
  'device.lens.change': write('POST', '/device/change-lens'),
  'device.control.acquire': write('POST', '/device/control'),
  'device.control.release': write('DELETE', '/device/control'),
  'device.stream.quality': write('PUT', '/device/stream/quality'),
  'device.rtk': write('POST', '/device/{device_sn}/rtk'),
  'live.start': write('POST', '/live-stream/start'),
  'live.converter.create': write('POST', '/live-stream/converter'),
  'live.converter.toggle': write('PUT', '/live-stream/converter/{converter_id}'),
  'live.converter.list': read('/live-stream/converter'),
  'live.converter.delete': write('DELETE', '/live-stream/converter/{converter_id}'),
  'task.create': write('POST', '/flight-task'),
  'task.status.update': write('PUT', '/flight-task/{task_uuid}/status'),
  'task.list': read('/flight-task/list'),
  'task.media': read('/flight-task/{task_uuid}/media'),
  'task.track': read('/flight-task/{task_uuid}/track'),
  'task.info': read('/flight-task/{task_uuid}'),
  'wayline.finishUpload': write('POST', '/wayline/finish-upload'),
  'wayline.list': read('/wayline'),
  'wayline.detail': read('/wayline/{wayline_id}'),
  'model.list': read('/model'),
  'model.create': write('POST', '/model/create'),
  'model.detail': read('/model/{model_id}'),
  'model.downloadUrl': read('/model/download-url/{file_id}'),
  'map.element.create': write('POST', '/map/element'),
  'openModel.token': write('POST', '/open_model/stores/obtain_token'),
  'openModel.uploadCallback': write('POST', '/open_model/stores/upload_callback'),
  'openModel.resource.get': read('/open_model/resource/{resource_uuid}'),
  'openModel.resource.delete': write('DELETE', '/open_model/resource/{resource_uuid}'),
  'openModel.start': write('POST', '/open_model/models/reconstruction/start'),
  'openModel.stop': write('POST', '/open_model/models/{model_uuid}/reconstruction/stop'),
  'openModel.running': read('/open_model/models/running'),
  'openModel.model.get': read('/open_model/models/{model_uuid}'),
  'openModel.model.delete': write('DELETE', '/open_model/models/{model_uuid}'),
  'workflow.trigger': write('POST', '/workflow'),
} as const satisfies Record<string, EndpointDef>;

export type EndpointId = keyof typeof ENDPOINTS;

export const ENDPOINT_IDS = Object.keys(ENDPOINTS) as EndpointId[];

/** Fills `{param}` placeholders, URL-encoding each value; throws when one is missing or empty. */
export function buildPath(id: EndpointId, params: Readonly<Record<string, string | number>> = {}): string {
  return ENDPOINTS[id].path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '')
      throw new TypeError(`missing path parameter "${name}" for ${id}`);
    return encodeURIComponent(String(value));
  });
}

interface CompiledRoute {
  readonly id: EndpointId;
  readonly method: HttpMethod;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const compiled: CompiledRoute[] = ENDPOINT_IDS.map((id) => {
  const def: EndpointDef = ENDPOINTS[id];
  const names: string[] = [];
  const source = def.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, n: string) => {
    names.push(n);
    return '([^/]+)';
  });
  return { id, method: def.method, pattern: new RegExp(`^${source}$`), names };
});

// Literal paths must win over placeholders (`/flight-task/list` vs `/flight-task/{task_uuid}`).
compiled.sort((a, b) => a.names.length - b.names.length);

/** Matches a method and path against the table (the simulator's router). */
export function matchEndpoint(
  method: string,
  path: string,
): { id: EndpointId; params: Record<string, string> } | { methodMismatch: true } | undefined {
  let pathMatched = false;
  for (const route of compiled) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      pathMatched = true;
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
    return { id: route.id, params };
  }
  return pathMatched ? { methodMismatch: true } : undefined;
}
