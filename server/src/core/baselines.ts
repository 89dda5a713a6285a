// The built-in upstream baselines: versioned JSON files in server/data/baselines/ (format:
// baseline.schema.json; provenance and confidence: docs/BASELINES.md), bundled by esbuild.
// Pure module: no fs. The JSON is validated against the schema by test/unit/baselines.test.js;
// here it is only mapped, defensively, to the core's Baseline shape.
import type { Baseline, BaselineTarget, Confidence, DomainId, TargetKind, TargetMeasure } from './types';
import { DOMAIN_IDS } from './types';
import nationalJson from '../../data/baselines/national-2021-2030.json';
import healthyChildrenJson from '../../data/baselines/healthy-children-2021-2025.json';

/** A target as stored in a baseline file (see baseline.schema.json). */
export interface BaselineFileTarget {
  domain: DomainId;
  indicator: string;
  keywords: string[];
  kind: TargetKind;
  value: number;
  unit: string;
  year: number;
  measure?: TargetMeasure;
  baselineYear?: number;
  confidence: Confidence;
  role: 'main' | 'related';
  independentSources?: number;
  evidence: string[];
  note?: string;
}

/** A goal without a number: shown in hovers and reports, never compared. */
export interface QualitativeGoal {
  domain: DomainId;
  indicator: string;
  keywords: string[];
  confidence: Confidence;
  evidence: string[];
}

/** A baseline file as stored in server/data/baselines/. */
export interface BaselineFile {
  $schema: string;
  schemaVersion: number;
  id: string;
  title: string;
  issuer: string;
  docNo: string;
  issued?: string;
  level: 'national' | 'provincial' | 'city' | 'district';
  period: { start: number; end: number };
  coverage: 'complete' | 'partial';
  coverageNote?: string;
  sources: string[];
  officialUrls?: string[];
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

function toTarget(t: BaselineFileTarget): BaselineTarget | null {
  if (!t || typeof t.indicator !== 'string' || typeof t.value !== 'number' || !KINDS.includes(t.kind)) return null;
  const out: BaselineTarget = {
    domain: (DOMAIN_IDS as string[]).includes(t.domain) ? t.domain : null,
    indicator: t.indicator,
    keywords: strings(t.keywords),
    kind: t.kind,
    value: t.value,
    unit: typeof t.unit === 'string' ? t.unit : '',
    year: typeof t.year === 'number' ? t.year : null,
    confidence: CONFIDENCES.includes(t.confidence) ? t.confidence : 'low',
    role: t.role === 'related' ? 'related' : 'main',
    evidence: strings(t.evidence),
  };
  if (t.measure && MEASURES.includes(t.measure)) {
    out.measure = t.measure;
    if (typeof t.baselineYear === 'number') out.baselineYear = t.baselineYear;
  }
  if (typeof t.note === 'string' && t.note) out.note = t.note;
  return out;
}

function toBaseline(f: BaselineFile): Baseline {
  return {
    id: f.id,
    title: f.title,
    level: f.level,
    period: f.period ? { start: f.period.start, end: f.period.end } : null,
    issuer: f.issuer,
    docNo: f.docNo,
    coverage: f.coverage,
    targets: (Array.isArray(f.targets) ? f.targets : []).map(toTarget).filter((t): t is BaselineTarget => t !== null),
  };
}

/** The built-in baselines, in a stable order (national outline first). */
export const BUILTIN_BASELINES: Baseline[] = FILES.map(toBaseline);

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
