// "Show Device State" (issue 15): a panel with a device's mode, battery, position, altitude, signal,
// payloads and HMS alerts, read again every few seconds while the panel is visible. Polling stops
// while it is hidden and for good when it closes; "Open as JSON" shows the raw thing model.
import * as vscode from 'vscode';
import type * as z from 'zod';
import type { deviceState, hmsAlert } from '../../api/schemas/device';
import { describeError } from '../../core/errorText';
import type { Services } from '../../services/services';
import { definePanel } from '../../ui/panels/definePanel';
import type { PanelHost } from '../../ui/panels/panelHost';
import type { PanelBinding } from '../../webviews/binding';
import {
  deviceStateState,
  fromWebview,
  type FromWebview,
  type StateDevice,
  type ToWebview,
} from '../../webviews/deviceState/protocol';
import { readStateFacts } from './stateFacts';
import { deviceStateLabels, deviceStateView, hmsAlertsView } from './stateWords';

type DeviceState = z.infer<typeof deviceState>;
type HmsAlert = z.infer<typeof hmsAlert>;

/** How often a visible panel reads the device again. */
export const STATE_POLL_MS = 3000;

export class DeviceStatePanel {
  private timer: NodeJS.Timeout | undefined;
  private alive = true;
  private polling = false;
  private readonly messages = new Map<string, ToWebview>();
  private readonly subscription: vscode.Disposable;
  /** Settles after each read (the first one: the command waits for it). */
  loaded: Promise<void>;
  /** What the last successful read returned, for the commands' results. */
  last: { readonly state: DeviceState; readonly alerts: readonly HmsAlert[] } | undefined;

  constructor(
    private readonly host: PanelHost<ToWebview, FromWebview>,
    readonly device: StateDevice,
    private readonly services: Services,
    private readonly binding: PanelBinding,
  ) {
    this.subscription = host.panel.onDidChangeViewState(() => this.visibilityChanged());
    this.loaded = this.poll();
  }

  ready(): void {
    this.host.post({
      type: 'setup',
      labels: deviceStateLabels(),
      device: this.device,
      binding: this.binding,
      locale: vscode.env.language.slice(0, 40),
    });
    const focus = this.messages.get('focus');
    for (const message of this.messages.values()) if (message !== focus) this.host.post(message);
    if (focus) this.host.post(focus);
  }

  async receive(message: FromWebview): Promise<void> {
    if (message.type === 'refresh') {
      this.loaded = this.poll();
      return this.loaded;
    }
    await vscode.commands.executeCommand('flighthub.showDeviceStateJson', { sn: this.device.sn });
  }

  focus(section: 'state' | 'alerts'): void {
    this.show({ type: 'focus', section });
  }

  dispose(): void {
    this.alive = false;
    this.stop();
    this.subscription.dispose();
  }

  private visibilityChanged(): void {
    if (!this.alive) return;
    if (this.host.panel.visible && !this.polling) this.loaded = this.poll();
    else if (!this.host.panel.visible) this.stop();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.polling && this.alive) this.show({ type: 'polling', active: false });
    this.polling = false;
  }

  /** Reads state and alerts once, then again after STATE_POLL_MS while the panel stays visible. */
  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.polling) this.show({ type: 'polling', active: true });
    this.polling = true;
    await this.read();
    if (!this.alive || !this.polling || !this.host.panel.visible) return;
    // One timer, even when a refresh or a visibility change overlapped this read.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.loaded = this.poll();
    }, STATE_POLL_MS);
  }

  private async read(): Promise<void> {
    const sn = this.device.sn;
    try {
      const api = await this.services.session.apiFor(this.binding);
      const [state, hms] = await Promise.all([api.devices.state(sn), api.devices.hms([sn])]);
      if (!this.alive) return;
      const alerts = hms.list.find((e) => e.device_sn === sn)?.device_hms?.list ?? [];
      this.last = { state, alerts };
      this.messages.delete('failed');
      this.show({ type: 'alerts', alerts: hmsAlertsView(alerts) });
      const facts = readStateFacts(state.device_state ?? {}, this.device.role);
      // Last: the newest state is what the host posted last (integration tests read it there).
      this.show({ type: 'state', view: deviceStateView(facts, Date.now()) });
    } catch (error) {
      if (!this.alive) return;
      this.services.log.error(`device state ${sn}: ${describeError(error)}`);
      this.show({ type: 'failed', message: describeError(error).slice(0, 2000) });
    }
  }

  /** Keeps the latest message of each type for every `ready`, and posts it now if the page is ready. */
  private show(message: ToWebview): void {
    this.messages.set(message.type, message);
    if (this.host.ready) this.host.post(message);
  }
}

/** One panel per device of a project; after a reload the saved device is read again from its project. */
export const deviceStatePanel = definePanel({
  viewType: 'flighthub.deviceState',
  bundle: 'deviceState',
  fromWebview,
  state: deviceStateState,
  keyOf: ({ device, binding: b }) => `${b.connectionId}/${b.projectUuid}/${device.sn}`,
  title: ({ device }) => vscode.l10n.t('State: {0}', device.name),
  create: (host: PanelHost<ToWebview, FromWebview>, { device, binding }, services: Services) =>
    new DeviceStatePanel(host, device, services, binding),
  revived: (panel) => panel.loaded,
});
