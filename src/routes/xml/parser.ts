// The element parser: start and end tags, attributes, namespaces, text and CDATA, building the tree of
// nodes.ts. Markup outside elements is in prolog.ts, character rules in chars.ts.
// Spec: https://www.w3.org/TR/xml/ and https://www.w3.org/TR/xml-names/.
import {
  decodeText,
  FORBIDDEN_CHAR,
  hex,
  isBlankRange,
  isNameChar,
  isNameStart,
  isSpace,
  normalizeNewlines,
} from './chars';
import { AttributedElementNode, ElementNode, NO_CHILDREN, TextNode } from './nodes';
import { comment, declaration, instruction, markupDeclaration, misc, name } from './prolog';
import {
  attributeValue,
  declareNamespaces,
  NO_RAW,
  resolveAttributes,
  type RawAttribute,
  type Scope,
} from './attributes';
import { NameTable } from './names';
import { XmlSource } from './source';
import {
  DEFAULT_XML_LIMITS,
  XML_NAMESPACE,
  type XmlDocument,
  type XmlElement,
  type XmlLimits,
  type XmlNode,
  type XmlParseOptions,
} from './types';

export class Parser extends XmlSource {
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
  private readonly names = new NameTable();
  /**
   * The children of the open elements, each element's after its parent's, from `first` on for the
   * innermost; [0, childCount) is in use. An element gets them as one exact-size array when it closes:
   * arrays grown by push would reserve 17 slots and be copied to their size anyway.
   */
  private readonly childStack: XmlNode[] = [];
  private childCount = 0;
  private first = 0;

  constructor(src: string, options: XmlParseOptions) {
    super(src);
    this.limits = { ...DEFAULT_XML_LIMITS, ...options };
    this.keepSpace = options.preserveWhitespace ?? false;
  }

  document(): XmlDocument {
    const src = this.src;
    const bad = FORBIDDEN_CHAR.exec(src);
    if (bad) this.fail('xml.invalid_char', `Character U+${hex(bad[0])} is not allowed in XML`, bad.index);
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    const decl = declaration(this);
    misc(this);
    if (this.pos >= src.length) this.fail('xml.no_root', 'The document has no root element', this.pos);
    if (src.charCodeAt(this.pos) !== 60)
      this.fail('xml.syntax', 'Text is not allowed before the root element', this.pos);
    const root = this.elements();
    misc(this);
    if (this.pos < src.length) {
      const isTag = src.charCodeAt(this.pos) === 60 && isNameStart(src.charCodeAt(this.pos + 1));
      if (isTag) this.fail('xml.multiple_roots', 'Only one root element is allowed', this.pos);
      this.fail('xml.syntax', 'Content is not allowed after the root element', this.pos);
    }
    return decl ? { root, declaration: decl } : { root };
  }

  private elements(): XmlElement {
    const src = this.src;
    const base: Scope = Object.create(null) as Scope;
    base.xml = XML_NAMESPACE;
    const root = this.startTag(base, 0);
    if (this.selfClosing) return root;
    // Parallel stacks rather than an array of frame objects: less garbage per element.
    const elements: ElementNode[] = [root];
    const scopes: Scope[] = [this.scope];
    const firsts: number[] = [0];
    for (;;) {
      const depth = elements.length;
      const top = elements[depth - 1];
      if (!top) return root;
      const lt = src.indexOf('<', this.pos);
      if (lt === -1) this.fail('xml.unclosed', `Element <${top.name}> is never closed`, top.offset);
      const next = src.charCodeAt(lt + 1);
      if (lt > this.pos && next === 47 && this.textOffset === -1) {
        // The common leaf: all of its text, then its end tag; nothing is pending, so nothing to merge.
        this.leafText(top, this.pos, lt);
      } else if (lt > this.pos) {
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
      if (next === 47 /* / */) {
        this.flushText(top);
        this.endTag(top);
        this.closeChildren(top);
        elements.pop();
        scopes.pop();
        firsts.pop();
        this.first = firsts[depth - 2] ?? 0;
      } else if (next === 33 /* ! */) {
        if (src.startsWith('<!--', lt)) comment(this);
        else if (src.startsWith('<![CDATA[', lt)) this.cdata();
        else markupDeclaration(this);
      } else if (next === 63 /* ? */) {
        instruction(this);
      } else {
        this.flushText(top);
        const child = this.startTag(scopes[depth - 1] ?? base, depth);
        this.addChild(top, child);
        if (!this.selfClosing) {
          elements.push(child);
          scopes.push(this.scope);
          firsts.push(this.childCount);
          this.first = this.childCount;
        }
      }
    }
  }

  /** Adds a child to `parent`, the innermost open element (whose text so far may be its `content`). */
  private addChild(parent: ElementNode, node: XmlNode): void {
    if (typeof parent.content === 'string') {
      this.childStack[this.childCount++] = parent.textNode();
      parent.content = NO_CHILDREN;
    }
    this.childStack[this.childCount++] = node;
  }

  /** Gives a closing element its children, as an exact-size array. */
  private closeChildren(el: ElementNode): void {
    if (this.childCount === this.first) return;
    el.content = this.childStack.slice(this.first, this.childCount);
    this.childCount = this.first;
  }

  private addTextChild(parent: ElementNode, value: string, offset: number): void {
    if (parent.content === NO_CHILDREN && this.childCount === this.first) {
      parent.content = value;
      parent.textOffset = offset;
    } else {
      this.locate(offset);
      this.addChild(parent, new TextNode(value, this.line, this.column));
    }
  }

  /** Parses `<name attr="v" …>` or `/>`; sets this.selfClosing and this.scope (the element's scope). */
  private startTag(parentScope: Scope, depth: number): ElementNode {
    const src = this.src;
    const offset = this.pos;
    if (depth >= this.limits.maxDepth) {
      this.fail('xml.too_deep', `Elements are nested deeper than ${this.limits.maxDepth} levels`, offset);
    }
    if (++this.elementCount > this.limits.maxNodes) {
      this.fail('xml.too_many_nodes', `The document has more than ${this.limits.maxNodes} elements`, offset);
    }
    this.pos++;
    const qname = this.names.element(this, offset + 1);
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
      if (Number.isNaN(c)) this.fail('xml.syntax', `Unterminated start tag <${qname.name}>`, offset);
      if (this.pos === before || !isNameStart(c))
        this.fail('xml.syntax', `Unexpected "${src[this.pos]}" in start tag`, this.pos);
      if (raw === NO_RAW) raw = [];
      raw.push(this.attribute(raw));
    }
    this.selfClosing = selfClosing;
    const scope = raw === NO_RAW ? parentScope : declareNamespaces(this, raw, parentScope);
    this.scope = scope;
    let resolved = qname.resolved;
    if (qname.scope !== scope || resolved === undefined) {
      const { name, prefix, local } = qname;
      const uri = prefix === '' ? (scope[''] ?? '') : scope[prefix];
      if (uri === undefined)
        this.fail('xml.namespace', `Namespace prefix "${prefix}" is not declared`, offset);
      resolved = { name, prefix, local, uri, lines: this.lines };
      qname.scope = scope;
      qname.resolved = resolved;
    }
    if (raw === NO_RAW) return new ElementNode(resolved, offset);
    return new AttributedElementNode(resolved, offset, resolveAttributes(this, raw, scope));
  }

