// While the built-in simulator is the active connection: its clock speed and active faults in the
// status bar; a click opens the command palette on the simulator's controls.
import * as vscode from 'vscode';
import type { Services } from '../../services/services';

/** Fired by the control commands after they change the simulator. */
export const simulatorChanged = new vscode.EventEmitter<void>();

export class SimulatorStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'flighthub.simulator',
    vscode.StatusBarAlignment.Left,
    49,
  );
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: Services) {
    this.item.name = vscode.l10n.t('FlightHub 2 Simulator');
    this.item.command = {
      command: 'workbench.action.quickOpen',
      title: vscode.l10n.t('Simulator controls'),
      arguments: ['>FlightHub: Simulator: '],
    };
    this.subscriptions = [
      services.session.onDidChange(() => void this.render()),
      simulatorChanged.event(() => void this.render()),
    ];
    void this.render();
  }

  /** The item's text, for tests (undefined while hidden). */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  private shown = false;

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }

  private async render(): Promise<void> {
    const { session, simulator } = this.services;
    // Never starts the simulator: shown only once it runs and is the active connection.
    if (session.connection?.kind !== 'simulator' || !simulator.isRunning) {
      this.shown = false;
      this.item.hide();
      return;
    }
    const sim = await simulator.ensure();
    const faults = sim.faults.list().length;
    const speed = sim.clock.speed;
    this.item.text =
      faults > 0 ? `$(beaker) ×${speed} $(bug) ${faults}` : speed === 1 ? '$(beaker)' : `$(beaker) ×${speed}`;
    this.item.tooltip =
      faults > 0
        ? vscode.l10n.t(
            'Built-in simulator: clock ×{0}, {1} fault rules active. Click for its controls.',
            speed,
            faults,
          )
        : vscode.l10n.t('Built-in simulator: clock ×{0}. Click for its controls.', speed);
    this.item.backgroundColor =
      faults > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.shown = true;
    this.item.show();
  }
}
