// What an HMS (health management system) alert means and what to do about it, by code
// (docs/api.md#hms). Covers every code the simulator raises (src/simulator/world/catalog.ts HMS_CATALOG,
// whose texts are illustrative) and the one public example, 0x16100083. Unknown codes get no
// explanation: the panel then shows the device's own message and "no explanation yet".
import * as vscode from 'vscode';
import type { HmsAlertView } from '../../webviews/deviceState/protocol';

export interface HmsExplanation {
  readonly explanation: string;
  readonly remedy: string;
}

/** Codes are hex strings (`0x1B0100A0`); case does not matter. */
export function explainHms(code: string): HmsExplanation | undefined {
  const t = vscode.l10n.t;
  switch (code.trim().toLowerCase()) {
    case '0x16100083':
      return {
        explanation: t('The aircraft battery is too cold to take off safely.'),
        remedy: t(
          'Let the dock warm the battery, or warm it up before take-off; then check the alert has cleared.',
        ),
      };
    case '0x19110002':
      return {
        explanation: t('The dock air conditioner is heating the cabin (cold weather).'),
        remedy: t('Nothing to do: tasks can start once the cabin is warm enough.'),
      };
    case '0x1b0100a0':
      return {
        explanation: t('The dock firmware is older than the version this operation needs.'),
        remedy: t('Update the dock and aircraft firmware in FlightHub 2 (Devices → firmware update).'),
      };
    case '0x1b030012':
      return {
        explanation: t('The dock lost its network connection to FlightHub 2.'),
        remedy: t("Check the dock's network cable, router or 4G dongle; the dock reconnects by itself."),
      };
    default:
      return undefined;
  }
}

/**
 * The alert level in the words DJI Pilot 2 uses: notice, caution, warning. FlightHub 2 names them
 * `notification`, `reminder`, `warning`; Cloud API payloads use 0, 1, 2 (docs/api.md#hms).
 */
export function hmsLevel(level: unknown): HmsAlertView['level'] {
  switch (level) {
    case 'notification':
    case 'notice':
    case 0:
    case '0':
      return 'notice';
    case 'reminder':
    case 'caution':
    case 1:
    case '1':
      return 'caution';
    case 'warning':
    case 2:
    case '2':
      return 'warning';
    default:
      return 'unknown';
  }
}

export function hmsLevelLabel(level: HmsAlertView['level']): string {
  const t = vscode.l10n.t;
  return { notice: t('Notice'), caution: t('Caution'), warning: t('Warning'), unknown: t('Unknown level') }[
    level
  ];
}

/** Module names FlightHub 2 sends (`flight_control`, `dock`…), in words; unknown ones as sent. */
export function hmsModuleLabel(module: unknown): string {
  const t = vscode.l10n.t;
  const name = typeof module === 'number' ? String(module) : typeof module === 'string' ? module : '';
  const known: Record<string, string> = {
    flight_control: t('Flight control'),
    dock: t('Dock'),
    camera: t('Camera'),
    gimbal: t('Gimbal'),
    battery: t('Battery'),
    transmission: t('Transmission'),
    rtk: t('RTK'),
  };
  return known[name] ?? (name || t('Unknown module'));
}
