// The action tools: what makes an aircraft move or stop. Each one only plans: it looks up the device,
// project, task and route so the plan names them (who, what, where), and sends nothing until the
// caller runs `execute` — after the person confirmed (MCP: plan → confirm token; VS Code: the modal).
// Descriptions say what the action does; each surface adds how it is confirmed.
import * as z from 'zod';
import type { FlightHubClient } from '../api/client';
import type { DeviceCommand } from '../api/schemas/device';
import { RTH_ALTITUDE_MAX, RTH_ALTITUDE_MIN } from '../api/schemas/task';
import { actionTool, projectUuid, taskUuid, ToolInputError, type ActionTool } from './tool';
import { deviceName, findTopology } from './text';

async function projectName(client: FlightHubClient, uuid: string, signal?: AbortSignal): Promise<string> {
  for await (const batch of client.projects({ page_size: 100 }, signal)) {
    const found = batch.find((p) => p.uuid === uuid);
    if (found) return `"${found.name}" (${uuid})`;
  }
  return uuid;
}

/** The dock and aircraft carrying `sn` in the project, with their names for the plan. */
async function dockOf(client: FlightHubClient, project: string, sn: string, signal?: AbortSignal) {
  const { list } = await client.project(project).devices.list(signal);
  const topology = findTopology(list, sn);
  if (!topology?.gateway)
    throw new ToolInputError(
      `Device ${sn} is not a dock or dock aircraft of project ${project} (see list_devices).`,
    );
  const dock = topology.gateway;
  const aircraft = topology.drone ?? undefined;
  return {
    dock,
    aircraft,
    devices: [dock.sn, ...(aircraft ? [aircraft.sn] : [])],
    names: `dock ${deviceName(dock)}${aircraft ? `, aircraft ${deviceName(aircraft)}` : ''}`,
  };
}

/** A task with its dock, aircraft and project, for a plan about that task; `check` may refuse it. */
async function taskPlace(
  client: FlightHubClient,
  input: { project_uuid: string; task_uuid: string },
  signal: AbortSignal | undefined,
  check: (task: { uuid: string; status: string; task_type: string }) => void = () => undefined,
) {
  const api = client.project(input.project_uuid);
  const task = await api.tasks.info(input.task_uuid, signal);
  check(task);
  if (!task.sn) throw new ToolInputError(`Task ${input.task_uuid} names no dock.`);
  const where = await dockOf(client, input.project_uuid, task.sn, signal);
  return {
    api,
    task,
    where,
    common: {
      devices: where.devices,
      project: await projectName(client, input.project_uuid, signal),
      target: { sn: where.dock.sn, name: deviceName(where.dock) },
      taskName: task.name,
    },
  };
}

const createTask = actionTool({
  name: 'create_task',
  title: 'Create a flight task',
  description:
    'Creates a flight task on a route: immediate (the dock launches its aircraft as soon as the task is confirmed), or timed when start_at is given (it takes off then).',
  inputSchema: z.strictObject({
    project_uuid: projectUuid,
    dock_sn: z.string().trim().min(1).describe('SN of the dock that flies it, from list_devices.'),
    route_id: z.string().trim().min(1).describe('Route id, from list_routes.'),
    name: z.string().trim().min(1).max(200).describe('Name of the new task.'),
    start_at: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date-time with a time zone')
      .optional()
      .describe(
        'When a timed task takes off, ISO 8601 with time zone (e.g. 2026-05-01T08:00:00Z); omit for now.',
      ),
    rth_altitude: z
      .number()
      .min(RTH_ALTITUDE_MIN)
      .max(RTH_ALTITUDE_MAX)
      .default(100)
      .describe('Return-to-home altitude in metres.'),
    lost_link: z
      .enum(['return_home', 'continue_task'])
      .default('return_home')
      .describe('What the aircraft does when it loses the link.'),
  }),
  async plan(client, input, signal) {
    const where = await dockOf(client, input.project_uuid, input.dock_sn, signal);
    if (where.dock.sn !== input.dock_sn)
      throw new ToolInputError(
        `${input.dock_sn} is an aircraft; create_task takes the dock SN ${where.dock.sn}.`,
      );
    const api = client.project(input.project_uuid);
    const route = await api.waylines.detail(input.route_id, signal);
    const project = await projectName(client, input.project_uuid, signal);
    const beginAt = input.start_at === undefined ? undefined : Math.floor(Date.parse(input.start_at) / 1000);
    if (beginAt !== undefined && beginAt * 1000 <= Date.now() + 60_000)
      throw new ToolInputError(
        `start_at ${input.start_at} is not in the future; omit it for an immediate task.`,
      );
    const timed = beginAt !== undefined;
    return {
      devices: where.devices,
      project,
      action: timed ? 'task.create.timed' : 'task.create.immediate',
      label: timed ? 'Create timed flight task' : 'Create and start flight task',
      target: { sn: where.dock.sn, name: deviceName(where.dock) },
      taskName: input.name,
      text: [
        timed
          ? `Create the timed flight task "${input.name}"; it takes off at ${new Date(beginAt * 1000).toISOString()}.`
          : `Create the immediate flight task "${input.name}" and take off right away.`,
        `Where: ${where.names}; project ${project}.`,
        `Route: "${route.name}" (${route.id}); return to home at ${input.rth_altitude} m; on lost link: ${input.lost_link}.`,
      ].join('\n'),
      async execute(signal2) {
        const created = await api.tasks.create(
          {
            name: input.name,
            sn: where.dock.sn,
            wayline_uuid: route.id,
            task_type: timed ? 'timed' : 'immediate',
            ...(timed ? { begin_at: beginAt } : {}),
            time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
            rth_altitude: input.rth_altitude,
            rth_mode: 'optimal',
            out_of_control_action_in_flight: input.lost_link,
            resumable_status: 'auto',
          },
          signal2,
        );
        return `Created flight task "${input.name}" (uuid ${created.task_uuid}) on dock ${where.dock.sn}.`;
      },
    };
  },
});

