// `Range: bytes=…` for GetObject. S3 serves a single range; per RFC 9110 §14.2 a header that does
// not parse (several ranges, other units, `a-b` with b < a) is ignored and the whole object sent.
import { S3Error } from './errors';

export interface ByteRange {
  /** Inclusive. */
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/** The range to send, undefined for the whole object; throws InvalidRange (416) when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw unsatisfiable(size);
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

function unsatisfiable(size: number): S3Error {
  return new S3Error('InvalidRange', 'The requested range is not satisfiable', {
    headers: { 'Content-Range': `bytes */${size}` },
    details: { ActualObjectSize: String(size) },
  });
}
