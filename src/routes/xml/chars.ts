// Character-level helpers of the XML parser: strict UTF-8 decoding, the name and space classes of
// XML 1.0 §2.2–2.3, newline normalization (§2.11, §3.3.3) and reference decoding (§4.1, predefined
// entities only: there is no DTD to define others).
import { isAscii } from 'node:buffer';
import { XmlError, type XmlPosition, type XmlRule } from './types';

export type Fail = (rule: XmlRule, reason: string, offset: number) => never;

/** Strict UTF-8 decoding (BOM removed); a malformed byte sequence is an XmlError with its position. */
export function decodeUtf8(buf: Uint8Array): string {
  // Route files are nearly always ASCII, which is valid UTF-8, has no BOM and decodes as Latin-1 does:
  // copying the bytes is several times faster than the validating decoder on a 10 MB route.
  if (isAscii(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    // Error path only: find the first U+FFFD that the bytes did not really spell (EF BF BD).
    const loose = Buffer.from(buf).toString('utf8');
    const bytes = Buffer.from(buf);
    let byteOffset = 0;
    let from = 0;
    for (let i = loose.indexOf('\ufffd'); i !== -1; i = loose.indexOf('\ufffd', i + 1)) {
      byteOffset += Buffer.byteLength(loose.slice(from, i));
      from = i;
      if (!(bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd)) {
        const { line, column } = positionAt(loose, i);
        throw new XmlError('xml.encoding', 'Invalid UTF-8 byte sequence', line, column);
      }
    }
    throw new XmlError('xml.encoding', 'Invalid UTF-8 byte sequence', 1, 1);
  }
}

function positionAt(text: string, offset: number): XmlPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// Characters XML 1.0 §2.2 forbids even as literals; one regex pass is cheaper than a per-char check.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function isNameStart(c: number): boolean {
  // ASCII exactly as the spec; above U+00BF a simplification that admits all letters the spec does.
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 95 ||
    c === 58 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function literal(text: string, attribute: boolean): string {
  if (attribute) return /[\r\n\t]/.test(text) ? text.replace(/\r\n|[\r\n\t]/g, ' ') : text;
  return normalizeNewlines(text);
}

export function hex(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Replaces references in `seg` (which starts at offset `start` of the document); newlines (and in
 * attributes, tabs) are normalized. Works on the slice: searching the whole source would scan to the end
 * of the document for every segment.
 */
export function decodeText(seg: string, start: number, attribute: boolean, fail: Fail): string {
  let amp = seg.indexOf('&');
  if (amp === -1) return literal(seg, attribute);
  let out = '';
  let from = 0;
  while (amp !== -1) {
    out += literal(seg.slice(from, amp), attribute);
    const semi = seg.indexOf(';', amp);
    if (semi === -1 || semi - amp > 12) fail('xml.entity', 'Unterminated entity reference', start + amp);
    out += reference(seg.slice(amp + 1, semi), start + amp, fail);
    from = semi + 1;
    amp = seg.indexOf('&', from);
  }
  return out + literal(seg.slice(from), attribute);
}

function reference(ref: string, offset: number, fail: Fail): string {
  const named = PREDEFINED[ref];
  if (named !== undefined) return named;
  const m = /^#(?:([0-9]+)|x([0-9a-fA-F]+))$/.exec(ref);
  if (!m) fail('xml.entity', `Entity "&${ref};" is not defined (only the five XML entities are)`, offset);
  const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2] ?? '', 16);
  const valid =
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!valid) fail('xml.entity', `Character reference "&${ref};" is not an allowed character`, offset);
  return String.fromCodePoint(code);
}
