// Project-scoped endpoints: one short method per endpoint, grouped as the API reference groups them.
import type { BodyOf, DataOf, QueryOf } from './contract';
import { iterateTaskWindows, type TaskRange } from './paging';
import type { Task } from './schemas/task';
import { createTaskReconciled, type CreatedTask } from './taskCreate';
import type { CallOptions, Transport } from './transport';
import type { EndpointId } from './endpoints';

type Call = <Id extends EndpointId>(
  id: Id,
  options?: Omit<CallOptions, 'projectUuid'>,
) => Promise<DataOf<Id>>;

export class ProjectApi {
  readonly devices: DevicesApi;
  readonly live: LiveApi;
  readonly tasks: TasksApi;
  readonly waylines: WaylinesApi;
  readonly models: ModelsApi;
  readonly openModel: OpenModelApi;

  constructor(
    readonly transport: Transport,
    readonly uuid: string,
  ) {
    const call: Call = (id, options = {}) => transport.call(id, { ...options, projectUuid: uuid });
    this.devices = new DevicesApi(call);
    this.live = new LiveApi(call);
    this.tasks = new TasksApi(call);
    this.waylines = new WaylinesApi(call);
    this.models = new ModelsApi(call);
    this.openModel = new OpenModelApi(call);
    this.call = call;
  }

  private readonly call: Call;

  /** `GET /project/sts-token`: temporary object-storage credentials (valid `credentials.expire` s). */
  stsToken(signal?: AbortSignal): Promise<DataOf<'project.sts'>> {
    return this.call('project.sts', { signal });
  }

  /** `PUT /project/member`: add users to the project. Not retried. */
  addMembers(body: BodyOf<'project.members.add'>, signal?: AbortSignal): Promise<void> {
    return this.call('project.members.add', { body, signal }).then(() => undefined);
  }

  /** `POST /map/element`: create a point, line or polygon annotation; returns its id. */
  createMapElement(
    body: BodyOf<'map.element.create'>,
    signal?: AbortSignal,
  ): Promise<DataOf<'map.element.create'>> {
    return this.call('map.element.create', { body, signal });
  }

  /** `POST /workflow`: trigger a "Triggered Workflow" (it waits for confirmation in FlightHub 2). */
  triggerWorkflow(body: BodyOf<'workflow.trigger'>, signal?: AbortSignal): Promise<void> {
    return this.call('workflow.trigger', { body, signal }).then(() => undefined);
  }
}

class DevicesApi {
  constructor(private readonly call: Call) {}

  /** `GET /project/device`: dock/aircraft/RC topologies of the project. */
  list(signal?: AbortSignal): Promise<DataOf<'project.devices'>> {
    return this.call('project.devices', { signal });
  }
  /** `GET /device/{sn}/state`: the thing model (live properties) of a device. */
  state(sn: string, signal?: AbortSignal): Promise<DataOf<'device.state'>> {
    return this.call('device.state', { params: { device_sn: sn }, signal });
  }
  /** `GET /device/hms`: HMS health alerts of the given devices. */
  hms(sns: readonly string[], signal?: AbortSignal): Promise<DataOf<'device.hms'>> {
    return this.call('device.hms', { query: { device_sn_list: sns.join(',') }, signal });
  }
  /** `POST /device/{sn}/command`: return home, pause/resume the flight task… Moves an aircraft: never retried. */
  command(sn: string, body: BodyOf<'device.command'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.command', { params: { device_sn: sn }, body, signal }).then(() => undefined);
  }
  /** `POST /device/change-camera`: dock camera indoor/outdoor. */
  changeCamera(body: BodyOf<'device.camera.change'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.camera.change', { body, signal }).then(() => undefined);
  }
  /** `POST /device/change-lens`: aircraft lens wide/zoom/ir (needs control first). */
  changeLens(body: BodyOf<'device.lens.change'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.lens.change', { body, signal }).then(() => undefined);
  }
  /** `POST /device/control`: acquire payload control authority. */
  acquireControl(body: BodyOf<'device.control.acquire'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.control.acquire', { body, signal }).then(() => undefined);
  }
  /** `DELETE /device/control` (with a JSON body): release payload control. */
  releaseControl(body: BodyOf<'device.control.release'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.control.release', { body, signal }).then(() => undefined);
  }
  /** `PUT /device/stream/quality`: video transmission clarity. */
  setStreamQuality(body: BodyOf<'device.stream.quality'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.stream.quality', { body, signal }).then(() => undefined);
  }
  /** `POST /device/{sn}/rtk`: custom network RTK calibration of a dock. */
  calibrateRtk(sn: string, body: BodyOf<'device.rtk'>, signal?: AbortSignal): Promise<void> {
    return this.call('device.rtk', { params: { device_sn: sn }, body, signal }).then(() => undefined);
  }
}

