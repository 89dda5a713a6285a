// The built-in upstream baselines: versioned JSON files in server/data/baselines/ (format:
// baseline.schema.json; provenance and confidence: docs/BASELINES.md), bundled by esbuild.
// Pure module: no fs. The JSON is validated against the schema by test/unit/baselines.test.js;
// here it is only mapped, defensively, to the core's Baseline shape.
import type { Baseline, BaselineTarget, Confidence, DomainId, OfficialEvidence } from './types';
import { DOMAIN_IDS } from './types';
import nationalJson from '../../data/baselines/national-2021-2030.json';
import healthyChildrenJson from '../../data/baselines/healthy-children-2021-2025.json';

/**
 * A target as stored in a baseline file (see baseline.schema.json): a BaselineTarget with a year always set,
 * the official-text evidence among its evidence entries (fileToBaseline moves it to `official`), and no line.
 */
export type BaselineFileTarget = Omit<BaselineTarget, 'year' | 'evidence' | 'official' | 'line'> & {
  year: number;
  independentSources?: number;
  /** URLs, local-plan:<title>:L<line>, unverified:<why>, or official-text entries {file, line, column?, paragraph?, quote}. */
  evidence: Array<string | OfficialEvidence>;
};

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

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The first official-text entry of an evidence list, if well-formed. */
export function officialOf(evidence: unknown): OfficialEvidence | undefined {
  if (!Array.isArray(evidence)) return undefined;
  for (const entry of evidence) {
    if (
      entry &&
      typeof entry === 'object' &&
      typeof entry.file === 'string' &&
      typeof entry.quote === 'string' &&
      Number.isInteger(entry.line) &&
      entry.line >= 1
    ) {
      const official: OfficialEvidence = { file: entry.file, line: entry.line, quote: entry.quote };
      if (Number.isInteger(entry.column) && entry.column >= 1) official.column = entry.column;
      if (Number.isInteger(entry.paragraph) && entry.paragraph >= 1) official.paragraph = entry.paragraph;
      return official;
    }
  }
  return undefined;
}

function toTarget(stored: BaselineFileTarget, resolveFile?: (file: string) => string): BaselineTarget | null {
  if (!stored || typeof stored.indicator !== 'string' || typeof stored.value !== 'number' || !KINDS.includes(stored.kind))
    return null;
  let official = officialOf(stored.evidence);
  if (official && resolveFile) official = { ...official, file: resolveFile(official.file) };
  const out: BaselineTarget = {
    domain: typeof stored.domain === 'string' && (DOMAIN_IDS as string[]).includes(stored.domain) ? stored.domain : null,
    indicator: stored.indicator,
    keywords: strings(stored.keywords),
    kind: stored.kind,
    value: stored.value,
    unit: typeof stored.unit === 'string' ? stored.unit : '',
    year: typeof stored.year === 'number' ? stored.year : null,
    confidence: CONFIDENCES.includes(stored.confidence) ? stored.confidence : 'low',
    role: stored.role === 'related' ? 'related' : 'main',
    evidence: [...strings(stored.evidence), ...(official ? [`${official.file}:L${official.line}`] : [])],
  };
  if (official) {
    out.official = official;
    out.line = official.line;
  }
  if (typeof stored.valueMax === 'number') out.valueMax = stored.valueMax;
  if (stored.measure && MEASURES.includes(stored.measure)) {
    out.measure = stored.measure;
    if (typeof stored.baselineYear === 'number') out.baselineYear = stored.baselineYear;
  }
  if (typeof stored.note === 'string' && stored.note) out.note = stored.note;
  return out;
}

const LEVELS: readonly string[] = ['national', 'provincial', 'city', 'district', 'file'];

/**
 * A baseline file's content (built-in or imported) as the core's Baseline. Total: a malformed file gives a
 * baseline with the targets that are well-formed. `resolveFile` maps an official-text entry's file (relative
 * to the baseline file) to a path the adapters can open.
 */
export function fileToBaseline(
  content: BaselineFile,
  opts: { origin?: Baseline['origin']; file?: string; resolveFile?: (file: string) => string } = {},
): Baseline {
  const fields = (content && typeof content === 'object' ? content : {}) as Partial<BaselineFile>;
  const period =
    fields.period && typeof fields.period.start === 'number' && typeof fields.period.end === 'number'
      ? { start: fields.period.start, end: fields.period.end }
      : null;
  return {
    id: typeof fields.id === 'string' ? fields.id : (opts.file ?? 'baseline'),
    title: typeof fields.title === 'string' ? fields.title : typeof fields.id === 'string' ? fields.id : 'baseline',
    level: typeof fields.level === 'string' && LEVELS.includes(fields.level) ? fields.level : 'file',
    period,
    ...(typeof fields.issuer === 'string' ? { issuer: fields.issuer } : {}),
    ...(typeof fields.docNo === 'string' ? { docNo: fields.docNo } : {}),
    coverage: fields.coverage === 'complete' ? 'complete' : 'partial',
    origin: opts.origin ?? 'builtin',
    ...(opts.file ? { file: opts.file } : {}),
    targets: (Array.isArray(fields.targets) ? fields.targets : [])
      .map((stored) => toTarget(stored, opts.resolveFile))
      .filter((target): target is BaselineTarget => target !== null),
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
