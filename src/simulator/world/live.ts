// Livestream start (docs/api.md#livestream-start) and stream forwarders (docs/api.md#stream-forwarders): at
// most 20 per project, unique push URLs, error codes from docs/api.md#stream-forwarders.
import type { ConverterCreateBody, ConverterListQuery } from '../../api/schemas/live';
import { SimError } from '../types';
import { isOnline, type DeviceRegistry } from './devices';
import { sha256Hex } from './ids';

export const MAX_CONVERTERS = 20;

interface Converter {
  readonly id: string;
  readonly projectUuid: string;
  readonly body: ConverterCreateBody;
  autoPush: boolean;
  updatedAt: number;
}

export type LiveUrlType = 'volc' | 'whep';

/** May this viewer play this room now? (the simulator's WHEP endpoint asks; src/simulator/live) */
export type StreamAccess =
  | { readonly ok: true; readonly expireAtMs: number }
  | { readonly ok: false; readonly status: 401 | 403 | 404; readonly message: string };

export class LiveService {
  private readonly converters = new Map<string, Converter>();
  /** Stream tokens handed out by start(), until they expire. */
  private readonly tokens = new Map<string, { room: string; expireTs: number }>();
  private counter = 0;

  constructor(
    private readonly seed: string,
    private readonly devices: DeviceRegistry,
    private readonly urlType: LiveUrlType,
  ) {}

  start(
    projectUuid: string,
    sn: string,
    cameraIndex: string,
    videoExpire: number,
    baseUrl: string,
    now: number,
  ) {
    const ref = this.devices.inProject(projectUuid, sn);
    if (!ref || !isOnline(ref))
      throw new SimError(
        213001,
        `livestream error: cannot query device ${sn} (offline or not in this project)`,
      );
    if (!this.devices.camera(ref, cameraIndex))
      throw new SimError(
        213014,
        `this camera does not support streaming: ${sn} has no camera ${cameraIndex}`,
      );
    const expireTs = Math.floor(now / 1000) + videoExpire;
    const room = `${sn}_${cameraIndex}`;
    const token = sha256Hex(`${this.seed}|live|${room}|${expireTs}`).slice(0, 48);
    this.remember(token, room, expireTs, now);
    if (this.urlType === 'whep')
      return {
        url: `${baseUrl}/live/whep/${encodeURIComponent(room)}?token=${token}`,
        url_type: 'whep',
        expire_ts: expireTs,
      };
    // Volcano Engine RTC join parameters, in the order seen live (docs/livestream.md#url_type-values).
    const url = new URLSearchParams({
      app_id: sha256Hex(`${this.seed}|app`).slice(0, 24),
      expire_time: String(expireTs),
      room_id: room,
      token,
      user_id: `viewer_${sha256Hex(`${this.seed}|viewer`).slice(0, 8)}`,
    }).toString();
    return { url, url_type: 'volc', expire_ts: expireTs };
  }

  private remember(token: string, room: string, expireTs: number, now: number): void {
    // Drop tokens that expired over an hour ago so a long-running simulator does not grow; recently
    // expired ones stay to get a precise "expired" answer.
    for (const [t, v] of this.tokens) if (v.expireTs * 1000 < now - 3_600_000) this.tokens.delete(t);
    this.tokens.set(token, { room, expireTs });
  }

  /** Checks a WHEP viewer: the room must be an online camera and the token one that start() issued for it. */
  authorize(room: string, token: string | undefined, now: number): StreamAccess {
    const cut = room.lastIndexOf('_');
    const ref = cut > 0 ? this.devices.find(room.slice(0, cut)) : undefined;
    if (!ref || !this.devices.camera(ref, room.slice(cut + 1)))
      return {
        ok: false,
        status: 404,
        message: `no live stream "${room}" (expected <device sn>_<camera index>)`,
      };
    if (!isOnline(ref)) return { ok: false, status: 404, message: `device ${room.slice(0, cut)} is offline` };
    if (!token)
      return {
        ok: false,
        status: 401,
        message: 'a stream token is required (?token= from live-stream/start)',
      };
    const issued = this.tokens.get(token);
    if (!issued || issued.room !== room)
      return { ok: false, status: 403, message: `the token is not valid for stream "${room}"` };
    if (issued.expireTs * 1000 <= now)
      return {
        ok: false,
        status: 401,
        message: `the stream token expired at ${new Date(issued.expireTs * 1000).toISOString()}; call live-stream/start again`,
      };
    return { ok: true, expireAtMs: issued.expireTs * 1000 };
  }