class LiveApi {
  constructor(private readonly call: Call) {}

  /** `POST /live-stream/start`: player credentials `{url, url_type, expire_ts}` for a camera. */
  start(body: BodyOf<'live.start'>, signal?: AbortSignal): Promise<DataOf<'live.start'>> {
    return this.call('live.start', { body, signal });
  }
  /** `POST /live-stream/converter`: create a stream forwarder (private cloud; max 20). */
  createConverter(
    body: BodyOf<'live.converter.create'>,
    signal?: AbortSignal,
  ): Promise<DataOf<'live.converter.create'>> {
    return this.call('live.converter.create', { body, signal });
  }
  /** `PUT /live-stream/converter/{id}`: turn automatic forwarding on or off. */
  toggleConverter(converterId: string, autoPush: boolean, signal?: AbortSignal): Promise<void> {
    const options = { params: { converter_id: converterId }, body: { auto_push_stream: autoPush }, signal };
    return this.call('live.converter.toggle', options).then(() => undefined);
  }
  /** `GET /live-stream/converter`: one page of forwarders. */
  listConverters(
    query: QueryOf<'live.converter.list'> = {},
    signal?: AbortSignal,
  ): Promise<DataOf<'live.converter.list'>> {
    return this.call('live.converter.list', { query, signal });
  }
  /** `DELETE /live-stream/converter/{id}`. */
  deleteConverter(converterId: string, signal?: AbortSignal): Promise<void> {
    return this.call('live.converter.delete', { params: { converter_id: converterId }, signal }).then(
      () => undefined,
    );
  }
}

class TasksApi {
  constructor(private readonly call: Call) {}

  /**
   * `POST /flight-task`. Never retried; after an ambiguous failure (connection lost, timeout, 5xx) the
   * dock's task list is compared with a snapshot taken before the call to find the task.
   */
  create(body: BodyOf<'task.create'>, signal?: AbortSignal): Promise<CreatedTask> {
    return createTaskReconciled(body, this.call, signal);
  }
  /** `PUT /flight-task/{uuid}/status`: `suspended` / `restored` (timed, recurring, continuous tasks). */
  setStatus(taskUuid: string, status: 'suspended' | 'restored', signal?: AbortSignal): Promise<void> {
    return this.call('task.status.update', {
      params: { task_uuid: taskUuid },
      body: { status },
      signal,
    }).then(() => undefined);
  }
  /** `GET /flight-task/list`: tasks of a dock in `[begin_at, end_at]` (Unix seconds). No paging. */
  list(query: QueryOf<'task.list'>, signal?: AbortSignal): Promise<DataOf<'task.list'>> {
    return this.call('task.list', { query, signal });
  }
  /** Tasks of a dock over a long range, one request per window. */
  listRange(
    sn: string,
    range: TaskRange,
    filters: Omit<QueryOf<'task.list'>, 'sn' | 'begin_at' | 'end_at'> = {},
    signal?: AbortSignal,
  ): AsyncIterable<Task[]> {
    return iterateTaskWindows((w) => this.list({ ...filters, sn, ...w }, signal), range);
  }
  /** `GET /flight-task/{uuid}`: details, status and media folder counts. */
  info(taskUuid: string, signal?: AbortSignal): Promise<DataOf<'task.info'>> {
    return this.call('task.info', { params: { task_uuid: taskUuid }, signal });
  }
  /** `GET /flight-task/{uuid}/media`: at most the first 10,000 media, with presigned URLs. */
  media(taskUuid: string, signal?: AbortSignal): Promise<DataOf<'task.media'>> {
    return this.call('task.media', { params: { task_uuid: taskUuid }, signal });
  }
  /** `GET /flight-task/{uuid}/track`: the flown trajectory. */
  track(taskUuid: string, signal?: AbortSignal): Promise<DataOf<'task.track'>> {
    return this.call('task.track', { params: { task_uuid: taskUuid }, signal });
  }
}

class WaylinesApi {
  constructor(private readonly call: Call) {}

