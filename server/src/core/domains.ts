// Domains: the 7 standard sections with their aliases, each with its range and its
// 主要目标 / 策略措施 parts. A domain named only in a 目录, a table or a sentence is not a section.
import type { DomainId, DomainSection, NoiseRegion, OutlineNode, Part } from './types';
import { indentLength, isWrappedLine, wrapWidth } from './text';
import { inRegions, readMarker, stripTrailingNotes } from './outline';

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

// ---- headings by structure ---------------------------------------------------------------------
//
// A domain heading is a heading-like line whose text BEGINS with a domain label, after whatever opens a
// heading line (indentation, markdown '#', a Word bullet, a numbering marker 一、/（一）/1., a part or chapter
// marker 第二部分/第三章), and whose rest is only heading furniture: a 领域/方面 suffix, the part names
// (主要目标和策略措施), bracketed notes (（牵头单位：…。责任单位：…）, full or half width) and final
// punctuation. Anything else after the label (儿童与健康领域的主要目标是……) makes it prose. A line without
// any marker must also stand alone: not the continuation of an unfinished line above it.

const ALIASES = DOMAIN_DEFS.flatMap((d) => d.aliases.map((a) => ({ id: d.id, label: a }))).sort(
  (x, y) => y.label.length - x.label.length,
);
const RE_CHAPTER = /^第[一二三四五六七八九十百零〇两\d０-９]{1,4}[章部分篇节编](?:分)?[ \t\u3000]*[、：:．.]?[ \t\u3000]*/;
const RE_PARTS =
  '(?:主要目标(?:[和与及、]|以及)?策略措施|主要目标(?:[和与及、]|以及)?主要措施|目标(?:[和与及、]|以及)?措施|主要目标|策略措施)';
const RE_DOMAIN_TAIL = new RegExp(`^(?:领域|方面)?${RE_PARTS}?$`);

/** A part or chapter heading text: 第二部分 发展领域…, 第三章 …. */
export function isChapterText(text: string): boolean {
  return RE_CHAPTER.test(text.trimStart());
}

/** Where a heading's text starts: after indentation, markdown '#', a bullet, a marker, a 第…部分/章 marker. */
export function headingTextStart(line: string, node: OutlineNode | null): { at: number; marked: boolean } {
  let at = node ? node.endCol : indentLength(line);
  let marked = !!node && node.number !== null;
  if (!node) {
    const md = /^#{1,6}[ \t\u3000]+/.exec(line.slice(at));
    if (md) at += md[0].length;
  }
  at += indentLength(line.slice(at));
  const ch = RE_CHAPTER.exec(line.slice(at));
  if (ch) {
    at += ch[0].length;
    marked = true;
  }
  return { at: Math.min(at, line.length), marked };
}

/** The domain a heading line names (see above); null for prose, a 目录 entry's text is the caller's to exclude. */
export function readDomainHeading(
  line: string,
  node: OutlineNode | null,
  wrapped = false,
): { id: DomainId; label: string; col: number; marked: boolean } | null {
  if (!line.includes('儿童')) return null; // every label starts with 儿童
  const { at, marked } = headingTextStart(line, node);
  const text = line.slice(at);
  const hit = ALIASES.find((a) => text.startsWith(a.label));
  if (!hit) return null;
  let rest = text.slice(hit.label.length);
  // a line of a PDF copy that fills the width may break inside the note: "（一）儿童与健康（牵头单位：……、市"
  if (wrapped) rest = rest.replace(/[（(【][^（(【）)】]*$/, '');
  rest = stripTrailingNotes(rest)
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[：:]/, '');
  if (!RE_DOMAIN_TAIL.test(rest)) return null;
  return { id: hit.id, label: hit.label, col: at, marked };
}

// 主要目标 / 策略措施 labels: the same structure: after indentation, '#', a bullet, a marker, an opening 【 or
// [, the label word, then only a closing bracket, bracketed notes (牵头单位…), a colon — or a colon and the
// first item on the same line ("主要目标：1. …").
const RE_PART_LABEL = /^[【[〔]?[ \t\u3000]*(主要目标|发展目标|目标|策略措施|主要措施|措施)[ \t\u3000]*[】\]〕]?/;