  private attribute(previous: readonly RawAttribute[]): RawAttribute {
    const offset = this.pos;
    const qname = this.names.read(this, 'attribute name', offset);
    if (previous.some((p) => p.name === qname))
      this.fail('xml.duplicate_attribute', `Attribute "${qname.name}" is repeated`, offset);
    return { name: qname, value: attributeValue(this, qname.name), offset };
  }

  private endTag(top: ElementNode): void {
    const src = this.src;
    const offset = this.pos;
    const expected = top.name;
    // Compared in place rather than sliced: the end tag nearly always matches.
    const n = expected.length;
    let i = 0;
    while (i < n && src.charCodeAt(offset + 2 + i) === expected.charCodeAt(i)) i++;
    if (i === n && !isNameChar(src.charCodeAt(offset + 2 + n))) {
      this.pos = offset + 2 + n;
    } else {
      this.pos += 2;
      const found = name(this, 'element name');
      const { line, column } = top;
      this.fail(
        'xml.mismatched_tag',
        `Expected </${expected}> (opened at line ${line}, column ${column}), found </${found}>`,
        offset,
      );
    }
    while (isSpace(src.charCodeAt(this.pos))) this.pos++;
    if (src.charCodeAt(this.pos) !== 62)
      this.fail('xml.syntax', `Expected ">" to end </${expected}>`, this.pos);
    this.pos++;
  }

  private cdata(): void {
    const start = this.pos;
    const end = this.src.indexOf(']]>', start + 9);
    if (end === -1) this.fail('xml.syntax', 'Unterminated CDATA section', start);
    this.addText(start + 9, end, true);
    this.pos = end + 3;
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
    this.text += decodeText(seg, start, false, this.onFail);
  }

  /** Text [start, end) that is all of an element's remaining content, added without the pending state. */
  private leafText(parent: ElementNode, start: number, end: number): void {
    const src = this.src;
    // Most leaf text is short and plain (`73.4`, `reachPoint`): one look at each character instead of
    // three searches of the slice. `&`, `]` or CR take the general path (references, "]]>", newlines).
    let blank = true;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c === 38 || c === 93 || c === 13) return this.decodedLeafText(parent, start, end);
      if (blank && !isSpace(c)) blank = false;
    }
    if (!blank || this.keepSpace) this.addTextChild(parent, src.slice(start, end), start);
  }

  private decodedLeafText(parent: ElementNode, start: number, end: number): void {
    const src = this.src;
    if (!this.keepSpace && isBlankRange(src, start, end)) return;
    const seg = src.slice(start, end);
    const bad = seg.indexOf(']]>');
    if (bad !== -1) this.fail('xml.syntax', '"]]>" is not allowed in text', start + bad);
    const value = decodeText(seg, start, false, this.onFail);
    // Only references can make blank text of text that is not (`&#32;`); the rest was checked above.
    if (value !== seg && !this.keepSpace && isBlankRange(value, 0, value.length)) return;
    this.addTextChild(parent, value, start);
  }

  private flushText(parent: ElementNode): void {
    if (this.textOffset === -1) return;
    const value = this.text;
    const offset = this.textOffset;
    this.text = '';
    this.textOffset = -1;
    this.blankEnd = -1;
    if (!this.keepSpace && isBlankRange(value, 0, value.length)) return;
    this.addTextChild(parent, value, offset);
  }
}
