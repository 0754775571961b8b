// Livestream messages (host ⇄ page). The host starts the stream (live-stream/start) and hands the page
// a playable WHEP URL, or explains why a vendor's stream cannot play here. Imports only zod.
import * as z from 'zod';
import { panelBinding } from '../binding';
import { labelsSchema } from '../labels';

const text = (max = 300) => z.string().max(max);
export const QUALITIES = ['adaptive', 'smooth', 'ultra_high_definition'] as const;

export const LIVE_LABEL_KEYS = [
  'connecting',
  'playing',
  'failed',
  'stopped',
  'resolution',
  'frameRate',
  'bitrate',
  'state',
  'expires',
  'stop',
  'restart',
  'lens',
  'quality',
  ...QUALITIES,
  'openWeb',
  'desktopNote',
] as const;
export const liveLabels = labelsSchema(LIVE_LABEL_KEYS, 500);
export type LiveLabels = z.infer<typeof liveLabels>;

export const liveTarget = z.object({
  sn: text(100),
  name: text(),
  camera: text(40),
  quality: z.enum(QUALITIES),
});
export type LiveTarget = z.infer<typeof liveTarget>;

export const toWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('setup'),
    labels: liveLabels,
    target: liveTarget,
    /** The aircraft camera has lenses to switch between. */
    canSwitchLens: z.boolean(),
    /** Saved with the page: a restored panel starts the stream on the same connection and project. */
    binding: panelBinding,
  }),
  /** Play (or seamlessly replace the current stream with) this WHEP endpoint. */
  z.object({
    type: z.literal('whep'),
    url: z.string().url().max(4000),
    /** Unix ms after which the token no longer opens the stream. */
    expiresAt: z.number(),
    generation: z.number().int().min(0),
  }),
  /** A stream this panel cannot play (vendor SDK or unknown type): say why, maybe offer the web app. */
  z.object({
    type: z.literal('unsupported'),
    urlType: text(100),
    message: text(2000),
    /** Show "Open in FlightHub 2". */
    canOpenWeb: z.boolean(),
  }),
  z.object({ type: z.literal('failed'), message: text(2000) }),
  z.object({ type: z.literal('starting') }),
]);
export type ToWebview = z.infer<typeof toWebview>;

export const fromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('openWeb') }),
  z.object({ type: z.literal('restart') }),
  z.object({ type: z.literal('switchLens') }),
  z.object({ type: z.literal('setQuality'), quality: z.enum(QUALITIES) }),
  /** The WHEP session the page opened (`location` relative to the URL it was given), or `null`: gone. */
  z.object({
    type: z.literal('session'),
    generation: z.number().int().min(0),
    location: text(2000).nullable(),
  }),
]);
export type FromWebview = z.infer<typeof fromWebview>;

/** What the page saves for a reload: the device, camera and quality to start again, and where. */
export const liveState = z.object({
  target: liveTarget,
  canSwitchLens: z.boolean().optional(),
  binding: panelBinding,
});
export type LiveState = z.infer<typeof liveState>;
