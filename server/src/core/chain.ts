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
  const t = String(title ?? '').replace(/[\s\u3000《》]/g, '');
  const p = PERIOD.exec(t);
  const name = t
    .replace(PERIOD, '')
    .replace(/规划|纲要|计划/g, '')
    .replace(/[（(）)]/g, '');
  return { name, period: p ? `${p[1]}-${p[2]}` : null };
}

/** Same document: same name key, and the same period when both give one. */
export function sameDocument(a: string, b: string): boolean {
  const x = titleKey(a);
  const y = titleKey(b);
  return !!x.name && x.name === y.name && (!x.period || !y.period || x.period === y.period);
}

/** The children's plans a draft names as its basis (the 国民经济和社会发展 plans are not comparable upstreams). */
export function declaredUpstreams(plan: PlanDocument): string[] {
  return (plan.upstreamRefs ?? []).filter((r) => /儿童/.test(r));
}

export function declaredChain(plan: PlanDocument, baselines: readonly Baseline[]): DeclaredUpstream[] {
  return declaredUpstreams(plan).map((title) => {
    const b = baselines.find((x) => sameDocument(title, x.title));
    return b ? { title, compared: true, baselineId: b.id, baselineTitle: b.title } : { title, compared: false };
  });
}
