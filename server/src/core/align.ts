// Alignment of draft targets to upstream targets by indicator.
// Score = name similarity (nodejieba tokens when a segmenter is given, character bigrams always)
// + domain agreement; zero when the units or measures disagree, or when the names differ in a
// qualifier (新生儿 / 婴儿 / 5岁以下儿童 死亡率; 小学生 / 初中生 近视率; 城市 / 农村 社区).
// Below the threshold there is no match: a wrong match is worse than none.
import type { Baseline, BaselineTarget, Segmenter, Target } from './types';
import { normalizeName } from './text';
import { LruCache } from './cache';

export const MATCH_THRESHOLD = 0.5;

export interface Alignment {
  draft: Target;
  upstream: BaselineTarget;
  baseline: Baseline;
  score: number;
}

/**
 * Segmenter tokens of a canonical indicator name. Bounded cache (see docs/ARCHITECTURE.md, Caches):
 * indicator names repeat across drafts, baselines and requests, and segmentation is the costly step.
 * Keyed by name only: every segmenter PlanLint uses (nodejieba with its dictionary) is the same function.
 */
const tokenCache = new LruCache<string, string[]>('align.tokens', 20000);

function tokens(name: string, seg?: Segmenter): string[] {
  if (!seg) return [];
  return tokenCache.getOrSet(name, () => {
    try {
      return seg.cut(name).filter((token) => /[\u4e00-\u9fff\w]/.test(token));
    } catch {
      return [];
    }
  });
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  if (s.length === 1) out.push(s);
  return out;
}

