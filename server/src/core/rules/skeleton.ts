// The text of a domain section that a quick fix inserts: a heading numbered like its siblings,
// 主要目标 with the upstream numeric targets as starting lines, and 策略措施.
import type { DomainId, OutlineNode } from '../types';
import { DOMAIN_DEFS } from '../domains';
import { numberToCn } from '../text';
import type { RuleContext } from './index';
import { localize } from '../i18n';
import { lineAt } from '../lines';

/** Text inserted into the plan is Chinese whatever the UI language (only fix titles follow the locale). */
export function docText(key: string, ...args: Array<string | number>): string {
  return localize('zh-cn', key, ...args);
}

/** The target line a fix inserts, in the plan's language. */
export function targetPhrase(
  t: { indicator: string; kind: string; value: number; unit: string; measure?: string; baselineYear?: number },
  fmt: (v: number) => string,
): string {
  if (t.measure === 'relative_reduction')
    return docText('{0} reduced by {1}{2} from its {3} level', t.indicator, fmt(t.value), t.unit, t.baselineYear ?? '');
  return t.kind === 'max'
    ? docText('{0} kept below {1}{2}', t.indicator, fmt(t.value), t.unit)
    : docText('{0} at or above {1}{2}', t.indicator, fmt(t.value), t.unit);
}

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

export function sectionSkeleton(
  ctx: RuleContext,
  id: DomainId,
  like: OutlineNode | undefined,
  _order: number,
  n: number,
): string {
  const def = DOMAIN_DEFS.find((d) => d.id === id)!;
  const md = like?.mdDepth ? '#'.repeat(like.mdDepth) + ' ' : '';
  const sep = like && /[）)]$/.test(markerLike(like, n)) && lineAt(ctx.plan, like.line).markerGap ? ' ' : '';
  const lines: string[] = [`${md}${markerLike(like, n)}${sep}${def.label}`, '', docText('Main targets:'), ''];
  const seen = new Set<string>();
  let k = 1;
  for (const b of ctx.baselines) {
    for (const t of b.targets) {
      if (t.domain !== id || t.role !== 'main') continue;
      const key = `${t.indicator}|${t.year}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`${k}. ${targetPhrase(t, String)}。`, '');
      k++;
    }
  }
  if (k === 1) lines.push(`1. ${docText('(targets of this domain)')}`, '');
  lines.push(docText('Strategies and measures:'), '', `1. ${docText('(measures of this domain)')}`, '', '');
  return lines.join('\n');
}
