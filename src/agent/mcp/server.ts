// The MCP server over the agent tools (src/agent/tools.ts), built on the SDK's low-level `Server` so
// that input errors and refusals are tool results a model can read (`isError`), not protocol errors.
// Read-only unless actions are allowed: action tools are always listed (a model learns they exist and
// why they refuse), but without `allowActions` they refuse before looking anything up. With it, an
// action tool only plans and returns a one-time token; `confirm_action` with that token sends it, and
// only for devices in `allowedDevices` (the dock or its aircraft).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import type { FlightHubClient } from '../../api/client';
import { describeError } from '../../core/errorText';
import { parseInput, ToolInputError, type AgentTool, type ToolEnv } from '../tool';
import { AGENT_TOOLS } from '../tools';
import { PlanTokens } from './tokens';

export interface McpOptions {
  readonly client: FlightHubClient;
  readonly allowActions: boolean;
  /** SNs actions may address; an action is allowed when its dock or aircraft is listed. */
  readonly allowedDevices: readonly string[];
  readonly tokenTtlMs?: number;
  readonly version: string;
  readonly tools?: readonly AgentTool[];
  /** Where route paths are resolved (the working directory) and how routes are uploaded. */
  readonly env?: ToolEnv;
}

export const CONFIRM_TOOL = 'confirm_action';
const confirmInput = z.strictObject({
  token: z.string().trim().min(1).describe('The token a planning tool returned, as the person gave it back.'),
});

const text = (t: string, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: t }],
  isError,
});

export function createMcpServer(o: McpOptions): Server {
  const tools = o.tools ?? AGENT_TOOLS;
  const tokens = new PlanTokens(o.tokenTtlMs ?? 120_000);
  const ttlSeconds = Math.round((o.tokenTtlMs ?? 120_000) / 1000);
  const server = new Server({ name: 'flighthub2', version: o.version }, { capabilities: { tools: {} } });

  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input' }) as { type: 'object' };
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      ...tools.map((t) => ({
        name: t.name,
        title: t.title,
        description:
          t.kind === 'action'
            ? `${t.description} ${o.allowActions ? `This only plans: it returns the plan and a one-time token, and nothing is sent until ${CONFIRM_TOOL} is called with that token.` : 'Disabled: this server is read-only (start it with --allow-actions).'}`
            : t.description,
        inputSchema: schema(t.inputSchema),
        annotations: {
          readOnlyHint: t.kind === 'read',
          destructiveHint: t.kind === 'action',
          openWorldHint: true,
        },
      })),
      {
        name: CONFIRM_TOOL,
        title: 'Confirm a planned action',
        description: `Sends an action planned by ${tools
          .filter((t) => t.kind === 'action')
          .map((t) => t.name)
          .join(
            ', ',
          )}. Show the plan to the person first; only call this with the token when they confirm it. A token works once and expires after ${ttlSeconds} seconds.`,
        inputSchema: schema(confirmInput),
        annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
      },
    ],
  }));

  // A plan that addresses no device (a route upload) has nothing to fence.
  const fenced = (devices: readonly string[]) =>
    devices.length > 0 && !devices.some((sn) => o.allowedDevices.includes(sn));
  const readOnly = (name: string) =>
    text(
      `Refused: ${name} changes flight state and this server is read-only. Start it with --allow-actions --allowed-devices <SN,…> to allow actions.`,
      true,
    );

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: input } = request.params;
    const signal = extra.signal;
    try {
      if (name === CONFIRM_TOOL) {
        if (!o.allowActions) return readOnly(name);
        const { token } = parseInput(confirmInput, input);
        const pending = tokens.take(token);
        if (!pending)
          return text(
            'Refused: this token is unknown, already used or expired. Plan the action again.',
            true,
          );
        // The fence again at sending: the plan was checked, but the rule is about what is sent.
        if (fenced(pending.plan.devices))
          return text(`Refused: ${pending.plan.devices.join(', ')} not in --allowed-devices.`, true);
        return text(await pending.plan.execute(signal));
      }
      const tool = tools.find((t) => t.name === name);
      if (!tool) return text(`Unknown tool "${name}".`, true);
      if (tool.kind === 'read') return text(await tool.run(o.client, input, signal, o.env));
      if (!o.allowActions) return readOnly(name);
      const plan = await tool.plan(o.client, input, signal, o.env);
      if (fenced(plan.devices))
        return text(
          `Refused: ${plan.devices.join(' and ')} ${plan.devices.length === 1 ? 'is' : 'are'} not in --allowed-devices; nothing was planned or sent.\n${plan.text}`,
          true,
        );
      const token = tokens.issue(name, plan);
      return text(
        `PLAN (nothing sent yet):\n${plan.text}\n\nShow this plan to the person. If they confirm, call ${CONFIRM_TOOL} with token: ${token}\n(one use, expires in ${ttlSeconds} s)`,
      );
    } catch (error) {
      return text(ToolInputError.is(error) ? error.message : `Failed: ${describeError(error)}`, true);
    }
  });
  return server;
}
