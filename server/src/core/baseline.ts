// planToBaseline: an upstream plan file (a city's or province's plan, parsed by the same parser)
// becomes a Baseline whose targets keep their evidence in that file: the line, and the sentence the
// figure was read from (provenance kind "official": see provenance.ts).
import type { Baseline, BaselineTarget, OfficialEvidence, PlanDocument, Target } from './types';

export function levelOf(title: string | null): Baseline['level'] {
  const t = title ?? '';
  if (/^中国|国家|全国/.test(t)) return 'national';
  if (/省|自治区/.test(t) && !/市|区|县/.test(t.replace(/自治区/, ''))) return 'provincial';
  if (/[区县旗]儿童/.test(t)) return 'district';
  if (/市/.test(t)) return 'city';
  return 'file';
}

const STOP = /[。；;！？!?]/;

/**
 * The sentence around column `col` of a line: from the previous 。；！？ (exclusive) to the next one
 * (inclusive), trimmed. `column` is 1-based in characters (code points), where the quote starts.
 * Total: any line/col gives a string found verbatim in the line ("" for a missing line).
 */
export function sentenceAt(lines: readonly string[], line: number, col: number): { quote: string; column: number } {
  const text = lines[line - 1] ?? '';
  const c = Math.max(0, Math.min(text.length, Math.floor(Number.isFinite(col) ? col : 0)));
  let start = 0;
  for (let i = c - 1; i >= 0; i--)
    if (STOP.test(text[i])) {
      start = i + 1;
      break;
    }
  let end = text.length;
  for (let i = c; i < text.length; i++)
    if (STOP.test(text[i])) {
      end = i + 1;
      break;
    }
  let s = text.slice(start, end);
  const lead = s.length - s.trimStart().length;
  s = s.trim();
  return { quote: s, column: Array.from(text.slice(0, start + lead)).length + 1 };
}

/** The official-text evidence of a figure at `line`/`col` of `plan`, read from `file`. */
export function officialEvidence(
  plan: PlanDocument,
  file: string,
  line: number,
  col: number,
  opts: { paragraphs?: boolean } = {},
): OfficialEvidence {
  const { quote, column } = sentenceAt(plan.lines, line, col);
  const out: OfficialEvidence = { file, line, column, quote };
  if (opts.paragraphs) {
    let n = 0;
    for (let i = 0; i < line && i < plan.lines.length; i++) if (plan.lines[i].trim()) n++;
    out.paragraph = Math.max(1, n);
  }
  return out;
}

/**
 * A plan's target as an upstream figure: the fields a Baseline target (planToBaseline) and a baseline
 * file's target (verify.ts: `baselines import` / `verify --write`) share, in the baseline files' key order.
 * The year is the target's milestone, else the plan's end year; a base year only with its measure (as
 * baseline.schema.json requires); read from the official text, so confidence high.
 */
export function upstreamFigure(
  plan: PlanDocument,
  target: Target,
): Pick<
  BaselineTarget,
  | 'domain'
  | 'indicator'
  | 'keywords'
  | 'kind'
  | 'value'
  | 'unit'
  | 'year'
  | 'measure'
  | 'baselineYear'
  | 'valueMax'
  | 'confidence'
> & {
  role: 'main';
} {
  return {
    domain: target.domain,
    indicator: target.indicator,
    keywords: [],
    kind: target.kind,
    value: target.value,
    unit: target.unit,
    year: target.year ?? plan.period?.end ?? null,
    ...(target.measure ? { measure: target.measure } : {}),
    ...(target.measure && target.baselineYear !== undefined ? { baselineYear: target.baselineYear } : {}),
    ...(target.valueMax !== undefined ? { valueMax: target.valueMax } : {}),
    confidence: 'high',
    role: 'main',
  };
}

export function planToBaseline(plan: PlanDocument, id: string, path?: string, opts: { paragraphs?: boolean } = {}): Baseline {
  const where = path ?? id;
  return {
    id,
    title: plan.title ?? where.replace(/^.*[\\/]/, ''),
    level: levelOf(plan.title),
    period: plan.period,
    path,
    coverage: 'complete',
    targets: plan.targets.map((target) => ({
      ...upstreamFigure(plan, target),
      evidence: [`${where}:L${target.line}`],
      official: officialEvidence(plan, where, target.line, target.col, opts),
      line: target.line,
    })),
  };
}
