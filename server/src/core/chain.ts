// The draft's declared chain: the upstream children's plans its preamble names (依据《…》), and which of
// them the check compared (a baseline with the same document) or could not (its text not supplied).
// Pure.
import type { Baseline, PlanDocument } from './types';

export interface DeclaredUpstream {
  /** The title as the draft writes it, without 《》. */
  title: string;
  /** True when one of the baselines is this document. */
  compared: boolean;
  baselineId?: string;
  baselineTitle?: string;
}

const PERIOD = /[（(]\s*(20\d\d)\s*[—–\-－~～至到]+\s*(20\d\d)\s*年?\s*[）)]/;

/** Title → comparable key: no spaces, no period, 规划/纲要/计划 and 《》 dropped; the period apart. */
export function titleKey(title: string): { name: string; period: string | null } {
  const bare = String(title ?? '').replace(/[\s\u3000《》]/g, '');
  const period = PERIOD.exec(bare);
  const name = bare
    .replace(PERIOD, '')
    .replace(/规划|纲要|计划/g, '')
    .replace(/[（(）)]/g, '');
  return { name, period: period ? `${period[1]}-${period[2]}` : null };
}

/** Same document: same name key, and the same period when both give one. */
export function sameDocument(a: string, b: string): boolean {
  const first = titleKey(a);
  const second = titleKey(b);
  return !!first.name && first.name === second.name && (!first.period || !second.period || first.period === second.period);
}

/** The children's plans a draft names as its basis (the 国民经济和社会发展 plans are not comparable upstreams). */
export function declaredUpstreams(plan: PlanDocument): string[] {
  return (plan.upstreamRefs ?? []).filter((title) => /儿童/.test(title));
}

export function declaredChain(plan: PlanDocument, baselines: readonly Baseline[]): DeclaredUpstream[] {
  return declaredUpstreams(plan).map((title) => {
    const baseline = baselines.find((candidate) => sameDocument(title, candidate.title));
    return baseline
      ? { title, compared: true, baselineId: baseline.id, baselineTitle: baseline.title }
      : { title, compared: false };
  });
}
