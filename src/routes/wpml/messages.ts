// Message building blocks for route findings. Every message says what is wrong, the value found and what
// is allowed, in English and in Simplified Chinese. Chinese field names follow DJI's own Chinese WPML
// pages (e.g. 安全起飞高度 for takeOffSecurityHeight), so operators recognise them from DJI Pilot 2.
import type { Text } from './findings';
import type { XmlRule } from '../xml/xml';
import type { ZipRule } from '../zip/zip';

const ZH_LABELS: Readonly<Record<string, string>> = {
  flyToWaylineMode: '飞向首航点模式',
  finishAction: '航线结束动作',
  exitOnRCLost: '失控是否继续执行航线',
  executeRCLostAction: '失控动作类型',
  takeOffSecurityHeight: '安全起飞高度',
  globalTransitionalSpeed: '全局航线过渡速度',
  globalRTHHeight: '全局返航高度',
  takeOffRefPoint: '参考起飞点',
  takeOffRefPointAGLHeight: '参考起飞点相对地面高度',
  droneEnumValue: '飞行器机型主类型',
  droneSubEnumValue: '飞行器机型子类型',
  payloadEnumValue: '负载机型主类型',
  payloadSubEnumValue: '负载机型子类型',
  payloadPositionIndex: '负载挂载位置',
  templateType: '模板类型',
  templateId: '模板 ID',
  coordinateMode: '经纬度坐标系',
  heightMode: '航点高程参考平面',
  positioningType: '定位类型',
  autoFlightSpeed: '全局航线飞行速度',
  globalHeight: '全局航线高度',
  gimbalPitchMode: '云台俯仰角控制模式',
  waypointHeadingMode: '飞行器偏航角模式',
  waypointHeadingPathMode: '飞行器偏航角转动方向',
  waypointHeadingAngle: '飞行器偏航角',
  globalWaypointTurnMode: '全局航点类型',
  waypointTurnMode: '航点类型',
  waylineId: '航线 ID',
  executeHeightMode: '执行高度模式',
  distance: '航线长度',
  duration: '预计执行时间',
  index: '航点序号',
  coordinates: '航点经纬度',
  executeHeight: '航点执行高度',
  height: '航点高度',
  ellipsoidHeight: '航点椭球高度',
  waypointSpeed: '航点飞行速度',
  actionGroupId: '动作组 ID',
  actionGroupStartIndex: '动作组开始生效的航点',
  actionGroupEndIndex: '动作组结束生效的航点',
  actionGroupMode: '动作执行模式',
  actionTriggerType: '动作触发器类型',
  actionTriggerParam: '动作触发器参数',
  actionId: '动作 ID',
  actionActuatorFunc: '动作类型',
  hoverTime: '悬停时间',
  aircraftHeading: '飞行器目标偏航角',
  aircraftPathMode: '飞行器偏航角转动方向',
  focalLength: '变焦焦距',
  gimbalRotateMode: '云台转动模式',
  gimbalPitchRotateEnable: '是否使能云台俯仰转动',
  gimbalPitchRotateAngle: '云台俯仰转动角度',
  gimbalRollRotateEnable: '是否使能云台横滚转动',
  gimbalRollRotateAngle: '云台横滚转动角度',
  gimbalYawRotateEnable: '是否使能云台偏航转动',
  gimbalYawRotateAngle: '云台偏航转动角度',
  gimbalRotateTimeEnable: '是否使能云台转动时间',
  gimbalRotateTime: '云台转动用时',
  payloadLensIndex: '拍摄照片存储类型',
  useGlobalPayloadLensIndex: '是否使用全局存储类型',
};

/** KML elements (not in the wpml namespace) that findings name. */
const KML_ELEMENTS = new Set(['coordinates']);

/** `wpml:finishAction` / `航线结束动作（wpml:finishAction）`. */
export function fieldName(name: string): Text {
  const qualified = KML_ELEMENTS.has(name) ? `Point/${name}` : `wpml:${name}`;
  const zh = ZH_LABELS[name];
  return { en: qualified, zh: zh ? `${zh}（${qualified}）` : qualified };
}

export type Unit = 'm' | 'm/s' | 's' | '°' | 'mm' | '';

/** With the space Chinese text puts between a number and the next word ("8 到 1500 米", "0 的整数"). */
const ZH_UNITS: Readonly<Record<Unit, string>> = {
  m: ' 米',
  'm/s': ' 米/秒',
  s: ' 秒',
  '°': ' 度',
  mm: ' 毫米',
  '': ' ',
};

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  /** `min` itself is not allowed (speeds: > 0). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  readonly unit?: Unit;
}

/** "a number from 8 to 1500 m" / "8 到 1500 米之间的数值". */
export function expectNumber(r: NumberRange, note?: Text): Text {
  const noun = r.integer ? 'a whole number' : 'a number';
  const nounZh = r.integer ? '整数' : '数值';
  const unit = r.unit ?? '';
  const u = unit === '' || unit === '°' ? unit : ` ${unit}`;
  const uz = ZH_UNITS[unit];
  const { min, max } = r;
  let text: Text;
  if (min !== undefined && max !== undefined && !r.minExclusive) {
    text = { en: `${noun} from ${min} to ${max}${u}`, zh: `${min} 到 ${max}${uz}之间的${nounZh}` };
  } else if (min !== undefined && max !== undefined) {
    text = {
      en: `${noun} greater than ${min} and at most ${max}${u}`,
      zh: `大于 ${min}${uz}且不超过 ${max}${uz}的${nounZh}`,
    };
  } else if (min !== undefined) {
    text = r.minExclusive
      ? { en: `${noun} greater than ${min}${u}`, zh: `大于 ${min}${uz}的${nounZh}` }
      : { en: `${noun} of at least ${min}${u}`, zh: `不小于 ${min}${uz}的${nounZh}` };
  } else if (max !== undefined) {
    text = { en: `${noun} of at most ${max}${u}`, zh: `不超过 ${max}${uz}的${nounZh}` };
  } else {
    text = { en: noun, zh: nounZh };
  }
  return note ? { en: `${text.en} (${note.en})`, zh: `${text.zh}（${note.zh}）` } : text;
}

