// Domains: the 7 standard sections with their aliases, each with its range and its
// 主要目标 / 策略措施 parts. A domain named only in a 目录, a table or a sentence is not a section.
import type { DomainId, DomainSection, OutlineNode, Part } from './types';
import { indentLength } from './text';

export interface DomainDef {
  id: DomainId;
  label: string;
  /** Alternative labels, longest first. */
  aliases: string[];
}

export const DOMAIN_DEFS: DomainDef[] = [
  { id: '健康', label: '儿童与健康', aliases: ['儿童与健康', '儿童健康'] },
  { id: '安全', label: '儿童与安全', aliases: ['儿童与安全', '儿童安全'] },
  { id: '教育', label: '儿童与教育', aliases: ['儿童与教育', '儿童教育'] },
  { id: '福利', label: '儿童与福利', aliases: ['儿童与社会福利', '儿童与福利', '儿童福利'] },
  { id: '家庭', label: '儿童与家庭', aliases: ['儿童与家庭', '儿童家庭'] },
  { id: '环境', label: '儿童与环境', aliases: ['儿童与发展环境', '儿童与社会环境', '儿童与环境', '儿童发展环境', '儿童环境'] },
  { id: '法律保护', label: '儿童与法律保护', aliases: ['儿童与法律保护', '儿童与法律', '儿童法律保护'] },
];

export function domainDef(id: DomainId): DomainDef {
  return DOMAIN_DEFS.find((d) => d.id === id)!;
}

/** The domain a heading text names, when the heading is only the label (plus 领域 / punctuation). */
export function matchDomainLabel(text: string): { id: DomainId; label: string } | null {
  const t = text.replace(/[\s\u3000]+/g, '').replace(/[。：:．.、，,]+$/, '');
  for (const d of DOMAIN_DEFS) {
    for (const a of d.aliases) {
      if (t === a || t === a + '领域' || t === a + '方面') return { id: d.id, label: a };
    }
  }
  return null;
}

const RE_GOALS = /^(?:#{1,6}[ \t\u3000]*)?(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[.．、])?[ \t\u3000]*(主要目标|目标)[ \t\u3000]*[:：]?/;
const RE_MEASURES = /^(?:#{1,6}[ \t\u3000]*)?(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[.．、])?[ \t\u3000]*(策略措施|主要措施|措施)[ \t\u3000]*[:：]?/;

/** A 主要目标 / 策略措施 label line (alone, or followed only by a colon and the first item). */
export function partLabel(line: string): 'goals' | 'measures' | null {
  const t = line.slice(indentLength(line));
  const g = RE_GOALS.exec(t);
  if (g && isLabelEnd(t, g[0].length, g[0])) return 'goals';
  const m = RE_MEASURES.exec(t);
  if (m && isLabelEnd(t, m[0].length, m[0])) return 'measures';
  return null;
}

function isLabelEnd(t: string, end: number, matched: string): boolean {
  const rest = t.slice(end).trim();
  if (!rest) return true;
  // "主要目标：1. …" on one line
  return /[:：]$/.test(matched.trim());
}

/** Finds the domain sections among outline nodes (body outline only: noise is already excluded). */
export function findDomains(lines: string[], outline: OutlineNode[]): DomainSection[] {
  const found: Array<{ node: number; id: DomainId; label: string }> = [];
  const seen = new Set<DomainId>();
  outline.forEach((n, idx) => {
    if (!n.heading) return;
    const m = matchDomainLabel(n.text);
    if (!m || seen.has(m.id)) return;
    seen.add(m.id);
    found.push({ node: idx, id: m.id, label: m.label });
  });
  // Fallback for plans whose domain headings carry no marker: a line that is only the label.
  if (found.length === 0) {
    lines.forEach((l, i) => {
      const m = matchDomainLabel(l.replace(/^[#\s\u3000]+/, ''));
      if (m && !seen.has(m.id) && l.trim().length <= 14) {
        seen.add(m.id);
        found.push({ node: -1 - i, id: m.id, label: m.label });
      }
    });
  }
  const sections: DomainSection[] = [];
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    const node = f.node >= 0 ? outline[f.node] : null;
    const line = node ? node.line : -1 - f.node + 1;
    const level = node ? node.level : 0;
    // Section end: the next domain heading, or the next outline node of the same or a higher level.
    let endLine = lines.length;
    const nextDomain = found[k + 1];
    const nextDomainLine = nextDomain ? (nextDomain.node >= 0 ? outline[nextDomain.node].line : -1 - nextDomain.node + 1) : Infinity;
    if (node && level > 0) {
      for (let j = f.node + 1; j < outline.length; j++) {
        const o = outline[j];
        if (o.line >= nextDomainLine) break;
        if (o.level > 0 && o.level < level && o.heading) {
          endLine = o.line - 1;
          break;
        }
        if (o.level > 0 && o.level === level && o.heading && o.family === node.family) {
          endLine = o.line - 1;
          break;
        }
      }
    }
    if (nextDomainLine !== Infinity) endLine = Math.min(endLine, nextDomainLine - 1);
    while (endLine > line && !lines[endLine - 1]?.trim()) endLine--;
    const text = lines[line - 1] ?? '';
    const labelAt = text.indexOf(f.label.slice(0, 3));
    const col = node ? node.col : indentLength(text);
    const { goals, measures } = findParts(lines, line, endLine);
    sections.push({
      domain: f.id,
      label: f.label,
      line,
      col,
      endCol: Math.max(col, labelAt >= 0 ? labelAt + f.label.length : text.length),
      endLine,
      node: f.node,
      goals,
      measures,
    });
  }
  return sections;
}

function findParts(lines: string[], start: number, end: number): { goals: Part | null; measures: Part | null } {
  let g = -1;
  let m = -1;
  for (let i = start + 1; i <= end; i++) {
    const kind = partLabel(lines[i - 1] ?? '');
    if (kind === 'goals' && g < 0) g = i;
    else if (kind === 'measures' && m < 0) m = i;
  }
  let goals: Part | null = null;
  let measures: Part | null = null;
  if (g >= 0) goals = { start: g, end: m > g ? m - 1 : end };
  if (m >= 0) measures = { start: m, end: g > m ? g - 1 : end };
  // No 主要目标 label: what precedes 策略措施 holds the goals (or the whole section, when neither is labelled).
  if (!goals) goals = { start: start + 1, end: m >= 0 ? m - 1 : end };
  return { goals, measures };
}
