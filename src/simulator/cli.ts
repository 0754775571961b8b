// `npm run simulator -- --port <n> --seed <name> [--json] [--speed <x>] [--fault kind:match[:p|xN]]…`
import { parseArgs } from 'node:util';
import { parseFaultFlag } from './faults';
import { startSimulator } from './simulator';

const USAGE = `FlightHub 2 simulator
  --port <n>            port to listen on (default 0: a free port)
  --host <addr>         address to bind (default 127.0.0.1)
  --seed <name>         seed of the simulated organization (default "demo")
  --speed <x>           simulated clock speed (default 1)
  --tasks-per-dock <n>  seeded tasks per dock (default 200, up to 10000)
  --fault <rule>        kind:match[:probability|xCount], repeatable, e.g. reset:task.create:x1
  --live <type>         what live-stream/start returns: whep (default; this simulator plays it) or volc
  --json                print one JSON line {"url","orgKey"} on stdout, then serve
  --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      speed: { type: 'string', default: '1' },
      'tasks-per-dock': { type: 'string' },
      fault: { type: 'string', multiple: true, default: [] },
      live: { type: 'string', default: 'whep' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, not "${values.port}"`);
  const live = values.live;
  if (live !== 'whep' && live !== 'volc') throw new Error(`--live must be whep or volc, not "${live}"`);
  const sim = await startSimulator({
    port,
    host: values.host,
    seed: values.seed,
    speed: Number(values.speed),
    tasksPerDock: values['tasks-per-dock'] === undefined ? undefined : Number(values['tasks-per-dock']),
    faults: values.fault.map(parseFaultFlag),
    liveUrlType: live,
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: sim.url, orgKey: sim.orgKey })}\n`);
  } else {
    process.stdout.write(`FlightHub 2 simulator listening on ${sim.url}\n`);
    process.stdout.write(`Demo organization key (X-User-Token): ${sim.orgKey}\n`);
    process.stdout.write(`Try: curl -H "X-User-Token: ${sim.orgKey}" ${sim.url}/openapi/v0.1/project\n`);
  }
  const shutdown = () => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
