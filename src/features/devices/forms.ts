// What the device, member and forwarder forms check before anything is sent: network RTK parameters
// (docs/api.md#network-rtk), project members (docs/api.md#project-members) and stream forwarders
// (docs/api.md#stream-forwarders). Pure (no vscode): the commands turn a Problem into words, and
// test/unit/features/devices/forms.test.ts covers every rule.

export type Problem =
  | { readonly code: 'empty'; readonly field: string }
  | { readonly code: 'bad_host'; readonly field: string }
  | { readonly code: 'bad_port'; readonly field: string }
  | { readonly code: 'bad_mount_point' }
  | { readonly code: 'bad_user_id'; readonly value: string }
  | { readonly code: 'duplicate_user_id'; readonly value: string }
  | { readonly code: 'too_many_users'; readonly max: number }
  | { readonly code: 'bad_url'; readonly schemes: readonly string[] }
  | { readonly code: 'bad_gb_id'; readonly field: string };

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(problem: Problem): Checked<T> => ({ ok: false, problem });

/** A host name or an IPv4 address, without a scheme, port or path (an NTRIP caster, a GB28181 server). */
export function checkHost(value: string, field: string): Checked<string> {
  const host = value.trim();
  if (!host) return fail({ code: 'empty', field });
  const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
  const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  const looksNumeric = /^[\d.]+$/.test(host);
  const valid = looksNumeric
    ? ipv4.test(host)
    : host.length <= 253 && host.split('.').every((l) => label.test(l));
  return valid ? ok(host) : fail({ code: 'bad_host', field });
}

/** A TCP/UDP port typed as text: an integer 1–65535. */
export function checkPort(value: string | number, field: string): Checked<number> {
  const text = String(value).trim();
  if (!text) return fail({ code: 'empty', field });
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return port >= 1 && port <= 65535 ? ok(port) : fail({ code: 'bad_port', field });
}

/** Any non-empty text, kept exactly as typed (passwords). */
export function present(value: string | undefined, field: string): Checked<string> {
  return value ? ok(value) : fail({ code: 'empty', field });
}

/** Any non-blank text (trimmed). */
export function required(value: string | undefined, field: string): Checked<string> {
  const v = (value ?? '').trim();
  return v ? ok(v) : fail({ code: 'empty', field });
}

export interface RtkInput {
  readonly host?: string;
  readonly port?: string | number;
  readonly account?: string;
  readonly password?: string;
  readonly mount_point?: string;
}
export interface RtkBody {
  readonly host: string;
  readonly port: number;
  readonly account: string;
  readonly password: string;
  readonly mount_point: string;
}

/** NTRIP mount points are short names of letters, digits, `_`, `-` and `.` (e.g. `RTCM33_GRCEJ`). */
export function checkMountPoint(value: string | undefined): Checked<string> {
  const v = (value ?? '').trim();
  if (!v) return fail({ code: 'empty', field: 'mount_point' });
  return /^[A-Za-z0-9_.-]{1,100}$/.test(v) ? ok(v) : fail({ code: 'bad_mount_point' });
}

/** The body of `POST /device/{sn}/rtk`, or the first problem. The password is kept as typed. */
export function rtkBody(input: RtkInput): Checked<RtkBody> {
  const host = checkHost(input.host ?? '', 'host');
  if (!host.ok) return host;
  const port = checkPort(input.port ?? '', 'port');
  if (!port.ok) return port;
  const account = required(input.account, 'account');
  if (!account.ok) return account;
  const password = present(input.password, 'password');
  if (!password.ok) return password;
  const mount = checkMountPoint(input.mount_point);
  if (!mount.ok) return mount;
  return ok({
    host: host.value,
    port: port.value,
    account: account.value,
    password: password.value,
    mount_point: mount.value,
  });
}

/** More than this many users in one request is more likely a paste mistake than a plan (ours). */
export const MAX_USERS = 100;

/**
 * FlightHub user ids, separated by commas, semicolons or white space. They are numeric strings like the
 * key's `user_id` claim (docs/api.md#project-members).
 */
