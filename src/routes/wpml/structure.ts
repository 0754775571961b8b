// The container and document structure (docs/wpml.md#container, docs/wpml.md#namespaces-and-root, rules 1–2):
// which entries the KMZ (or route folder) holds, and whether each XML file parses with the right root,
// namespaces and Document. The model reader (wpml.ts readRouteModel) stops at the first of these problems;
// this reports all of them, in every file, when that reader has failed.
import { archiveStart, fileStart, type FindingSink } from './findings';
import { xmlMessage, zipMessage } from './messages';
import { KML_NAMESPACE, TEMPLATE_PATH, WAYLINES_PATH, WPML_NAMESPACE_PATTERN } from './wpml';
import { decodeUtf8, parseXml, XmlError, type XmlElement } from '../xml/xml';
import { findChildren } from '../xml/query';
import { ZipError } from '../zip/zip';

const RESOURCES = 'wpmz/res/';
const MISNAMED_WAYLINES = 'wpmz/waylines.kml';

/** Reports missing, misnamed and unexpected entries; `present` are the required files that can be read. */
export function checkLayout(names: readonly string[], present: ReadonlySet<string>, sink: FindingSink): void {
  const explained = new Set<string>();
  for (const required of [TEMPLATE_PATH, WAYLINES_PATH]) {
    if (present.has(required)) continue;
    const base = required.slice('wpmz/'.length).toLowerCase();
    if (required === WAYLINES_PATH && names.includes(MISNAMED_WAYLINES)) {
      explained.add(MISNAMED_WAYLINES);
      sink.error(
        'kmz.waylines_kml',
        {
          en: `The route has ${MISNAMED_WAYLINES} but no ${WAYLINES_PATH}; the execution file must be named waylines.wpml (a .kml name is rejected).`,
          zh: `航线中有 ${MISNAMED_WAYLINES}，但没有 ${WAYLINES_PATH}；执行文件必须命名为 waylines.wpml（.kml 扩展名会被拒绝）。`,
        },
        fileStart(MISNAMED_WAYLINES),
      );
      continue;
    }
    // Same file name under another folder, or the right path in the wrong case: a repackaging mistake.
    const misplaced = names.find(
      (n) => n !== required && (n.toLowerCase() === required || n.toLowerCase().split('/').pop() === base),
    );
    if (misplaced !== undefined) {
      explained.add(misplaced);
      sink.error(
        'kmz.wrong_folder',
        {
          en: `Found "${misplaced}" but not "${required}"; the files must be exactly wpmz/template.kml and wpmz/waylines.wpml (case-sensitive, in a top-level wpmz/ folder).`,
          zh: `找到了“${misplaced}”，但没有“${required}”；文件路径必须严格为 wpmz/template.kml 和 wpmz/waylines.wpml（区分大小写，位于顶层 wpmz/ 文件夹中）。`,
        },
        fileStart(misplaced),
      );
      continue;
    }
    const isTemplate = required === TEMPLATE_PATH;
    sink.error(
      isTemplate ? 'kmz.missing_template' : 'kmz.missing_waylines',
      isTemplate
        ? {
            en: `The route has no ${TEMPLATE_PATH}; without the template FlightHub and Pilot 2 cannot open the route for editing.`,
            zh: `航线中没有 ${TEMPLATE_PATH}；缺少模板文件时，FlightHub 和 Pilot 2 无法打开编辑该航线。`,
          }
        : {
            en: `The route has no ${WAYLINES_PATH}; that is the file the dock executes.`,
            zh: `航线中没有 ${WAYLINES_PATH}；这是机场实际执行的航线文件。`,
          },
      archiveStart,
    );
  }
  for (const name of names) {
    if (name === TEMPLATE_PATH || name === WAYLINES_PATH || explained.has(name)) continue;
    if (name === 'wpmz/' || name.startsWith(RESOURCES)) continue;
    // finish-upload reads only the two route files (wpml.ts): an extra entry is ignored, a warning.
    sink.warning(
      'kmz.unexpected_entry',
      {
        en: `"${name}" is not part of a WPML route (only wpmz/template.kml, wpmz/waylines.wpml and wpmz/res/ are); FlightHub ignores it.`,
        zh: `“${name}”不属于 WPML 航线结构（只应包含 wpmz/template.kml、wpmz/waylines.wpml 和 wpmz/res/）；FlightHub 会忽略它。`,
      },
      fileStart(name),
    );
  }
}

