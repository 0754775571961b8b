// Pure decisions of the livestream panel: what a `url_type` means here, when to fetch fresh credentials,
// which cameras of a device can stream, and where the FlightHub 2 web app is. No vscode import.
import type { Device } from '../../api/schemas/device';
import type { Connection } from '../../services/store';

/**
 * `whep` plays in the page. `volc` (Volcano Engine RTC) and `agora` need the vendor's web SDK, which is
 * not bundled (see README / report: signalling to vendor hosts, size); FlightHub 2's own web app plays them.
 */
export type StreamKind = 'whep' | 'volc' | 'agora' | 'unknown';

export function streamKind(urlType: string): StreamKind {
  const t = urlType.trim().toLowerCase();
  if (t === 'whep' || t === 'srs' || t === 'webrtc') return 'whep';
  if (t === 'volc' || t === 'volcengine') return 'volc';
  if (t === 'agora') return 'agora';
  return 'unknown';
}

/** How long a token is asked for (docs/api.md#livestream-start: `video_expire`, seconds). */
export const VIDEO_EXPIRE_S = 3600;
/** Fresh credentials this long before the old ones run out (the new stream needs a few seconds). */
export const RESTART_LEAD_MS = 45_000;

/**
 * Milliseconds until the stream should be started again: `lead` before `expire_ts`, but never sooner
 * than `minMs` (a token that is already nearly expired must not cause a restart loop).
 */
export function restartDelayMs(expireTs: number, nowMs: number, lead = RESTART_LEAD_MS, minMs = 5_000) {
  return Math.max(minMs, expireTs * 1000 - lead - nowMs);
}

export type Camera = NonNullable<Device['camera_list']>[number];

/**
 * Cameras that can stream: the device's `camera_list` (docs/api.md#device-lists). A device without one
 * (offline, or the list not filled yet) falls back to the known camera of its model family.
 */
export function streamCameras(device: Device, role: 'dock' | 'aircraft' | 'rc'): string[] {
  const listed = (device.camera_list ?? []).map((c) => c.camera_index).filter((i) => /^\d+-\d+-\d+$/.test(i));
  if (listed.length) return [...new Set(listed)];
  if (role === 'dock') return ['165-0-7'];
  if (role === 'aircraft') return ['81-0-0'];
  return [];
}

/** The lenses the camera can switch between (more than one, else there is nothing to switch). */
export function canSwitchLens(device: Device, camera: string): boolean {
  const c = (device.camera_list ?? []).find((x) => x.camera_index === camera);
  const lenses = new Set((c?.lens_list ?? []).flatMap((l) => l.available_lens_types ?? []));
  return lenses.size > 1;
}

/**
 * The FlightHub 2 web app for a connection: the public cloud app for region connections, the server
 * itself for an on-premises deployment (it serves web app and API on one host), none for the simulator.
 */
export function webAppUrl(connection: Pick<Connection, 'kind' | 'url'> | undefined): string | undefined {
  if (!connection || connection.kind === 'simulator') return undefined;
  if (connection.kind === 'region') return 'https://fh.dji.com/';
  try {
    return new URL(connection.url).origin + '/';
  } catch {
    return undefined;
  }
}

export interface WhepEndpoint {
  /** As live-stream/start returned it (the host reaches it). */
  readonly url: string;
  /** As the page reaches it. */
  readonly external: string;
  readonly externalBase: string;
  readonly internalBase: string;
}

/**
 * The session URL as the host reaches it. A proxy in front of the page (code-server's /proxy/<port>/)
 * may have rewritten the Location into its own path; that prefix is swapped back for the host's.
 */
export function internalLocation(e: WhepEndpoint, location: string): string {
  const seen = new URL(location, e.external).href;
  if (e.externalBase !== e.internalBase && seen.startsWith(`${e.externalBase}/`))
    return e.internalBase + seen.slice(e.externalBase.length);
  return new URL(location, e.url).href;
}