export function parseUserIds(text: string): Checked<string[]> {
  const ids = text.split(/[\s,;]+/).filter(Boolean);
  if (ids.length === 0) return fail({ code: 'empty', field: 'user_id' });
  if (ids.length > MAX_USERS) return fail({ code: 'too_many_users', max: MAX_USERS });
  const seen = new Set<string>();
  for (const id of ids) {
    if (!/^\d{1,32}$/.test(id)) return fail({ code: 'bad_user_id', value: id });
    if (seen.has(id)) return fail({ code: 'duplicate_user_id', value: id });
    seen.add(id);
  }
  return ok(ids);
}

export const MEMBER_ROLES = ['project-member', 'project-admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface MemberInput {
  readonly user_id: string;
  readonly role: MemberRole;
  readonly nickname?: string;
}

/** `{add_users}` for `PUT /project/member`: ids checked once more, empty nicknames left out. */
export function membersBody(users: readonly MemberInput[]): Checked<{ add_users: MemberInput[] }> {
  const ids = parseUserIds(users.map((u) => u.user_id).join(','));
  if (!ids.ok) return ids;
  return ok({
    add_users: users.map((u) => {
      const nickname = u.nickname?.trim();
      return nickname ? { user_id: u.user_id, role: u.role, nickname } : { user_id: u.user_id, role: u.role };
    }),
  });
}

export type ForwarderSchema = 'rtmp' | 'gb28181';

export interface ForwarderInput {
  readonly converter_name?: string;
  readonly sn: string;
  readonly camera_index: string;
  readonly schema: ForwarderSchema;
  /** rtmp */
  readonly url?: string;
  /** gb28181 */
  readonly server_ip?: string;
  readonly server_port?: string | number;
  readonly device_id?: string;
  readonly device_password?: string;
  readonly local_port?: string | number;
  readonly local_channel?: string;
}

export interface ForwarderBody {
  readonly converter_name: string;
  readonly sn: string;
  readonly camera_index: string;
  readonly schema: ForwarderSchema;
  readonly schema_option: Record<string, string>;
}

/** An RTMP push target: `rtmp://` or `rtmps://`, a host and a path (the stream key). */
export function checkRtmpUrl(value: string | undefined): Checked<string> {
  const v = (value ?? '').trim();
  if (!v) return fail({ code: 'empty', field: 'url' });
  const bad = fail<string>({ code: 'bad_url', schemes: ['rtmp', 'rtmps'] });
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return bad;
  }
  const path = url.pathname.replace(/^\/+/, '');
  return (url.protocol === 'rtmp:' || url.protocol === 'rtmps:') && url.hostname && path ? ok(v) : bad;
}

/** GB/T 28181 ids (device and channel) are 20 decimal digits. */
export function checkGbId(value: string | undefined, field: string): Checked<string> {
  const v = (value ?? '').trim();
  if (!v) return fail({ code: 'empty', field });
  return /^\d{20}$/.test(v) ? ok(v) : fail({ code: 'bad_gb_id', field });
}

/** The body of `POST /live-stream/converter`; gb28181 options are sent as strings (docs/api.md#stream-forwarders). */
export function forwarderBody(input: ForwarderInput): Checked<ForwarderBody> {
  const name = required(input.converter_name, 'converter_name');
  if (!name.ok) return name;
  const base = { converter_name: name.value, sn: input.sn, camera_index: input.camera_index };
  if (input.schema === 'rtmp') {
    const url = checkRtmpUrl(input.url);
    return url.ok ? ok({ ...base, schema: 'rtmp', schema_option: { url: url.value } }) : url;
  }
  const ip = checkHost(input.server_ip ?? '', 'server_ip');
  if (!ip.ok) return ip;
  const port = checkPort(input.server_port ?? '', 'server_port');
  if (!port.ok) return port;
  const deviceId = checkGbId(input.device_id, 'device_id');
  if (!deviceId.ok) return deviceId;
  const password = present(input.device_password, 'device_password');
  if (!password.ok) return password;
  const localPort = checkPort(input.local_port ?? '', 'local_port');
  if (!localPort.ok) return localPort;
  const channel = checkGbId(input.local_channel, 'local_channel');
  if (!channel.ok) return channel;
  return ok({
    ...base,
    schema: 'gb28181',
    schema_option: {
      server_ip: ip.value,
      server_port: String(port.value),
      device_id: deviceId.value,
      device_password: password.value,
      local_port: String(localPort.value),
      local_channel: channel.value,
    },
  });
}