/** A 主要目标 / 策略措施 label line (alone, or followed only by a colon and the first item). */
export function partLabel(line: string): 'goals' | 'measures' | null {
  if (!line.includes('目标') && !line.includes('措施')) return null;
  const node = readMarker(line, 0);
  if (node && node.family === 'md' && node.text && !RE_PART_LABEL.test(node.text)) return null;
  const start = node ? node.endCol + indentLength(line.slice(node.endCol)) : indentLength(line);
  let t = line.slice(start);
  if (!node) t = t.replace(/^#{1,6}[ \t\u3000]+/, '');
  const m = RE_PART_LABEL.exec(t);
  if (!m) return null;
  const kind = /目标/.test(m[1]) ? 'goals' : 'measures';
  const rest = t.slice(m[0].length);
  if (/^[ \t\u3000]*[:：]/.test(rest)) return kind; // "主要目标：" or "主要目标：1. …"
  const bare = stripTrailingNotes(rest).replace(/[\s\u3000]+/g, '');
  return bare === '' ? kind : null;
}

/** Finds the domain sections: heading-like lines naming a domain (outside 目录, tables and page furniture). */
export function findDomains(lines: string[], outline: OutlineNode[], noise: NoiseRegion[] = []): DomainSection[] {
  const nodeAt = new Map<number, number>();
  outline.forEach((o, i) => nodeAt.set(o.line, i));
  const wrap = wrapWidth(lines);
  const candidates: Array<{ node: number; line: number; id: DomainId; label: string; col: number; marked: boolean }> = [];
  let prev = ''; // the previous non-blank line outside noise
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim()) continue;
    if (inRegions(noise, i + 1)) continue;
    const idx = nodeAt.get(i + 1);
    const node = idx !== undefined ? outline[idx] : null;
    // a heading broken inside its note: the line fills the wrap width, or the next line closes the bracket
    const broken = isWrappedLine(l, wrap) || closesNote(lines, i + 1, noise);
    const m = readDomainHeading(l, node, broken);
    // unmarked: the line stands alone (the line above is finished, or is a heading)
    const alone = m && (m.marked || !prev || !isWrappedLine(prev, wrap) || /[。；;！!？?：:]$/.test(prev.trim()));
    prev = l;
    if (!m || !alone) continue;
    candidates.push({ node: idx ?? -1 - i, line: i + 1, id: m.id, label: m.label, col: m.col, marked: m.marked });
  }
  // One heading per domain: a marked one over an unmarked one, else the first.
  const found: typeof candidates = [];
  for (const c of candidates) {
    const k = found.findIndex((f) => f.id === c.id);
    if (k < 0) found.push(c);
    else if (!found[k].marked && c.marked) found[k] = c;
  }
  found.sort((a, b) => a.line - b.line);
  // The heading the domains stand under (二、发展领域…), for the end of a section whose heading has no level.
  const firstLine = found.length ? found[0].line : 0;
  let enclosing: OutlineNode | null = null;
  for (const o of outline) if (o.line < firstLine && o.heading && o.level > 0) enclosing = o;
  const sections: DomainSection[] = [];
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    const node = f.node >= 0 ? outline[f.node] : null;
    const line = f.line;
    const level = node && node.number !== null ? node.level : 0;
    // Section end: the next domain heading, or the next outline node of the same or a higher level.
    let endLine = lines.length;
    const nextDomainLine = found[k + 1] ? found[k + 1].line : Infinity;
    const startIdx = f.node >= 0 ? f.node + 1 : outline.findIndex((o) => o.line > line);
    if (startIdx >= 0) {
      for (let j = startIdx; j < outline.length; j++) {
        const o = outline[j];
        if (o.line >= nextDomainLine) break;
        if (!o.heading || o.level <= 0) continue;
        const ends =
          level > 0
            ? o.level < level || (o.level === level && o.family === node!.family)
            : enclosing !== null && (o.level < enclosing.level || (o.level === enclosing.level && o.family === enclosing.family));
        if (ends) {
          endLine = o.line - 1;
          break;
        }
      }
    }
    if (nextDomainLine !== Infinity) endLine = Math.min(endLine, nextDomainLine - 1);
    while (endLine > line && !lines[endLine - 1]?.trim()) endLine--;
    const text = lines[line - 1] ?? '';
    const col = node ? node.col : indentLength(text);
    const { goals, measures, goalsLabel, goalsContent } = findParts(lines, line, endLine);
    sections.push({
      domain: f.id,
      label: f.label,
      line,
      col,
      endCol: Math.max(col, Math.min(text.length, f.col + f.label.length)),
      endLine,
      node: f.node,
      goals,
      measures,
      goalsLabel,
      goalsContent,
    });
  }
  return sections;
}

/** The next non-blank line (outside noise) after index `from` closes a bracket it did not open: "…、市民政局。）". */
function closesNote(lines: string[], from: number, noise: NoiseRegion[]): boolean {
  for (let j = from; j < lines.length && j < from + 4; j++) {
    const t = lines[j].trim();
    if (!t || inRegions(noise, j + 1)) continue;
    const close = t.search(/[）)】]/);
    const open = t.search(/[（(【]/);
    return close >= 0 && (open < 0 || open > close);
  }
  return false;
}

/** Lines that mention a domain's label without being read as its heading (for the missing-domain note). */
export function domainMentions(lines: string[], id: DomainId): Array<{ line: number; col: number; label: string }> {
  const def = domainDef(id);
  const out: Array<{ line: number; col: number; label: string }> = [];
  lines.forEach((l, i) => {
    for (const a of def.aliases) {
      const at = l.indexOf(a);
      if (at >= 0) {
        out.push({ line: i + 1, col: at, label: a });
        return;
      }
    }
  });
  return out;
}

/** Text after a part label's colon on its own line ("主要目标：1. …" holds its first item). */
const RE_LABEL_INLINE = /(?:目标|措施)[ \t\u3000]*[】\]〕]?[ \t\u3000]*[:：][ \t\u3000]*\S/;

function findParts(
  lines: string[],
  start: number,
  end: number,
): { goals: Part | null; measures: Part | null; goalsLabel: number | null; goalsContent: number } {
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
  let goalsContent = 0;
  for (let i = goals.start; i <= goals.end; i++) {
    const text = lines[i - 1] ?? '';
    if (i === g ? RE_LABEL_INLINE.test(text) : text.trim() !== '') goalsContent++;
  }
  return { goals, measures, goalsLabel: g >= 0 ? g : null, goalsContent };
}
