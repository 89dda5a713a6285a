// The line model: every line of a plan classified once, by the parser, into a PlanLine record (what the
// line is, where its text and marker lie, what it says about the lines around it). Domains, targets and
// every rule read these records, never raw text. This file defines what a label line, an aside, a trailer…
// is; outline.ts holds the one definition of a list marker (readMarker) and of a bullet (RE_BULLET).
// Invariants: linear in the input; never throws; every column lies inside its line.
import type { LineKind, NoiseRegion, OutlineNode, PlanDocument, PlanLine } from './types';
import { cnToNumber, foldWidth, indentLength, isWrappedLine, wrapWidth } from './text';
import { isHeadingText, RE_BULLET, readMarker } from './outline';
import { isChapterText, partLabel } from './domains';

/**
 * Lines that are never a list item although they stand like a paragraph: notes (注：, 备注), attachments (附…),
 * chapters and the document's own parts (第二章, 前言, 附则…), block quotes and table bars, bold lead-ins.
 */
const RE_ASIDE =
  /^(\*\*|>|\||注[：:]|备注|附|第[一二三四五六七八九十百零〇\d]+[章节篇部编条款]|(前言|序言|引言|结束语|结语|总则|附则|说明)[\s\u3000。：:]*$)/;

/** A line that is only a short label and a colon: "策略措施：", "工作要求：". */
const RE_LABEL_LINE = /^[\s\u3000#]*[^\s，。；,;]{2,14}[：:][\s\u3000]*$/;
/** A short lead label before a colon: "目标：到2025年……". */
const RE_COLON_LEAD = /^[^，。；,;：:]{2,6}[：:]/;
/** A label line that carries the first item after its colon: "策略措施：1.加大……" (the number is group 1). */
const RE_INLINE_ITEM =
  /^[\s\u3000#]*[^\s，。；,;：:]{2,14}[：:][\s\u3000]*(?:[（(][\s\u3000]*)?([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[\s\u3000]*(?:[）)]|[.．、])(?![0-9])/;
/** A paragraph led by a short title sentence: "加强教师队伍建设。完善……". */
const RE_LEAD_SENTENCE = /^[^，。；,;：:]{2,30}[。．：:]/;
/** The last characters of a finished line (a sentence, a label, a closing bracket or quote). */
const FINISHING = '。；;！!？?：:）)”"」』';
/** What ends a line's first clause. */
const CLAUSE_MARKS = '。，；：,;:';
/** The document's trailer: 公开方式, 抄送, 附件, the issuer, the date. */
const RE_TRAILER =
  /^(?:(?:公开方式|抄送|主送|附件|附表|印发|联系人|[（(]此件|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)|[^，。；,;]{2,24}(?:人民政府|办公室|委员会|办公厅)[\s\u3000]*$)/;
const RE_MD_HEADING = /^[\s\u3000]*(#{1,6})[ \t\u3000]+\S/;

/** Noise kinds by precedence: page furniture over 目录 / notice / title, and those over tables. */
const NOISE_RANK: Record<NoiseRegion['kind'], number> = { page: 3, toc: 2, notice: 2, title: 2, table: 1 };

/** A space as trim() and \\s see it. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || ((c < 32 || c > 126) && /\s/.test(String.fromCharCode(c)));
}

/** Cheap pre-test of isHeadingText: a title is at most 24 characters once its trailing notes and punctuation go. */
function mayBeTitle(content: string): boolean {
  let e = content.length;
  while (e > 0 && '。：:.；;，,'.includes(content[e - 1])) e--;
  const c = content[e - 1] ?? '';
  return e <= 24 || c === '）' || c === ')' || c === '】' || isSpace(c.charCodeAt(0));
}

/** The number of an inline item as written: "１２" → 12, "十一" → 11. */
function itemNumber(s: string): number {
  return /[0-9０-９]/.test(s) ? Number(foldWidth(s)) : cnToNumber(s);
}

/** Classifies every line once (after noise regions and the outline are known). Linear in the input. */
export function classifyLines(lines: string[], outline: OutlineNode[], noise: NoiseRegion[]): PlanLine[] {
  const wrap = wrapWidth(lines);
  const noiseOf: Array<NoiseRegion['kind'] | null> = new Array(lines.length).fill(null);
  for (const r of noise) {
    for (let ln = Math.max(1, r.start); ln <= Math.min(r.end, lines.length); ln++) {
      const cur = noiseOf[ln - 1];
      if (cur === null || NOISE_RANK[r.kind] > NOISE_RANK[cur]) noiseOf[ln - 1] = r.kind;
    }
  }
  const nodeOf = new Array<number>(lines.length).fill(-1);
  outline.forEach((o, i) => {
    if (o.line >= 1 && o.line <= lines.length && nodeOf[o.line - 1] < 0) nodeOf[o.line - 1] = i;
  });
  return lines.map((text, i) =>
    classifyLine(text, i + 1, nodeOf[i], nodeOf[i] >= 0 ? outline[nodeOf[i]] : null, noiseOf[i], wrap),
  );
}

function classifyLine(
  text: string,
  line: number,
  node: number,
  outlineNode: OutlineNode | null,
  noise: NoiseRegion['kind'] | null,
  wrap: number | null,
): PlanLine {
  const indent = indentLength(text);
  let indentWidth = 0;
  for (let k = 0; k < indent; k++) indentWidth += text[k] === '\u3000' ? 2 : text[k] === '\t' ? 4 : 1;
  if (indent === text.length)
    return {
      ...blankLine(line),
      text,
      col: indent,
      endCol: indent,
      textCol: indent,
      clauseEnd: indent,
      indentWidth,
      node,
      noise,
    };
  let end = text.length;
  while (end > indent && isSpace(text.charCodeAt(end - 1))) end--;
  const trimmed = text.slice(indent, end);
  const md = RE_MD_HEADING.exec(text);
  let textCol = indent;
  const hashes = md ? /^#{1,6}[ \t\u3000]+/.exec(trimmed) : null;
  if (hashes) textCol += hashes[0].length;
  let clauseEnd = textCol;
  while (clauseEnd < text.length && !CLAUSE_MARKS.includes(text[clauseEnd])) clauseEnd++;
  if (clauseEnd < text.length) clauseEnd++;
  const content = outlineNode ? outlineNode.text : trimmed;
  const numbered = outlineNode !== null && outlineNode.number !== null;
  // a numbered line's bullet is part of its item ("1. —…"); a markdown heading's is read after its '#'
  const bullet = numbered ? '' : (RE_BULLET.exec(content)?.[0] ?? '');
  const part = partLabel(text);
  const inline = RE_INLINE_ITEM.exec(text);
  const last = trimmed[trimmed.length - 1];
  const kind: LineKind =
    noise !== null
      ? noise
      : part !== null
        ? 'label'
        : outlineNode && (outlineNode.heading || !numbered)
          ? 'heading'
          : numbered
            ? 'item'
            : bullet
              ? 'bullet'
              : 'prose';
  return {
    line,
    text,
    kind,
    col: indent,
    endCol: end,
    textCol,
    clauseEnd,
    content,
    indentWidth,
    node,
    marker: outlineNode ?? (noise !== null ? readMarker(text, line) : null),
    noise,
    bullet,
    part,
    mdDepth: md ? md[1].length : null,
    labelLine: RE_LABEL_LINE.test(text),
    colonLead: RE_COLON_LEAD.test(content),
    colonEnd: content.endsWith('：') || content.endsWith(':'),
    inlineItem: inline ? itemNumber(inline[1]) : null,
    aside: RE_ASIDE.test(content),
    chapter: isChapterText(content),
    leadSentence: RE_LEAD_SENTENCE.test(content),
    titleLike: mayBeTitle(content) && isHeadingText(content),
    finished: FINISHING.includes(last),
    sentenceEnd: last === '。' || last === '；' || last === ';',
    trailer: RE_TRAILER.test(trimmed),
    hasHan: /[\u4e00-\u9fff]{2}/.test(content),
    wrapped: isWrappedLine(text, wrap),
    markerGap: outlineNode && numbered ? /^[ \t\u3000]*/.exec(text.slice(outlineNode.endCol))![0] : '',
    domain: null,
  };
}

/** The record of line `line` (1-based), or a blank record past either end (total). */
export function lineAt(plan: Pick<PlanDocument, 'lineModel'>, line: number): PlanLine {
  return plan.lineModel[line - 1] ?? blankLine(line);
}

/** The text of line `line` (1-based), '' past either end: for quotes, widths and edits, never for re-parsing. */
export function lineText(plan: Pick<PlanDocument, 'lineModel'>, line: number): string {
  return plan.lineModel[line - 1]?.text ?? '';
}

/** Number of lines of the plan. */
export function lineCount(plan: Pick<PlanDocument, 'lineModel'>): number {
  return plan.lineModel.length;
}

function blankLine(line: number): PlanLine {
  return {
    line,
    text: '',
    kind: 'blank',
    col: 0,
    endCol: 0,
    textCol: 0,
    clauseEnd: 0,
    content: '',
    indentWidth: 0,
    node: -1,
    marker: null,
    noise: null,
    bullet: '',
    part: null,
    mdDepth: null,
    labelLine: false,
    colonLead: false,
    colonEnd: false,
    inlineItem: null,
    aside: false,
    chapter: false,
    leadSentence: false,
    titleLike: false,
    finished: false,
    sentenceEnd: false,
    trailer: false,
    hasHan: false,
    wrapped: false,
    markerGap: '',
    domain: null,
  };
}
