// The public shapes of the XML parser (parser.ts): the trees it builds, its error, its limits. Positions
// are 1-based; columns count UTF-16 code units, as VS Code does.

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
