// The tree nodes parseXml builds. A 5,000-waypoint route has ~150,000 elements that all stay alive while
// the route is checked, so their size is most of the parse time (allocation and garbage collection):
// the four name fields of an element are one shared object per name and scope, and `type` lives on the
// prototype. Consumers see plain XmlElement / XmlText (xmlTypes.ts).
import type { XmlAttribute, XmlElement, XmlNode, XmlText } from './xmlTypes';

/** A qualified name resolved in one namespace scope; shared by every element that spells it there. */
export interface ResolvedName {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly uri: string;
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
  /** Where the text in `content` starts, while it is a string. */
  textLine = 0;
  textColumn = 0;

  constructor(
    private readonly resolved: ResolvedName,
    readonly attributes: readonly XmlAttribute[],
    readonly line: number,
    readonly column: number,
  ) {}

  get type(): 'element' {
    return 'element';
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
    const children = [new TextNode(content, this.textLine, this.textColumn)];
    this.content = children;
    return children;
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

export function addChild(parent: ElementNode, node: XmlNode): void {
  if (parent.content === NO_CHILDREN) parent.content = [node];
  else (parent.children as XmlNode[]).push(node);
}

/**
 * Trims a closed element's children to their exact count: an array grown by push keeps room for 17 or
 * more, and ~60,000 containers of a 5,000-waypoint route would keep that room alive as long as the tree.
 */
export function closeChildren(el: ElementNode): void {
  const content = el.content;
  if (typeof content !== 'string' && content.length > 1) el.content = content.slice();
}

export function addTextChild(parent: ElementNode, value: string, line: number, column: number): void {
  if (parent.content === NO_CHILDREN) {
    parent.content = value;
    parent.textLine = line;
    parent.textColumn = column;
  } else {
    addChild(parent, new TextNode(value, line, column));
  }
}

/** The text of an element's direct text children, without making text nodes for a leaf. */
export function directText(el: XmlElement): string {
  if (el instanceof ElementNode && typeof el.content === 'string') return el.content;
  let out = '';
  for (const node of el.children) if (node.type === 'text') out += node.value;
  return out;
}
