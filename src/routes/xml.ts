// A small, strict, non-validating XML 1.0 + Namespaces parser for WPML/KML. Route files come from
// anywhere, so it refuses DOCTYPE outright: no DTD means no external entities (XXE) and no entity
// expansion (billion laughs), and nothing WPML needs is lost. Positions are 1-based; columns count
// UTF-16 code units, as VS Code does. Comments and processing instructions are checked and dropped.
// Spec: https://www.w3.org/TR/xml/ and https://www.w3.org/TR/xml-names/.

export type XmlRule =
  | 'xml.syntax'
  | 'xml.doctype'
  | 'xml.entity'
  | 'xml.namespace'
  | 'xml.mismatched_tag'
  | 'xml.unclosed'
  | 'xml.duplicate_attribute'
  | 'xml.no_root'
  | 'xml.multiple_roots'
  | 'xml.invalid_char'
  | 'xml.encoding'
  | 'xml.too_deep'
  | 'xml.too_many_nodes';

export class XmlError extends Error {
  constructor(
    readonly rule: XmlRule,
    /** The problem without its position, for diagnostics that show the position themselves. */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'XmlError';
  }

  static is(value: unknown): value is XmlError {
    return value instanceof XmlError;
  }
}

export interface XmlPosition {
  readonly line: number;
  readonly column: number;
}

export interface XmlAttribute extends XmlPosition {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** '' for unprefixed attributes, which are in no namespace. */
  readonly uri: string;
  readonly value: string;
}

