// Device state messages (host ⇄ page). The host polls the thing model and the HMS alerts while the
// panel is visible and sends them already in words (mode, signal, payloads, alert explanations); the
// page lays them out. Imports only zod.
import * as z from 'zod';
import { panelBinding } from '../binding';
import { labelsSchema } from '../labels';

const text = (max = 300) => z.string().max(max);

export const DEVICE_STATE_LABEL_KEYS = [
  'mode',
  'battery',
  'position',
  'noFix',
  'altitude',
  'signal',
  'updated',
  'payloads',
  'details',
  'alerts',
  'noAlerts',
  'openJson',
  'refresh',
  'loading',
  'paused',
  'since',
  'noExplanation',
  'unknownValue',
] as const;
export const deviceStateLabels = labelsSchema(DEVICE_STATE_LABEL_KEYS, 300);
export type DeviceStateLabels = z.infer<typeof deviceStateLabels>;

export const stateDevice = z.object({
  sn: text(100),
  name: text(),
  role: z.enum(['dock', 'aircraft', 'rc']),
});
export type StateDevice = z.infer<typeof stateDevice>;

const row = z.object({ label: text(), value: text(500) });

export const deviceStateView = z.object({
  /** Unix ms when the host read this state. */
  updatedAt: z.number(),
  mode: text().nullable(),
  /** Percent. */
  battery: z.number().min(0).max(100).nullable(),
  /** Null: no fix (missing, or reported as 0,0). */
  position: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  altitude: text(500).nullable(),
  signal: text(500).nullable(),
  payloads: z.array(z.object({ index: text(40), name: text(), detail: text(500) })).max(20),
  details: z.array(row).max(30),
});
export type DeviceStateView = z.infer<typeof deviceStateView>;

export const HMS_LEVELS = ['notice', 'caution', 'warning', 'unknown'] as const;

export const hmsAlertView = z.object({
  level: z.enum(HMS_LEVELS),
  levelLabel: text(60),
  module: text(100),
  code: text(60),
  /** What the device said (FlightHub 2's text, in its language). */
  message: text(1000),
  /** Our explanation and remedy, or null for a code we cannot explain yet. */
  explanation: text(1000).nullable(),
  remedy: text(1000).nullable(),
  /** Unix ms the alert began. */
  since: z.number().nullable(),
});
export type HmsAlertView = z.infer<typeof hmsAlertView>;

export const SECTIONS = ['state', 'alerts'] as const;

export const toWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('setup'),
    labels: deviceStateLabels,
    device: stateDevice,
    binding: panelBinding,
    locale: text(40),
  }),
  z.object({ type: z.literal('state'), view: deviceStateView }),
  z.object({ type: z.literal('alerts'), alerts: z.array(hmsAlertView).max(200) }),
  /** Reading failed; the last good values stay on the page, marked as such. */
  z.object({ type: z.literal('failed'), message: text(2000) }),
  /** Whether the host is polling (it stops while the panel is hidden). */
  z.object({ type: z.literal('polling'), active: z.boolean() }),
  z.object({ type: z.literal('focus'), section: z.enum(SECTIONS) }),
]);
export type ToWebview = z.infer<typeof toWebview>;

export const fromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('openJson') }),
  z.object({ type: z.literal('refresh') }),
]);
export type FromWebview = z.infer<typeof fromWebview>;

/** What the page saves for a reload: the device, and where it was opened. */
export const deviceStateState = z.object({ device: stateDevice, binding: panelBinding });
export type DeviceStateState = z.infer<typeof deviceStateState>;
