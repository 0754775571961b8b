// The read tools: what a model may look at freely. Each answers in a few lines (counts first, then a
// page of items), never a raw dump: task lists reach 10,000 items and media lists 10,000 files.
import * as z from 'zod';
import { TASK_STATUSES } from '../api/schemas/task';
import { hmsExplanation } from '../core/hmsExplanations';
import { limit, offset, projectUuid, readTool, taskUuid, ToolInputError, type ReadTool } from './tool';
import { counts, deviceName, page, plural, when } from './text';

const DAY = 24 * 3600;
const MAX_RANGE_DAYS = 92;

const listProjects = readTool({
  name: 'list_projects',
  title: 'List projects',
  description:
    'Lists the FlightHub 2 projects the organization key can see: name and UUID. Most other tools need a project UUID from here.',
  inputSchema: z.strictObject({ limit: limit(100, 20), offset }),
  async run(client, input, signal) {
    const all = [];
    for await (const batch of client.projects({ page_size: 100 }, signal)) all.push(...batch);
    if (all.length === 0) return 'No projects are visible to this organization key.';
    const body = page(all, input.offset, input.limit, (p) => `${p.name} — uuid ${p.uuid}`);
    return `${plural(all.length, 'project')}:\n${body}`;
  },
});

const listDevices = readTool({
  name: 'list_devices',
  title: 'List devices of a project',
  description:
    'Lists the docks of a project with their aircraft: name, model, SN, online or offline, and the number of active HMS health alerts of each. Dock SNs are what list_tasks and create_task take.',
  inputSchema: z.strictObject({ project_uuid: projectUuid }),
  async run(client, input, signal) {
    const api = client.project(input.project_uuid);
    const { list } = await api.devices.list(signal);
    if (list.length === 0) return 'This project has no devices.';
    const sns = list.flatMap((t) => [t.gateway?.sn, t.drone?.sn]).filter((sn): sn is string => !!sn);
    const hms = await api.devices.hms(sns, signal);
    const alerts = new Map(hms.list.map((h) => [h.device_sn, h.device_hms?.list?.length ?? 0]));
    const describe = (role: string, d: (typeof list)[number]['gateway']) =>
      d
        ? `${role} ${deviceName(d)}: ${d.device_online_status ? 'online' : 'offline'}, ${plural(alerts.get(d.sn) ?? 0, 'HMS alert')}`
        : `${role}: none`;
    const lines = list.map((t) => `- ${describe('dock', t.gateway)}; ${describe('aircraft', t.drone)}`);
    return `${plural(list.length, 'dock')} in this project:\n${lines.join('\n')}`;
  },
});

const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time, e.g. 2026-05-01T08:00:00Z');

const listTasks = readTool({
  name: 'list_tasks',
  title: 'List flight tasks of a dock',
  description: `Lists the flight tasks of one dock planned or run in a time window (default: the last 7 days and the next day; at most ${MAX_RANGE_DAYS} days), newest first: name, status, type, start time and UUID, after a count by status. Optionally only some statuses.`,
  inputSchema: z.strictObject({
    project_uuid: projectUuid,
    dock_sn: z.string().trim().min(1).describe('SN of the dock, from list_devices.'),
    from: isoTime.optional().describe('Start of the window, ISO 8601.'),
    to: isoTime.optional().describe('End of the window, ISO 8601.'),
    status: z.array(z.enum(TASK_STATUSES)).min(1).optional().describe('Only tasks in these statuses.'),
    limit: limit(50, 20),
    offset,
  }),
  async run(client, input, signal) {
    const now = Math.floor(Date.now() / 1000);
    const from = input.from ? Math.floor(Date.parse(input.from) / 1000) : now - 7 * DAY;
    const to = input.to ? Math.floor(Date.parse(input.to) / 1000) : now + DAY;
    if (to < from) throw new ToolInputError('Invalid input: "to" is before "from".');
    if (to - from > MAX_RANGE_DAYS * DAY)
      throw new ToolInputError(`Invalid input: the window is longer than ${MAX_RANGE_DAYS} days.`);
    const api = client.project(input.project_uuid);
    const filters = input.status ? { status: input.status.join(',') } : {};
    const tasks = [];
    for await (const batch of api.tasks.listRange(input.dock_sn, { from, to }, filters, signal))
      tasks.push(...batch);
    const wanted = input.status ? new Set<string>(input.status) : undefined;
    const shown = wanted ? tasks.filter((t) => wanted.has(t.status)) : tasks;
    const window = `between ${when(from)} and ${when(to)}`;
    if (shown.length === 0) return `No flight tasks of dock ${input.dock_sn} ${window}.`;
    const time = (t: (typeof shown)[number]) => String(t.run_at ?? t.begin_at ?? '');
    shown.sort((a, b) => (time(a) < time(b) ? 1 : -1));
    const body = page(
      shown,
      input.offset,
      input.limit,
      (t) => `${t.name} | ${t.status} | ${t.task_type} | ${when(t.run_at ?? t.begin_at)} | uuid ${t.uuid}`,
    );
    return `${plural(shown.length, 'flight task')} of dock ${input.dock_sn} ${window} (${counts(shown.map((t) => t.status))}):\n${body}`;
  },
});