  create(projectUuid: string, body: ConverterCreateBody, now: number): string {
    const mine = [...this.converters.values()].filter((c) => c.projectUuid === projectUuid);
    if (mine.length >= MAX_CONVERTERS)
      throw new SimError(233317, `transcoder count exceeds the limit (${MAX_CONVERTERS})`);
    const ref = this.devices.inProject(projectUuid, body.sn);
    if (!ref)
      throw new SimError(213024, `failed to create transcoder: device ${body.sn} is not in this project`);
    if (!this.devices.camera(ref, body.camera_index) && isOnline(ref))
      throw new SimError(
        213014,
        `this camera does not support streaming: ${body.sn} has no camera ${body.camera_index}`,
      );
    const url = pushUrl(body);
    if (url !== undefined && mine.some((c) => pushUrl(c.body) === url))
      throw new SimError(213028, `push URL duplicates an existing transcoder: ${url}`);
    this.counter++;
    const id = sha256Hex(`${this.seed}|converter|${this.counter}`).slice(0, 32).toUpperCase();
    this.converters.set(id, { id, projectUuid, body, autoPush: false, updatedAt: now });
    return id;
  }

  private find(projectUuid: string, id: string): Converter {
    const c = this.converters.get(id);
    if (!c || c.projectUuid !== projectUuid) throw new SimError(213029, `transcoder ${id} not found`);
    return c;
  }

  toggle(projectUuid: string, id: string, autoPush: boolean, now: number): void {
    const c = this.find(projectUuid, id);
    c.autoPush = autoPush;
    c.updatedAt = now;
  }

  delete(projectUuid: string, id: string): void {
    this.find(projectUuid, id);
    this.converters.delete(id);
  }

  list(projectUuid: string, q: ConverterListQuery) {
    const page = q.page ?? 1;
    const pageSize = q.page_size ?? 10;
    const all = [...this.converters.values()].filter(
      (c) =>
        c.projectUuid === projectUuid &&
        (q.device_sn === undefined || c.body.sn === q.device_sn) &&
        (q.camera_index === undefined || c.body.camera_index === q.camera_index) &&
        (q.schema === undefined || c.body.schema === q.schema) &&
        (q.enable === undefined || c.autoPush === q.enable),
    );
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((c) => this.view(c));
    return { items, pagination: { page, page_size: pageSize, total: all.length } };
  }

  private view(c: Converter): Record<string, unknown> {
    const ref = this.devices.find(c.body.sn);
    const online = ref ? isOnline(ref) : false;
    return {
      converter_id: c.id,
      converter_name: c.body.converter_name,
      update_ts: Math.floor(c.updatedAt / 1000),
      state: !c.autoPush ? 'initialized' : online ? 'running' : 'stopped',
      code: 0,
      sn: c.body.sn,
      camera: c.body.camera_index,
      video: 'normal-0',
      video_type: 'normal',
      schema: c.body.schema,
      auto_push_stream: c.autoPush,
      device_online_status: online,
      device_callsign: ref?.kind === 'dock' ? ref.dock.callsign : (ref?.sn ?? ''),
      bypass_option: { ...c.body.schema_option },
    };
  }

  get count(): number {
    return this.converters.size;
  }
}

function pushUrl(body: ConverterCreateBody): string | undefined {
  const o = body.schema_option;
  if (typeof o.url === 'string') return o.url;
  if (body.schema === 'gb28181')
    return `gb28181://${String(o.server_ip)}:${String(o.server_port)}/${String(o.device_id)}/${String(o.local_channel)}`;
  return undefined;
}
