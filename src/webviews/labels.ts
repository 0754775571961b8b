// Every page's words come from its host, translated there (pages have no `vscode.l10n`), in one shape:
// exactly the keys the page names, each a bounded string. The host posts them before anything else on
// every `ready`, so a page never shows words of its own. Imports only zod: the host compiles this too.
import * as z from 'zod';

/** A page's translated labels: exactly the given keys, each a string of at most `max` characters. */
export function labelsSchema<K extends string>(keys: readonly [K, ...K[]], max = 300) {
  return z.record(z.enum(keys), z.string().max(max));
}

/** A label with `{0}`, `{1}`… filled in (the placeholders vscode.l10n.t keeps for the page). */
export function fillLabel(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m));
}
