// missing-domain: one of the 7 standard domains has no section.
// A mention in a 目录, a table or a sentence is not a section (the parser only takes headings).
import type { DomainId, Finding, NoiseRegion, TextEdit } from '../types';
import { indentLength } from '../text';
import { DOMAIN_IDS } from '../types';
import { DOMAIN_DEFS, domainMentions } from '../domains';
import type { RuleContext, RuleImpl } from './index';
import { markerLike, sectionSkeleton } from './skeleton';

const rule: RuleImpl = {
  check(ctx: RuleContext): Finding[] {
    const { plan } = ctx;
    if (!plan.isPlan) return [];
    const present = new Set(plan.domains.map((d) => d.domain));
    const out: Finding[] = [];
    DOMAIN_IDS.forEach((id: DomainId, order) => {
      if (present.has(id)) return;
      const def = DOMAIN_DEFS[order];
      // Where it belongs: before the next present domain in the standard order, else after the last one.
      const next = plan.domains.find((d) => DOMAIN_IDS.indexOf(d.domain) > order);
      const prev = [...plan.domains].reverse().find((d) => DOMAIN_IDS.indexOf(d.domain) < order);
      const anchor = next ?? prev;
      const line = anchor ? anchor.line : 1;
      const text = plan.lines[line - 1] ?? '';
      const insertLine = next ? next.line : prev ? prev.endLine + 1 : plan.lines.length + 1;
      const node = anchor && anchor.node >= 0 ? plan.outline[anchor.node] : undefined;
      // Its number continues the previous domain heading's ((三) → (四)); with no previous heading it
      // takes the next one's place. Following headings that continue from that number shift by one.
      const prevNode = prev && prev.node >= 0 ? plan.outline[prev.node] : undefined;
      const nextNode = next && next.node >= 0 ? plan.outline[next.node] : undefined;
      const number = prevNode?.number != null ? prevNode.number + 1 : (nextNode?.number ?? 1);
      const skeleton = sectionSkeleton(ctx, id, node, order, number);
      const atEnd = insertLine > plan.lines.length;
      const renumber = plan.domains
        .filter((d) => DOMAIN_IDS.indexOf(d.domain) > order && d.node >= 0)
        .map((d) => plan.outline[d.node])
        .filter((o, i) => o.number === number + i)
        .map((o) => ({
          line: o.line,
          col: o.col,
          endLine: o.line,
          endCol: o.endCol,
          newText: markerLike(o, (o.number ?? 0) + 1) + (/\s$/.test(plan.lines[o.line - 1].slice(o.col, o.endCol)) ? ' ' : ''),
        }));
      // A near miss: a body line that names the domain but was not read as its heading, so a user sees why.
      const near = nearMiss(plan.lines, id, plan.noise);
      const related = [
        ...(near
          ? [
              {
                line: near.line,
                col: near.col,
                endCol: near.col + near.label.length,
                message: ctx.t('Line {0} mentions “{1}” but was not recognised as a section heading.', near.line, near.label),
              },
            ]
          : []),
        ...(plan.domains.length
          ? [
              {
                line: plan.domains[0].line,
                col: plan.domains[0].col,
                endCol: plan.domains[0].endCol,
                message: ctx.t('Domain sections start here'),
              },
            ]
          : []),
      ];
      out.push({
        rule: 'missing-domain',
        severity: 'error',
        line,
        col: anchor ? anchor.col : 0,
        endLine: line,
        endCol: anchor ? anchor.endCol : text.length,
        message:
          ctx.t('The plan has no section for the domain {0} ({1}); upstream plans require all 7 domains.', def.label, id) +
          (near
            ? (ctx.locale === 'en' ? ' ' : '') +
              ctx.t('Line {0} mentions “{1}” but was not recognised as a section heading.', near.line, near.label)
            : ''),
        domain: id,
        related: related.length ? related : undefined,
        fix: {
          title: ctx.t('Insert a section for {0}', def.label),
          edits: [
            atEnd
              ? {
                  line: plan.lines.length,
                  col: plan.lines[plan.lines.length - 1]?.length ?? 0,
                  endLine: plan.lines.length,
                  endCol: plan.lines[plan.lines.length - 1]?.length ?? 0,
                  newText: '\n\n' + skeleton.trimEnd(),
                }
              : mergeInsert(insertLine, skeleton, renumber, plan.lines[insertLine - 1] ?? ''),
            ...renumber.filter((e) => e.line !== insertLine),
          ],
        },
      });
    });
    return out;
  },
};
export default rule;

/**
 * The line that most looks like the missing domain's heading among the body lines that name it (not in a 目录,
 * a table or page furniture): the label near the start of a short line first, else the first mention.
 */
function nearMiss(lines: string[], id: DomainId, noise: NoiseRegion[]): { line: number; col: number; label: string } | undefined {
  const body = domainMentions(lines, id).filter((m) => !noise.some((r) => m.line >= r.start && m.line <= r.end));
  const headingLike = body.find(
    (m) => m.col - indentLength(lines[m.line - 1] ?? '') <= 12 && (lines[m.line - 1] ?? '').trim().length <= 80,
  );
  return headingLike ?? body[0];
}

/** The insertion, merged with the renumbering of the heading it is inserted before (edits must not overlap). */
function mergeInsert(line: number, skeleton: string, renumber: TextEdit[], text: string): TextEdit {
  const own = renumber.find((e) => e.line === line);
  if (!own) return { line, col: 0, endLine: line, endCol: 0, newText: skeleton };
  return { line, col: 0, endLine: line, endCol: own.endCol, newText: skeleton + text.slice(0, own.col) + own.newText };
}
