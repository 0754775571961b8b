// File names for downloaded media. Names come from the server, so they are untrusted: no path
// separators or traversal, nothing Windows refuses (reserved device names, control characters,
// `<>:"|?*`, trailing dots and spaces), a length cap that leaves room for the `.part` suffix, and
// distinct names within one download (case-insensitively, as on Windows and macOS).

/** Windows device names, reserved with any extension (CON.jpg opens the console). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Bytes are what file systems limit; 255 minus room for ` (9999)` and `.part`. */
const MAX_BYTES = 200;

function cut(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

function cleanPart(text: string): string {
  return [...text.normalize('NFC')]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code < 32 || code === 127 || (code >= 0x80 && code < 0xa0) || '<>:"/\\|?*'.includes(c) ? '_' : c;
    })
    .join('');
}

/**
 * One safe file name from a media name and its suffix. The suffix is appended when the name does not
 * already end with it; the result is never empty, `.`/`..`, or a reserved device name.
 */
export function sanitizeFileName(name: string, suffix?: string | null): string {
  const ext = cleanPart(suffix ?? '')
    .replace(/^\.+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 16);
  let base = cleanPart(name).trim();
  if (ext && base.toLowerCase().endsWith(`.${ext.toLowerCase()}`)) base = base.slice(0, -(ext.length + 1));
  // Leading dots would hide the file (and `..` is traversal); trailing dots/spaces vanish on Windows.
  base = base.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  base = cut(base, MAX_BYTES - (ext ? Buffer.byteLength(ext) + 1 : 0)).replace(/[.\s]+$/, '');
  if (!base) base = 'media';
  const stem = base.split('.')[0] ?? base;
  if (RESERVED.test(stem.trim())) base = `_${base}`;
  return ext ? `${base}.${ext}` : base;
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
