// The device state panel's reading of a thing model, against the simulator's own answers (an idle
// aircraft in its dock, the same aircraft flying an immediate task, its dock, an RC) and the cases it
// does not produce: 0,0 and missing positions, int mode codes of older payloads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../../../src/api/projectApi';
import { readStateFacts, type StateRole } from '../../../../src/features/devices/stateFacts';
import { withSimulator, type SimSetup } from '../../../helpers/sim';
import { hostModule } from '../../../helpers/vscodeShim';

const words = hostModule<typeof import('../../../../src/features/devices/stateWords')>(
  'features/devices/stateWords',
);

let s: SimSetup;
let api: ProjectApi;
let dock: { sn: string; aircraftSn: string; projectUuid: string; aircraftModelKey: string };
before(async () => {
  s = await withSimulator({ tasksPerDock: 0 });
  const world = s.sim.world.describe();
  const main = world.docks.find((d) => d.role === 'main' && d.online);
  assert.ok(main);
  dock = main;
  api = s.client.project(main.projectUuid);
});
after(async () => {
  await s?.close();
});

async function facts(sn: string, role: StateRole) {
  const state = await api.devices.state(sn);
  return readStateFacts(state.device_state ?? {}, role);
}

describe('device state facts', () => {
  it('reads an idle aircraft in its dock: standby, full battery, the dock position, its payloads', async () => {
    const f = await facts(dock.aircraftSn, 'aircraft');
    assert.equal(f.mode, 'standby');
    assert.equal(f.battery, 100);
    assert.ok(f.position, 'the aircraft in its dock reports the dock position');
    assert.notEqual(f.position.latitude, 0);
    assert.equal(f.elevation, 0);
    assert.equal(f.gps, 24);
    assert.ok(f.payloads.length > 0, 'the simulator reports one object per camera');
    assert.ok(f.payloads.every((p) => /^\d+-\d+-\d+$/.test(p.index) && p.mount === 0));
    const view = words.deviceStateView(f, 1_700_000_000_000);
    assert.equal(view.mode, 'Standby');
    assert.match(view.signal ?? '', /^GPS 24 satellites · RTK 29 satellites$/);
    assert.equal(view.payloads[0]?.name, 'Main gimbal camera');
    assert.match(view.payloads[0]?.detail ?? '', /pitch 0° · yaw 0° · zoom 1×/);
  });

  it('reads the same aircraft flying an immediate task: it moves and its battery drains', async () => {
    const world = s.sim.world.describe();
    const route = world.routes.find(
      (r) =>
        r.projectUuid === dock.projectUuid &&
        r.purpose === 'patrol' &&
        r.deviceModelKey === dock.aircraftModelKey,
    );
    assert.ok(route);
    const before = await facts(dock.aircraftSn, 'aircraft');
    const created = await api.tasks.create({
      name: 'state facts',
      sn: dock.sn,
      wayline_uuid: route.uuid,
      task_type: 'immediate',
      time_zone: 'UTC',
      rth_altitude: 100,
      rth_mode: 'preset',
      out_of_control_action_in_flight: 'return_home',
      resumable_status: 'auto',
    });
    s.sim.clock.advance(90_000);
    assert.equal((await api.tasks.info(created.task_uuid)).status, 'executing');
    const flying = await facts(dock.aircraftSn, 'aircraft');
    assert.equal(flying.mode, 'wayline_flight');
    assert.ok((flying.battery ?? 100) < 100, `battery ${flying.battery}`);
    assert.ok((flying.elevation ?? 0) > 0, 'above take-off');
    assert.notDeepEqual(flying.position, before.position);
    assert.equal(words.deviceStateView(flying, 0).mode, 'Flying a route');
    const dockFacts = await facts(dock.sn, 'dock');
    assert.equal(dockFacts.mode, 'in_operation');
    assert.equal(dockFacts.droneInDock, 'outside');
    assert.equal(dockFacts.quality, 5);
    const details = words.deviceStateView(dockFacts, 0).details.map((d) => `${d.label}: ${d.value}`);
    assert.ok(details.includes('Aircraft: out of the dock'), details.join('; '));
    assert.ok(details.includes('Dock cover: open'), details.join('; '));
  });

  it('reads an RC: its battery and position, no mode', async () => {
    const rc = s.sim.world.describe().remoteControllers[0];
    assert.ok(rc);
    const f = await s.client.project(rc.projectUuid).devices.state(rc.sn);
    const rcFacts = readStateFacts(f.device_state ?? {}, 'rc');
    assert.equal(rcFacts.battery, 87);
    assert.equal(rcFacts.mode, undefined);
    assert.equal(words.deviceStateView(rcFacts, 0).mode, null);
  });

  it('has no position for 0,0 or a missing one ("no fix"), and keeps a real one', () => {
    assert.equal(readStateFacts({ latitude: 0, longitude: 0 }, 'aircraft').position, undefined);
    assert.equal(readStateFacts({ latitude: 22.5 }, 'aircraft').position, undefined);
    assert.equal(readStateFacts({}, 'dock').position, undefined);
    assert.deepEqual(readStateFacts({ latitude: 0, longitude: 113.9 }, 'rc').position, {
      latitude: 0,
      longitude: 113.9,
    });
    assert.equal(
      words.deviceStateView(readStateFacts({ latitude: 0, longitude: 0 }, 'aircraft'), 0).position,
      null,
    );
  });

  it('decodes int mode codes of older payloads to the same names, and keeps unknown ones', () => {
    assert.equal(readStateFacts({ mode_code: 5 }, 'aircraft').mode, 'wayline_flight');
    assert.equal(readStateFacts({ mode_code: 14 }, 'aircraft').mode, 'not_connected');
    assert.equal(readStateFacts({ mode_code: 4 }, 'dock').mode, 'in_operation');
    assert.equal(readStateFacts({ mode_code: 42 }, 'aircraft').mode, '42');
    assert.equal(
      words.deviceStateView(readStateFacts({ mode_code: 9 }, 'aircraft'), 0).mode,
      'Returning to home',
    );
    assert.equal(words.modeLabel('some_new_mode'), 'some_new_mode');
  });

  it('reads link qualities and labels payloads by their gimbal mount', () => {
    const f = readStateFacts(
      {
        wireless_link: { sdr_quality: 4, '4g_quality': 2 },
        '39-0-7': { payload_index: '39-0-7' },
        '52-0-1': { gimbal_pitch: -30.04 },
        position_state: { quality: 'gear_3' },
      },
      'aircraft',
    );
    const view = words.deviceStateView(f, 0);
    assert.equal(view.signal, 'positioning quality 3/5 · video link 4/5 · 4G link 2/5');
    assert.deepEqual(
      view.payloads.map((p) => [p.index, p.name, p.detail]),
      [
        ['39-0-7', 'FPV camera', ''],
        ['52-0-1', 'Right gimbal camera', 'pitch -30°'],
      ],
    );
  });
});