function taskCommand(
  name: string,
  command: Extract<DeviceCommand, 'flighttask_pause' | 'flighttask_recovery'>,
  verb: string,
  description: string,
): ActionTool {
  return actionTool({
    name,
    title: `${verb} a flight task`,
    description,
    inputSchema: z.strictObject({ project_uuid: projectUuid, task_uuid: taskUuid }),
    async plan(client, input, signal) {
      const { api, task, where, common } = await taskPlace(client, input, signal);
      return {
        ...common,
        action: command === 'flighttask_pause' ? 'task.pause' : 'task.resume',
        label: `${verb} flight task`,
        text: [
          `${verb} the flight task "${task.name}" (${task.uuid}, now ${task.status}).`,
          `Where: ${where.names}; project ${common.project}.`,
        ].join('\n'),
        async execute(signal2) {
          await api.devices.command(where.dock.sn, { device_command: command }, signal2);
          return `"${verb}" accepted for task "${task.name}". Accepted is not done: check task_details.`;
        },
      };
    },
  });
}

function homeCommand(
  name: string,
  command: Extract<DeviceCommand, 'return_home' | 'return_home_cancel'>,
  verb: string,
  description: string,
): ActionTool {
  return actionTool({
    name,
    title: verb,
    description,
    inputSchema: z.strictObject({
      project_uuid: projectUuid,
      device_sn: z.string().trim().min(1).describe('SN of the aircraft or of its dock, from list_devices.'),
    }),
    async plan(client, input, signal) {
      const where = await dockOf(client, input.project_uuid, input.device_sn, signal);
      const target = where.aircraft ?? where.dock;
      const project = await projectName(client, input.project_uuid, signal);
      return {
        devices: where.devices,
        project,
        action: `device.${command}`,
        label: verb,
        target: { sn: target.sn, name: deviceName(target) },
        text: [`${verb}: ${deviceName(target)}.`, `Where: ${where.names}; project ${project}.`].join('\n'),
        async execute(signal2) {
          await client
            .project(input.project_uuid)
            .devices.command(target.sn, { device_command: command }, signal2);
          return `"${verb}" accepted by ${target.sn}. Accepted is not done: check list_tasks or task_details.`;
        },
      };
    },
  });
}

function scheduleStatus(
  name: string,
  status: 'suspended' | 'restored',
  verb: string,
  description: string,
): ActionTool {
  const from = status === 'suspended' ? 'waiting' : 'suspended';
  return actionTool({
    name,
    title: `${verb} a scheduled flight task`,
    description: `${description} Only timed, recurring and continuous tasks can be suspended or restored.`,
    inputSchema: z.strictObject({ project_uuid: projectUuid, task_uuid: taskUuid }),
    async plan(client, input, signal) {
      const { api, task, where, common } = await taskPlace(client, input, signal, (t) => {
        if (t.task_type === 'immediate')
          throw new ToolInputError(
            `Task ${t.uuid} is an immediate task: only timed, recurring and continuous tasks can be suspended or restored (pause_task pauses a flight).`,
          );
        if (t.status !== from)
          throw new ToolInputError(`Task ${t.uuid} is ${t.status}; ${name} needs a ${from} task.`);
      });
      return {
        ...common,
        action: status === 'suspended' ? 'task.suspend' : 'task.restore',
        label: `${verb} task`,
        text: [
          `${verb} the ${task.task_type} flight task "${task.name}" (${task.uuid}, now ${task.status}).`,
          `Where: ${where.names}; project ${common.project}.`,
        ].join('\n'),
        async execute(signal2) {
          await api.tasks.setStatus(task.uuid, status, signal2);
          return `"${verb}" accepted for task "${task.name}". Check task_details for its new status.`;
        },
      };
    },
  });
}

export const ACTION_TOOLS: readonly ActionTool[] = [
  createTask,
  taskCommand(
    'pause_task',
    'flighttask_pause',
    'Pause',
    'Pauses an executing flight task (the aircraft hovers).',
  ),
  taskCommand(
    'resume_task',
    'flighttask_recovery',
    'Resume',
    'Resumes a paused flight task (the aircraft flies on).',
  ),
  homeCommand(
    'return_home',
    'return_home',
    'Return to home',
    'Sends the aircraft flying a task back to its dock.',
  ),
  homeCommand(
    'cancel_return_home',
    'return_home_cancel',
    'Cancel return to home',
    'Cancels a return to home in progress (the aircraft hovers).',
  ),
  scheduleStatus(
    'suspend_task',
    'suspended',
    'Suspend',
    'Suspends a waiting scheduled flight task (it will not take off until restored).',
  ),
  scheduleStatus(
    'restore_task',
    'restored',
    'Restore',
    'Restores a suspended scheduled flight task (it takes off at its next scheduled time).',
  ),
];
