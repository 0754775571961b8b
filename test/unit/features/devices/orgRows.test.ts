import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Device, Topology } from '../../../../src/api/schemas/device';
import { membership, orgDeviceRows } from '../../../../src/features/devices/orgRows';

function device(sn: string, cls: string, o: Partial<Device> = {}): Device {
  return {
    sn,
    callsign: `${sn} name`,
    device_model: { key: `k-${cls}`, name: `Model ${cls}`, class: cls },
    device_online_status: true,
    ...o,
  };
}

const dockA = device('DOCKA', 'airport');
const droneA = device('DRONEA', 'drone', { device_online_status: false, callsign: null });
const dockB = device('DOCKB', 'airport', { device_model: { key: '3-2-0', name: null } });

describe('organization device rows', () => {
  it('lists each gateway then its aircraft, with model, state, pairing and projects', () => {
    const org: Topology[] = [
      { gateway: dockA, drone: droneA },
      { gateway: dockB, drone: null },
    ];
    const rows = orgDeviceRows(org, [
      { name: 'P1', list: [{ gateway: dockA, drone: droneA }] },
      { name: 'P2', list: [{ gateway: dockA, drone: null }] },
    ]);
    assert.deepEqual(rows, [
      {
        sn: 'DOCKA',
        callsign: 'DOCKA name',
        role: 'dock',
        model: 'Model airport',
        model_key: 'k-airport',
        online: true,
        paired_with: 'DRONEA',
        projects: ['P1', 'P2'],
      },
      {
        sn: 'DRONEA',
        callsign: '',
        role: 'aircraft',
        model: 'Model drone',
        model_key: 'k-drone',
        online: false,
        paired_with: 'DOCKA',
        projects: ['P1'],
      },
      {
        sn: 'DOCKB',
        callsign: 'DOCKB name',
        role: 'dock',
        model: '3-2-0',
        model_key: '3-2-0',
        online: true,
        projects: [],
      },
    ]);
  });

  it('an RC gateway is an rc; a device listed twice appears once; a lone aircraft has no pairing', () => {
    const rc = device('RC1', 'rc');
    const lone = device('LONE', 'drone');
    const rows = orgDeviceRows(
      [
        { gateway: rc, drone: null },
        { gateway: null, drone: lone },
        { gateway: rc, drone: null },
      ],
      [],
    );
    assert.deepEqual(
      rows.map((r) => [r.sn, r.role, r.paired_with]),
      [
        ['RC1', 'rc', undefined],
        ['LONE', 'aircraft', undefined],
      ],
    );
  });

  it('membership names each project once per device', () => {
    const m = membership([
      {
        name: 'P',
        list: [
          { gateway: dockA, drone: droneA },
          { gateway: dockA, drone: null },
        ],
      },
    ]);
    assert.deepEqual(m.get('DOCKA'), ['P']);
    assert.deepEqual(m.get('DRONEA'), ['P']);
  });
});
