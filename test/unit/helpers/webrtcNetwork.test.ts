// The wrapper that gives browser WebRTC tests a network: its plan for each kind of host, and — as root
// — a real namespace: the command sees loopback and the veth only, and the host keeps no trace of it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  commandFor,
  hasNonLoopbackIPv4,
  INSIDE_ENV,
  planNetwork,
  VETH,
  webrtcSkip,
  type PlanInput,
} from '../../helpers/webrtcNetwork';

const base: PlanInput = {
  mode: undefined,
  inside: false,
  hasInterface: false,
  isRoot: true,
  canUnshare: () => true,
};

describe('planNetwork', () => {
  it('uses the host when it has an interface, a namespace when only loopback is up', () => {
    assert.deepEqual(planNetwork({ ...base, hasInterface: true }), { kind: 'host' });
    assert.deepEqual(planNetwork(base), { kind: 'namespace' });
    assert.deepEqual(planNetwork({ ...base, hasInterface: true, mode: 'always' }), { kind: 'namespace' });
    assert.deepEqual(planNetwork({ ...base, inside: true }), { kind: 'host' });
  });

  it('says why WebRTC tests skip when no namespace can be made', () => {
    const notRoot = planNetwork({ ...base, isRoot: false });
    assert.equal(notRoot.kind, 'without-webrtc');
    assert.match(notRoot.kind === 'without-webrtc' ? notRoot.reason : '', /needs root/);
    const denied = planNetwork({ ...base, canUnshare: () => false });
    assert.match(denied.kind === 'without-webrtc' ? denied.reason : '', /unshare/);
    const never = planNetwork({ ...base, mode: 'never' });
    assert.match(never.kind === 'without-webrtc' ? never.reason : '', /never/);
    assert.throws(() => planNetwork({ ...base, mode: 'sometimes' }), /auto, always or never/);
  });

  it('reads interfaces and the skip reason', () => {
    const lo = { address: '127.0.0.1', family: 'IPv4', internal: true } as never;
    const eth = { address: '192.0.2.2', family: 'IPv4', internal: false } as never;
    const v6 = { address: 'fe80::1', family: 'IPv6', internal: false } as never;
    assert.equal(hasNonLoopbackIPv4({ lo: [lo] }), false);
    assert.equal(hasNonLoopbackIPv4({ lo: [lo], eth0: [v6] }), false);
    assert.equal(hasNonLoopbackIPv4({ lo: [lo], eth0: [eth] }), true);
    assert.equal(webrtcSkip({}), false);
    assert.match(String(webrtcSkip({ FLIGHTHUB_WEBRTC_UNAVAILABLE: 'x' })), /no WebRTC here: x/);
    assert.deepEqual(commandFor({ kind: 'host' }, ['a', 'b']), ['a', 'b']);
    assert.deepEqual(commandFor({ kind: 'namespace' }, ['a']).slice(0, 3), ['unshare', '--net', '--']);
  });
});

const rootSkip =
  process.getuid?.() !== 0
    ? 'needs root'
    : spawnSync('unshare', ['--net', 'true']).status !== 0
      ? 'unshare --net is not allowed here'
      : false;

function namespaceEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FLIGHTHUB_TEST_NETNS: 'always' };
  delete env[INSIDE_ENV];
  return env;
}

describe('the namespace (root)', { skip: rootSkip }, () => {
  it('runs the command with loopback and its own veth, and leaves the host as it was', () => {
    const hostLinks = () => spawnSync('ip', ['-o', 'link'], { encoding: 'utf8' }).stdout;
    assert.doesNotMatch(hostLinks(), new RegExp(VETH.name));
    const env = namespaceEnv();
    const run = spawnSync(
      process.execPath,
      [
        join(__dirname, '../../helpers/webrtcNetwork.js'),
        '--',
        'sh',
        '-c',
        'ip -4 -o addr show up; echo "in=$' + INSIDE_ENV + '"',
      ],
      { encoding: 'utf8', env },
    );
    assert.equal(run.status, 0, run.stderr);
    const names = [...run.stdout.matchAll(/^\d+: (\S+)\s+inet (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(names, ['lo 127.0.0.1/8', `${VETH.name} ${VETH.address}`]);
    assert.match(run.stdout, /in=1/);
    assert.doesNotMatch(hostLinks(), new RegExp(VETH.name));
  });

  it('where only loopback is up, the livestream page says why it cannot play', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.FLIGHTHUB_WEBRTC_UNAVAILABLE;
    delete env.NODE_TEST_CONTEXT; // else the child reports to a parent test runner, not to stdout
    const page = join(__dirname, '../../webview/live.test.js');
    const run = spawnSync(
      'unshare',
      [
        '--net',
        '--',
        'sh',
        '-c',
        'ip link set lo up && exec "$@"',
        'sh',
        process.execPath,
        '--test',
        '--test-name-pattern=only loopback is up',
        page,
      ],
      { encoding: 'utf8', env },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^# pass 1$/m, run.stdout);
    assert.match(run.stdout, /ok \d+ - says why on a host where only loopback is up/);
  });

  it('passes the exit code through', () => {
    const env = namespaceEnv();
    const run = spawnSync(
      process.execPath,
      [join(__dirname, '../../helpers/webrtcNetwork.js'), '--', 'sh', '-c', 'exit 7'],
      { env },
    );
    assert.equal(run.status, 7);
  });
});
