import { KEY_PLACEHOLDER, type RecordedRequest } from '../api/transport';

/** A shell-safe curl command for a recorded request; the key stays a placeholder. */
export function toCurl(request: RecordedRequest): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-sS', '-X', request.method, q(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    // The key is never copied: the command reads it from an environment variable the user sets.
    parts.push('-H', value === KEY_PLACEHOLDER ? `"${name}: $FLIGHTHUB_ORG_KEY"` : q(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', q(request.body));
  return parts.join(' ');
}
