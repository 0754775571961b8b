// Livestream panel (issue 5): starts the camera's stream (live-stream/start), gives the page a playable
// WHEP URL (mapped with asExternalUri: the built-in simulator serves it from the extension host), renews
// the credentials before `expire_ts`, ends the WHEP sessions when the panel closes, and explains vendor
// streams (Volcano Engine, Agora) that only FlightHub 2's web app plays. Restored after a reload.
import * as vscode from 'vscode';
import { sendFlightAction, type ActionSpec } from '../../ui/flightAction';
import { needsPayloadControl } from '../../api/errors';
import { describeError } from '../../core/errorText';
import {
  internalLocation,
  restartDelayMs,
  streamKind,
  VIDEO_EXPIRE_S,
  webAppUrl,
  type WhepEndpoint,
} from './plan';
import type { Services } from '../../services/services';
import type { MovingAction } from '../../services/safety';
import type { PanelBinding } from '../../webviews/binding';
import {
  fromWebview,
  liveState,
  type FromWebview,
  type LiveTarget,
  type ToWebview,
} from '../../webviews/live/protocol';
import { liveLabels } from '../../ui/panels/labels';
import { definePanel } from '../../ui/panels/definePanel';
import type { PanelHost } from '../../ui/panels/panelHost';

export class Livestream {
  private current: ToWebview | undefined;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The WHEP endpoint (as the host reaches it) and the page's session Location, per generation. */
  private readonly sessions = new Map<number, WhepEndpoint & { location?: string }>();
  started: Promise<ToWebview>;

  constructor(
    readonly host: PanelHost<ToWebview, FromWebview>,
    private target: LiveTarget,
    private readonly canSwitchLens: boolean,
    private readonly services: Services,
    /** Renewals and quality changes go to the connection and project it was opened for. */
    private readonly binding: PanelBinding,
  ) {
    this.started = this.start();
  }

  /** Fresh credentials; a WHEP stream replaces the running one in the page without a gap. */
  async start(): Promise<ToWebview> {
    clearTimeout(this.timer);
    const t = this.target;
    try {
      const api = await this.services.session.apiFor(this.binding);
      const live = await api.live.start({
        sn: t.sn,
        camera_index: t.camera,
        video_expire: VIDEO_EXPIRE_S,
        quality_type: t.quality,
      });
      const kind = streamKind(live.url_type);
      this.services.log.info(`livestream ${t.sn} ${t.camera}: url_type ${live.url_type}`);
      if (kind !== 'whep') return this.show(unsupported(kind, live.url_type, this.webApp() !== undefined));
      const generation = ++this.generation;
      const endpoint = await externalUrl(live.url);
      const url = endpoint.external;
      this.sessions.set(generation, endpoint);
      this.host.allowOrigins({ connect: [url] });
      this.timer = setTimeout(() => void this.start(), restartDelayMs(live.expire_ts, Date.now()));
      return this.show({ type: 'whep', url, expiresAt: live.expire_ts * 1000, generation });
    } catch (error) {
      this.services.log.error(`livestream ${t.sn} ${t.camera}: ${describeError(error)}`);
      return this.show({ type: 'failed', message: describeError(error).slice(0, 2000) });
    }
  }

