// Runs a test command where Chromium can do WebRTC without touching the host's network.
//
// Chromium gathers no ICE candidate on a host whose only interface is loopback (seen in containers and
// sandboxes), so the browser tests that play the simulator's WHEP stream would time out there. On such
// a host, as root, the command runs in a network namespace of its own: loopback plus one veth pair
// with a private address, made for this run and gone when its last process exits. The simulator,
// Chromium and code-server all run inside it and talk over its loopback. Without root the command runs
// as is, and FLIGHTHUB_WEBRTC_UNAVAILABLE tells the WebRTC tests why they skip (see webrtcSkip()).
//
//   node out/test/helpers/webrtcNetwork.js -- <command> [args...]
//
// FLIGHTHUB_TEST_NETNS=always forces the namespace (to try this path on any host), never forbids it.
import { spawn, spawnSync } from 'node:child_process';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export const UNAVAILABLE_ENV = 'FLIGHTHUB_WEBRTC_UNAVAILABLE';
/** Set inside the namespace, so a nested run does not try to make another one. */
export const INSIDE_ENV = 'FLIGHTHUB_IN_TEST_NETNS';

export const VETH = { name: 'fhwb0', peer: 'fhwb1', address: '10.254.77.1/30' } as const;

export type NetworkPlan =
  | { readonly kind: 'host' }
  | { readonly kind: 'namespace' }
  | { readonly kind: 'without-webrtc'; readonly reason: string };

/**
 * For a test that plays WebRTC in a browser: the reason it cannot run here (pass as `skip`), or false.
 * The reason is printed in the test summary, so a skip is never passed off as a pass.
 */
export function webrtcSkip(env: NodeJS.ProcessEnv = process.env): string | false {
  const reason = env[UNAVAILABLE_ENV];
  return reason ? `no WebRTC here: ${reason}` : false;
}

export function hasNonLoopbackIPv4(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): boolean {
  return Object.values(interfaces).some((list) =>
    (list ?? []).some((i) => i.family === 'IPv4' && !i.internal),
  );
}

export interface PlanInput {
  readonly mode: string | undefined;
  readonly inside: boolean;
  readonly hasInterface: boolean;
  readonly isRoot: boolean;
  readonly canUnshare: () => boolean;
}

export function planNetwork(input: PlanInput): NetworkPlan {
  const mode = input.mode ?? 'auto';
  if (!['auto', 'always', 'never'].includes(mode)) {
    throw new Error(`FLIGHTHUB_TEST_NETNS must be auto, always or never, not "${mode}"`);
  }
  if (input.inside) return { kind: 'host' };
  if (mode === 'never' || (mode === 'auto' && input.hasInterface)) {
    return input.hasInterface
      ? { kind: 'host' }
      : { kind: 'without-webrtc', reason: 'only loopback is up and FLIGHTHUB_TEST_NETNS=never' };
  }
  if (!input.isRoot) {
    return {
      kind: 'without-webrtc',
      reason: 'only loopback is up, and a network namespace of its own needs root',
    };
  }
  if (!input.canUnshare()) {
    return {
      kind: 'without-webrtc',
      reason: 'only loopback is up, and `unshare --net` is not allowed here',
    };
  }
  return { kind: 'namespace' };
}

/** The shell script that brings the namespace up and then becomes the command ("$@"). */
export function namespaceScript(): string {
  return [
    'set -e',
    'ip link set lo up',
    `ip link add ${VETH.name} type veth peer name ${VETH.peer}`,
    `ip addr add ${VETH.address} dev ${VETH.name}`,
    `ip link set ${VETH.name} up`,
    `ip link set ${VETH.peer} up`,
    'exec "$@"',
  ].join('\n');
}

export function commandFor(plan: NetworkPlan, command: readonly string[]): string[] {
  return plan.kind === 'namespace'
    ? ['unshare', '--net', '--', 'sh', '-c', namespaceScript(), 'sh', ...command]
    : [...command];
}

function canUnshare(): boolean {
  return spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status === 0;
}

function main(argv: readonly string[]): void {
  const dash = argv.indexOf('--');
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  if (command.length === 0) {
    console.error('usage: webrtcNetwork.js -- <command> [args...]');
    process.exit(2);
  }
  const plan = planNetwork({
    mode: process.env.FLIGHTHUB_TEST_NETNS,
    inside: process.env[INSIDE_ENV] === '1',
    hasInterface: hasNonLoopbackIPv4(),
    isRoot: process.getuid?.() === 0,
    canUnshare,
  });
  const env = { ...process.env };
  if (plan.kind === 'namespace') {
    env[INSIDE_ENV] = '1';
    console.log(`[webrtc-network] own network namespace (lo + ${VETH.name} ${VETH.address})`);
  } else if (plan.kind === 'without-webrtc') {
    env[UNAVAILABLE_ENV] = plan.reason;
    console.log(`[webrtc-network] WebRTC browser tests will skip: ${plan.reason}`);
  }
  const [file, ...args] = commandFor(plan, command);
  const child = spawn(file as string, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`[webrtc-network] could not run ${file}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) main(process.argv.slice(2));
