// Attributes and the namespace scopes they declare (XML Namespaces §3–§6): reading a value, binding
// prefixes, resolving attribute names and refusing repeats.
import { decodeText, isSpace } from './chars';
import type { ResolvedName } from './nodes';
import type { XmlSource } from './source';
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlAttribute } from './types';

/** Prefix → URI; '' is the default namespace. Scopes chain by prototype, so lookups see ancestors. */
export type Scope = Record<string, string | undefined>;

/** A name as spelled, with the last scope it was resolved in: nearly every element shares its parent's. */
export interface QName {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  scope: Scope | undefined;
  resolved: ResolvedName | undefined;
  /** The element name that followed this one last time: route files repeat the same sequence. */
  next: QName | undefined;
}

export type RawAttribute = { name: QName; value: string; offset: number };
export const NO_RAW: RawAttribute[] = [];

/** `="value"` after an attribute's name, decoded; s.pos moves past the closing quote. */
export function attributeValue(s: XmlSource, name: string): string {
  const src = s.src;
  while (isSpace(src.charCodeAt(s.pos))) s.pos++;
  if (src.charCodeAt(s.pos) !== 61 /* = */)
    s.fail('xml.syntax', `Expected "=" after attribute "${name}"`, s.pos);
  s.pos++;
  while (isSpace(src.charCodeAt(s.pos))) s.pos++;
  const quote = src[s.pos];
  if (quote !== '"' && quote !== "'") s.fail('xml.syntax', `Attribute "${name}" value must be quoted`, s.pos);
  const end = src.indexOf(quote, s.pos + 1);
  if (end === -1) s.fail('xml.syntax', `Unterminated value of attribute "${name}"`, s.pos);
  const rawValue = src.slice(s.pos + 1, end);
  const lt = rawValue.indexOf('<');
  if (lt !== -1) s.fail('xml.syntax', `"<" is not allowed in attribute values`, s.pos + 1 + lt);
  const value = decodeText(rawValue, s.pos + 1, true, s.onFail);
  s.pos = end + 1;
  return value;
}

/** The element's scope: the parent's, or a child of it when the attributes bind prefixes. */
export function declareNamespaces(s: XmlSource, raw: readonly RawAttribute[], parentScope: Scope): Scope {
  let scope = parentScope;
  for (const a of raw) {
    const isDefault = a.name.name === 'xmlns';
    if (!isDefault && a.name.prefix !== 'xmlns') continue;
    if (scope === parentScope) scope = Object.create(parentScope) as Scope;
    const prefix = isDefault ? '' : a.name.local;
    if (prefix !== '' && a.value === '')
      s.fail('xml.namespace', `Prefix "${prefix}" cannot be unbound`, a.offset);
    if (prefix === 'xmlns' || (prefix === 'xml') !== (a.value === XML_NAMESPACE)) {
      s.fail('xml.namespace', `Reserved namespace binding ${a.name.name}="${a.value}"`, a.offset);
    }
    scope[prefix] = a.value;
  }
  return scope;
}

export function resolveAttributes(s: XmlSource, raw: readonly RawAttribute[], scope: Scope): XmlAttribute[] {
  const attributes = raw.map((a): XmlAttribute => {
    const { name, prefix, local } = a.name;
    const isDecl = name === 'xmlns' || prefix === 'xmlns';
    const uri = isDecl ? XMLNS_NAMESPACE : prefix ? scope[prefix] : '';
    if (uri === undefined) s.fail('xml.namespace', `Namespace prefix "${prefix}" is not declared`, a.offset);
    s.locate(a.offset);
    return { name, prefix, local, uri, value: a.value, line: s.line, column: s.column };
  });
  if (attributes.length > 1) {
    const seen = new Set<string>();
    for (const a of attributes) {
      const key = `${a.uri}\u0000${a.local}`;
      if (seen.has(key))
        s.fail('xml.duplicate_attribute', `Attribute "${a.name}" is repeated`, s.offsetOf(a));
      seen.add(key);
    }
  }
  return attributes;
}
