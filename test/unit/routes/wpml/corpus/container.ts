// Corpus cases for docs/wpml.md#rules, rules 1–2: archives, entry names, XML and the root element. Each
// breaks the valid generated route in one way and names the rule, severity and place of the finding it must
// give.
import { writeZip } from '../../../../../src/routes/zip/zip';
import { ARCHIVE, built, inTemplate, inWaylines, raw, type CorpusCase } from './kit';
import {
  baseFiles,
  centralDirectory,
  editFile,
  kmzOf,
  renameEntry,
  replace,
  replaceAll,
  TEMPLATE,
  text,
  WAYLINES,
} from './route';

export const CONTAINER_CASES: readonly CorpusCase[] = [
  // Rule 1: the container.
  raw('not a zip', 'zip.not_zip', () => Buffer.from('<kml>this is XML, not a KMZ archive</kml>')),
  raw('empty zip', 'zip.empty', () => writeZip([])),
  raw('zip bomb: 4 MB of spaces deflated ~1000:1', 'zip.ratio', () =>
    kmzOf({ ...baseFiles(), [TEMPLATE]: Buffer.alloc(4 * 1024 * 1024, 0x20) }),
  ),
  raw('entry escaping with ../', 'zip.unsafe_path', () =>
    renameEntry(kmzOf({ ...baseFiles(), 'zz/evil.kml': '<x/>' }), 'zz/evil.kml', '../evil.kml'),
  ),
  raw('absolute entry path', 'zip.unsafe_path', () =>
    renameEntry(kmzOf({ ...baseFiles(), 'xetc/passwd': 'x' }), 'xetc/passwd', '/etc/passwd'),
  ),
  raw('duplicated entry names', 'zip.duplicate_name', () =>
    renameEntry(kmzOf({ ...baseFiles(), 'wpmz/template.kmx': '<x/>' }), 'wpmz/template.kmx', TEMPLATE),
  ),
  raw('encrypted flag', 'zip.encrypted', () => {
    const zip = Buffer.from(kmzOf(baseFiles()));
    const central = centralDirectory(zip);
    zip.writeUInt16LE(zip.readUInt16LE(central + 8) | 1, central + 8); // general purpose bit 0
    return zip;
  }),
  raw('damaged data (CRC-32 mismatch)', 'zip.crc_mismatch', () => {
    const zip = Buffer.from(kmzOf(baseFiles(), false));
    const at = zip.indexOf('FlightHub 2 Workbench');
    zip[at] = 'X'.charCodeAt(0);
    return zip;
  }),
  {
    name: 'missing template.kml',
    rule: 'kmz.missing_template',
    severity: 'error',
    at: { file: ARCHIVE },
    build: () => built({ [WAYLINES]: text(baseFiles(), WAYLINES) }),
  },
  {
    name: 'missing waylines.wpml',
    rule: 'kmz.missing_waylines',
    severity: 'error',
    at: { file: ARCHIVE },
    build: () => built({ [TEMPLATE]: text(baseFiles(), TEMPLATE) }),
  },
  {
    name: 'waylines.kml instead of waylines.wpml',
    rule: 'kmz.waylines_kml',
    severity: 'error',
    at: { file: 'wpmz/waylines.kml' },
    build: () =>
      built({ [TEMPLATE]: text(baseFiles(), TEMPLATE), 'wpmz/waylines.kml': text(baseFiles(), WAYLINES) }),
  },
  {
    name: 'wrong top folder (route/wpmz/…)',
    rule: 'kmz.wrong_folder',
    severity: 'error',
    at: { file: 'route/wpmz/template.kml' },
    build: () => {
      const f = baseFiles();
      return built({
        'route/wpmz/template.kml': text(f, TEMPLATE),
        'route/wpmz/waylines.wpml': text(f, WAYLINES),
      });
    },
  },
  {
    name: 'wrong case (wpmz/Template.kml)',
    rule: 'kmz.wrong_folder',
    severity: 'error',
    at: { file: 'wpmz/Template.kml' },
    build: () => {
      const f = baseFiles();
      return built({ 'wpmz/Template.kml': text(f, TEMPLATE), [WAYLINES]: text(f, WAYLINES) });
    },
  },
  {
    name: 'macOS metadata entry',
    rule: 'kmz.unexpected_entry',
    severity: 'warning',
    at: { file: '__MACOSX/wpmz/._template.kml' },
    build: () => built({ ...baseFiles(), '__MACOSX/wpmz/._template.kml': 'Mac OS X' }),
  },

  // §6 item 2: XML, root and namespaces.
  inTemplate(
    'wrong KML namespace',
    'wpml.root',
    'error',
    (s) => replace(s, 'opengis.net/kml/2.2', 'opengis.net/kml/2.3'),
    '<kml',
  ),
  inWaylines(
    'DJI namespace under another prefix',
    'wpml.namespace.missing',
    'error',
    (s) => replace(replaceAll(s, 'wpml:', 'dji:'), 'xmlns:wpml=', 'xmlns:dji='),
    '<kml',
  ),
  inWaylines(
    'wpml prefix never declared',
    'xml.namespace',
    'error',
    (s) => replace(s, ' xmlns:wpml="http://www.dji.com/wpmz/1.0.6"', ''),
    '<wpml:missionConfig>',
  ),
  inWaylines(
    'WPML version 2.0.0',
    'wpml.namespace.version',
    'error',
    (s) => replace(s, 'wpmz/1.0.6', 'wpmz/2.0.0'),
    'xmlns:wpml=',
  ),
  inTemplate(
    'XXE through DOCTYPE',
    'xml.doctype',
    'error',
    (s) => replace(s, '<kml', '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<kml'),
    '<!DOCTYPE',
  ),
  inTemplate(
    'billion laughs',
    'xml.doctype',
    'error',
    (s) => {
      const lols = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++)
        lols.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      const withDoctype = replace(s, '<kml', `<!DOCTYPE kml [\n${lols.join('\n')}\n]>\n<kml`);
      return replace(withDoctype, 'FlightHub 2 Workbench', '&lol9;');
    },
    '<!DOCTYPE',
  ),
  inTemplate(
    'undeclared entity',
    'xml.entity',
    'error',
    (s) => replace(s, 'FlightHub 2 Workbench', '&xxe;'),
    '&xxe;',
  ),
  inWaylines(
    'mismatched end tag',
    'xml.mismatched_tag',
    'error',
    (s) => replace(s, '<wpml:index>1</wpml:index>', '<wpml:index>1</wpml:idx>'),
    '</wpml:idx>',
  ),
  {
    name: 'Latin-1 bytes in UTF-8 file',
    rule: 'xml.encoding',
    severity: 'error',
    at: { file: TEMPLATE, needle: '\u00ff' },
    build: () => {
      const f = editFile(baseFiles(), TEMPLATE, (s) => replace(s, 'FlightHub 2 Workbench', 'Fl\u00ffghtHub'));
      return { kmz: kmzOf({ ...f, [TEMPLATE]: Buffer.from(text(f, TEMPLATE), 'latin1') }), files: f };
    },
  },
  inWaylines(
    'two Documents',
    'wpml.document',
    'error',
    (s) => replace(s, '</Document>', '</Document>\n  <Document/>'),
    '<kml',
  ),
];
