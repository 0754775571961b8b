// Organization devices, project members and stream forwarders in a real VS Code on the simulator.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../../src/extension';
import type { OrgDeviceRow } from '../../../../src/features/devices/orgRows';
import type { Simulator } from '../../../../src/simulator/simulator';
import type { TreeNode } from '../../../../src/ui/tree/nodes';
import { children, connectSimulator, extensionApi, mainDockWithRoute } from '../../api';

describe('organization devices, members and stream forwarders', function () {
  this.timeout(90_000);
  let api: TestApi;
  let sim: Simulator;
  let aircraftSn: string;

  const group = async (id: string): Promise<TreeNode> => {
    const node = (await children(api.views.devices)).find((n) => n.id === id);
    assert.ok(node, `no ${id} node in the Devices view`);
    return node;
  };
  const contextOf = (node: TreeNode) => node.toTreeItem().contextValue;

  before(async () => {
    api = await extensionApi();
    sim = await connectSimulator(api);
    ({ aircraftSn } = mainDockWithRoute(api, sim));
  });

  it('Show Organization Devices lists every dock and aircraft of the organization with its projects', async () => {
    const rows = await vscode.commands.executeCommand<OrgDeviceRow[]>('flighthub.showOrgDevices');
    assert.ok(rows, String(api.lastCommandError()));
    const world = sim.world.describe();
    const names = new Map(world.projects.map((p) => [p.uuid, p.name]));
    const bySn = new Map(rows.map((r) => [r.sn, r]));
    assert.ok(
      new Set(world.docks.map((d) => d.projectUuid)).size > 1,
      'the demo organization spreads docks over several projects',
    );
    for (const dock of world.docks) {
      const row = bySn.get(dock.sn);
      assert.ok(row, `dock ${dock.sn} missing`);
      assert.equal(row.role, 'dock');
      assert.equal(row.online, dock.online);
      assert.equal(row.model_key, dock.modelKey);
      assert.equal(row.callsign, dock.callsign);
      assert.equal(row.paired_with, dock.aircraftSn);
      assert.equal(bySn.get(dock.aircraftSn)?.role, 'aircraft');
      const accessible = world.projects.find((p) => p.uuid === dock.projectUuid)?.accessible;
      if (accessible) assert.deepEqual(row.projects, [names.get(dock.projectUuid)], dock.sn);
    }
    // The organization list covers the dock scenario only (docs/api.md#device-lists).
    for (const rc of world.remoteControllers) assert.ok(!bySn.has(rc.sn), `RC ${rc.sn} listed`);

    const tree = await children(api.views.devices, await group('orgDevices'));
    assert.deepEqual(
      tree.map((n) => n.id),
      rows.map((r) => `orgDevice:${r.sn}`),
    );
  });

  it('Add Members to Project adds the users to the project in the simulator, and refuses bad ids', async () => {
    const project = api.services.session.project?.uuid;
    assert.ok(project);
    const before = sim.world.inspect().members[project] ?? [];
    const bad = await vscode.commands.executeCommand('flighthub.addProjectMembers', {
      add_users: [{ user_id: 'bob', role: 'project-member' }],
    });
    assert.equal(bad, undefined);
    assert.match(String(api.lastCommandError()), /"bob" is not a FlightHub user id/);
    assert.deepEqual(sim.world.inspect().members[project] ?? [], before);

    const ids = await vscode.commands.executeCommand<string[]>('flighthub.addProjectMembers', {
      add_users: [
        { user_id: '1770000000000000101', role: 'project-admin', nickname: ' IT admin ' },
        { user_id: '1770000000000000102', role: 'project-member' },
      ],
    });
    assert.deepEqual(ids, ['1770000000000000101', '1770000000000000102'], String(api.lastCommandError()));
    const members = sim.world.inspect().members[project] ?? [];
    assert.deepEqual(
      members.filter((m) => m.userId.startsWith('17700000000000001')),
      [
        { userId: '1770000000000000101', role: 'project-admin', nickname: 'IT admin' },
        { userId: '1770000000000000102', role: 'project-member', nickname: '' },
      ],
    );
  });

  it('stream forwarders: create, enable, disable and delete round trip, shown in the Devices view', async () => {
    const url = 'rtmp://push.example.com/live/it-round-trip';
    const id = await vscode.commands.executeCommand<string>('flighthub.createForwarder', {
      sn: aircraftSn,
      camera_index: '81-0-0',
      converter_name: 'IT forwarder',
      schema: 'rtmp',
      url,
    });
    assert.ok(id, String(api.lastCommandError()));
    const node = async () =>
      (await children(api.views.devices, await group('forwarders'))).find((n) => n.id === `forwarder:${id}`);
    const client = await api.services.session.projectApi();
    const listed = async () =>
      (await client.live.listConverters({ page_size: 100 })).list.find((f) => f.converter_id === id);
    assert.equal(contextOf((await node()) ?? assert.fail('not in the tree')), 'forwarder.disabled');
    assert.equal((await listed())?.auto_push_stream, false);

    assert.ok(await vscode.commands.executeCommand('flighthub.enableForwarder', { converter_id: id }));
    assert.equal((await listed())?.auto_push_stream, true);
    assert.equal(contextOf((await node()) ?? assert.fail('not in the tree')), 'forwarder.enabled');

    assert.ok(await vscode.commands.executeCommand('flighthub.disableForwarder', { converter_id: id }));
    assert.equal((await listed())?.auto_push_stream, false);

    assert.ok(
      await vscode.commands.executeCommand('flighthub.deleteForwarder', { converter_id: id, confirm: true }),
    );
    assert.equal(await listed(), undefined);
    assert.equal(await node(), undefined);
  });

  it('a forwarding error is explained: a second forwarder to the same push URL (213028)', async () => {
    const body = {
      sn: aircraftSn,
      camera_index: '81-0-0',
      schema: 'rtmp',
      url: 'rtmp://push.example.com/live/it-dup',
    };
    const first = await vscode.commands.executeCommand<string>('flighthub.createForwarder', {
      ...body,
      converter_name: 'IT first',
    });
    assert.ok(first, String(api.lastCommandError()));
    try {
      const second = await vscode.commands.executeCommand('flighthub.createForwarder', {
        ...body,
        converter_name: 'IT second',
      });
      assert.equal(second, undefined);
      const shown = api.services.log.recent
        .filter((l) => l.includes('flighthub.createForwarder failed'))
        .at(-1);
      assert.match(shown ?? '', /Another stream forwarder already pushes to this URL/);
      assert.match(shown ?? '', /Use a different push URL/);
      assert.match(shown ?? '', /code 213028/);
    } finally {
      await vscode.commands.executeCommand('flighthub.deleteForwarder', {
        converter_id: first,
        confirm: true,
      });
    }
  });

  it('the forwarder form refuses a push URL that is not RTMP before anything is sent', async () => {
    const result = await vscode.commands.executeCommand('flighthub.createForwarder', {
      sn: aircraftSn,
      camera_index: '81-0-0',
      converter_name: 'IT bad',
      schema: 'rtmp',
      url: 'http://push.example.com/live/x',
    });
    assert.equal(result, undefined);
    assert.match(String(api.lastCommandError()), /rtmp:\/\//);
  });

  it('the Devices view shows the organization devices and an enabled forwarder when revealed', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.flighthub');
    const id = await vscode.commands.executeCommand<string>('flighthub.createForwarder', {
      sn: aircraftSn,
      camera_index: '81-0-0',
      converter_name: 'Harbor gate to RTMP',
      schema: 'rtmp',
      url: 'rtmp://push.example.com/live/harbor-gate',
    });
    assert.ok(id, String(api.lastCommandError()));
    assert.ok(await vscode.commands.executeCommand('flighthub.enableForwarder', { converter_id: id }));
    const view = api.views.devicesView;
    await view.reveal(await group('orgDevices'), { expand: true, select: false, focus: false });
    const forwarder = (await children(api.views.devices, await group('forwarders'))).find(
      (n) => n.id === `forwarder:${id}`,
    );
    assert.ok(forwarder, 'the new forwarder is not listed');
    await view.reveal(forwarder, { select: true, focus: true });
    assert.ok(view.visible, 'the Devices view is not visible');
    const item = api.views.devices.getTreeItem(forwarder);
    assert.match(String(item.description), /\benabled\b/, 'the revealed forwarder shows it is enabled');
  });
});
