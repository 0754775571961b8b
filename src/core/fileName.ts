// The one place that turns a name (a route, a task, a media file, a document) into a file name we write:
// route downloads, GeoJSON exports, JSON documents, uploaded object names and media downloads. Names come
// from FlightHub or from people, so nothing in them is trusted: no path separators or traversal, nothing
// Windows refuses (reserved device names with any extension, control characters, `<>:"/\|?*`, trailing
// dots and spaces), and a length in UTF-8 bytes that file systems and object stores accept.
// Windows rules: https://learn.microsoft.com/windows/win32/fileio/naming-a-file

/**
 * Device names Windows reserves whatever follows the first dot (`CON.geojson` opens the console).
 * The page above lists COM0/LPT0 and the superscript digits too; CONIN$/CONOUT$ are console buffers.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const FORBIDDEN = new Set('<>:"/\\|?*');

/** `<>:"/\|?*`, C0/C1 controls, and the bidi overrides that would show `gpj.exe` as `exe.jpg`. */
function unsafe(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code < 0xa0) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    FORBIDDEN.has(c)
  );
}
/** Object keys end up in URLs and signatures: letters and digits of any script, `.`, `_` and `-`. */
const NOT_PORTABLE = /[^\p{L}\p{N}._-]/gu;

/** 255 bytes is the common limit; the rest leaves room for ` (9999)` and a `.part` while downloading. */
export const MAX_FILE_NAME_BYTES = 200;
const MAX_EXTENSION_BYTES = 16;

export interface FileNameOptions {
  /** Used when nothing usable is left of the name (default "file"). */
  readonly fallback?: string;
  /** Upper bound of the whole name in UTF-8 bytes, extension included (default 200). */
  readonly maxBytes?: number;
  /** Only letters, digits, `.`, `_` and `-`, for object-store keys (default false). */
  readonly portable?: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix within `maxBytes`, cut between graphemes (an emoji family stays whole or goes). */
function cutBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = Buffer.byteLength(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

function clean(text: string, portable: boolean): string {
  let safe = '';
  for (const c of text.normalize('NFC')) safe += unsafe(c) ? '_' : c;
  return portable ? safe.replace(NOT_PORTABLE, '_') : safe;
}

/** Leading dots hide a file (and `..` is traversal); trailing dots and spaces vanish on Windows. */
function trimEnds(text: string): string {
  return text.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
}

function isReserved(base: string): boolean {
  const stem = base.split('.')[0] ?? base;
  return RESERVED.test(stem.trim());
}

/**
 * A file name safe on Windows, macOS and Linux from `name` and an `extension` (without or with its dot).
 * The extension is added unless the name already ends with it (case-insensitively); the result is never
 * empty, `.`/`..`, hidden, or a reserved device name, and fits `maxBytes` with its extension intact.
 */
export function sanitizeFileName(
  name: string,
  extension?: string | null,
  options: FileNameOptions = {},
): string {
  const portable = options.portable ?? false;
  const maxBytes = options.maxBytes ?? MAX_FILE_NAME_BYTES;
  const ext = cutBytes(trimEnds(clean(extension ?? '', portable)), MAX_EXTENSION_BYTES).replace(
    /[.\s]+$/u,
    '',
  );
  const suffix = ext ? `.${ext}` : '';
  let base = clean(name, portable).trim();
  if (suffix && base.toLowerCase().endsWith(suffix.toLowerCase())) base = base.slice(0, -suffix.length);
  // One byte kept back for the `_` a reserved name gets.
  const room = Math.max(1, maxBytes - Buffer.byteLength(suffix) - 1);
  base = trimEnds(cutBytes(trimEnds(base), room));
  if (!base) base = trimEnds(cutBytes(clean(options.fallback ?? 'file', portable), room)) || 'file';
  if (isReserved(base)) base = `_${base}`;
  return base + suffix;
}

/** Gives each name a distinct spelling (case-insensitive): `a.jpg`, `a (2).jpg`, `a (3).jpg`… */
export class UniqueNames {
  private readonly taken = new Set<string>();

  next(name: string): string {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