function dice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let common = 0;
  for (const y of b) {
    const c = counts.get(y) ?? 0;
    if (c > 0) {
      common++;
      counts.set(y, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** Bounded caches of two pure functions of a name, called for every draft × upstream pair (docs/ARCHITECTURE.md, Caches). */
const canonicalCache = new LruCache<string, string>('align.canonical', 50000);
const bigramCache = new LruCache<string, string[]>('align.bigrams', 50000);

/** Strips what does not identify an indicator: brackets' content kept, punctuation and 的 dropped. */
/**
 * Empties the name caches (an idle language server calls it once its last document is closed: what large or
 * many drafts filled them with is given back; the next check fills them again, same results).
 */
export function clearNameCaches(): void {
  tokenCache.clear();
  canonicalCache.clear();
  bigramCache.clear();
}

export function canonicalName(name: string): string {
  return canonicalCache.getOrSet(name, canonicalNameUncached);
}

function bigramsOf(name: string): string[] {
  return bigramCache.getOrSet(name, bigrams);
}

function canonicalNameUncached(s: string): string {
  return normalizeName(s)
    .replace(/[()]/g, '')
    .replace(/[“”"'《》]/g, '')
    .replace(/的/g, '')
    .replace(/至/g, '-')
    .replace(/贫血患病率/g, '贫血率');
}

/**
 * Two names that differ in a qualifier name different indicators: strip their common prefix and
 * common suffix; when both remaining middles are non-empty (after filler words) and neither contains
 * the other, they clash. 新生儿|婴儿 死亡率; 小学生|初中生 近视率; 5岁以下儿童 贫血|生长迟缓 率;
 * 普惠性|公办 幼儿园在园幼儿占比. 适龄儿童免疫规划疫苗接种率 ⊃ 免疫规划疫苗接种率 does not clash.
 */
export function qualifierClash(a: string, b: string): boolean {
  const [middleA, middleB] = middles(a, b);
  if (middleA === null) return false; // nothing in common: similarity decides
  if (!middleA || !middleB) return false;
  if (middleA.includes(middleB) || middleB.includes(middleA)) return false;
  // the middles differ only in filler words
  const coreA = withoutFiller(middleA);
  const coreB = withoutFiller(middleB);
  if (!coreA || !coreB || coreA.includes(coreB) || coreB.includes(coreA)) return false;
  return true;
}

/**
 * What remains of two names once their common beginning and common ending are cut: [null, null] when
 * they share neither; with `needBoth`, also when one of the two is missing.
 */
function middles(a: string, b: string, needBoth = false): [string, string] | [null, null] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix])
    suffix++;
  if (needBoth ? prefix === 0 || suffix === 0 : prefix + suffix === 0) return [null, null];
  return [a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)];
}

/** Words that do not change what an indicator counts (scope, wording variants). */
const FILLER =
  /(适龄|全体|全部|总体|县级|区级|市级|每千人口|每千常住人口|每千名儿童|常住|拥有|达标|及以上|国家|标准|数|意外|三年|教育|儿科|青少年|学生|阶段|以[^以]{1,8}为单位)/g;
function withoutFiller(name: string): string {
  return name.replace(FILLER, '');
}

/**
 * A part is not the whole: one name is the other with a qualifier inserted inside it (after a shared
 * beginning, before a shared ending): 儿童|道路交通|伤害死亡率 is one kind of 儿童伤害死亡率, 5岁以下儿童|缺铁性|贫血率
 * one kind of 5岁以下儿童贫血率. A population put in front (适龄儿童免疫规划疫苗接种率 ⊃ 免疫规划疫苗接种率), a
 * bracketed note, a one-character variant (初中|学|生近视率) or a filler word (国家, 总体, 拥有) is not a qualifier.
 */
export function isPartOf(a: string, b: string): boolean {
  const withoutNotes = (name: string) => name.replace(/\([^()]*\)/g, '');
  const first = withoutNotes(a);
  const second = withoutNotes(b);
  if (first === second) return false;
  const [middleA, middleB] = middles(first, second, true);
  if (middleA === null) return false;
  if (middleA && middleB) return false; // both differ: qualifierClash decides
  return withoutFiller(middleA || middleB).length >= 2;
}

function unitsAgree(a: string, b: string): boolean {
  const normal = (unit: string) => (unit === '％' ? '%' : unit === '个百分点' ? '百分点' : unit);
  return normal(a) === normal(b);
}

/** A name normalised (normalizeName) and without 的: how isPartOf compares names. */
function bareName(name: string): string {
  return normalizeName(name).replace(/的/g, '');
}

export function nameSimilarity(a: string, b: string, seg?: Segmenter): number {
  const canonicalA = canonicalName(a);
  const canonicalB = canonicalName(b);
  if (!canonicalA || !canonicalB) return 0;
  if (canonicalA === canonicalB) return 1;
  if (qualifierClash(canonicalA, canonicalB) || isPartOf(bareName(a), bareName(b))) return 0;
  const bigramScore = dice(bigramsOf(canonicalA), bigramsOf(canonicalB));
  const tokensA = tokens(canonicalA, seg);
  const tokensB = tokens(canonicalB, seg);
  const tokenScore = tokensA.length && tokensB.length ? dice(tokensA, tokensB) : bigramScore;
  // containment: "免疫规划疫苗接种率" inside "适龄儿童免疫规划疫苗接种率"
  const shorter = Math.min(canonicalA.length, canonicalB.length);
  const longer = Math.max(canonicalA.length, canonicalB.length);
  const contained = canonicalA.includes(canonicalB) || canonicalB.includes(canonicalA) ? shorter / longer : 0;
  return Math.max(0.5 * tokenScore + 0.5 * bigramScore, contained > 0 ? 0.55 + 0.45 * contained : 0);
}

export function alignmentScore(draft: Target, upstream: BaselineTarget, seg?: Segmenter): number {
  if (!unitsAgree(draft.unit, upstream.unit)) return 0;
  if ((draft.measure ?? null) !== (upstream.measure ?? null)) return 0;
  // a more specific indicator than the upstream's (儿童道路交通伤害死亡率 / 儿童伤害死亡率): no alternative name rescues it
  // (unless the baseline lists the draft's very name among the upstream's names)
  const named = upstream.keywords.some((keyword) => canonicalName(keyword) === canonicalName(draft.indicator));
  if (!named && isPartOf(bareName(draft.indicator), bareName(upstream.indicator))) return 0;
  let best = nameSimilarity(draft.indicator, upstream.indicator, seg);
  for (const keyword of upstream.keywords) {
    // keywords that are themselves indicator names (end in 率/数/比例) count as alternative names
    if (/(率|数|比例|占比)$/.test(keyword) && keyword.length >= 3)
      best = Math.max(best, nameSimilarity(draft.indicator, keyword, seg));
  }
  if (best === 0) return 0;
  if (draft.domain && upstream.domain) best += draft.domain === upstream.domain ? 0.05 : -0.15;
  if (draft.kind !== upstream.kind) best -= 0.2;
  return Math.max(0, Math.min(1, best));
}

/** A draft value less ambitious than the upstream one, in the upstream's direction (reductions: their size). */
export function isWeaker(d: { kind: string; value: number }, u: { kind: string; value: number }): boolean {
  const EPS = 1e-9;
  return d.kind === u.kind && (u.kind === 'max' ? d.value > u.value + EPS : d.value < u.value - EPS);
}

/** The effective year of a target: its milestone, else its plan's end year. */
export function effectiveYear(year: number | null | undefined, periodEnd: number | null | undefined): number | null {
  return year ?? periodEnd ?? null;
}

/**
 * The alignments of a draft's target list, per period end and baselines: the rules of one check, the
 * comparison view and the hovers of the same analysis share one alignment. A WeakMap keyed by the
 * target list, so an entry lives exactly as long as the parsed document it belongs to
 * (docs/ARCHITECTURE.md, Caches).
 */
const alignmentMemo = new WeakMap<Target[], Map<string, { baselines: Baseline[]; seg?: Segmenter; result: Alignment[] }>>();

/**
 * For each draft target, its best upstream target in each baseline (score ≥ threshold).
 * Among the upstream targets of the best-matching indicator, the one for the draft's year is chosen.
 */
export function alignTargets(
  draft: Target[],
  draftPeriodEnd: number | null,
  baselines: Baseline[],
  seg?: Segmenter,
): Alignment[] {
  // Rules that need the alignment of one check share it (same target list, baselines and segmenter).
  const key = `${draftPeriodEnd}|${baselines.map((baseline) => baseline.id).join('|')}`;
  let byKey = alignmentMemo.get(draft);
  const hit = byKey?.get(key);
  if (
    hit &&
    hit.seg === seg &&
    hit.baselines.length === baselines.length &&
    hit.baselines.every((baseline, i) => baseline === baselines[i])
  )
    return hit.result;
  const result = alignUncached(draft, draftPeriodEnd, baselines, seg);
  if (!byKey) alignmentMemo.set(draft, (byKey = new Map()));
  byKey.set(key, { baselines, seg, result });
  return result;
}

function alignUncached(draft: Target[], draftPeriodEnd: number | null, baselines: Baseline[], seg?: Segmenter): Alignment[] {
  const out: Alignment[] = [];
  for (const baseline of baselines) {
    for (const target of draft) {
      let best: { upstream: BaselineTarget; score: number } | null = null;
      for (const upstream of baseline.targets) {
        const score = alignmentScore(target, upstream, seg);
        if (score >= MATCH_THRESHOLD && (!best || score > best.score + 1e-9)) best = { upstream, score };
      }
      if (!best) continue;
      // same indicator at several milestone years: take the draft's year, else the nearest later one
      const draftYear = effectiveYear(target.year, draftPeriodEnd);
      const matched = best.upstream;
      const sameIndicator = baseline.targets.filter(
        (upstream) =>
          canonicalName(upstream.indicator) === canonicalName(matched.indicator) &&
          (upstream.measure ?? null) === (matched.measure ?? null),
      );
      if (sameIndicator.length > 1 && draftYear !== null) {
        const yearOf = (upstream: BaselineTarget) => effectiveYear(upstream.year, baseline.period?.end ?? null) ?? 0;
        const exact = sameIndicator.find((upstream) => yearOf(upstream) === draftYear);
        const later = sameIndicator.filter((upstream) => yearOf(upstream) > draftYear).sort((x, y) => yearOf(x) - yearOf(y))[0];
        const chosen = exact ?? later ?? sameIndicator.sort((x, y) => yearOf(y) - yearOf(x))[0];
        best = { upstream: chosen, score: best.score };
      }
      out.push({ draft: target, upstream: best.upstream, baseline, score: best.score });
    }
  }
  return out;
}
