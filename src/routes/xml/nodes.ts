// The tree nodes parseXml builds. A 5,000-waypoint route has ~150,000 elements that all stay alive while
// the route is checked, so their size is most of the parse time (allocation and garbage collection):
// the four name fields of an element are one shared object per name and scope, `type` lives on the
// prototype, an element keeps its source offset and works out its line and column when asked, and only
// elements with attributes have a field for them. Consumers see plain XmlElement / XmlText (types.ts).
import type { LineTable } from './source';
import type { XmlAttribute, XmlElement, XmlNode, XmlText } from './types';

/** A qualified name resolved in one namespace scope; shared by every element that spells it there. */
export interface ResolvedName {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly uri: string;
  /** The lines of the document, to place elements and leaf text only when asked. */
  readonly lines: LineTable;
}

// Shared empties: most elements have no attributes, and leaves get their one text child as an exact-size
// array. A `[]` that is pushed to reserves 17 slots, which on a 150,000-element file was most of the heap.
export const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);
export const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

export class ElementNode implements XmlElement {
  /**
   * The children, or, while the only child is text, that text: most elements are leaves like
   * `<wpml:index>3</wpml:index>`, and their text node and its array are made only if someone asks.
   */
  content: readonly XmlNode[] | string = NO_CHILDREN;
  /** Where the text in `content` starts (an offset into the source), while it is a string. */
  textOffset = 0;

  constructor(
    private readonly resolved: ResolvedName,
    /** Where the start tag's `<` is in the source. */
    readonly offset: number,
  ) {}

  get type(): 'element' {
    return 'element';
  }

  get attributes(): readonly XmlAttribute[] {
    return NO_ATTRIBUTES;
  }

  get line(): number {
    return this.resolved.lines.indexOf(this.offset) + 1;
  }

  get column(): number {
    const lines = this.resolved.lines;
    return this.offset - lines.start(lines.indexOf(this.offset)) + 1;
  }

  get name(): string {
    return this.resolved.name;
  }

  get prefix(): string {
    return this.resolved.prefix;
  }

  get local(): string {
    return this.resolved.local;
  }

  get uri(): string {
    return this.resolved.uri;
  }

  get children(): readonly XmlNode[] {
    const content = this.content;
    if (typeof content !== 'string') return content;
    const children = [this.textNode()];
    this.content = children;
    return children;
  }

  /** The text in `content`, while it is a string, as a node. */
  textNode(): TextNode {
    const { line, column } = this.resolved.lines.position(this.textOffset);
    return new TextNode(this.content as string, line, column);
  }
}

/** The rare element with attributes (in route files, the root with its namespace declarations). */
export class AttributedElementNode extends ElementNode {
  constructor(
    resolved: ResolvedName,
    offset: number,
    private readonly attributeList: readonly XmlAttribute[],
  ) {
    super(resolved, offset);
  }

  override get attributes(): readonly XmlAttribute[] {
    return this.attributeList;
  }
}

export class TextNode implements XmlText {
  constructor(
    readonly value: string,
    readonly line: number,
    readonly column: number,
  ) {}

  get type(): 'text' {
    return 'text';
  }
}

/** The text of an element's direct text children, without making text nodes for a leaf. */
export function directText(el: XmlElement): string {
  if (el instanceof ElementNode && typeof el.content === 'string') return el.content;
  let out = '';
  for (const node of el.children) if (node.type === 'text') out += node.value;
  return out;
}
