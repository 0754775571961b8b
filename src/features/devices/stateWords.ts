// The words of the device state panel: its labels, a thing model's facts (stateFacts.ts) and HMS alerts
// turned into what the page shows, translated here (pages have no vscode.l10n).
import * as vscode from 'vscode';
import type { z } from 'zod';
import type { hmsAlert } from '../../api/schemas/device';
import type { DeviceStateLabels, DeviceStateView, HmsAlertView } from '../../webviews/deviceState/protocol';
import { explainHms, hmsLevel, hmsLevelLabel, hmsModuleLabel } from './hmsDictionary';
import type { PayloadFacts, StateFacts } from './stateFacts';

export function deviceStateLabels(): DeviceStateLabels {
  const t = vscode.l10n.t;
  return {
    mode: t('Mode'),
    battery: t('Battery'),
    position: t('Position'),
    noFix: t('no fix'),
    altitude: t('Altitude'),
    signal: t('Signal'),
    updated: t('Last update'),
    payloads: t('Payloads'),
    details: t('Details'),
    alerts: t('HMS alerts'),
    noAlerts: t('No HMS alerts.'),
    openJson: t('Open as JSON'),
    refresh: t('Refresh'),
    loading: t('Reading the device state…'),
    paused: t('Updates paused while the panel is hidden.'),
    since: t('since'),
    noExplanation: t('No explanation yet.'),
    unknownValue: t('unknown'),
  };
}

export function modeLabel(mode: string): string {
  const t = vscode.l10n.t;
  const words: Record<string, string> = {
    standby: t('Standby'),
    takeoff_prep: t('Preparing to take off'),
    takeoff_ready: t('Ready to take off'),
    manual: t('Manual flight'),
    auto_takeoff: t('Automatic take-off'),
    wayline_flight: t('Flying a route'),
    panoramic: t('Taking a panorama'),
    intelligent_tracking: t('Intelligent tracking'),
    adsb_avoidance: t('ADS-B avoidance'),
    auto_rth: t('Returning to home'),
    auto_landing: t('Landing'),
    forced_landing: t('Forced landing'),
    three_blade_landing: t('Three-propeller emergency landing'),
    upgrading: t('Upgrading firmware'),
    not_connected: t('Not connected'),
    apas: t('APAS obstacle avoidance'),
    virtual_stick: t('Virtual stick'),
    live_flight_controls: t('Live flight controls'),
    airborne_rtk_fixing: t('Fixing RTK in the air'),
    dock_address_selecting: t('Selecting a dock site'),
    idle: t('Idle'),
    on_site_debugging: t('On-site debugging'),
    remote_debugging: t('Remote debugging'),
    firmware_upgrading: t('Upgrading firmware'),
    in_operation: t('In operation'),
    to_be_calibrated: t('Waiting for calibration'),
  };
  return words[mode] ?? mode;
}

const one = (n: number): string => (Math.round(n * 10) / 10).toString();

export function deviceStateView(facts: StateFacts, now: number): DeviceStateView {
  const t = vscode.l10n.t;
  const altitude = [
    facts.height !== undefined ? t('{0} m (ellipsoid)', one(facts.height)) : '',
    facts.elevation !== undefined ? t('{0} m above take-off', one(facts.elevation)) : '',
  ].filter(Boolean);
  const signal = [
    facts.gps !== undefined ? t('GPS {0} satellites', facts.gps) : '',
    facts.rtk !== undefined ? t('RTK {0} satellites', facts.rtk) : '',
    facts.quality !== undefined ? t('positioning quality {0}/5', facts.quality) : '',
    facts.sdrQuality !== undefined ? t('video link {0}/5', facts.sdrQuality) : '',
    facts.lteQuality !== undefined ? t('4G link {0}/5', facts.lteQuality) : '',
  ].filter(Boolean);
  return {
    updatedAt: now,
    mode: facts.mode === undefined ? null : modeLabel(facts.mode),
    battery: facts.battery === undefined ? null : Math.min(100, Math.max(0, Math.round(facts.battery))),
    position: facts.position ?? null,
    altitude: altitude.length ? altitude.join(' · ') : null,
    signal: signal.length ? signal.join(' · ') : null,
    payloads: facts.payloads.map(payloadView),
    details: details(facts),
  };
}

function payloadView(p: PayloadFacts): DeviceStateView['payloads'][number] {
  const t = vscode.l10n.t;
  // Cloud API payload index `type-subtype-gimbal`: the last part says where the camera is mounted.
  const mounts: Record<number, string> = {
    0: t('Main gimbal camera'),
    1: t('Right gimbal camera'),
    2: t('Top gimbal camera'),
    7: t('FPV camera'),
  };
  const name = (p.mount !== undefined ? mounts[p.mount] : undefined) ?? t('Camera');
  const detail = [
    p.pitch !== undefined ? t('pitch {0}°', one(p.pitch)) : '',
    p.yaw !== undefined ? t('yaw {0}°', one(p.yaw)) : '',
    p.zoom !== undefined ? t('zoom {0}×', one(p.zoom)) : '',
  ].filter(Boolean);
  return { index: p.index, name, detail: detail.join(' · ') };
}

function details(f: StateFacts): DeviceStateView['details'] {
  const t = vscode.l10n.t;
  const rows: [string, string | undefined][] = [
    [t('Horizontal speed'), f.speed === undefined ? undefined : t('{0} m/s', one(f.speed))],
    [t('Distance to home'), f.homeDistance === undefined ? undefined : t('{0} m', one(f.homeDistance))],
    [t('Wind speed'), f.windSpeed === undefined ? undefined : t('{0} m/s', one(f.windSpeed))],
    [t('Temperature'), f.temperature === undefined ? undefined : t('{0} °C', one(f.temperature))],
    [t('Aircraft'), f.droneInDock === undefined ? undefined : droneInDock(f.droneInDock)],
    [t('Dock cover'), f.cover === undefined ? undefined : cover(f.cover)],
  ];
  return rows.flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
}

function droneInDock(v: string): string {
  const t = vscode.l10n.t;
  return ({ inside: t('in the dock'), outside: t('out of the dock') } as Record<string, string>)[v] ?? v;
}

function cover(v: string): string {
  const t = vscode.l10n.t;
  return ({ open: t('open'), close: t('closed') } as Record<string, string>)[v] ?? v;
}

type HmsAlert = z.infer<typeof hmsAlert>;

/** Warnings first, then cautions and notices; the newest first within a level. */
export function hmsAlertsView(alerts: readonly HmsAlert[]): HmsAlertView[] {
  const rank = { warning: 0, caution: 1, notice: 2, unknown: 3 } as const;
  return alerts
    .map((a): HmsAlertView => {
      const level = hmsLevel(a.level);
      const code = a.code ?? '';
      const known = code ? explainHms(code) : undefined;
      return {
        level,
        levelLabel: hmsLevelLabel(level),
        module: hmsModuleLabel(a.module).slice(0, 100),
        code: code.slice(0, 60),
        message: (a.message ?? '').slice(0, 1000),
        explanation: known?.explanation ?? null,
        remedy: known?.remedy ?? null,
        since: typeof a.begin_time === 'number' && a.begin_time > 0 ? a.begin_time * 1000 : null,
      };
    })
    .sort((a, b) => rank[a.level] - rank[b.level] || (b.since ?? 0) - (a.since ?? 0));
}
