// `flighthub-mcp`: the FlightHub 2 agent tools as an MCP server over stdio, for any MCP client.
//   FLIGHTHUB_ORG_KEY=… flighthub-mcp --base-url https://es-flight-api-us.djigate.com
//   flighthub-mcp --simulator          (the built-in simulator, in this process)
// Read-only unless --allow-actions; actions then need --allowed-devices and a plan → confirm round.
// stdout carries only MCP frames; messages go to stderr. The key is never printed.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { FlightHubClient, REGION_URLS, type Region } from '../../api/client';
import * as upload from '../../routes/upload/upload';
import { startSimulator } from '../../simulator/simulator';
import { createMcpServer } from './server';

const USAGE = `flighthub-mcp: FlightHub 2 tools for AI agents (Model Context Protocol over stdio)
  --base-url <url>          FlightHub 2 OpenAPI address (or --region cn|us|eu); key in FLIGHTHUB_ORG_KEY
  --region <cn|us|eu>       a public cloud region instead of --base-url
  --simulator               start the built-in simulator in this process and use it (no key needed)
  --seed <name>             the simulator's seed (default "demo")
  --allow-actions           allow tasks, return home and route uploads, each through plan → confirm_action
  --allowed-devices <SNs>   comma-separated dock or aircraft SNs actions may address (needed with --allow-actions)
  --language <en|zh>        language of FlightHub 2's own messages (default en)
  --help`;

declare const FLIGHTHUB_MCP_VERSION: string | undefined;
const version = typeof FLIGHTHUB_MCP_VERSION === 'string' ? FLIGHTHUB_MCP_VERSION : '0.0.0';

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      region: { type: 'string' },
      simulator: { type: 'boolean', default: false },
      seed: { type: 'string', default: 'demo' },
      'allow-actions': { type: 'boolean', default: false },
      'allowed-devices': { type: 'string', default: '' },
      language: { type: 'string', default: 'en' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const allowedDevices = values['allowed-devices']
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (values['allow-actions'] && allowedDevices.length === 0)
    throw new UsageError('--allow-actions needs --allowed-devices <SN,…>: the devices actions may address');
  const language = values.language;
  if (language !== 'en' && language !== 'zh')
    throw new UsageError(`--language must be en or zh, not "${language}"`);

  let stop = (): Promise<void> => Promise.resolve();
  let baseUrl: string;
  let orgKey: string;
  if (values.simulator) {
    if (values['base-url'] || values.region)
      throw new UsageError('--simulator takes no --base-url or --region');
    const sim = await startSimulator({ seed: values.seed });
    ({ url: baseUrl, orgKey } = sim);
    stop = () => sim.stop();
  } else {
    const region = values.region;
    if (region !== undefined && !(region in REGION_URLS))
      throw new UsageError(`--region must be cn, us or eu`);
    const url = values['base-url'] ?? (region ? REGION_URLS[region as Region] : undefined);
    if (!url) throw new UsageError('give --base-url, --region or --simulator');
    const key = process.env.FLIGHTHUB_ORG_KEY?.trim();
    if (!key) throw new UsageError('set FLIGHTHUB_ORG_KEY to the organization key');
    baseUrl = url;
    orgKey = key;
  }

  const client = new FlightHubClient({ baseUrl, orgKey, language });
  const env = { root: process.cwd(), loadUpload: () => Promise.resolve(upload) };
  const server = createMcpServer({
    client,
    allowActions: values['allow-actions'],
    allowedDevices,
    version,
    env,
  });
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void server
      .close()
      .catch(() => undefined)
      .then(() => client.close())
      .then(() => stop())
      .finally(() => process.exit(0));
  };
  process.stdin.once('end', shutdown);
  process.stdin.once('close', shutdown);
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await server.connect(new StdioServerTransport());
  const mode = values['allow-actions'] ? `actions allowed for ${allowedDevices.join(', ')}` : 'read-only';
  process.stderr.write(
    `flighthub-mcp ${version}: ${values.simulator ? 'simulator at ' : ''}${baseUrl}, ${mode}\n`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`flighthub-mcp: ${message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
