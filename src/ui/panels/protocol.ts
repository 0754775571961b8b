// What every panel's message protocol shares. Each panel defines two zod discriminated unions in
// src/webviews/<panel>/protocol.ts — `toWebview` (host → page) and `fromWebview` (page → host) — imported
// by both sides, and every message is parsed on arrival. The page speaks first: `ready` says its
// listener is attached, so the host never posts into the void; `error` reports a page-side failure to
// the host's log.
import * as z from 'zod';

export const readyMessage = z.object({ type: z.literal('ready') });
export const pageErrorMessage = z.object({ type: z.literal('pageError'), message: z.string().max(2000) });

export type ReadyMessage = z.infer<typeof readyMessage>;
export type PageErrorMessage = z.infer<typeof pageErrorMessage>;

/** Messages have a string `type`; used to name a rejected message in logs without dumping it. */
export function messageType(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'type' in value) {
    const type = value.type;
    if (typeof type === 'string') return type.slice(0, 60);
  }
  return typeof value;
}
