// The active connection and project in the status bar, with FlightHub 2's system status polled
// gently (every 2 minutes, only while connected).
import * as vscode from 'vscode';
import type { Services } from '../../services/services';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'flighthub.status',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private timer: NodeJS.Timeout | undefined;
  private healthy: boolean | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly services: Services) {
    this.item.name = 'FlightHub 2';
    this.item.command = 'flighthub.switchConnection';
    this.subscription = services.session.onDidChange(() => this.onSessionChange());
    // A connection saved by an earlier window is active from the start, and no session change
    // follows: start its health poll now. (The first poll waits a tick, so activation sends nothing.)
    this.onSessionChange();
  }

  /** The last health poll's answer; undefined before the first one (or while not connected). */
  get health(): boolean | undefined {
    return this.healthy;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }

  private onSessionChange(): void {
    this.healthy = undefined;
    this.render();
    // One Node Timeout object either way: clearTimeout also stops an interval.
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.services.session.connection) return;
    this.timer = setTimeout(() => {
      void this.poll();
      this.timer = setInterval(() => void this.poll(), 120_000);
    }, 0);
  }

  private async poll(): Promise<void> {
    try {
      const client = await this.services.session.client();
      await client.systemStatus();
      this.healthy = true;
    } catch {
      this.healthy = false;
    }
    this.render();
  }

  private render(): void {
    const { connection, project } = this.services.session;
    if (!connection) {
      this.item.text = `$(plug) ${vscode.l10n.t('FlightHub: not connected')}`;
      this.item.tooltip = vscode.l10n.t('Add an organization key or try the built-in simulator');
      this.item.command = 'flighthub.addConnection';
      this.item.show();
      return;
    }
    const icon = this.healthy === false ? '$(warning)' : '$(rocket)';
    this.item.text = `${icon} ${connection.name}${project ? ` / ${project.name}` : ''}`;
    const health =
      this.healthy === undefined
        ? ''
        : this.healthy
          ? vscode.l10n.t('FlightHub 2 is up')
          : vscode.l10n.t('FlightHub 2 is not answering');
    this.item.tooltip = [vscode.l10n.t('Click to switch connection'), health].filter(Boolean).join('\n');
    this.item.command = 'flighthub.switchConnection';
    this.item.show();
  }
}
