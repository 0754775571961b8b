import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkHost,
  checkPort,
  checkRtmpUrl,
  forwarderBody,
  MAX_USERS,
  membersBody,
  parseUserIds,
  rtkBody,
  type Checked,
} from '../../../../src/features/devices/forms';

const problem = <T>(c: Checked<T>) => (c.ok ? undefined : c.problem);

const rtk = {
  host: 'rtk.example.com',
  port: '2101',
  account: 'user',
  password: ' p@ss ',
  mount_point: 'RTCM33_GRCEJ',
};
const gb = {
  converter_name: 'Gate',
  sn: 'SN1',
  camera_index: '81-0-0',
  schema: 'gb28181' as const,
  server_ip: '10.0.0.5',
  server_port: 5060,
  device_id: '34020000001320000001',
  device_password: 'secret',
  local_port: '5061',
  local_channel: '34020000001320000002',
};

describe('device forms', () => {
  it('hosts: names and IPv4 addresses, nothing with a scheme, port, space or bad octet', () => {
    for (const ok of ['rtk.example.com', 'caster', '192.168.1.20', 'a-b.c1.example'])
      assert.equal(checkHost(ok, 'host').ok, true, ok);
    for (const bad of ['http://x.com', 'x.com:2101', 'a b', '300.1.1.1', '1.2.3', '-x.com', 'x..com'])
      assert.deepEqual(problem(checkHost(bad, 'host')), { code: 'bad_host', field: 'host' }, bad);
    assert.deepEqual(problem(checkHost('  ', 'host')), { code: 'empty', field: 'host' });
  });

  it('ports: integers 1–65535 only', () => {
    assert.deepEqual(checkPort(' 2101 ', 'port'), { ok: true, value: 2101 });
    assert.deepEqual(checkPort(65535, 'port'), { ok: true, value: 65535 });
    for (const bad of ['0', '65536', '21.5', '-1', 'abc', '123456'])
      assert.deepEqual(problem(checkPort(bad, 'port')), { code: 'bad_port', field: 'port' }, bad);
  });

  it('RTK: a complete body with a numeric port and the password as typed', () => {
    assert.deepEqual(rtkBody(rtk), {
      ok: true,
      value: {
        host: 'rtk.example.com',
        port: 2101,
        account: 'user',
        password: ' p@ss ',
        mount_point: 'RTCM33_GRCEJ',
      },
    });
    assert.deepEqual(problem(rtkBody({ ...rtk, password: '' })), { code: 'empty', field: 'password' });
    assert.deepEqual(problem(rtkBody({ ...rtk, account: ' ' })), { code: 'empty', field: 'account' });
    assert.deepEqual(problem(rtkBody({ ...rtk, mount_point: 'RTCM 3' })), { code: 'bad_mount_point' });
    assert.deepEqual(problem(rtkBody({ ...rtk, port: '99999' })), { code: 'bad_port', field: 'port' });
  });

  it('user ids: digits, any separator, no repeats, not too many', () => {
    assert.deepEqual(parseUserIds(' 17700, 17701;17702\n17703 '), {
      ok: true,
      value: ['17700', '17701', '17702', '17703'],
    });
    assert.deepEqual(problem(parseUserIds('')), { code: 'empty', field: 'user_id' });
    assert.deepEqual(problem(parseUserIds('17700 bob')), { code: 'bad_user_id', value: 'bob' });
    assert.deepEqual(problem(parseUserIds('1 2 1')), { code: 'duplicate_user_id', value: '1' });
    const many = Array.from({ length: MAX_USERS + 1 }, (_, i) => String(i + 1)).join(',');
    assert.deepEqual(problem(parseUserIds(many)), { code: 'too_many_users', max: MAX_USERS });
  });

  it('members body: add_users with trimmed nicknames, empty ones left out', () => {
    assert.deepEqual(
      membersBody([
        { user_id: '1', role: 'project-admin', nickname: ' Site admin ' },
        { user_id: '2', role: 'project-member', nickname: '  ' },
      ]),
      {
        ok: true,
        value: {
          add_users: [
            { user_id: '1', role: 'project-admin', nickname: 'Site admin' },
            { user_id: '2', role: 'project-member' },
          ],
        },
      },
    );
    assert.deepEqual(problem(membersBody([{ user_id: 'x', role: 'project-member' }])), {
      code: 'bad_user_id',
      value: 'x',
    });
  });

  it('RTMP URLs need rtmp(s)://, a host and a stream path', () => {
    assert.equal(checkRtmpUrl('rtmp://stream.example.com/live/key').ok, true);
    assert.equal(checkRtmpUrl('rtmps://stream.example.com:443/app/key').ok, true);
    for (const bad of ['http://stream.example.com/live', 'rtmp://stream.example.com', 'rtmp://', 'not a url'])
      assert.deepEqual(problem(checkRtmpUrl(bad)), { code: 'bad_url', schemes: ['rtmp', 'rtmps'] }, bad);
  });

  it('forwarder bodies: rtmp and gb28181 options, gb28181 ids of 20 digits, ports as strings', () => {
    assert.deepEqual(
      forwarderBody({
        converter_name: ' Cam ',
        sn: 'SN1',
        camera_index: '81-0-0',
        schema: 'rtmp',
        url: 'rtmp://h/live/k',
      }),
      {
        ok: true,
        value: {
          converter_name: 'Cam',
          sn: 'SN1',
          camera_index: '81-0-0',
          schema: 'rtmp',
          schema_option: { url: 'rtmp://h/live/k' },
        },
      },
    );
    const made = forwarderBody(gb);
    assert.ok(made.ok);
    assert.deepEqual(made.value.schema_option, {
      server_ip: '10.0.0.5',
      server_port: '5060',
      device_id: '34020000001320000001',
      device_password: 'secret',
      local_port: '5061',
      local_channel: '34020000001320000002',
    });
    assert.deepEqual(problem(forwarderBody({ ...gb, device_id: '1234' })), {
      code: 'bad_gb_id',
      field: 'device_id',
    });
    assert.deepEqual(problem(forwarderBody({ ...gb, local_channel: '' })), {
      code: 'empty',
      field: 'local_channel',
    });
    assert.deepEqual(problem(forwarderBody({ ...gb, device_password: '' })), {
      code: 'empty',
      field: 'device_password',
    });
    assert.deepEqual(problem(forwarderBody({ ...gb, converter_name: '' })), {
      code: 'empty',
      field: 'converter_name',
    });
    assert.deepEqual(problem(forwarderBody({ ...gb, schema: 'rtmp', url: 'ftp://x/y' })), {
      code: 'bad_url',
      schemes: ['rtmp', 'rtmps'],
    });
  });
});
