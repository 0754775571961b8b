// The text being parsed, the read position and the line table that turns offsets into 1-based lines and
// UTF-16 columns; shared by the prolog and the element parser.
import type { Fail } from './chars';
import { XmlError, type XmlPosition, type XmlRule } from './types';

/** Where each line of a text starts; the trees keep it to place the few nodes that are placed late. */
export class LineTable {
  /**
   * Line starts in a typed array sized by a first count: a 10 MB route has 500,000 lines, and a growing
   * JS array of them was a sixth of what a check allocates (copies while growing, then a large array
   * for the garbage collector to move). This one lives outside the JS heap.
   */
  private readonly starts: Uint32Array;
  /** The line found last: lookups mostly come in document order, so it or the next line is the answer. */
  private cursor = 0;

  constructor(src: string) {
    if (src.includes('\r')) {
      const found = [0];
      const breaks = /\r\n?|\n/g;
      for (let m = breaks.exec(src); m; m = breaks.exec(src)) found.push(m.index + m[0].length);
      this.starts = Uint32Array.from(found);
      return;
    }
    let count = 1;
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) count++;
    this.starts = new Uint32Array(count);
    let n = 1;
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.starts[n++] = i + 1;
  }

  get length(): number {
    return this.starts.length;
  }

  /** Where 0-based line `index` starts. */
  start(index: number): number {
    return this.starts[index] ?? 0;
  }

  /** The 0-based line of `offset`. */
  indexOf(offset: number): number {
    const starts = this.starts;
    const c = this.cursor;
    if ((starts[c] ?? 0) <= offset) {
      if ((starts[c + 1] ?? Infinity) > offset) return c;
      if ((starts[c + 2] ?? Infinity) > offset) return (this.cursor = c + 1);
    }
    return (this.cursor = this.search(offset));
  }

  private search(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): XmlPosition {
    const i = this.indexOf(offset);
    return { line: i + 1, column: offset - this.start(i) + 1 };
  }
}

export class XmlSource {
  pos = 0;
  // Set by locate(): returning {line, column} objects per node doubled the garbage on 5 MB files.
  line = 1;
  column = 1;
  readonly lines: LineTable;

  constructor(readonly src: string) {
    this.lines = new LineTable(src);
  }

  /** Sets this.line/column. */
  locate(offset: number): void {
    const i = this.lines.indexOf(offset);
    this.line = i + 1;
    this.column = offset - this.lines.start(i) + 1;
  }

  offsetOf(p: XmlPosition): number {
    return this.lines.start(p.line - 1) + p.column - 1;
  }

  fail(rule: XmlRule, reason: string, offset: number): never {
    const { line, column } = this.lines.position(offset);
    throw new XmlError(rule, reason, line, column);
  }

  /** fail() as a callback for the helpers in chars.ts. */
  readonly onFail: Fail = (rule, reason, offset) => this.fail(rule, reason, offset);
}
