// Network RTK calibration and return to a specific home dock in a real VS Code on the simulator: both
// wait for the safety gate's confirmation, stop at the allowedDevices fence and land in the audit log.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { Simulator } from '../../../../src/simulator/simulator';
import {
  connectSimulator,
  eventually,
  extensionApi,
  mainDockWithRoute,
  runAudited,
  setAllowedDevices,
  taskBody,
} from '../../api';

const RTK = {
  host: 'rtk.example.com',
  port: 2101,
  account: 'it-user',
  password: 'it-secret-pw',
  mount_point: 'RTCM33_GRCEJ',
};

describe('dock actions: network RTK and return to a specific home', function () {
  this.timeout(90_000);
  let api: TestApi;
  let sim: Simulator;
  let dockSn: string;
  let aircraftSn: string;
  let routeUuid: string;
  let prompts: string[];
  let details: string[];
  let answer: boolean;

  const run = (command: string, arg: unknown) => runAudited(api, command, arg);
  const setAllowed = setAllowedDevices;
  const commandsSent = (command: string) =>
    sim.world.inspect().commands.filter((c) => c.command === command).length;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    ({ dockSn, aircraftSn, routeUuid } = mainDockWithRoute(api, sim));
  });

  beforeEach(() => {
    prompts = [];
    answer = true;
    details = [];
    api.setSafetyPrompt((message, detail) => {
      prompts.push(message);
      details.push(detail);
      return Promise.resolve(answer);
    });
  });

  afterEach(() => setAllowed(undefined));

  it('RTK calibration is not sent when the safety prompt is declined, and the refusal is audited', async () => {
    answer = false;
    const { result, entries } = await run('flighthub.calibrateRtk', { sn: dockSn, ...RTK });
    assert.equal(result, undefined);
    assert.equal(prompts.length, 1);
    assert.match(prompts[0] ?? '', new RegExp(dockSn));
    // An RTK calibration moves no aircraft: the question says what it does instead.
    assert.match(details[0] ?? '', /network RTK/);
    assert.doesNotMatch(details[0] ?? '', /aircraft move/);
    assert.equal(sim.world.inspect().rtk[dockSn], undefined, 'the calibration reached the simulator');
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome, e.device]),
      [['device.rtk', 'declined', dockSn]],
    );
  });

  it('RTK calibration is refused for a device outside allowedDevices, before anyone is asked', async () => {
    await setAllowed(['SOME-TEST-DEVICE']);
    const { result, entries, error } = await run('flighthub.calibrateRtk', { sn: dockSn, ...RTK });
    assert.equal(result, undefined);
    assert.equal(prompts.length, 0);
    assert.equal((error as { code?: string } | undefined)?.code, 'safety_blocked', String(error));
    assert.equal(sim.world.inspect().rtk[dockSn], undefined);
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome]),
      [['device.rtk', 'blocked']],
    );
  });

  it('RTK calibration is sent when confirmed, and audited without the NTRIP account or password', async () => {
    const { result, entries, error } = await run('flighthub.calibrateRtk', { sn: dockSn, ...RTK });
    assert.equal(result, true, String(error));
    assert.equal(prompts.length, 1);
    assert.deepEqual(
      { ...sim.world.inspect().rtk[dockSn], at: 0 },
      { host: RTK.host, mountPoint: RTK.mount_point, at: 0 },
    );
    assert.deepEqual(
      entries.map((e) => [e.action, e.outcome, e.device, e.detail]),
      [['device.rtk', 'succeeded', dockSn, 'rtk.example.com:2101/RTCM33_GRCEJ']],
    );
    const written = await readFile(api.services.audit.file, 'utf8');
    assert.ok(
      !written.includes(RTK.password) && !written.includes(RTK.account),
      'NTRIP credentials in the audit log',
    );
  });

  it('RTK calibration refuses a bad port before anything is asked or sent', async () => {
    const { result, error } = await run('flighthub.calibrateRtk', { sn: dockSn, ...RTK, port: 70000 });
    assert.equal(result, undefined);
    assert.equal(prompts.length, 0);
    assert.match(String(error), /port number from 1 to 65535/);
  });

  it('return to a specific home: declined and fenced sends nothing, confirmed sends it and audits it', async () => {
    const created = await vscode.commands.executeCommand<{ task_uuid: string }>('flighthub.createTask', {
      ...taskBody(dockSn, routeUuid),
      name: 'IT specific home',
      task_type: 'immediate',
    });
    assert.ok(created?.task_uuid, String(api.lastCommandError()));
    sim.clock.advance(60_000);
    const client = await api.services.session.projectApi();
    await eventually(async () => (await client.tasks.info(created.task_uuid)).status === 'executing');
    const project = api.services.session.project?.uuid;
    const home =
      sim.world.describe().docks.find((d) => d.projectUuid === project && d.sn !== dockSn && d.online)?.sn ??
      dockSn;
    const arg = { sn: aircraftSn, home_dock_sn: home };
    prompts = [];

    answer = false;
    const declined = await run('flighthub.returnToSpecificHome', arg);
    assert.equal(declined.result, undefined);
    assert.equal(commandsSent('return_specific_home'), 0, 'a declined command reached the simulator');
    assert.deepEqual(
      declined.entries.map((e) => [e.action, e.outcome, e.device]),
      [['device.return_specific_home', 'declined', aircraftSn]],
    );

    answer = true;
    await setAllowed(['SOME-TEST-DEVICE']);
    const fenced = await run('flighthub.returnToSpecificHome', arg);
    assert.equal(fenced.result, undefined);
    assert.equal((fenced.error as { code?: string } | undefined)?.code, 'safety_blocked');
    assert.equal(commandsSent('return_specific_home'), 0);
    assert.deepEqual(
      fenced.entries.map((e) => [e.action, e.outcome]),
      [['device.return_specific_home', 'blocked']],
    );
    await setAllowed([aircraftSn]);

    const sent = await run('flighthub.returnToSpecificHome', arg);
    assert.equal(sent.result, true, String(sent.error));
    assert.equal(prompts.length, 2, 'the declined and the confirmed attempt asked; the fenced one did not');
    assert.equal(commandsSent('return_specific_home'), 1);
    assert.deepEqual(
      sent.entries.map((e) => [e.action, e.outcome, e.device, e.detail]),
      [['device.return_specific_home', 'succeeded', aircraftSn, `home_dock_sn=${home}`]],
    );
  });

  it('return to a specific home refuses a home that is not a dock of the project', async () => {
    const { result, error } = await run('flighthub.returnToSpecificHome', {
      sn: aircraftSn,
      home_dock_sn: aircraftSn,
    });
    assert.equal(result, undefined);
    assert.equal(prompts.length, 0);
    assert.match(String(error), new RegExp(`${aircraftSn} is not a dock of the active project`));
  });
});
