// `planlint baselines import` and `planlint baselines verify`, the pure part:
//  - planToBaselineFile: an upstream plan's text (parsed by the one parser) → a baseline file in the schema,
//    every target with its official-text evidence (file, line, column, quoted sentence);
//  - verifyBaseline: a baseline (built-in or imported) against an official text → agree / differs / not
//    found per target, and the official targets the baseline lacks;
//  - correctedBaselineFile: the baseline with the official text as evidence (differs corrected, lacking added).
import { alignTargets } from './align';
import { levelOf, officialEvidence, upstreamFigure } from './baseline';
import type { BaselineFile, BaselineFileTarget } from './baselines';
import type { Baseline, BaselineTarget, OfficialEvidence, PlanDocument, Segmenter, Target } from './types';

export interface ImportOptions {
  id: string;
  /** The official text's file as the baseline file will name it (relative to the baseline file). */
  file: string;
  sha256?: string;
  /** Word/PDF: positions are paragraphs. */
  paragraphs?: boolean;
}

/** A plan's target as a baseline file's target, with its official-text evidence (see upstreamFigure). */
function fileTarget(plan: PlanDocument, target: Target, evidence: OfficialEvidence): BaselineFileTarget {
  const figure = upstreamFigure(plan, target);
  return { ...figure, year: figure.year ?? 0, evidence: [evidence] };
}

/** A target a baseline file can store: it has a year (its own or the plan's end) and a relative reduction has its base year. */
function storable(plan: PlanDocument, target: Target): boolean {
  const year = target.year ?? plan.period?.end ?? null;
  return year !== null && !(target.measure === 'relative_reduction' && target.baselineYear === undefined);
}

/** Targets that cannot be stored (no year anywhere, a measure without its base year) are left out and counted. */
export function planToBaselineFile(plan: PlanDocument, opts: ImportOptions): { file: BaselineFile; skipped: Target[] } {
  const skipped: Target[] = [];
  const targets: BaselineFileTarget[] = [];
  for (const target of plan.targets) {
    if (!storable(plan, target)) {
      skipped.push(target);
      continue;
    }
    const evidence = officialEvidence(plan, opts.file, target.line, target.col, { paragraphs: opts.paragraphs });
    targets.push(fileTarget(plan, target, evidence));
  }
  const level = levelOf(plan.title);
  const file: BaselineFile = {
    $schema: './baseline.schema.json',
    schemaVersion: 1,
    id: opts.id,
    title: plan.title ?? opts.file.replace(/^.*[\\/]/, ''),
    level,
    period: plan.period ?? { start: 0, end: 0 },
    coverage: 'complete',
    coverageNote: `Imported by \`planlint baselines import\` from ${opts.file.replace(/^.*[\\/]/, '')}: the numeric targets PlanLint reads in its 主要目标 parts and target tables, each with the sentence it was read from. Review every figure against the text before committing this file.`,
    source: { file: opts.file, ...(opts.sha256 ? { sha256: opts.sha256 } : {}), ...(plan.title ? { title: plan.title } : {}) },
    targets,
    qualitative: [],
  };
  return { file, skipped };
}

export type VerifyStatus = 'agree' | 'differs' | 'not-found';

export interface VerifiedTarget {
  status: VerifyStatus;
  /** Index in the baseline's targets. */
  index: number;
  target: BaselineTarget;
  /** The official text's figure (agree, differs). */
  official?: { target: Target; evidence: OfficialEvidence };
}

export interface VerifyReport {
  baselineId: string;
  baselineTitle: string;
  officialTitle: string | null;
  file: string;
  targets: VerifiedTarget[];
  /** Official targets the baseline lacks. */
  lacking: Array<{ target: Target; evidence: OfficialEvidence }>;
  counts: { agree: number; differs: number; notFound: number; lacking: number };
}

function sameFigure(official: Target, upstream: BaselineTarget): boolean {
  return (
    official.kind === upstream.kind &&
    official.value === upstream.value &&
    official.unit === upstream.unit &&
    (official.measure ?? '') === (upstream.measure ?? '') &&
    (official.valueMax ?? null) === (upstream.valueMax ?? null)
  );
}