  /** `GET /wayline`: the project's routes (uuid under `id`). */
  list(signal?: AbortSignal): Promise<DataOf<'wayline.list'>> {
    return this.call('wayline.list', { signal });
  }
  /** `GET /wayline/{id}`: details and a presigned KMZ `download_url`. */
  detail(waylineId: string, signal?: AbortSignal): Promise<DataOf<'wayline.detail'>> {
    return this.call('wayline.detail', { params: { wayline_id: waylineId }, signal });
  }
  /** `POST /wayline/finish-upload`: register an uploaded KMZ (full object key) as a route. */
  finishUpload(
    body: BodyOf<'wayline.finishUpload'>,
    signal?: AbortSignal,
  ): Promise<DataOf<'wayline.finishUpload'>> {
    return this.call('wayline.finishUpload', { body, signal });
  }
}

class ModelsApi {
  constructor(private readonly call: Call) {}

  /** `GET /model`: reconstructed 2D/3D models. */
  list(signal?: AbortSignal): Promise<DataOf<'model.list'>> {
    return this.call('model.list', { signal });
  }
  /** `POST /model/create`: start a reconstruction from a task's media folder. */
  create(body: BodyOf<'model.create'>, signal?: AbortSignal): Promise<DataOf<'model.create'>> {
    return this.call('model.create', { body, signal });
  }
  /** `GET /model/{id}`. */
  detail(modelId: number | string, signal?: AbortSignal): Promise<DataOf<'model.detail'>> {
    return this.call('model.detail', { params: { model_id: modelId }, signal });
  }
  /** `GET /model/download-url/{file_id}`: a signed link (empty while not ready). */
  downloadUrl(fileId: number | string, signal?: AbortSignal): Promise<DataOf<'model.downloadUrl'>> {
    return this.call('model.downloadUrl', { params: { file_id: fileId }, signal });
  }
}

class OpenModelApi {
  constructor(private readonly call: Call) {}

  /** `POST /open_model/stores/obtain_token`: credentials to upload your own photos. */
  obtainToken(signal?: AbortSignal): Promise<DataOf<'openModel.token'>> {
    return this.call('openModel.token', { body: {}, signal });
  }
  /** `POST /open_model/stores/upload_callback`: declare uploaded files (≤100 per call). */
  uploadCallback(
    body: BodyOf<'openModel.uploadCallback'>,
    signal?: AbortSignal,
  ): Promise<DataOf<'openModel.uploadCallback'>> {
    return this.call('openModel.uploadCallback', { body, signal });
  }
  /** `GET /open_model/resource/{uuid}`. */
  resource(resourceUuid: string, signal?: AbortSignal): Promise<DataOf<'openModel.resource.get'>> {
    return this.call('openModel.resource.get', { params: { resource_uuid: resourceUuid }, signal });
  }
  /** `DELETE /open_model/resource/{uuid}`. */
  deleteResource(resourceUuid: string, signal?: AbortSignal): Promise<void> {
    return this.call('openModel.resource.delete', { params: { resource_uuid: resourceUuid }, signal }).then(
      () => undefined,
    );
  }
  /** `POST /open_model/models/reconstruction/start`. */
  start(body: BodyOf<'openModel.start'>, signal?: AbortSignal): Promise<DataOf<'openModel.start'>> {
    return this.call('openModel.start', { body, signal });
  }
  /** `POST /open_model/models/{uuid}/reconstruction/stop` (the image quota is refunded). */
  stop(modelUuid: string, signal?: AbortSignal): Promise<void> {
    return this.call('openModel.stop', { params: { model_uuid: modelUuid }, body: {}, signal }).then(
      () => undefined,
    );
  }
  /** `GET /open_model/models/running`: reconstructions in progress. */
  running(signal?: AbortSignal): Promise<DataOf<'openModel.running'>> {
    return this.call('openModel.running', { signal });
  }
  /** `GET /open_model/models/{uuid}`. */
  model(modelUuid: string, signal?: AbortSignal): Promise<DataOf<'openModel.model.get'>> {
    return this.call('openModel.model.get', { params: { model_uuid: modelUuid }, signal });
  }
  /** `DELETE /open_model/models/{uuid}`. */
  deleteModel(modelUuid: string, signal?: AbortSignal): Promise<void> {
    return this.call('openModel.model.delete', { params: { model_uuid: modelUuid }, signal }).then(
      () => undefined,
    );
  }
}
