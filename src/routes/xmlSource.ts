// The text being parsed, the read position and the line table that turns offsets into 1-based lines and
// UTF-16 columns; shared by the prolog and the element parser.
import type { Fail } from './xmlChars';
import { XmlError, type XmlPosition, type XmlRule } from './xmlTypes';

export class XmlSource {
  pos = 0;
  // Set by locate(): returning {line, column} objects per node doubled the garbage on 5 MB files.
  line = 1;
  column = 1;
  private readonly lineStarts: number[] = [0];
  private lineCursor = 0;

  constructor(readonly src: string) {
    if (src.includes('\r')) {
      const breaks = /\r\n?|\n/g;
      for (let m = breaks.exec(src); m; m = breaks.exec(src)) this.lineStarts.push(m.index + m[0].length);
    } else {
      for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
  }

  /** Sets this.line/column; calls come in increasing order while building, so a cursor suffices. */
  locate(offset: number): void {
    const starts = this.lineStarts;
    let i = this.lineCursor;
    if ((starts[i] ?? 0) > offset) i = this.lineIndex(offset);
    while (i + 1 < starts.length && (starts[i + 1] ?? Infinity) <= offset) i++;
    this.lineCursor = i;
    this.line = i + 1;
    this.column = offset - (starts[i] ?? 0) + 1;
  }

  offsetOf(p: XmlPosition): number {
    return (this.lineStarts[p.line - 1] ?? 0) + p.column - 1;
  }

  fail(rule: XmlRule, reason: string, offset: number): never {
    const i = this.lineIndex(offset);
    throw new XmlError(rule, reason, i + 1, offset - (this.lineStarts[i] ?? 0) + 1);
  }

  /** fail() as a callback for the helpers in xmlChars.ts. */
  readonly onFail: Fail = (rule, reason, offset) => this.fail(rule, reason, offset);

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
}
