// Deterministic identifiers: the same seed always yields the same organization, serial numbers,
// uuids and key, so tests and screenshots can name things.
import { createHash, createHmac } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A version-4-shaped uuid derived from `parts`. */
export function uuidFrom(...parts: readonly (string | number)[]): string {
  return formatUuid(sha256Hex(parts.join('|')));
}

function formatUuid(hex: string): string {
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A uuid whose last 10 hex digits carry (dock ordinal, task index), so a seeded task can be found from
 * its uuid without holding 10,000 tasks in memory; the rest is a hash, checked on lookup.
 */
export function seededTaskUuid(seed: string, dockOrdinal: number, index: number): string {
  const hex = sha256Hex(`${seed}|task|${dockOrdinal}|${index}`);
  const tail = dockOrdinal.toString(16).padStart(2, '0') + index.toString(16).padStart(8, '0');
  return formatUuid(hex.slice(0, 22) + tail);
}

export function decodeSeededTaskUuid(uuid: string): { dockOrdinal: number; index: number } | undefined {
  const m =
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{2}([0-9a-f]{2})([0-9a-f]{8})$/.exec(
      uuid,
    );
  if (!m) return undefined;
  return { dockOrdinal: parseInt(m[1] ?? '', 16), index: parseInt(m[2] ?? '', 16) };
}

/** A DJI-looking serial number: 14 upper-case alphanumerics with a model-specific prefix. */
export function serialFrom(prefix: string, ...parts: readonly (string | number)[]): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digest = createHash('sha256').update(parts.join('|')).digest();
  let out = prefix;
  for (let i = 0; out.length < 14; i++) out += alphabet.charAt((digest[i] ?? 0) % alphabet.length);
  return out;
}

export function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * The organization key: a JWT shaped like the live one (docs/api.md#organization-key: HS512, `kid`, `crit`,
 * claims `account`, `exp`, `nbf`, `organization_uuid`, `project_uuid`, `sub`, `user_id`). Fixed `nbf`/`exp`
 * keep it independent of the clock, so one seed means one key.
 */
export function organizationKey(seed: string, organizationUuid: string, userId: string): string {
  const header = { alg: 'HS512', crit: ['typ', 'alg', 'kid'], kid: uuidFrom(seed, 'kid'), typ: 'JWT' };
  const payload = {
    account: `pilot-${userId.slice(-4)}@flighthub.sim`,
    exp: 4_102_444_800, // 2100-01-01: "years in the future" like live keys
    nbf: 1_735_689_600, // 2025-01-01
    organization_uuid: organizationUuid,
    project_uuid: '',
    sub: 'fh2',
    user_id: userId,
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createHmac('sha512', `fh2-sim|${seed}`).update(unsigned).digest();
  return `${unsigned}.${base64url(signature)}`;
}

/**
 * A numeric user id string like the JWT `user_id` claim (docs/api.md#organization-key,
 * docs/api.md#project-members).
 */
export function numericIdFrom(...parts: readonly (string | number)[]): string {
  const hex = sha256Hex(parts.join('|')).slice(0, 13);
  return `17${BigInt(`0x${hex}`).toString().padStart(17, '0').slice(0, 17)}`;
}
