// Request and response schemas per endpoint. The client parses with them; the simulator validates the
// requests it receives and the responses it sends with the very same table, so the two cannot drift.
import * as z from 'zod';
import type { EndpointId } from './endpoints';
import { emptyData } from './schemas/common';
import * as device from './schemas/device';
import * as live from './schemas/live';
import * as model from './schemas/model';
import * as om from './schemas/openModel';
import * as project from './schemas/project';
import * as task from './schemas/task';
import * as wayline from './schemas/wayline';

export interface Contract {
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly data: z.ZodType;
}

const noBody = z.strictObject({});

export const CONTRACTS = {
  'sys.status': { data: emptyData },
  'org.projects': { query: project.projectListQuery, data: project.projectList },
  'org.devices': { data: device.topologyList },
  'project.devices': { data: device.topologyList },
  'project.sts': { data: project.stsToken },
  'project.members.add': { body: project.membersAddBody, data: emptyData },
  'device.state': { data: device.deviceState },
  'device.hms': { query: device.hmsQuery, data: device.hmsList },
  'device.command': { body: device.deviceCommandBody, data: emptyData },
  'device.camera.change': { body: device.changeCameraBody, data: emptyData },
  'device.lens.change': { body: device.changeLensBody, data: emptyData },
  'device.control.acquire': { body: device.controlBody, data: emptyData },
  'device.control.release': { body: device.controlBody, data: emptyData },
  'device.stream.quality': { body: device.streamQualityBody, data: emptyData },
  'device.rtk': { body: device.rtkBody, data: emptyData },
  'live.start': { body: live.liveStartBody, data: live.liveStart },
  'live.converter.create': { body: live.converterCreateBody, data: live.converterCreate },
  'live.converter.toggle': { body: live.converterToggleBody, data: emptyData },
  'live.converter.list': { query: live.converterListQuery, data: live.converterList },
  'live.converter.delete': { data: emptyData },
  'task.create': { body: task.taskCreateBody, data: task.taskCreated },
  'task.status.update': { body: task.taskStatusBody, data: emptyData },
  'task.list': { query: task.taskListQuery, data: task.taskList },
  'task.media': { data: task.mediaList },
  'task.track': { data: task.track },
  'task.info': { data: task.taskInfo },
  'wayline.finishUpload': { body: wayline.finishUploadBody, data: wayline.finishUpload },
  'wayline.list': { data: wayline.waylineList },
  'wayline.detail': { data: wayline.waylineDetail },
  'model.list': { data: model.modelList },
  'model.create': { body: model.modelCreateBody, data: model.modelCreated },
  'model.detail': { data: model.modelDetail },
  'model.downloadUrl': { data: model.modelDownloadUrl },
  'map.element.create': { body: model.mapElementBody, data: model.mapElementCreated },
  'openModel.token': { body: noBody, data: om.openModelToken },
  'openModel.uploadCallback': { body: om.uploadCallbackBody, data: om.uploadCallback },
  'openModel.resource.get': { data: om.openResource },
  'openModel.resource.delete': { data: emptyData },
  'openModel.start': { body: om.reconstructionStartBody, data: om.reconstructionStarted },
  'openModel.stop': { body: noBody, data: emptyData },
  'openModel.running': { data: om.openModelRunning },
  'openModel.model.get': { data: om.openModel },
  'openModel.model.delete': { data: emptyData },
  'workflow.trigger': { body: model.workflowBody, data: emptyData },
} as const satisfies Record<EndpointId, Contract>;

export type DataOf<Id extends EndpointId> = z.output<(typeof CONTRACTS)[Id]['data']>;
export type BodyOf<Id extends EndpointId> = (typeof CONTRACTS)[Id] extends { body: infer B extends z.ZodType }
  ? z.input<B>
  : never;
export type QueryOf<Id extends EndpointId> = (typeof CONTRACTS)[Id] extends {
  query: infer Q extends z.ZodType;
}
  ? z.input<Q>
  : never;
