// The safety gate: nothing that makes an aircraft move is sent without an explicit, modal
// confirmation naming the device, project and action; `flighthub.safety.allowedDevices` can fence a
// workspace to test devices. Every decision and result lands in the audit log.
import * as vscode from 'vscode';
import type { AuditEntry, AuditLog } from './audit';

export interface MovingAction {
  /** Stable action id for the audit log, e.g. `task.create.immediate`, `device.return_home`. */
  readonly action: string;
  /** Human label, e.g. "Return to home". */
  readonly label: string;
  readonly deviceSn: string;
  readonly deviceName?: string;
  readonly projectName?: string;
  readonly connectionName: string;
  readonly taskName?: string;
  /** When the aircraft takes off, for actions that schedule a flight (shown in the confirmation). */
  readonly startsAt?: string;
  /** An AI agent asked for it: the question says so, and so does the audit log. */
  readonly requestedBy?: 'agent';
  /** What it does to the device, when not "makes a real aircraft move" (e.g. an RTK calibration). */
  readonly effect?: string;
}

/** Asks a person; resolves true only for an explicit yes. Given at construction (tests pass their own). */
export type Prompt = (message: string, detail: string, confirmLabel: string) => Thenable<boolean>;

export class SafetyBlockedError extends Error {
  readonly code = 'safety_blocked';
}

/** The real question: a modal warning with one confirm button. */
export const modalPrompt: Prompt = async (message, detail, confirmLabel) =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel;

export class SafetyGate {
  constructor(
    private readonly audit: AuditLog,
    private readonly prompt: Prompt = modalPrompt,
  ) {}

  /**
   * The fence: throws SafetyBlockedError (and audits `blocked`) when `flighthub.safety.allowedDevices`
   * is set and does not list the device. Every send that addresses a device passes here, confirmed or not.
   */
  async assertAllowed(a: MovingAction): Promise<void> {
    const allowed = vscode.workspace.getConfiguration('flighthub.safety').get<string[]>('allowedDevices', []);
    if (allowed.length === 0 || allowed.includes(a.deviceSn)) return;
    await this.record(a, 'blocked', 'device not in flighthub.safety.allowedDevices');
    throw new SafetyBlockedError(
      vscode.l10n.t(
        '{0} is not in flighthub.safety.allowedDevices: "{1}" was not sent.',
        a.deviceSn,
        a.label,
      ),
    );
  }

  /** True when the person confirmed; false when they declined. Throws when the device is fenced off. */
  async confirm(a: MovingAction): Promise<boolean> {
    // Fenced devices are refused before anyone is asked.
    await this.assertAllowed(a);
    const device = a.deviceName ? `${a.deviceName} (${a.deviceSn})` : a.deviceSn;
    const message =
      a.requestedBy === 'agent'
        ? vscode.l10n.t('An AI agent asks to send "{0}" to {1}. Send it?', a.label, device)
        : vscode.l10n.t('Send "{0}" to {1}?', a.label, device);
    const detail = vscode.l10n.t(
      '{0}\nDevice: {1}\nProject: {2}\nConnection: {3}{4}',
      a.effect ?? vscode.l10n.t('This makes a real aircraft move.'),
      device,
      a.projectName ?? '-',
      a.connectionName,
      [
        a.taskName ? vscode.l10n.t('Task: {0}', a.taskName) : undefined,
        a.startsAt ? vscode.l10n.t('Takes off: {0}', a.startsAt) : undefined,
      ]
        .filter((line) => line !== undefined)
        .map((line) => `\n${line}`)
        .join(''),
    );
    const yes = await this.prompt(message, detail, a.label);
    if (!yes) await this.record(a, 'declined');
    return yes;
  }

  /**
   * A plain yes/no for a destructive action that moves nothing (deleting a model): neither fenced nor
   * audited, but asked through the same prompt, so a test answers it as it answers a flight action's.
   */
  ask(message: string, detail: string, confirmLabel: string): Thenable<boolean> {
    return this.prompt(message, detail, confirmLabel);
  }

  /** Records what was sent and how it ended. */
  record(
    a: MovingAction,
    outcome: AuditEntry['outcome'],
    detail?: string,
    requestId?: string,
  ): Promise<void> {
    return this.audit.append({
      action: a.action,
      connection: a.connectionName,
      project: a.projectName,
      device: a.deviceSn,
      task: a.taskName,
      outcome,
      detail,
      requestId,
      ...(a.requestedBy ? { requestedBy: a.requestedBy } : {}),
    });
  }
}
