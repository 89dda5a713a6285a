// The built-in upstream baselines: versioned JSON files in server/data/baselines/ (format:
// baseline.schema.json; provenance and confidence: docs/BASELINES.md), bundled by esbuild.
// Pure module: no fs. The JSON is validated against the schema by test/unit/baselines.test.js;
// here it is only mapped, defensively, to the core's Baseline shape.
import type { Baseline, BaselineTarget, Confidence, DomainId, OfficialEvidence, TargetFigure } from './types';
import { DOMAIN_IDS } from './types';
import nationalJson from '../../data/baselines/national-2021-2030.json';
import healthyChildrenJson from '../../data/baselines/healthy-children-2021-2025.json';

/** A target as stored in a baseline file (see baseline.schema.json). */
export interface BaselineFileTarget extends Omit<TargetFigure, 'approx' | 'year'> {
  domain: DomainId | null;
  keywords: string[];
  /** A stored target always names its year. */
  year: number;
  confidence: Confidence;
  role: 'main' | 'related';
  independentSources?: number;
  /** URLs, local-plan:<title>:L<line>, unverified:<why>, or official-text entries {file, line, column?, paragraph?, quote}. */
  evidence: Array<string | OfficialEvidence>;
  note?: string;
}

/** A goal without a number: shown in hovers and reports, never compared. */
export interface QualitativeGoal {
  domain: DomainId;
  indicator: string;
  keywords: string[];
  confidence: Confidence;
  evidence: Array<string | OfficialEvidence>;
}

/** A baseline file as stored in server/data/baselines/ (or written by `planlint baselines import`). */
export interface BaselineFile {
  $schema: string;
  schemaVersion: number;
  id: string;
  title: string;
  issuer?: string;
  docNo?: string;
  issued?: string;
  level: 'national' | 'provincial' | 'city' | 'district' | 'file';
  period: { start: number; end: number };
  coverage: 'complete' | 'partial';
  coverageNote?: string;
  sources?: string[];
  officialUrls?: string[];
  /** The official text it was read from or checked against. */
  source?: { file: string; sha256?: string; title?: string };
  targets: BaselineFileTarget[];
  qualitative: QualitativeGoal[];
}

const FILES: BaselineFile[] = [nationalJson, healthyChildrenJson] as unknown as BaselineFile[];

const KINDS: readonly string[] = ['max', 'min'];
const CONFIDENCES: readonly string[] = ['high', 'medium', 'low'];
const MEASURES: readonly string[] = ['relative_reduction', 'annual_reduction'];

function strings(a: unknown): string[] {
  return Array.isArray(a) ? a.filter((s): s is string => typeof s === 'string') : [];
}

/** The first official-text entry of an evidence list, if well-formed. */
export function officialOf(evidence: unknown): OfficialEvidence | undefined {
  if (!Array.isArray(evidence)) return undefined;
  for (const e of evidence) {
    if (
      e &&
      typeof e === 'object' &&
      typeof e.file === 'string' &&
      typeof e.quote === 'string' &&
      Number.isInteger(e.line) &&
      e.line >= 1
    ) {
      const o: OfficialEvidence = { file: e.file, line: e.line, quote: e.quote };
      if (Number.isInteger(e.column) && e.column >= 1) o.column = e.column;
      if (Number.isInteger(e.paragraph) && e.paragraph >= 1) o.paragraph = e.paragraph;
      return o;
    }
  }
  return undefined;
}

function toTarget(t: BaselineFileTarget, resolveFile?: (f: string) => string): BaselineTarget | null {
  if (!t || typeof t.indicator !== 'string' || typeof t.value !== 'number' || !KINDS.includes(t.kind)) return null;
  let official = officialOf(t.evidence);
  if (official && resolveFile) official = { ...official, file: resolveFile(official.file) };
  const out: BaselineTarget = {
    domain: typeof t.domain === 'string' && (DOMAIN_IDS as string[]).includes(t.domain) ? t.domain : null,
    indicator: t.indicator,
    keywords: strings(t.keywords),
    kind: t.kind,
    value: t.value,
    unit: typeof t.unit === 'string' ? t.unit : '',
    year: typeof t.year === 'number' ? t.year : null,
    confidence: CONFIDENCES.includes(t.confidence) ? t.confidence : 'low',
    role: t.role === 'related' ? 'related' : 'main',
    evidence: [...strings(t.evidence), ...(official ? [`${official.file}:L${official.line}`] : [])],
  };
  if (official) {
    out.official = official;
    out.line = official.line;
  }
  if (typeof t.valueMax === 'number') out.valueMax = t.valueMax;
  if (t.measure && MEASURES.includes(t.measure)) {
    out.measure = t.measure;
    if (typeof t.baselineYear === 'number') out.baselineYear = t.baselineYear;
  }
  if (typeof t.note === 'string' && t.note) out.note = t.note;
  return out;
}

