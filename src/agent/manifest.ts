// What package.json `contributes.languageModelTools` must say for the agent tools: VS Code reads the
// names, descriptions and input schemas from the manifest before the extension runs. A unit test
// (test/unit/agent/lmManifest.test.ts) keeps the manifest equal to this; after changing a tool, write
// it back with `npm run compile-tests && node out/scripts/syncLmTools.js`.
import * as z from 'zod';
import type { AgentTool } from './tool';
import { AGENT_TOOLS } from './tools';

export interface LmToolContribution {
  readonly name: string;
  readonly displayName: string;
  readonly toolReferenceName: string;
  readonly canBeReferencedInPrompt: boolean;
  readonly modelDescription: string;
  readonly userDescription: string;
  readonly icon: string;
  readonly tags: readonly string[];
  readonly inputSchema: unknown;
}

export function lmToolContribution(tool: AgentTool): LmToolContribution {
  const schema = z.toJSONSchema(tool.inputSchema, { io: 'input' }) as Record<string, unknown>;
  delete schema.$schema;
  return {
    name: `flighthub_${tool.name}`,
    displayName: `%lmTool.${tool.name}%`,
    toolReferenceName: `flighthub_${tool.name}`,
    canBeReferencedInPrompt: true,
    modelDescription:
      tool.kind === 'action'
        ? `${tool.description} The person confirms the plan before anything is sent; an action that addresses a device also needs their confirmation in FlightHub 2's own dialog.`
        : tool.description,
    userDescription: `%lmTool.${tool.name}.description%`,
    icon: tool.kind === 'action' ? '$(rocket)' : '$(search)',
    tags: ['flighthub', tool.kind === 'action' ? 'flighthub-action' : 'flighthub-read'],
    inputSchema: schema,
  };
}

export function lmToolContributions(tools: readonly AgentTool[] = AGENT_TOOLS): LmToolContribution[] {
  return tools.map(lmToolContribution);
}
