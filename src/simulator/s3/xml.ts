// The few XML documents S3 speaks. Responses are built as strings (they are tiny and fixed-shape);
// the only request document we read is CompleteMultipartUpload's part list, whose shape is so
// narrow that a full XML parser would be more code to trust than the two patterns below.
import { S3Error } from './errors';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

export function xmlUnescape(value: string): string {
  return value.replace(
    /&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g,
    (_m, name: string, dec?: string, hex?: string) => {
      if (dec !== undefined) return String.fromCodePoint(Number(dec));
      if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      return named[name] ?? '';
    },
  );
}

/** `<name>escaped value</name>` */
export function leaf(name: string, value: string | number | boolean): string {
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** `<name>children…</name>`; children are already-built XML. */
export function branch(name: string, children: readonly string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

/** A complete response document whose root carries the S3 namespace, as S3 sends it. */
export function s3Document(root: string, children: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${children.join('')}</${root}>`;
}

export interface ErrorFields {
  readonly code: string;
  readonly message: string;
  readonly resource: string;
  readonly requestId: string;
  readonly details: Readonly<Record<string, string>>;
}

export function errorDocument(error: ErrorFields): string {
  const details = Object.entries(error.details).map(([name, value]) => leaf(name, value));
  // S3's <Error> root carries no namespace.
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    branch('Error', [
      leaf('Code', error.code),
      leaf('Message', error.message),
      ...details,
      leaf('Resource', error.resource),
      leaf('RequestId', error.requestId),
    ])
  );
}

export interface CompletedPart {
  readonly partNumber: number;
  /** Without the surrounding quotes. */
  readonly etag: string;
}

/** Reads `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…` in document order. */
export function parseCompleteMultipartUpload(xml: string): CompletedPart[] {
  if (!/<CompleteMultipartUpload[\s>]/.test(xml)) {
    throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate.');
  }
  const parts: CompletedPart[] = [];
  for (const match of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const body = match[1] ?? '';
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(body)?.[1];
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(body)?.[1];
    if (number === undefined || etag === undefined) {
      throw new S3Error('MalformedXML', 'Each Part needs a PartNumber and an ETag.');
    }
    parts.push({ partNumber: Number(number), etag: unquote(xmlUnescape(etag.trim())) });
  }
  if (parts.length === 0) {
    throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate.');
  }
  return parts;
}

export function unquote(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}