/** Reads, decodes and parses one file, then checks its root; false when anything failed. */
export function diagnoseFile(path: string, data: () => Buffer, sink: FindingSink): boolean {
  let root: XmlElement;
  try {
    root = parseXml(decodeUtf8(data())).root;
  } catch (error) {
    if (ZipError.is(error))
      sink.error(error.rule, zipMessage(error.rule, error.message, error.entry), archiveStart);
    else if (XmlError.is(error))
      sink.error(error.rule, xmlMessage(error.rule, error.reason), {
        file: path,
        line: error.line,
        column: error.column,
      });
    else throw error;
    return false;
  }
  return checkRoot(root, path, sink);
}

/**
 * docs/wpml.md#namespaces-and-root: `<kml xmlns="…/kml/2.2" xmlns:wpml="http://www.dji.com/wpmz/1.0.x">` with
 * one Document.
 */
function checkRoot(root: XmlElement, path: string, sink: FindingSink): boolean {
  const at = { file: path, line: root.line, column: root.column };
  let ok = true;
  if (root.local !== 'kml' || root.uri !== KML_NAMESPACE) {
    ok = false;
    const ns = root.uri
      ? { en: `in namespace "${root.uri}"`, zh: `命名空间为“${root.uri}”` }
      : { en: 'in no namespace', zh: '没有命名空间' };
    sink.error(
      'wpml.root',
      {
        en: `The root element is <${root.name}> ${ns.en}; expected <kml xmlns="${KML_NAMESPACE}">.`,
        zh: `根元素为 <${root.name}>（${ns.zh}）；应为 <kml xmlns="${KML_NAMESPACE}">。`,
      },
      at,
    );
  }
  const declared = root.attributes.find((a) => a.name === 'xmlns:wpml');
  if (!declared) {
    ok = false;
    // DJI readers look for the prefix `wpml` itself; the namespace under another prefix is not enough.
    const other = root.attributes.find((a) => a.prefix === 'xmlns' && WPML_NAMESPACE_PATTERN.test(a.value));
    const hint = other
      ? {
          en: ` (the DJI namespace is bound to "${other.local}" instead)`,
          zh: `（DJI 命名空间被绑定到了前缀“${other.local}”）`,
        }
      : { en: '', zh: '' };
    sink.error(
      'wpml.namespace.missing',
      {
        en: `The root element does not bind the prefix wpml${hint.en}; expected xmlns:wpml="http://www.dji.com/wpmz/1.0.x" (1.0.2 or 1.0.6).`,
        zh: `根元素没有声明前缀 wpml${hint.zh}；应为 xmlns:wpml="http://www.dji.com/wpmz/1.0.x"（如 1.0.2 或 1.0.6）。`,
      },
      at,
    );
  } else if (!WPML_NAMESPACE_PATTERN.test(declared.value)) {
    ok = false;
    sink.error(
      'wpml.namespace.version',
      {
        en: `xmlns:wpml is "${declared.value}"; expected http://www.dji.com/wpmz/1.0.x (1.0.2 or 1.0.6).`,
        zh: `xmlns:wpml 为“${declared.value}”，应为 http://www.dji.com/wpmz/1.0.x（如 1.0.2 或 1.0.6）。`,
      },
      { file: path, line: declared.line, column: declared.column },
    );
  }
  // Under a wrong root nothing is in the KML namespace: a missing Document would only echo wpml.root.
  const documents = findChildren(root, KML_NAMESPACE, 'Document');
  if (ok && documents.length !== 1) {
    ok = false;
    sink.error(
      'wpml.document',
      {
        en: `<kml> contains ${documents.length} <Document> elements; expected exactly one.`,
        zh: `<kml> 中有 ${documents.length} 个 <Document> 元素，应当恰好有一个。`,
      },
      at,
    );
  }
  return ok;
}