  /** A message from the page (already validated). */
  async receive(m: FromWebview): Promise<void> {
    const t = this.target;
    try {
      if (m.type === 'session') return this.onSession(m.generation, m.location);
      if (m.type === 'restart') return void (await this.start());
      if (m.type === 'openWeb') {
        const url = this.webApp();
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        return;
      }
      if (m.type === 'switchLens') {
        // The lens command asks for the lens; `acquireControl` lets it take payload control when FlightHub
        // answers 228402, through the safety gate (whose modal is the offer).
        const args = { sn: t.sn, camera_index: t.camera, acquireControl: true };
        await vscode.commands.executeCommand('flighthub.changeLens', args);
        return;
      }
      if (!(await this.setQuality(m.quality))) return;
      this.target = { ...t, quality: m.quality };
      this.ready();
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  }

  /**
   * Fenced and audited like every command to a device (no modal: the aircraft does not move). Like a lens
   * switch, quality needs payload control of the camera: when FlightHub answers so, control is taken
   * through the safety gate (its modal is the offer) and the change sent again. False when declined.
   */
  private async setQuality(quality: LiveTarget['quality']): Promise<boolean> {
    const t = this.target;
    const api = await this.services.session.apiFor(this.binding);
    const ctx = { services: this.services };
    const send = (): Promise<unknown> =>
      sendFlightAction(
        ctx,
        api,
        this.boundAction({
          action: 'device.stream.quality',
          label: vscode.l10n.t('Set video quality'),
          deviceSn: t.sn,
          deviceName: t.name,
        }),
        { confirm: false, endpoint: 'device.stream.quality', detail: () => `${t.camera} ${quality}` },
        () => api.devices.setStreamQuality({ sn: t.sn, camera_index: t.camera, quality_type: quality }),
      );
    try {
      await send();
      return true;
    } catch (error) {
      if (!needsPayloadControl(error)) throw error;
    }
    const acquired = await sendFlightAction(
      ctx,
      api,
      this.boundAction({
        action: 'device.control.acquire',
        label: vscode.l10n.t('Acquire payload control'),
        deviceSn: t.sn,
        deviceName: t.name,
      }),
      { confirm: true, endpoint: 'device.control.acquire', detail: () => t.camera },
      () => api.devices.acquireControl({ sn: t.sn, payload_index: [t.camera] }),
    );
    if (!acquired) return false;
    await send();
    return true;
  }

  /** The audit names the panel's own connection and project, which need not be the active ones. */
  private boundAction(spec: ActionSpec): MovingAction {
    const active = this.services.session.project;
    const projectName = active?.uuid === this.binding.projectUuid ? active.name : this.binding.projectUuid;
    return { ...spec, connectionName: this.binding.connectionName, projectName };
  }

  private onSession(generation: number, location: string | null): void {
    const s = this.sessions.get(generation);
    if (!s) return;
    if (location === null) this.sessions.delete(generation);
    else {
      // Older sessions were replaced by this one (the page DELETEs them; the host makes sure on close).
      s.location = location;
      for (const g of this.sessions.keys()) if (g < generation - 1) void this.endSession(g);
    }
  }

  /** DELETE on the session's Location, resolved against the URL the host itself can reach. */
  private async endSession(generation: number): Promise<void> {
    const s = this.sessions.get(generation);
    this.sessions.delete(generation);
    if (!s?.location) return;
    const target = internalLocation(s, s.location);
    const res = await fetch(target, { method: 'DELETE', signal: AbortSignal.timeout(5000) }).catch(
      () => undefined,
    );
    this.services.log.info(`livestream session ended (${res?.status ?? 'unreachable'})`);
  }

  private webApp(): string | undefined {
    return webAppUrl(this.services.store.get(this.binding.connectionId));
  }

  private show(message: ToWebview): ToWebview {
    this.current = message;
    if (this.host.ready) this.host.post(message);
    return message;
  }

  /** Every `ready`. */
  ready(): void {
    this.host.post({
      type: 'setup',
      labels: liveLabels(),
      target: this.target,
      canSwitchLens: this.canSwitchLens,
      binding: this.binding,
    });
    this.host.post(this.current ?? { type: 'starting' });
  }

  dispose(): void {
    clearTimeout(this.timer);
    // FlightHub stops pushing 5 minutes after the last viewer; there is no stop call
    // (docs/api.md#livestream-start).
    for (const g of [...this.sessions.keys()]) void this.endSession(g);
  }
}

function unsupported(kind: string, urlType: string, canOpenWeb: boolean): ToWebview {
  const t = vscode.l10n.t;
  const vendor = kind === 'volc' ? t('Volcano Engine RTC') : kind === 'agora' ? t('Agora') : undefined;
  const message = vendor
    ? t(
        'FlightHub 2 sent this stream through {0}. Playing it needs that vendor’s web SDK, which this extension does not include (it signals through the vendor’s cloud servers). Watch it in the FlightHub 2 web app.',
        vendor,
      )
    : t('FlightHub 2 sent a stream of type "{0}", which this extension does not know how to play.', urlType);
  return { type: 'unsupported', urlType: urlType.slice(0, 100), message, canOpenWeb };
}

/**
 * The URL the webview can reach. A localhost URL (the built-in simulator runs in the extension host)
 * goes through asExternalUri, which under code-server becomes a proxied https URL. Only the origin is
 * mapped: `Uri.toString` would re-encode the token in the query.
 */
async function externalUrl(url: string): Promise<WhepEndpoint> {
  const u = new URL(url);
  const internalBase = `${u.protocol}//${u.host}`;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))
    return { url, external: url, externalBase: internalBase, internalBase };
  const mapped = await vscode.env.asExternalUri(vscode.Uri.parse(`${internalBase}/`));
  const externalBase = mapped.toString(true).replace(/\/$/, '');
  return { url, external: externalBase + u.pathname + u.search, externalBase, internalBase };
}

/**
 * One panel per device camera of a project; retained while hidden (the player must not drop its
 * connection). After a reload the saved camera's stream starts again on its saved project (or it closes).
 */
export const livePanel = definePanel({
  viewType: 'flighthub.livestream',
  bundle: 'live',
  fromWebview,
  retainContextWhenHidden: true,
  state: liveState,
  keyOf: ({ target: t, binding: b }) => `${b.connectionId}/${b.projectUuid}/${t.sn}/${t.camera}`,
  title: ({ target }) => vscode.l10n.t('Live: {0} ({1})', target.name, target.camera),
  create: (host: PanelHost<ToWebview, FromWebview>, saved, services) =>
    new Livestream(host, saved.target, saved.canSwitchLens ?? false, services, saved.binding),
  revived: (live) => live.started,
});

/** Opens (or reveals) the panel for this device camera of the active project, bound to that project. */
export function openLivestream(services: Services, target: LiveTarget, canSwitchLens: boolean): Livestream {
  const binding = services.session.binding();
  return livePanel.open(services, { target, canSwitchLens, binding });
}