const taskDetails = readTool({
  name: 'task_details',
  title: 'Flight task details',
  description:
    'Details of one flight task: name, type, status, dock SN, route, times, waypoint progress, return-to-home settings and how many media files were uploaded.',
  inputSchema: z.strictObject({ project_uuid: projectUuid, task_uuid: taskUuid }),
  async run(client, input, signal) {
    const t = await client.project(input.project_uuid).tasks.info(input.task_uuid, signal);
    const progress =
      t.total_waypoints != null ? `${t.current_waypoint_index ?? 0}/${t.total_waypoints} waypoints` : '-';
    const folder = t.folder_info;
    return [
      `Task "${t.name}" (uuid ${t.uuid})`,
      `status: ${t.status}; type: ${t.task_type}; dock: ${t.sn ?? '-'}; route: ${t.wayline_uuid ?? '-'}`,
      `begins: ${when(t.begin_at)}; ends: ${when(t.end_at)}; progress: ${progress}`,
      `return to home: ${t.rth_mode ?? '-'} at ${t.rth_altitude ?? '-'} m; lost link: ${t.out_of_control_action_in_flight ?? '-'}; resumable: ${t.resumable_status ?? '-'}`,
      `media: ${folder ? `${folder.uploaded_file_count ?? 0} of ${folder.expected_file_count ?? '?'} uploaded` : '-'}`,
    ].join('\n');
  },
});

const taskMedia = readTool({
  name: 'task_media',
  title: 'Media of a flight task',
  description:
    'Summarises the photos and videos a flight task produced: the count by file type and total size, then the first files (name, type, size, time). No download links.',
  inputSchema: z.strictObject({
    project_uuid: projectUuid,
    task_uuid: taskUuid,
    limit: limit(50, 10),
    offset,
  }),
  async run(client, input, signal) {
    const { list } = await client.project(input.project_uuid).tasks.media(input.task_uuid, signal);
    if (list.length === 0) return 'This task has no media (yet).';
    const bytes = list.reduce((sum, m) => sum + (m.size ?? 0), 0);
    const body = page(
      list,
      input.offset,
      input.limit,
      (m) => `${m.name} | ${m.file_type} | ${mb(m.size ?? 0)} | ${when(m.create_at)}`,
    );
    return `${plural(list.length, 'media file')}, ${mb(bytes)} (${counts(list.map((m) => m.file_type))}):\n${body}`;
  },
});

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const taskTrajectory = readTool({
  name: 'task_trajectory',
  title: 'Trajectory of a flight task',
  description:
    'Summarises the flown trajectory of a flight task: distance, duration, highest point, number of points, first and last time and position.',
  inputSchema: z.strictObject({ project_uuid: projectUuid, task_uuid: taskUuid }),
  async run(client, input, signal) {
    const data = await client.project(input.project_uuid).tasks.track(input.task_uuid, signal);
    const track = data.track;
    const points = track?.points ?? [];
    if (!track || points.length === 0) return 'No trajectory was recorded for this task (yet).';
    const heights = points.map((p) => p.height).filter((h): h is number => typeof h === 'number');
    const first = points[0];
    const last = points[points.length - 1];
    const at = (p: typeof first) =>
      p ? `${when(p.timestamp)} at ${p.latitude.toFixed(6)}, ${p.longitude.toFixed(6)}` : '-';
    return [
      `Trajectory of "${data.name ?? input.task_uuid}" flown by ${track.drone_sn ?? '-'}:`,
      `distance: ${track.flight_distance != null ? `${Math.round(track.flight_distance)} m` : '-'}; duration: ${track.flight_duration != null ? `${Math.round(track.flight_duration)} s` : '-'}; max height: ${heights.length ? `${Math.max(...heights).toFixed(1)} m` : '-'}; ${plural(points.length, 'point')}`,
      `first: ${at(first)}`,
      `last: ${at(last)}`,
    ].join('\n');
  },
});