/** "one of a, b, c" / "a、b、c 之一". */
export function expectOneOf(values: readonly string[]): Text {
  if (values.length === 1) return { en: `"${values[0]}"`, zh: `“${values[0]}”` };
  return { en: `one of ${values.join(', ')}`, zh: `${values.join('、')} 之一` };
}

/** Chinese text takes a space before Latin letters and digits ("应为 goHome"), as DJI's pages do. */
function spaced(zh: string): string {
  return /^[\x21-\x7e]/.test(zh) ? ` ${zh}` : zh;
}

function prefix(where: Text | undefined): Text {
  return where ? { en: `${where.en}: `, zh: `${where.zh}：` } : { en: '', zh: '' };
}

/** Values are quoted as found, shortened so a pasted megabyte does not become the message. */
export function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

export function missingField(name: string, expected: Text, where?: Text): Text {
  const p = prefix(where);
  const f = fieldName(name);
  return {
    en: `${p.en}${f.en} is missing; expected ${expected.en}.`,
    zh: `${p.zh}缺少${f.zh}，该字段应为${spaced(expected.zh)}。`,
  };
}

export function wrongValue(name: string, value: string, expected: Text, where?: Text): Text {
  const p = prefix(where);
  const f = fieldName(name);
  return {
    en: `${p.en}${f.en} is "${shown(value)}"; expected ${expected.en}.`,
    zh: `${p.zh}${f.zh}为“${shown(value)}”，应为${spaced(expected.zh)}。`,
  };
}

export function waypointLabel(index: string): Text {
  return { en: `Waypoint ${index}`, zh: `航点 ${index}` };
}

const ZIP_ZH: Readonly<Record<ZipRule, string>> = {
  'zip.not_zip': '文件不是 ZIP 压缩包（KMZ 必须是 ZIP 格式）',
  'zip.corrupt': 'ZIP 压缩包已损坏',
  'zip.empty': 'ZIP 压缩包中没有任何文件',
  'zip.too_many_entries': 'ZIP 压缩包中的文件数量超出上限',
  'zip.too_large': '解压后的内容超出大小上限',
  'zip.ratio': '文件的压缩比异常高，疑似“ZIP 炸弹”，已拒绝解压',
  'zip.unsafe_path': '压缩包中含有不安全的路径（如 ../ 或绝对路径）',
  'zip.duplicate_name': '压缩包中有重名的文件',
  'zip.encrypted': '压缩包中的文件已加密，无法读取',
  'zip.unsupported_method': '压缩包使用了不支持的压缩方式（仅支持 Stored 和 Deflate）',
  'zip.crc_mismatch': '文件的 CRC-32 校验失败，内容已损坏',
  'zip.zip64': '不支持 ZIP64 格式的压缩包',
};

export function zipMessage(rule: ZipRule, message: string, entry: string | undefined): Text {
  return { en: `${message}.`, zh: `${ZIP_ZH[rule]}${entry ? `（文件：${entry}）` : ''}。` };
}

/** Chinese for each parser rule; `true` appends the parser's own (English) detail, which names tags. */
const XML_ZH: Readonly<Record<XmlRule, readonly [string, boolean]>> = {
  'xml.syntax': ['XML 语法错误', true],
  'xml.doctype': ['不允许 DOCTYPE 声明：为防止 XXE 与实体膨胀攻击，DTD 和自定义实体一律禁用', false],
  'xml.entity': ['实体引用无效，只允许 XML 预定义的五个实体和字符引用', true],
  'xml.namespace': ['XML 命名空间错误', true],
  'xml.mismatched_tag': ['结束标签与开始标签不匹配', true],
  'xml.unclosed': ['元素没有闭合', true],
  'xml.duplicate_attribute': ['属性重复', true],
  'xml.no_root': ['文档没有根元素', false],
  'xml.multiple_roots': ['文档只能有一个根元素', false],
  'xml.invalid_char': ['文档中含有 XML 不允许的字符', true],
  'xml.encoding': ['文件不是有效的 UTF-8 编码，请以 UTF-8 保存', false],
  'xml.too_deep': ['元素嵌套层级过深', false],
  'xml.too_many_nodes': ['元素数量超出上限', false],
};

export function xmlMessage(rule: XmlRule, reason: string): Text {
  const [zh, detail] = XML_ZH[rule];
  return { en: `${reason}.`, zh: detail ? `${zh}：${reason}。` : `${zh}。` };
}
