/**
 * The CLI's three output formats over located findings: a table for people, JSON for scripts, and
 * SARIF 2.1.0 for code-scanning tools (OASIS SARIF 2.1.0; GitHub code scanning reads
 * `tool.driver.rules`, each result's `ruleId`, `level`, `message` and a physical location, and needs
 * `region.startLine` to place it: GitHub docs "SARIF support for code scanning", microsoft/sarif-sdk
 * rule GH1003).
 */
import { createHash } from 'crypto';
import { describeRef, Finding, RULES } from '../core/policy';

/** A finding and where it is in the inputs. */
export interface LocatedFinding extends Finding {
  /** Input file relative to the working directory, `-` for stdin. */
  readonly file: string;
  /** 1-based line of `path` (or of its deepest existing parent) in the file. */
  readonly line: number;
  readonly column: number;
}

/** Counts for the summary line and the exit code. */
export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly waived: number;
}

/** Errors, warnings and waived findings. */
export function summarize(findings: readonly Finding[]): Summary {
  return {
    errors: findings.filter(f => !f.waived && f.severity === 'error').length,
    warnings: findings.filter(f => !f.waived && f.severity === 'warning').length,
    waived: findings.filter(f => f.waived !== undefined).length,
  };
}

function summaryLine(s: Summary): string {
  return `${s.errors} error(s), ${s.warnings} warning(s), ${s.waived} waived`;
}

/** One line per finding, then a summary. */
export function formatTable(findings: readonly LocatedFinding[]): string {
  const rows = findings.map(f => [
    f.waived !== undefined ? `${f.severity} (waived)` : f.severity, f.id, `${f.file}:${f.line}`, describeRef(f.object),
    `${f.path}${f.container ? ` [${f.container}]` : ''}`,
    `${f.message}${f.waived !== undefined ? ` (waived: ${f.waived})` : `; fix: ${f.fix}`}`,
  ]);
  const header = ['SEVERITY', 'CHECK', 'LOCATION', 'OBJECT', 'PATH', 'MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (i < header.length - 1 ? r[i].length : 0))));
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ');
  const body = rows.length > 0 ? [line(header), ...rows.map(line)] : ['No findings.'];
  return `${[...body, '', summaryLine(summarize(findings))].join('\n')}\n`;
}

/** `{ findings, summary }`, findings as {@link LocatedFinding}s. */
export function formatJson(findings: readonly LocatedFinding[]): string {
  return `${JSON.stringify({ findings, summary: summarize(findings) }, null, 2)}\n`;
}

/** SARIF 2.1.0 schema address. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF 2.1.0 log with one run: every rule in `tool.driver.rules`, one result per finding. */
export function sarifLog(findings: readonly LocatedFinding[], version: string): Record<string, unknown> {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'hf-serving-check',
          semanticVersion: version,
          rules: RULES.map(r => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.title },
            fullDescription: { text: `${r.title}. Follows: ${r.source}.` },
            help: {
              text: `${r.fix}. See docs/policy-checks.md#${r.id.toLowerCase()} in hf-serving-constructs.`,
              markdown: `${r.fix}.\n\nSee \`docs/policy-checks.md#${r.id.toLowerCase()}\` in hf-serving-constructs.`,
            },
            defaultConfiguration: { level: r.severity },
            properties: { tags: ['kubernetes', r.id.startsWith('M') ? 'model-serving' : 'security'] },
          })),
        },
      },
      columnKind: 'unicodeCodePoints',
      results: findings.map(f => ({
        ruleId: f.id,
        ruleIndex: index.get(f.id),
        level: f.severity,
        message: { text: `${describeRef(f.object)} ${f.path}${f.container ? ` [${f.container}]` : ''}: ${f.message}. Fix: ${f.fix}` },
        locations: [{
          physicalLocation: {
            artifactLocation: f.file === '-' ? { uri: 'stdin' } : { uri: f.file, uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column },
          },
          logicalLocations: [{ name: f.path, fullyQualifiedName: `${describeRef(f.object)}:${f.path}`, kind: 'property' }],
        }],
        partialFingerprints: { 'hfServingCheck/v1': fingerprint(f) },
        ...(f.waived !== undefined ? { suppressions: [{ kind: 'inSource', justification: f.waived }] } : {}),
      })),
    }],
  };
}

/** Stable identity of a finding across runs: check, object, path, container. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update([f.id, describeRef(f.object), f.path, f.container ?? ''].join('|')).digest('hex').slice(0, 32);
}

/** SARIF as text. */
export function formatSarif(findings: readonly LocatedFinding[], version: string): string {
  return `${JSON.stringify(sarifLog(findings, version), null, 2)}\n`;
}
