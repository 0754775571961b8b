// HMS alerts in the words of the Device State panel: the explanation and remedy of a code (from
// core/hmsExplanations.ts, translated), the level and the module. Unknown codes get no explanation: the
// panel then shows the device's own message and "no explanation yet".
import * as vscode from 'vscode';
import { hmsExplanation, type HmsExplanation } from '../../core/hmsExplanations';
import type { HmsAlertView } from '../../webviews/deviceState/protocol';

/** Codes are hex strings (`0x1B0100A0`); case does not matter. Translated. */
export function explainHms(code: string): HmsExplanation | undefined {
  const known = hmsExplanation(code);
  return known && { explanation: vscode.l10n.t(known.explanation), remedy: vscode.l10n.t(known.remedy) };
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