export function verifyBaseline(
  baseline: Baseline,
  official: PlanDocument,
  file: string,
  segmenter?: Segmenter,
  opts: { paragraphs?: boolean } = {},
): VerifyReport {
  // the official text plays the draft: each of its targets is aligned with the baseline's
  const aligned = alignTargets(official.targets, official.period?.end ?? null, [baseline], segmenter);
  const byUpstream = new Map<BaselineTarget, Target[]>();
  const used = new Set<Target>();
  for (const alignment of aligned) {
    const list = byUpstream.get(alignment.upstream) ?? [];
    list.push(alignment.draft);
    byUpstream.set(alignment.upstream, list);
  }
  const evidenceOf = (target: Target) => officialEvidence(official, file, target.line, target.col, opts);
  const targets: VerifiedTarget[] = baseline.targets.map((upstream, index) => {
    const candidates = byUpstream.get(upstream) ?? [];
    if (!candidates.length) return { status: 'not-found', index, target: upstream };
    const same = candidates.find((candidate) => sameFigure(candidate, upstream));
    const pick = same ?? candidates[0];
    for (const candidate of candidates) used.add(candidate);
    return {
      status: same ? 'agree' : 'differs',
      index,
      target: upstream,
      official: { target: pick, evidence: evidenceOf(pick) },
    };
  });
  const lacking = official.targets
    .filter((target) => !used.has(target))
    .map((target) => ({ target, evidence: evidenceOf(target) }));
  const count = (status: VerifyStatus) => targets.filter((verified) => verified.status === status).length;
  return {
    baselineId: baseline.id,
    baselineTitle: baseline.title,
    officialTitle: official.title,
    file,
    targets,
    lacking,
    counts: { agree: count('agree'), differs: count('differs'), notFound: count('not-found'), lacking: lacking.length },
  };
}

/**
 * The baseline file corrected by a verify report: agreeing figures gain the official text as their first
 * evidence (confidence high), differing ones take the official figure (the previous one kept in the note),
 * official targets the baseline lacked are added. Not-found targets stay as they were.
 */
export function correctedBaselineFile(
  original: BaselineFile,
  report: VerifyReport,
  official: PlanDocument,
  opts: { file: string; sha256?: string },
): BaselineFile {
  const copy: BaselineFile = JSON.parse(JSON.stringify(original));
  const relocate = (evidence: OfficialEvidence): OfficialEvidence => ({ ...evidence, file: opts.file });
  const figureText = (kind: string, value: number, unit: string) => `${kind === 'max' ? '≤' : '≥'}${value}${unit}`;
  for (const verified of report.targets) {
    const stored = copy.targets[verified.index];
    if (!stored || !verified.official) continue;
    const evidence = relocate(verified.official.evidence);
    const sources = stored.evidence.filter((entry) => typeof entry === 'string');
    if (verified.status === 'agree') {
      stored.evidence = [evidence, ...sources];
      stored.confidence = 'high';
    } else {
      const read = verified.official.target;
      const was = figureText(stored.kind, stored.value, stored.unit);
      stored.kind = read.kind;
      stored.value = read.value;
      stored.unit = read.unit;
      if (read.measure) stored.measure = read.measure;
      if (read.baselineYear !== undefined) stored.baselineYear = read.baselineYear;
      if (read.valueMax !== undefined) stored.valueMax = read.valueMax;
      else delete stored.valueMax;
      stored.evidence = [evidence];
      stored.confidence = 'high';
      stored.note = `${stored.note ? `${stored.note} ` : ''}Corrected by planlint baselines verify: the official text says ${figureText(stored.kind, read.value, read.unit)}; the previous figure was ${was}.`;
    }
  }
  for (const missing of report.lacking) {
    if (storable(official, missing.target)) copy.targets.push(fileTarget(official, missing.target, relocate(missing.evidence)));
  }
  copy.source = {
    file: opts.file,
    ...(opts.sha256 ? { sha256: opts.sha256 } : {}),
    ...(official.title ? { title: official.title } : {}),
  };
  return copy;
}
