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

/** Targets that cannot be stored (no year anywhere, a measure without its base year) are left out and counted. */
export function planToBaselineFile(plan: PlanDocument, opts: ImportOptions): { file: BaselineFile; skipped: Target[] } {
  const skipped: Target[] = [];
  const targets: BaselineFileTarget[] = [];
  for (const t of plan.targets) {
    const year = t.year ?? plan.period?.end ?? null;
    if (year === null || (t.measure === 'relative_reduction' && t.baselineYear === undefined)) {
      skipped.push(t);
      continue;
    }
    targets.push(fileTarget(plan, t, officialEvidence(plan, opts.file, t.line, t.col, { paragraphs: opts.paragraphs })));
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

function sameFigure(a: Target, b: BaselineTarget): boolean {
  return (
    a.kind === b.kind &&
    a.value === b.value &&
    a.unit === b.unit &&
    (a.measure ?? '') === (b.measure ?? '') &&
    (a.valueMax ?? null) === (b.valueMax ?? null)
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
  for (const a of aligned) {
    const list = byUpstream.get(a.upstream) ?? [];
    list.push(a.draft);
    byUpstream.set(a.upstream, list);
  }
  const ev = (t: Target) => officialEvidence(official, file, t.line, t.col, opts);
  const targets: VerifiedTarget[] = baseline.targets.map((t, index) => {
    const cands = byUpstream.get(t) ?? [];
    if (!cands.length) return { status: 'not-found', index, target: t };
    const same = cands.find((c) => sameFigure(c, t));
    const pick = same ?? cands[0];
    for (const c of cands) used.add(c);
    return { status: same ? 'agree' : 'differs', index, target: t, official: { target: pick, evidence: ev(pick) } };
  });
  const lacking = official.targets.filter((t) => !used.has(t)).map((t) => ({ target: t, evidence: ev(t) }));
  const n = (s: VerifyStatus) => targets.filter((x) => x.status === s).length;
  return {
    baselineId: baseline.id,
    baselineTitle: baseline.title,
    officialTitle: official.title,
    file,
    targets,
    lacking,
    counts: { agree: n('agree'), differs: n('differs'), notFound: n('not-found'), lacking: lacking.length },
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
  const relocate = (e: OfficialEvidence): OfficialEvidence => ({ ...e, file: opts.file });
  for (const v of report.targets) {
    const t = copy.targets[v.index];
    if (!t || !v.official) continue;
    const e = relocate(v.official.evidence);
    const old = t.evidence.filter((x) => typeof x === 'string');
    if (v.status === 'agree') {
      t.evidence = [e, ...old];
      t.confidence = 'high';
    } else {
      const o = v.official.target;
      const was = `${t.kind === 'max' ? '≤' : '≥'}${t.value}${t.unit}`;
      t.kind = o.kind;
      t.value = o.value;
      t.unit = o.unit;
      if (o.measure) t.measure = o.measure;
      if (o.baselineYear !== undefined) t.baselineYear = o.baselineYear;
      if (o.valueMax !== undefined) t.valueMax = o.valueMax;
      else delete t.valueMax;
      t.evidence = [e];
      t.confidence = 'high';
      t.note = `${t.note ? `${t.note} ` : ''}Corrected by planlint baselines verify: the official text says ${t.kind === 'max' ? '≤' : '≥'}${o.value}${o.unit}; the previous figure was ${was}.`;
    }
  }
  for (const l of report.lacking) {
    const t = l.target;
    const year = t.year ?? official.period?.end ?? null;
    if (year === null || (t.measure === 'relative_reduction' && t.baselineYear === undefined)) continue;
    copy.targets.push(fileTarget(official, t, relocate(l.evidence)));
  }
  copy.source = {
    file: opts.file,
    ...(opts.sha256 ? { sha256: opts.sha256 } : {}),
    ...(official.title ? { title: official.title } : {}),
  };
  return copy;
}
