// Every agent tool, reads first. The MCP server and the VS Code Language Model Tools list these.
import { ACTION_TOOLS } from './actions';
import { READ_TOOLS } from './readTools';
import { CHECK_ROUTE_FILE, UPLOAD_ROUTE } from './routeTools';
import type { AgentTool } from './tool';

export const AGENT_TOOLS: readonly AgentTool[] = [
  ...READ_TOOLS,
  CHECK_ROUTE_FILE,
  ...ACTION_TOOLS,
  UPLOAD_ROUTE,
];