const LEVELS: readonly string[] = ['national', 'provincial', 'city', 'district', 'file'];

/**
 * A baseline file's content (built-in or imported) as the core's Baseline. Total: a malformed file gives a
 * baseline with the targets that are well-formed. `resolveFile` maps an official-text entry's file (relative
 * to the baseline file) to a path the adapters can open.
 */
export function fileToBaseline(
  f: BaselineFile,
  opts: { origin?: Baseline['origin']; file?: string; resolveFile?: (f: string) => string } = {},
): Baseline {
  const x = (f && typeof f === 'object' ? f : {}) as Partial<BaselineFile>;
  const period =
    x.period && typeof x.period.start === 'number' && typeof x.period.end === 'number'
      ? { start: x.period.start, end: x.period.end }
      : null;
  return {
    id: typeof x.id === 'string' ? x.id : (opts.file ?? 'baseline'),
    title: typeof x.title === 'string' ? x.title : typeof x.id === 'string' ? x.id : 'baseline',
    level: typeof x.level === 'string' && LEVELS.includes(x.level) ? x.level : 'file',
    period,
    ...(typeof x.issuer === 'string' ? { issuer: x.issuer } : {}),
    ...(typeof x.docNo === 'string' ? { docNo: x.docNo } : {}),
    coverage: x.coverage === 'complete' ? 'complete' : 'partial',
    origin: opts.origin ?? 'builtin',
    ...(opts.file ? { file: opts.file } : {}),
    targets: (Array.isArray(x.targets) ? x.targets : [])
      .map((t) => toTarget(t, opts.resolveFile))
      .filter((t): t is BaselineTarget => t !== null),
  };
}

/** The built-in baselines, in a stable order (national outline first). */
export const BUILTIN_BASELINES: Baseline[] = FILES.map((f) => fileToBaseline(f));

/** Short names accepted wherever a built-in id is (`--upstream national`), alias → id. */
export const BUILTIN_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  national: 'national-2021-2030',
  'healthy-children': 'healthy-children-2021-2025',
});

function resolveId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const key = id.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(BUILTIN_ALIASES, key)) return BUILTIN_ALIASES[key];
  return key;
}

/** A built-in baseline by id or alias, case-insensitive; undefined when unknown. */
export function getBuiltinBaseline(id: string): Baseline | undefined {
  const key = resolveId(id);
  return key === undefined ? undefined : BUILTIN_BASELINES.find((b) => b.id === key);
}

/** The file behind a built-in baseline: sources, coverage note, qualitative goals (for hovers and reports). */
export function getBuiltinBaselineFile(id: string): BaselineFile | undefined {
  const key = resolveId(id);
  return key === undefined ? undefined : FILES.find((f) => f.id === key);
}

/** The built-in baselines' qualitative goals (never compared), by id or alias. */
export function getBuiltinQualitative(id: string): QualitativeGoal[] {
  return getBuiltinBaselineFile(id)?.qualitative ?? [];
}

export interface BuiltinBaselineSummary {
  id: string;
  title: string;
  level: Baseline['level'];
  /** Number of numeric targets (main and related). */
  targets: number;
  /** Of which 主要目标. */
  main: number;
  coverage: 'complete' | 'partial';
  aliases: string[];
}

/** One line per built-in baseline, for `planlint baselines`. */
export function listBuiltinBaselines(): BuiltinBaselineSummary[] {
  return BUILTIN_BASELINES.map((b) => ({
    id: b.id,
    title: b.title,
    level: b.level,
    targets: b.targets.length,
    main: b.targets.filter((t) => t.role === 'main').length,
    coverage: b.coverage ?? 'partial',
    aliases: Object.keys(BUILTIN_ALIASES).filter((a) => BUILTIN_ALIASES[a] === b.id),
  }));
}