export interface XmlElement extends XmlPosition {
  readonly type: 'element';
  /** Qualified name as written, e.g. `wpml:index`. */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly uri: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

export interface XmlText extends XmlPosition {
  readonly type: 'text';
  /** Decoded text; adjacent text and CDATA sections are merged into one node. */
  readonly value: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  readonly root: XmlElement;
  readonly declaration?: {
    readonly version: string;
    readonly encoding?: string;
    readonly standalone?: string;
  };
}

export interface XmlLimits {
  readonly maxDepth: number;
  /** Elements in the document. Bounds memory: text nodes can be at most about twice as many. */
  readonly maxNodes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 64, maxNodes: 200_000 };

export interface XmlParseOptions extends Partial<XmlLimits> {
  /** Keep whitespace-only text nodes (default false: indentation is noise for KML/WPML). */
  readonly preserveWhitespace?: boolean;
}

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

export function parseXml(text: string, options: XmlParseOptions = {}): XmlDocument {
  return new Parser(text, options).document();
}

/** Strict UTF-8 decoding (BOM removed); a malformed byte sequence is an XmlError with its position. */
export function decodeUtf8(buf: Uint8Array): string {
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

/** Prefix → URI; '' is the default namespace. Scopes chain by prototype, so lookups see ancestors. */
type Scope = Record<string, string | undefined>;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Characters XML 1.0 §2.2 forbids even as literals; one regex pass is cheaper than a per-char check.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const DECLARATION =
  /^\s+version\s*=\s*(["'])(1\.[0-9]+)\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(?:\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/;

function isNameStart(c: number): boolean {
  // ASCII exactly as the spec; above U+00BF a simplification that admits all letters the spec does.
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 95 ||
    c === 58 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

type RawAttribute = { name: QName; value: string; offset: number };
interface QName {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
}
type Building = { -readonly [K in keyof XmlElement]: XmlElement[K] };

// Shared empties: most elements have no attributes, and leaves get their one text child as an exact-size
// array. A `[]` that is pushed to reserves 17 slots, which on a 150,000-element file was most of the heap.
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);
const NO_RAW: RawAttribute[] = [];

function addChild(parent: XmlElement, node: XmlNode): void {
  if (parent.children === NO_CHILDREN) (parent as Building).children = [node];
  else (parent.children as XmlNode[]).push(node);
}

class Parser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  private lineCursor = 0;
  // Set by locate(): returning {line, column} objects per node doubled the garbage on 5 MB files.
  private line = 1;
  private column = 1;
  private elementCount = 0;
  private readonly limits: XmlLimits;
  private readonly keepSpace: boolean;
  private text = '';
  private textOffset = -1;
  /** When > -1, the pending text is src[textOffset, blankEnd), all whitespace, not yet sliced. */
  private blankEnd = -1;
  /** Results of startTag() besides the element, kept in fields to avoid a result object per element. */
  private selfClosing = false;
  private scope: Scope = Object.create(null) as Scope;
  /** Names by a hash of their characters, so repeated tag names are not sliced out of the source again. */
  private readonly names = new Map<number, QName>();

  constructor(
    private readonly src: string,
    options: XmlParseOptions,
  ) {
    this.limits = { ...DEFAULT_XML_LIMITS, ...options };
    this.keepSpace = options.preserveWhitespace ?? false;
    if (src.includes('\r')) {
      const breaks = /\r\n?|\n/g;
      for (let m = breaks.exec(src); m; m = breaks.exec(src)) this.lineStarts.push(m.index + m[0].length);
    } else {
      for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
  }

  document(): XmlDocument {
    const bad = FORBIDDEN_CHAR.exec(this.src);
    if (bad) this.fail('xml.invalid_char', `Character U+${hex(bad[0])} is not allowed in XML`, bad.index);
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    const declaration = this.declaration();
    this.misc();
    if (this.pos >= this.src.length) this.fail('xml.no_root', 'The document has no root element', this.pos);
    if (this.src.charCodeAt(this.pos) !== 60)
      this.fail('xml.syntax', 'Text is not allowed before the root element', this.pos);
    const root = this.elements();
    this.misc();
    if (this.pos < this.src.length) {
      const isTag = this.src.charCodeAt(this.pos) === 60 && isNameStart(this.src.charCodeAt(this.pos + 1));
      if (isTag) this.fail('xml.multiple_roots', 'Only one root element is allowed', this.pos);
      this.fail('xml.syntax', 'Content is not allowed after the root element', this.pos);
    }
    return declaration ? { root, declaration } : { root };
  }

  private declaration(): XmlDocument['declaration'] {
    const src = this.src;
    if (!src.startsWith('<?xml', this.pos) || !isSpace(src.charCodeAt(this.pos + 5))) return undefined;
    const end = src.indexOf('?>', this.pos);
    if (end === -1) this.fail('xml.syntax', 'Unterminated XML declaration', this.pos);
    const m = DECLARATION.exec(src.slice(this.pos + 5, end));
    if (!m?.[2]) this.fail('xml.syntax', 'Malformed XML declaration', this.pos);
    const encoding = m[4];
    if (encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(encoding)) {
      this.fail('xml.encoding', `Encoding "${encoding}" is not supported; use UTF-8`, this.pos);
    }
    this.pos = end + 2;
    return { version: m[2], ...(encoding ? { encoding } : {}), ...(m[6] ? { standalone: m[6] } : {}) };
  }

  /** Whitespace, comments and PIs outside the root element. */
  private misc(): void {
    const src = this.src;
    for (;;) {
      while (isSpace(src.charCodeAt(this.pos))) this.pos++;
      if (src.startsWith('<!--', this.pos)) this.comment();
      else if (src.startsWith('<?', this.pos)) this.instruction();
      else if (src.startsWith('<!', this.pos)) this.markupDeclaration();
      else return;
    }
  }

  private elements(): XmlElement {
    const src = this.src;
    const base: Scope = Object.create(null) as Scope;
    base.xml = XML_NAMESPACE;
    const root = this.startTag(base, 0);
    if (this.selfClosing) return root;
    // Parallel stacks rather than an array of frame objects: less garbage per element.
    const elements: XmlElement[] = [root];
    const scopes: Scope[] = [this.scope];
    for (;;) {
      const depth = elements.length;
      const top = elements[depth - 1];
      if (!top) return root;
      const lt = src.indexOf('<', this.pos);
      if (lt === -1) this.fail('xml.unclosed', `Element <${top.name}> is never closed`, this.offsetOf(top));
      if (lt > this.pos) {
        // Indentation between tags is the most common text and is dropped: note where it is, slice later
        // only if a CDATA section or a reference turns out to continue it.
        if (!this.keepSpace && this.textOffset === -1 && isBlankRange(src, this.pos, lt)) {
          this.textOffset = this.pos;
          this.blankEnd = lt;
        } else {
          this.addText(this.pos, lt, false);
        }
      }
      this.pos = lt;
      const next = src.charCodeAt(lt + 1);
      if (next === 47 /* / */) {
        this.flushText(top);
        this.endTag(top);
        elements.pop();
        scopes.pop();
      } else if (next === 33 /* ! */) {
        if (src.startsWith('<!--', lt)) this.comment();
        else if (src.startsWith('<![CDATA[', lt)) this.cdata();
        else this.markupDeclaration();
      } else if (next === 63 /* ? */) {
        this.instruction();
      } else {
        this.flushText(top);
        const child = this.startTag(scopes[depth - 1] ?? base, depth);
        addChild(top, child);
        if (!this.selfClosing) {
          elements.push(child);
          scopes.push(this.scope);
        }
      }
    }
  }

  /** Parses `<name attr="v" …>` or `/>`; sets this.selfClosing and this.scope (the element's scope). */
  private startTag(parentScope: Scope, depth: number): XmlElement {
    const src = this.src;
    const offset = this.pos;
    if (depth >= this.limits.maxDepth) {
      this.fail('xml.too_deep', `Elements are nested deeper than ${this.limits.maxDepth} levels`, offset);
    }
    if (++this.elementCount > this.limits.maxNodes) {
      this.fail('xml.too_many_nodes', `The document has more than ${this.limits.maxNodes} elements`, offset);
    }
    this.pos++;
    const qname = this.qname('element name', offset + 1);
    const name = qname.name;
    let raw = NO_RAW;
    let selfClosing = false;
    for (;;) {
      const before = this.pos;
      while (isSpace(src.charCodeAt(this.pos))) this.pos++;
      const c = src.charCodeAt(this.pos);
      if (c === 62 /* > */) {
        this.pos++;
        break;
      }
      if (c === 47 /* / */ && src.charCodeAt(this.pos + 1) === 62) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (Number.isNaN(c)) this.fail('xml.syntax', `Unterminated start tag <${name}>`, offset);
      if (this.pos === before || !isNameStart(c))
        this.fail('xml.syntax', `Unexpected "${src[this.pos]}" in start tag`, this.pos);
      if (raw === NO_RAW) raw = [];
      raw.push(this.attribute(raw));
    }
    this.selfClosing = selfClosing;

    let scope = parentScope;
    for (const a of raw) {
      const isDefault = a.name.name === 'xmlns';
      if (!isDefault && a.name.prefix !== 'xmlns') continue;
      if (scope === parentScope) scope = Object.create(parentScope) as Scope;
      const prefix = isDefault ? '' : a.name.local;
      if (prefix !== '' && a.value === '')
        this.fail('xml.namespace', `Prefix "${prefix}" cannot be unbound`, a.offset);
      if (prefix === 'xmlns' || (prefix === 'xml') !== (a.value === XML_NAMESPACE)) {
        this.fail('xml.namespace', `Reserved namespace binding ${a.name.name}="${a.value}"`, a.offset);
      }
      scope[prefix] = a.value;
    }
    this.scope = scope;
    this.locate(offset); // before the attributes', so the line cursor only moves forward
    const line = this.line;
    const column = this.column;
    const { prefix, local } = qname;
    const uri = prefix === '' ? (scope[''] ?? '') : scope[prefix];
    if (uri === undefined) this.fail('xml.namespace', `Namespace prefix "${prefix}" is not declared`, offset);
    const attributes = raw === NO_RAW ? NO_ATTRIBUTES : this.resolveAttributes(raw, scope);
    return { type: 'element', name, prefix, local, uri, attributes, children: NO_CHILDREN, line, column };
  }

  private resolveAttributes(raw: readonly RawAttribute[], scope: Scope): XmlAttribute[] {
    const attributes = raw.map((a): XmlAttribute => {
      const { name, prefix, local } = a.name;
      const isDecl = name === 'xmlns' || prefix === 'xmlns';
      const uri = isDecl ? XMLNS_NAMESPACE : prefix ? scope[prefix] : '';
      if (uri === undefined)
        this.fail('xml.namespace', `Namespace prefix "${prefix}" is not declared`, a.offset);
      this.locate(a.offset);
      return { name, prefix, local, uri, value: a.value, line: this.line, column: this.column };
    });
    if (attributes.length > 1) {
      const seen = new Set<string>();
      for (const a of attributes) {
        const key = `${a.uri}\u0000${a.local}`;
        if (seen.has(key))
          this.fail('xml.duplicate_attribute', `Attribute "${a.name}" is repeated`, this.offsetOf(a));
        seen.add(key);
      }
    }
    return attributes;
  }

  private attribute(previous: readonly RawAttribute[]): RawAttribute {
    const src = this.src;
    const offset = this.pos;
    const qname = this.qname('attribute name', offset);
    const name = qname.name;
    if (previous.some((p) => p.name === qname))
      this.fail('xml.duplicate_attribute', `Attribute "${name}" is repeated`, offset);
    while (isSpace(src.charCodeAt(this.pos))) this.pos++;
    if (src.charCodeAt(this.pos) !== 61 /* = */)
      this.fail('xml.syntax', `Expected "=" after attribute "${name}"`, this.pos);
    this.pos++;
    while (isSpace(src.charCodeAt(this.pos))) this.pos++;
    const quote = src[this.pos];
    if (quote !== '"' && quote !== "'")
      this.fail('xml.syntax', `Attribute "${name}" value must be quoted`, this.pos);
    const end = src.indexOf(quote, this.pos + 1);
    if (end === -1) this.fail('xml.syntax', `Unterminated value of attribute "${name}"`, this.pos);
    const rawValue = src.slice(this.pos + 1, end);
    const lt = rawValue.indexOf('<');
    if (lt !== -1) this.fail('xml.syntax', `"<" is not allowed in attribute values`, this.pos + 1 + lt);
    const value = this.decode(rawValue, this.pos + 1, true);
    this.pos = end + 1;
    return { name: qname, value, offset };
  }

  private endTag(top: XmlElement): void {
    const src = this.src;
    const offset = this.pos;
    const expected = top.name;
    // Fast path without slicing the name: the end tag usually matches.
    if (src.startsWith(expected, offset + 2) && !isNameChar(src.charCodeAt(offset + 2 + expected.length))) {
      this.pos = offset + 2 + expected.length;
    } else {
      this.pos += 2;
      const name = this.name('element name');
      const { line, column } = top;
      this.fail(
        'xml.mismatched_tag',
        `Expected </${expected}> (opened at line ${line}, column ${column}), found </${name}>`,
        offset,
      );
    }
    while (isSpace(src.charCodeAt(this.pos))) this.pos++;
    if (src.charCodeAt(this.pos) !== 62)
      this.fail('xml.syntax', `Expected ">" to end </${expected}>`, this.pos);
    this.pos++;
  }

  private comment(): void {
    const start = this.pos;
    const end = this.src.indexOf('-->', start + 4);
    if (end === -1) this.fail('xml.syntax', 'Unterminated comment', start);
    const body = this.src.slice(start + 4, end);
    if (body.includes('--') || body.endsWith('-'))
      this.fail('xml.syntax', '"--" is not allowed inside a comment', start);
    this.pos = end + 3;
  }

  private cdata(): void {
    const start = this.pos;
    const end = this.src.indexOf(']]>', start + 9);
    if (end === -1) this.fail('xml.syntax', 'Unterminated CDATA section', start);
    this.addText(start + 9, end, true);
    this.pos = end + 3;
  }

  private instruction(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name('processing instruction target');
    if (target.toLowerCase() === 'xml')
      this.fail('xml.syntax', 'The XML declaration must be at the very start', start);
    const end = this.src.indexOf('?>', this.pos);
    if (end === -1) this.fail('xml.syntax', 'Unterminated processing instruction', start);
    if (end > this.pos && !isSpace(this.src.charCodeAt(this.pos)))
      this.fail('xml.syntax', 'Malformed processing instruction', start);
    this.pos = end + 2;
  }

  /** `<!` that is neither a comment nor CDATA: DOCTYPE is refused by policy, anything else is malformed. */
  private markupDeclaration(): never {
    if (this.src.startsWith('<!DOCTYPE', this.pos)) {
      this.fail(
        'xml.doctype',
        'DOCTYPE declarations are not allowed (DTDs and entities are disabled)',
        this.pos,
      );
    }
    this.fail('xml.syntax', 'Unexpected "<!"', this.pos);
  }

  private addText(start: number, end: number, isCdata: boolean): void {
    if (this.blankEnd !== -1) {
      this.text = normalizeNewlines(this.src.slice(this.textOffset, this.blankEnd));
      this.blankEnd = -1;
    }
    if (this.textOffset === -1) this.textOffset = isCdata ? start - 9 : start;
    const seg = this.src.slice(start, end);
    if (isCdata) {
      this.text += normalizeNewlines(seg);
      return;
    }
    const bad = seg.indexOf(']]>');
    if (bad !== -1) this.fail('xml.syntax', '"]]>" is not allowed in text', start + bad);
    this.text += this.decode(seg, start, false);
  }

  private flushText(parent: XmlElement): void {
    if (this.textOffset === -1) return;
    const value = this.text;
    const offset = this.textOffset;
    this.text = '';
    this.textOffset = -1;
    this.blankEnd = -1;
    if (!this.keepSpace && isBlank(value)) return;
    this.locate(offset);
    addChild(parent, { type: 'text', value, line: this.line, column: this.column });
  }

  /**
   * Replaces references in `seg` (which starts at offset `start`); newlines (and in attributes, tabs)
   * are normalized per XML §2.11/§3.3.3. Works on the slice: searching `src` itself would scan to the
   * end of the document for every segment.
   */
  private decode(seg: string, start: number, attribute: boolean): string {
    let amp = seg.indexOf('&');
    if (amp === -1) return literal(seg, attribute);
    let out = '';
    let from = 0;
    while (amp !== -1) {
      out += literal(seg.slice(from, amp), attribute);
      const semi = seg.indexOf(';', amp);
      if (semi === -1 || semi - amp > 12)
        this.fail('xml.entity', 'Unterminated entity reference', start + amp);
      out += this.reference(seg.slice(amp + 1, semi), start + amp);
      from = semi + 1;
      amp = seg.indexOf('&', from);
    }
    return out + literal(seg.slice(from), attribute);
  }

  private reference(ref: string, offset: number): string {
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const m = /^#(?:([0-9]+)|x([0-9a-fA-F]+))$/.exec(ref);
    if (!m)
      this.fail('xml.entity', `Entity "&${ref};" is not defined (only the five XML entities are)`, offset);
    const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2] ?? '', 16);
    const valid =
      code === 9 ||
      code === 10 ||
      code === 13 ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!valid) this.fail('xml.entity', `Character reference "&${ref};" is not an allowed character`, offset);
    return String.fromCodePoint(code);
  }

  private name(what: string): string {
    const src = this.src;
    const start = this.pos;
    if (!isNameStart(src.charCodeAt(start))) this.fail('xml.syntax', `Expected ${what}`, start);
    let i = start + 1;
    while (isNameChar(src.charCodeAt(i))) i++;
    this.pos = i;
    return src.slice(start, i);
  }

  /** A (possibly prefixed) name at this.pos, shared with earlier occurrences of the same name. */
  private qname(what: string, offset: number): QName {
    const src = this.src;
    const start = this.pos;
    let c = src.charCodeAt(start);
    if (!isNameStart(c)) this.fail('xml.syntax', `Expected ${what}`, start);
    let hash = c;
    let i = start + 1;
    while (isNameChar((c = src.charCodeAt(i)))) {
      hash = (Math.imul(hash, 31) + c) | 0;
      i++;
    }
    this.pos = i;
    hash = (Math.imul(hash, 31) + i - start) | 0;
    const known = this.names.get(hash);
    if (known !== undefined && known.name.length === i - start && src.startsWith(known.name, start))
      return known;
    const name = src.slice(start, i);
    const colon = name.indexOf(':');
    const local = name.slice(colon + 1);
    if (colon === 0 || local === '' || local.includes(':'))
      this.fail('xml.namespace', `"${name}" is not a valid qualified name`, offset);
    const qname: QName = { name, prefix: colon === -1 ? '' : name.slice(0, colon), local };
    if (known === undefined) this.names.set(hash, qname);
    return qname;
  }

  /** Sets this.line/column; calls come in increasing order while building, so a cursor suffices. */
  private locate(offset: number): void {
    const starts = this.lineStarts;
    let i = this.lineCursor;
    if ((starts[i] ?? 0) > offset) i = this.lineIndex(offset);
    while (i + 1 < starts.length && (starts[i + 1] ?? Infinity) <= offset) i++;
    this.lineCursor = i;
    this.line = i + 1;
    this.column = offset - (starts[i] ?? 0) + 1;
  }

  private lineIndex(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private offsetOf(p: XmlPosition): number {
    return (this.lineStarts[p.line - 1] ?? 0) + p.column - 1;
  }

  private fail(rule: XmlRule, reason: string, offset: number): never {
    const i = this.lineIndex(offset);
    throw new XmlError(rule, reason, i + 1, offset - (this.lineStarts[i] ?? 0) + 1);
  }
}

function literal(text: string, attribute: boolean): string {
  if (attribute) return /[\r\n\t]/.test(text) ? text.replace(/\r\n|[\r\n\t]/g, ' ') : text;
  return normalizeNewlines(text);
}

function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function isBlank(text: string): boolean {
  return isBlankRange(text, 0, text.length);
}

function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function hex(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
