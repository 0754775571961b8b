// The strict XML parser: what it builds, where it says things are, and what it refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeUtf8,
  parseXml,
  XmlError,
  type XmlElement,
  type XmlParseOptions,
  type XmlRule,
} from '../../../../src/routes/xml/xml';
import { childElements, findChild, getAttribute, textContent } from '../../../../src/routes/xml/query';

const KML = 'http://www.opengis.net/kml/2.2';
const WPML = 'http://www.dji.com/wpmz/1.0.2';

function fails(
  xml: string,
  rule: XmlRule,
  line: number,
  column: number,
  options?: XmlParseOptions,
): XmlError {
  let caught: unknown;
  try {
    parseXml(xml, options);
  } catch (error) {
    caught = error;
  }
  assert.ok(XmlError.is(caught), `expected an XmlError for ${JSON.stringify(xml.slice(0, 60))}`);
  assert.deepEqual([caught.rule, caught.line, caught.column], [rule, line, column], caught.message);
  assert.match(caught.message, new RegExp(`line ${line}, column ${column}`));
  return caught;
}

function only(el: XmlElement | undefined): XmlElement {
  assert.ok(el, 'element expected');
  return el;
}

void describe('xml: documents it builds', () => {
  it('resolves namespaces and keeps qualified name, local name and URI', () => {
    const doc = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="${KML}" xmlns:wpml="${WPML}">\n` +
        `  <Document><wpml:author id="x" wpml:unit="m">Me</wpml:author>\n` +
        `    <inner xmlns="urn:other"><wpml:x/></inner></Document>\n</kml>`,
    );
    assert.deepEqual(doc.declaration, { version: '1.0', encoding: 'UTF-8' });
    const root = doc.root;
    assert.deepEqual([root.name, root.local, root.uri, root.prefix], ['kml', 'kml', KML, '']);
    const document = only(findChild(root, KML, 'Document'));
    const author = only(findChild(document, WPML, 'author'));
    assert.deepEqual(
      [author.name, author.local, author.uri, author.prefix],
      ['wpml:author', 'author', WPML, 'wpml'],
    );
    assert.equal(getAttribute(author, 'id'), 'x', 'unprefixed attributes are in no namespace');
    assert.equal(getAttribute(author, 'unit', WPML), 'm');
    assert.equal(getAttribute(author, 'unit'), undefined);
    const inner = only(findChild(document, 'urn:other', 'inner'));
    assert.equal(only(childElements(inner)[0]).uri, WPML, 'prefixes are inherited');
    assert.equal(textContent(author), 'Me');
  });

  it('decodes entities, character references and CDATA, and drops comments and PIs', () => {
    const doc = parseXml(
      '\ufeff<a t="&lt;&amp;&gt;&quot;&apos; &#65;&#x42;"> x &lt; y <!-- c --><?pi data?><![CDATA[<raw & ]]>&#x1F600;</a>',
    );
    assert.equal(getAttribute(doc.root, 't'), `<&>"' AB`);
    assert.deepEqual(doc.root.children.length, 1, 'adjacent text, CDATA and references merge');
    assert.equal(textContent(doc.root), ' x < y <raw & \u{1F600}');
  });

  it('normalizes line ends in text and whitespace in attribute values', () => {
    const doc = parseXml('<a v="1\r\n2\t3&#10;">l1\r\nl2\rl3</a>');
    assert.equal(getAttribute(doc.root, 'v'), '1 2 3\n');
    assert.equal(textContent(doc.root), 'l1\nl2\nl3');
  });

  it('records the line and column of every start tag and text, with LF or CRLF', () => {
    for (const nl of ['\n', '\r\n']) {
      const doc = parseXml(
        ['<kml>', '  <Folder>', '\t\t<Placemark id="1">', '   text</Placemark></Folder>', '</kml>'].join(nl),
      );
      const folder = only(childElements(doc.root)[0]);
      const placemark = only(childElements(folder)[0]);
      assert.deepEqual([doc.root.line, doc.root.column], [1, 1]);
      assert.deepEqual([folder.line, folder.column], [2, 3]);
      assert.deepEqual([placemark.line, placemark.column], [3, 3]);
      assert.deepEqual([placemark.attributes[0]?.line, placemark.attributes[0]?.column], [3, 14]);
      const text = placemark.children[0];
      assert.equal(text?.type, 'text');
      assert.deepEqual([text.line, text.column], [3, 21]);
    }
  });

  it('drops whitespace-only text unless asked to keep it', () => {
    assert.equal(parseXml('<a>\n  <b/>\n</a>').root.children.length, 1);
    assert.equal(parseXml('<a>\n  <b/>\n</a>', { preserveWhitespace: true }).root.children.length, 3);
    // Whitespace that a CDATA section or text continues is content, not indentation.
    assert.equal(textContent(parseXml('<a>\r\n <![CDATA[x]]></a>').root), '\n x');
    assert.equal(textContent(parseXml('<a>  <!-- c -->y</a>').root), '  y');
    assert.equal(parseXml('<a>  <!-- c -->y</a>').root.children[0]?.column, 4);
  });
});