const hmsAlerts = readTool({
  name: 'hms_alerts',
  title: 'HMS health alerts',
  description:
    'Active HMS (health management) alerts of devices of a project: level, code and message per device, with what the alert means and what to do when the code is known. Without device_sns: every device of the project.',
  inputSchema: z.strictObject({
    project_uuid: projectUuid,
    device_sns: z
      .array(z.string().trim().min(1))
      .min(1)
      .max(100)
      .optional()
      .describe('Dock or aircraft SNs.'),
    limit: limit(100, 20),
    offset,
  }),
  async run(client, input, signal) {
    const api = client.project(input.project_uuid);
    let sns = input.device_sns;
    if (!sns) {
      const { list } = await api.devices.list(signal);
      sns = list.flatMap((t) => [t.gateway?.sn, t.drone?.sn]).filter((sn): sn is string => !!sn);
    }
    if (sns.length === 0) return 'This project has no devices.';
    const { list } = await api.devices.hms(sns, signal);
    const alerts = list.flatMap((d) => (d.device_hms?.list ?? []).map((a) => ({ sn: d.device_sn, ...a })));
    if (alerts.length === 0) return `No active HMS alerts on ${plural(sns.length, 'device')}.`;
    const body = page(alerts, input.offset, input.limit, (a) => {
      const known = a.code ? hmsExplanation(a.code) : undefined;
      const why = known ? ` | means: ${known.explanation} | to do: ${known.remedy}` : '';
      return `${a.sn} | level ${a.level ?? '-'} | ${a.code ?? '-'} | ${a.message ?? '-'} | since ${when(a.begin_time)}${why}`;
    });
    return `${plural(alerts.length, 'active HMS alert')} on ${plural(sns.length, 'device')}:\n${body}`;
  },
});

const systemStatus = readTool({
  name: 'system_status',
  title: 'FlightHub 2 status',
  description: 'Checks that FlightHub 2 answers and accepts the organization key.',
  inputSchema: z.strictObject({}),
  async run(client, _input, signal) {
    await client.systemStatus(signal);
    return 'FlightHub 2 is up and accepts the organization key.';
  },
});

const listRoutes = readTool({
  name: 'list_routes',
  title: 'List routes of a project',
  description:
    'Lists the flight routes (waylines) of a project: name, route id, aircraft model key, template types and last update. The route id is what create_task takes.',
  inputSchema: z.strictObject({ project_uuid: projectUuid, limit: limit(100, 20), offset }),
  async run(client, input, signal) {
    const { list } = await client.project(input.project_uuid).waylines.list(signal);
    if (list.length === 0) return 'This project has no routes.';
    const body = page(
      list,
      input.offset,
      input.limit,
      (r) =>
        `${r.name} | id ${r.id} | model ${r.device_model_key ?? '-'} | ${(r.template_types ?? []).join(', ') || '-'} | updated ${when(r.update_time)}`,
    );
    return `${plural(list.length, 'route')}:\n${body}`;
  },
});

export const READ_TOOLS: readonly ReadTool[] = [
  listProjects,
  listDevices,
  listTasks,
  taskDetails,
  taskMedia,
  taskTrajectory,
  hmsAlerts,
  systemStatus,
  listRoutes,
];
