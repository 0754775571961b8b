// Every agent tool, reads first. The MCP server lists these; the VS Code Language Model Tools will too.
import { ACTION_TOOLS } from './actions';
import { READ_TOOLS } from './readTools';
import type { AgentTool } from './tool';

export const AGENT_TOOLS: readonly AgentTool[] = [...READ_TOOLS, ...ACTION_TOOLS];
