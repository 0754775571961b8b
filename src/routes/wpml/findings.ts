// What the route validator reports: one Finding per problem, with a stable rule id, a severity, the
// message in English and Simplified Chinese (drone operators in China read these), and where it is.

export type Severity = 'error' | 'warning' | 'info';

export interface Text {
  readonly en: string;
  readonly zh: string;
}

export interface Finding {
  /** Stable id, e.g. `wpml.waypoint.coordinates.range`; `zip.*` and `xml.*` come from the readers. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: Text;
  /** Entry inside the KMZ (`wpmz/waylines.wpml`), or ARCHIVE for the container itself. */
  readonly file: string;
  /** 1-based; 1:1 when there is no better place. */
  readonly line: number;
  readonly column: number;
}

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export const ARCHIVE = '(archive)';

export const archiveStart: Location = { file: ARCHIVE, line: 1, column: 1 };

export function fileStart(file: string): Location {
  return { file, line: 1, column: 1 };
}

/**
 * A rule that fires on every one of 5,000 waypoints says nothing the first few did not, and buries the
 * other findings: after this many per rule and file, the rest are counted in one info finding.
 */
export const DEFAULT_MAX_PER_RULE = 20;

/** Collects findings, caps repeats per rule and file, and hands them back sorted by position. */
export class FindingSink {
  private readonly findings: Finding[] = [];
  private readonly counts = new Map<string, { count: number; first: Location }>();

  constructor(private readonly maxPerRule = DEFAULT_MAX_PER_RULE) {}

  add(rule: string, severity: Severity, message: Text, at: Location): void {
    const key = `${rule}\u0000${at.file}`;
    const seen = this.counts.get(key);
    if (seen) seen.count++;
    else this.counts.set(key, { count: 1, first: at });
    if ((seen?.count ?? 1) > this.maxPerRule) return;
    this.findings.push({ rule, severity, message, file: at.file, line: at.line, column: at.column });
  }

  error(rule: string, message: Text, at: Location): void {
    this.add(rule, 'error', message, at);
  }

  warning(rule: string, message: Text, at: Location): void {
    this.add(rule, 'warning', message, at);
  }

  result(): Finding[] {
    const out = [...this.findings];
    for (const [key, { count, first }] of this.counts) {
      if (count <= this.maxPerRule) continue;
      const rule = key.slice(0, key.indexOf('\u0000'));
      const more = count - this.maxPerRule;
      out.push({
        rule: 'route.more_findings',
        severity: 'info',
        message: {
          en: `${more} more ${rule} finding${more === 1 ? '' : 's'} in ${first.file} not shown.`,
          zh: `${first.file} 中另有 ${more} 条 ${rule} 问题未列出。`,
        },
        ...first,
      });
    }
    // Archive-level findings first ("(" sorts before letters), then by file, line and column.
    return out.sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
    );
  }
}

export function countSeverity(findings: readonly Finding[], severity: Severity): number {
  let n = 0;
  for (const f of findings) if (f.severity === severity) n++;
  return n;
}
