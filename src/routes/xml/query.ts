// Read-only queries over the trees parseXml builds: children by namespace URI and local name (never by
// prefix, which the author of a file chooses), direct text and attributes. Kept apart from the parser so
// code that only walks trees does not depend on how they are built.
import { directText } from './nodes';
import type { XmlElement } from './types';

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((node): node is XmlElement => node.type === 'element');
}

export function findChild(el: XmlElement, uri: string, local: string): XmlElement | undefined {
  for (const node of el.children) {
    if (node.type === 'element' && node.local === local && node.uri === uri) return node;
  }
  return undefined;
}

export function findChildren(el: XmlElement, uri: string, local: string): XmlElement[] {
  return el.children.filter(
    (n): n is XmlElement => n.type === 'element' && n.local === local && n.uri === uri,
  );
}

/** Concatenated text of the element's direct text children. */
export function textContent(el: XmlElement): string {
  return directText(el);
}

export function getAttribute(el: XmlElement, local: string, uri = ''): string | undefined {
  return el.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}