void describe('xml: refused input', () => {
  it('rejects every DOCTYPE: plain, external entity (XXE) and billion laughs', () => {
    fails('<?xml version="1.0"?>\n<!DOCTYPE kml>\n<kml/>', 'xml.doctype', 2, 1);
    fails('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', 'xml.doctype', 1, 1);
    const laughs = ['<!DOCTYPE lolz [', ' <!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++)
      laughs.push(` <!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    laughs.push(']>', '<lolz>&lol9;</lolz>');
    const error = fails(laughs.join('\n'), 'xml.doctype', 1, 1);
    assert.match(error.reason, /DOCTYPE/);
    fails('<a>\n  <!DOCTYPE a>\n</a>', 'xml.doctype', 2, 3);
  });

  it('rejects entities other than the five predefined ones and bad character references', () => {
    fails('<a>\n x &nbsp; y</a>', 'xml.entity', 2, 4);
    fails('<a v="&ext;"/>', 'xml.entity', 1, 7);
    fails('<a>&#0;</a>', 'xml.entity', 1, 4);
    fails('<a>&#xD800;</a>', 'xml.entity', 1, 4);
    fails('<a>& b</a>', 'xml.entity', 1, 4);
  });

  it('reports broken structure where it is', () => {
    const broken = fails('<kml>\n  <Folder>\n    <Placemark></Folder>\n</kml>', 'xml.mismatched_tag', 3, 16);
    assert.match(broken.reason, /Expected <\/Placemark> \(opened at line 3, column 5\)/);
    fails('<kml>\n  <Folder>\n', 'xml.unclosed', 2, 3);
    fails('  \n', 'xml.no_root', 2, 1);
    fails('<a/>\n<b/>', 'xml.multiple_roots', 2, 1);
    fails('<a/>\ntext', 'xml.syntax', 2, 1);
    fails('text<a/>', 'xml.syntax', 1, 1);
    fails('<a b=1/>', 'xml.syntax', 1, 6);
    fails('<a b="<"/>', 'xml.syntax', 1, 7);
    fails('<a b="1"c="2"/>', 'xml.syntax', 1, 9);
    fails('<a>]]></a>', 'xml.syntax', 1, 4);
    fails('<a><!-- a -- b --></a>', 'xml.syntax', 1, 4);
    fails('<a>\n<?xml version="1.0"?></a>', 'xml.syntax', 2, 1);
    fails('<a x="1" x="2"/>', 'xml.duplicate_attribute', 1, 10);
    fails('<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', 'xml.duplicate_attribute', 1, 36);
    fails('<a>\n  <wpml:index/></a>', 'xml.namespace', 2, 3);
    fails('<a xmlns:p=""/>', 'xml.namespace', 1, 4);
    fails('<a>\u0001</a>', 'xml.invalid_char', 1, 4);
    fails('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'xml.encoding', 1, 1);
    fails('<?xml version="1.0" encoding=UTF-8?><a/>', 'xml.syntax', 1, 1);
  });

  it('reports malformed UTF-8 with its position', () => {
    assert.equal(decodeUtf8(Buffer.from('\ufeff<a>é</a>')), '<a>é</a>');
    const bytes = Buffer.concat([
      Buffer.from('<a>\n  \ufffd ok '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('</a>'),
    ]);
    assert.throws(
      () => decodeUtf8(bytes),
      (e: unknown) => XmlError.is(e) && e.rule === 'xml.encoding' && e.line === 2 && e.column === 8,
    );
  });

  it('limits nesting depth and element count', () => {
    const nested = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth);
    assert.doesNotThrow(() => parseXml(nested(64)));
    fails(nested(65), 'xml.too_deep', 1, 193);
    fails(`<r>${'<p/>'.repeat(10)}</r>`, 'xml.too_many_nodes', 1, 40, { maxNodes: 10 });
    assert.doesNotThrow(() => parseXml(`<r>${'<p/>'.repeat(9)}</r>`, { maxNodes: 10 }));
  });
});

void describe('xml: speed', () => {
  it('parses a 5 MB WPML-like document completely', () => {
    const placemark = (i: number): string =>
      `  <Placemark>\n    <Point><coordinates>113.${String(i).padStart(7, '0')},22.5412345</coordinates></Point>\n` +
      `    <wpml:index>${i}</wpml:index>\n    <wpml:executeHeight>80.5</wpml:executeHeight>\n` +
      `    <wpml:waypointSpeed>7</wpml:waypointSpeed>\n    <wpml:waypointHeadingParam>\n` +
      `      <wpml:waypointHeadingMode>followWayline</wpml:waypointHeadingMode>\n` +
      `      <wpml:waypointPoiPoint>0.000000,0.000000,0.000000</wpml:waypointPoiPoint>\n` +
      `    </wpml:waypointHeadingParam>\n    <wpml:useStraightLine>1</wpml:useStraightLine>\n  </Placemark>\n`;
    const parts = [`<kml xmlns="${KML}" xmlns:wpml="${WPML}"><Document><Folder>\n`];
    for (let i = 0; i < 10_000; i++) parts.push(placemark(i));
    parts.push('</Folder></Document></kml>');
    const xml = parts.join('');
    assert.ok(xml.length > 4_900_000, `document is ${xml.length} chars`);
    // Speed is measured by `npm run bench` (routes.check_5000_waypoints), not asserted here.
    const doc = parseXml(xml);
    const folder = only(findChild(only(findChild(doc.root, KML, 'Document')), KML, 'Folder'));
    assert.equal(folder.children.length, 10_000);
  });
});
