// The text of a domain section that a quick fix inserts: a heading numbered like its siblings,
// 主要目标 with the upstream numeric targets as starting lines, and 策略措施.
import type { DomainId, OutlineNode } from '../types';
import { DOMAIN_DEFS } from '../domains';
import { numberToCn } from '../text';
import type { RuleContext } from './index';

/** A marker of the same family and style as `like`, numbered n. */
export function markerLike(like: OutlineNode | undefined, n: number): string {
  if (!like) return `（${numberToCn(n)}）`;
  const cn = numberToCn(n);
  switch (like.family) {
    case 'cn':
      return `${cn}${like.style === '，' ? '、' : like.style || '、'}`;
    case 'paren-cn':
      return like.style === 'half' ? `(${cn})` : `（${cn}）`;
    case 'arabic':
      return `${n}${like.style || '.'}`;
    case 'paren-arabic':
      return like.style === 'half' ? `(${n})` : `（${n}）`;
    default:
      return `（${cn}）`;
  }
}

export function sectionSkeleton(ctx: RuleContext, id: DomainId, like: OutlineNode | undefined, _order: number, n: number): string {
  const def = DOMAIN_DEFS.find((d) => d.id === id)!;
  const md = like?.mdDepth ? '#'.repeat(like.mdDepth) + ' ' : '';
  const sep = like && /[）)]$/.test(markerLike(like, n)) && /\s/.test(ctx.plan.lines[like.line - 1]?.slice(like.endCol, like.endCol + 1) ?? '') ? ' ' : '';
  const lines: string[] = [`${md}${markerLike(like, n)}${sep}${def.label}`, '', ctx.t('Main targets:'), ''];
  const seen = new Set<string>();
  let k = 1;
  for (const b of ctx.baselines) {
    for (const t of b.targets) {
      if (t.domain !== id || t.role !== 'main') continue;
      const key = `${t.indicator}|${t.year}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const phrase = t.measure === 'relative_reduction'
        ? ctx.t('{0} reduced by {1}{2} from its {3} level', t.indicator, t.value, t.unit, t.baselineYear ?? '')
        : t.kind === 'max' ? ctx.t('{0} kept below {1}{2}', t.indicator, t.value, t.unit) : ctx.t('{0} at or above {1}{2}', t.indicator, t.value, t.unit);
      lines.push(`${k}. ${phrase}${ctx.locale === 'en' ? '.' : '。'}`, '');
      k++;
    }
  }
  if (k === 1) lines.push(`1. ${ctx.t('(targets of this domain)')}`, '');
  lines.push(ctx.t('Strategies and measures:'), '', `1. ${ctx.t('(measures of this domain)')}`, '', '');
  return lines.join('\n');
}
