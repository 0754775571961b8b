// Element and attribute names, read once: a name is sliced and checked the first time it is seen and
// shared afterwards, and the next element name is predicted from the sequence seen so far.
import type { QName } from './attributes';
import { isNameChar, isNameStart } from './chars';
import type { XmlSource } from './source';

export class NameTable {
  /** Names by a hash of their characters, so repeated tag names are not sliced out of the source again. */
  private readonly names = new Map<number, QName>();
  /** The last element name read, whose `next` predicts the coming one. */
  private previous: QName | undefined;

  /** The element name at s.pos: checked against the predicted one before it is hashed and looked up. */
  element(s: XmlSource, offset: number): QName {
    const src = s.src;
    const previous = this.previous;
    const predicted = previous?.next;
    let qname: QName;
    const end = s.pos + (predicted?.name.length ?? 0);
    if (
      predicted !== undefined &&
      sameChars(predicted.name, src, s.pos, predicted.name.length) &&
      !isNameChar(src.charCodeAt(end))
    ) {
      s.pos = end;
      qname = predicted;
    } else {
      qname = this.read(s, 'element name', offset);
      if (previous !== undefined) previous.next = qname;
    }
    this.previous = qname;
    return qname;
  }

  /** A (possibly prefixed) name at s.pos, shared with earlier occurrences of the same name. */
  read(s: XmlSource, what: string, offset: number): QName {
    const src = s.src;
    const start = s.pos;
    let c = src.charCodeAt(start);
    if (!isNameStart(c)) s.fail('xml.syntax', `Expected ${what}`, start);
    let hash = c;
    let i = start + 1;
    while (isNameChar((c = src.charCodeAt(i)))) {
      hash = (Math.imul(hash, 31) + c) | 0;
      i++;
    }
    s.pos = i;
    const length = i - start;
    hash = (Math.imul(hash, 31) + length) | 0;
    const known = this.names.get(hash);
    if (known !== undefined && sameChars(known.name, src, start, length)) return known;
    const name = flat(src.slice(start, i));
    const colon = name.indexOf(':');
    const local = name.slice(colon + 1);
    if (colon === 0 || local === '' || local.includes(':'))
      s.fail('xml.namespace', `"${name}" is not a valid qualified name`, offset);
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const qname: QName = { name, prefix, local, scope: undefined, resolved: undefined, next: undefined };
    if (known === undefined) this.names.set(hash, qname);
    return qname;
  }
}

/**
 * A copy of a slice that does not point into the source: names are compared and read char by char on
 * every element, and a flat string is cheaper to read than a view. Made once per distinct name.
 */
function flat(slice: string): string {
  return slice.split('').join('');
}

/** Whether src[start, start + length) spells `name`; a loop is cheaper than startsWith for short names. */
function sameChars(name: string, src: string, start: number, length: number): boolean {
  if (name.length !== length) return false;
  for (let i = 0; i < length; i++) if (name.charCodeAt(i) !== src.charCodeAt(start + i)) return false;
  return true;
}
