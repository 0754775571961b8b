// Markup outside elements and between them that the tree does not keep: the XML declaration, comments,
// processing instructions, and the `<!` declarations that are refused. DOCTYPE is refused by policy: no
// DTD means no external entities (XXE) and no entity expansion (billion laughs).
import { isNameChar, isNameStart, isSpace } from './chars';
import type { XmlSource } from './source';
import type { XmlDocument } from './types';

const DECLARATION =
  /^\s+version\s*=\s*(["'])(1\.[0-9]+)\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(?:\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/;

export function declaration(s: XmlSource): XmlDocument['declaration'] {
  const src = s.src;
  if (!src.startsWith('<?xml', s.pos) || !isSpace(src.charCodeAt(s.pos + 5))) return undefined;
  const end = src.indexOf('?>', s.pos);
  if (end === -1) s.fail('xml.syntax', 'Unterminated XML declaration', s.pos);
  const m = DECLARATION.exec(src.slice(s.pos + 5, end));
  if (!m?.[2]) s.fail('xml.syntax', 'Malformed XML declaration', s.pos);
  const encoding = m[4];
  if (encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(encoding)) {
    s.fail('xml.encoding', `Encoding "${encoding}" is not supported; use UTF-8`, s.pos);
  }
  s.pos = end + 2;
  return { version: m[2], ...(encoding ? { encoding } : {}), ...(m[6] ? { standalone: m[6] } : {}) };
}

/** Whitespace, comments and PIs outside the root element. */
export function misc(s: XmlSource): void {
  const src = s.src;
  for (;;) {
    while (isSpace(src.charCodeAt(s.pos))) s.pos++;
    if (src.startsWith('<!--', s.pos)) comment(s);
    else if (src.startsWith('<?', s.pos)) instruction(s);
    else if (src.startsWith('<!', s.pos)) markupDeclaration(s);
    else return;
  }
}

export function comment(s: XmlSource): void {
  const start = s.pos;
  const end = s.src.indexOf('-->', start + 4);
  if (end === -1) s.fail('xml.syntax', 'Unterminated comment', start);
  const body = s.src.slice(start + 4, end);
  if (body.includes('--') || body.endsWith('-'))
    s.fail('xml.syntax', '"--" is not allowed inside a comment', start);
  s.pos = end + 3;
}

export function instruction(s: XmlSource): void {
  const start = s.pos;
  s.pos += 2;
  const target = name(s, 'processing instruction target');
  if (target.toLowerCase() === 'xml')
    s.fail('xml.syntax', 'The XML declaration must be at the very start', start);
  const end = s.src.indexOf('?>', s.pos);
  if (end === -1) s.fail('xml.syntax', 'Unterminated processing instruction', start);
  if (end > s.pos && !isSpace(s.src.charCodeAt(s.pos)))
    s.fail('xml.syntax', 'Malformed processing instruction', start);
  s.pos = end + 2;
}

/** `<!` that is neither a comment nor CDATA: DOCTYPE is refused by policy, anything else is malformed. */
export function markupDeclaration(s: XmlSource): never {
  if (s.src.startsWith('<!DOCTYPE', s.pos)) {
    s.fail('xml.doctype', 'DOCTYPE declarations are not allowed (DTDs and entities are disabled)', s.pos);
  }
  s.fail('xml.syntax', 'Unexpected "<!"', s.pos);
}

/** An unprefixed-or-not name at s.pos, sliced (for the rare names that are not element names). */
export function name(s: XmlSource, what: string): string {
  const src = s.src;
  const start = s.pos;
  if (!isNameStart(src.charCodeAt(start))) s.fail('xml.syntax', `Expected ${what}`, start);
  let i = start + 1;
  while (isNameChar(src.charCodeAt(i))) i++;
  s.pos = i;
  return src.slice(start, i);
}
