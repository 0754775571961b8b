// A small, strict, non-validating XML 1.0 + Namespaces parser for WPML/KML. Route files come from
// anywhere, so it refuses DOCTYPE outright: no DTD means no external entities (XXE) and no entity
// expansion (billion laughs), and nothing WPML needs is lost. Positions are 1-based; columns count
// UTF-16 code units, as VS Code does. Comments and processing instructions are checked and dropped.
// This module is the parser's public face; the work is in parser.ts, prolog.ts and chars.ts.
import { Parser } from './parser';
import type { XmlDocument, XmlParseOptions } from './types';

export { decodeUtf8 } from './chars';
export {
  DEFAULT_XML_LIMITS,
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  XmlError,
  type XmlAttribute,
  type XmlDocument,
  type XmlElement,
  type XmlLimits,
  type XmlNode,
  type XmlParseOptions,
  type XmlPosition,
  type XmlRule,
  type XmlText,
} from './types';

export function parseXml(text: string, options: XmlParseOptions = {}): XmlDocument {
  return new Parser(text, options).document();
}
