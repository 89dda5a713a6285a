// .docx (Office Open XML, also what WPS saves as .docx): the body's paragraphs in order, tables
// as `| cell | cell |` rows, and Word's automatic numbering rendered from word/numbering.xml.
//
// Why a zip + XML reader (fflate + htmlparser2) and not mammoth: mammoth drops list numbering
// (it turns lists into <ol>, losing 一、/（一）/1. markers and their restarts), and it inflates every
// part with no size caps. fflate lets us see each entry's declared size before inflating it.
import { Parser } from 'htmlparser2';
import { PlanReadError } from '../read';
import { readZip, partText, malformed, type ZipCaps } from './zip';
import { message } from '../message';
import { SourceBuilder, type PlanSource } from './source';

// ---------------------------------------------------------------------------------------------
// Number formats (ST_NumberFormat)

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (chineseCounting). */
export function chineseCounting(n: number, digits = CN_DIGITS, units = ['', '十', '百', '千'], tenAlone = true): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  if (n === 0) return digits[0];
  if (n >= 10000) return String(n);
  const s = String(Math.floor(n));
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const u = s.length - 1 - i;
    if (d === 0) {
      zero = out.length > 0;
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    out += (d === 1 && u === 1 && i === 0 && tenAlone ? '' : digits[d]) + units[u];
  }
  return out;
}

function letters(n: number, upper: boolean): string {
  if (n < 1) return String(n);
  const c = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number, upper: boolean): string {
  if (n < 1 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return upper ? out : out.toLowerCase();
}

function enclosed(n: number, first: number, count: number): string {
  return n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n);
}

/** One counter value in a Word number format. Unknown formats render as decimal. */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n, CN_LEGAL, ['', '拾', '佰', '仟'], false);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(n)
        .split('')
        .map((d) => (d === '0' ? '〇' : CN_DIGITS[Number(d)]))
        .join('');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x3220, 10);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n, true);
    case 'lowerRoman':
      return roman(n, false);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

// ---------------------------------------------------------------------------------------------
// numbering.xml and styles.xml

interface Level {
  start: number;
  fmt: string;
  text: string;
  suff: 'tab' | 'space' | 'nothing';
  /** Restart after a use of this level or any level above it (0-based); -1 = never. Default: any higher level. */
  restart: number | null;
  isLgl: boolean;
}

interface Num {
  abstractId: string;
  /** lvlOverride: a startOverride and/or a replacement level. */
  overrides: Map<number, { start?: number; level?: Partial<Level> }>;
}

export interface Numbering {
  abstracts: Map<string, Map<number, Partial<Level>>>;
  nums: Map<string, Num>;
}

function intAttr(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** Attribute `w:val` (any prefix). */
function val(attrs: Record<string, string>): string | undefined {
  for (const k of Object.keys(attrs)) if (k === 'w:val' || k.endsWith(':val') || k === 'val') return attrs[k];
  return undefined;
}

function attr(attrs: Record<string, string>, local: string): string | undefined {
  for (const k of Object.keys(attrs)) if (k === local || k.endsWith(':' + local)) return attrs[k];
  return undefined;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

function isOn(attrs: Record<string, string>): boolean {
  const v = val(attrs);
  return v === undefined || !/^(0|false|off|none)$/i.test(v);
}

export function parseNumbering(xml: string | null): Numbering {
  const abstracts = new Map<string, Map<number, Partial<Level>>>();
  const nums = new Map<string, Num>();
  if (!xml) return { abstracts, nums };
  let curAbs: Map<number, Partial<Level>> | null = null;
  let curNum: Num | null = null;
  let curLvl: Partial<Level> | null = null;
  let overrideIlvl = -1;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const n = local(name);
        if (n === 'abstractNum') {
          curAbs = new Map();
          abstracts.set(attr(attrs, 'abstractNumId') ?? '', curAbs);
        } else if (n === 'num' && !curAbs) {
          curNum = { abstractId: '', overrides: new Map() };
          nums.set(attr(attrs, 'numId') ?? '', curNum);
        } else if (n === 'abstractNumId' && curNum) {
          curNum.abstractId = val(attrs) ?? '';
        } else if (n === 'lvlOverride' && curNum) {
          overrideIlvl = intAttr(attr(attrs, 'ilvl')) ?? 0;
          curNum.overrides.set(overrideIlvl, {});
        } else if (n === 'startOverride' && curNum && overrideIlvl >= 0) {
          const o = curNum.overrides.get(overrideIlvl);
          if (o) o.start = intAttr(val(attrs)) ?? 0;
        } else if (n === 'lvl') {
          const ilvl = intAttr(attr(attrs, 'ilvl')) ?? 0;
          curLvl = {};
          if (curAbs) curAbs.set(ilvl, curLvl);
          else if (curNum && overrideIlvl >= 0) {
            const o = curNum.overrides.get(overrideIlvl);
            if (o) o.level = curLvl;
          }
        } else if (curLvl) {
          if (n === 'start') curLvl.start = intAttr(val(attrs)) ?? 1;
          else if (n === 'numFmt') curLvl.fmt = val(attrs) ?? 'decimal';
          else if (n === 'lvlText') curLvl.text = val(attrs) ?? '';
          else if (n === 'suff') curLvl.suff = (val(attrs) as Level['suff']) ?? 'tab';
          else if (n === 'lvlRestart') curLvl.restart = intAttr(val(attrs)) ?? null;
          else if (n === 'isLgl') curLvl.isLgl = isOn(attrs);
        }
      },
      onclosetag(name) {
        const n = local(name);
        if (n === 'abstractNum') curAbs = null;
        else if (n === 'num') curNum = null;
        else if (n === 'lvl') curLvl = null;
        else if (n === 'lvlOverride') overrideIlvl = -1;
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return { abstracts, nums };
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

export function parseStyles(xml: string | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  let cur: StyleInfo | null = null;
  let inPPr = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const n = local(name);
        if (n === 'style') {
          cur = {};
          styles.set(attr(attrs, 'styleId') ?? '', cur);
        } else if (!cur) return;
        else if (n === 'basedOn') cur.basedOn = val(attrs);
        else if (n === 'pPr') inPPr = true;
        else if (inPPr && n === 'numId') cur.numId = val(attrs);
        else if (inPPr && n === 'ilvl') cur.ilvl = intAttr(val(attrs));
      },
      onclosetag(name) {
        const n = local(name);
        if (n === 'style') cur = null;
        else if (n === 'pPr') inPPr = false;
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return styles;
}

/** The numbering a style gives (following basedOn), if any. */
function styleNumbering(styles: Map<string, StyleInfo>, id: string | undefined): { numId?: string; ilvl?: number } {
  const seen = new Set<string>();
  let numId: string | undefined;
  let ilvl: number | undefined;
  while (id && !seen.has(id)) {
    seen.add(id);
    const s = styles.get(id);
    if (!s) break;
    numId ??= s.numId;
    ilvl ??= s.ilvl;
    id = s.basedOn;
  }
  return { numId, ilvl };
}

/**
 * Word's list counters. Counters belong to the abstract list (numbering instances that share
 * one continue each other, as in Word); a `startOverride` restarts its level the first time
 * its instance is used; a level restarts after any higher level is used (unless lvlRestart says
 * otherwise).
 */
export class ListCounters {
  private counters = new Map<string, Array<number | undefined>>();
  private lastLevel = new Map<string, number>();
  private usedNums = new Set<string>();

  constructor(private numbering: Numbering) {}

  private level(num: Num, ilvl: number): Level {
    const abs = this.numbering.abstracts.get(num.abstractId);
    const base = abs?.get(ilvl) ?? {};
    const o = num.overrides.get(ilvl)?.level ?? {};
    return {
      start: o.start ?? base.start ?? 1,
      fmt: o.fmt ?? base.fmt ?? 'decimal',
      text: o.text ?? base.text ?? `%${ilvl + 1}.`,
      suff: o.suff ?? base.suff ?? 'tab',
      restart: o.restart ?? base.restart ?? null,
      isLgl: o.isLgl ?? base.isLgl ?? false,
    };
  }

  /** The label for a paragraph in list `numId` at level `ilvl` ("一、", "（二）", "3."), and its suffix; null when none. */
  next(numId: string, ilvl: number): { label: string; suff: Level['suff'] } | null {
    const num = this.numbering.nums.get(numId);
    if (!num || numId === '0') return null;
    if (ilvl < 0 || ilvl > 8) ilvl = 0;
    const key = num.abstractId;
    let c = this.counters.get(key);
    if (!c) {
      c = [];
      this.counters.set(key, c);
    }
    if (!this.usedNums.has(numId)) {
      this.usedNums.add(numId);
      for (const [l, o] of num.overrides) if (o.start !== undefined || o.level?.start !== undefined) c[l] = undefined;
      for (const [l, o] of num.overrides) if (o.start !== undefined) c[l] = o.start - 1;
    }
    const lvl = this.level(num, ilvl);
    c[ilvl] = c[ilvl] === undefined ? lvl.start : (c[ilvl] as number) + 1;
    // deeper levels restart
    for (let d = ilvl + 1; d <= 8; d++) {
      const dl = this.level(num, d);
      if (dl.restart === 0) continue;
      if (dl.restart !== null && dl.restart - 1 < ilvl) continue;
      c[d] = undefined;
    }
    this.lastLevel.set(key, ilvl);
    if (lvl.fmt === 'bullet') {
      const t = lvl.text.replace(/[\ue000-\uf8ff]/g, '•');
      return t.trim() ? { label: t, suff: lvl.suff } : null;
    }
    const label = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const li = Number(d) - 1;
      const l = this.level(num, li);
      const v = c![li] ?? l.start;
      return formatNumber(v, lvl.isLgl && li !== ilvl ? 'decimal' : l.fmt);
    });
    return label ? { label, suff: lvl.suff } : null;
  }
}

// ---------------------------------------------------------------------------------------------
// the package

const CT_MACRO = /macroEnabled/i;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

function parseRels(xml: string | null): Array<{ type: string; target: string; external: boolean }> {
  const out: Array<{ type: string; target: string; external: boolean }> = [];
  if (!xml) return out;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (local(name) === 'Relationship') {
          out.push({ type: attrs.Type ?? '', target: attrs.Target ?? '', external: /^external$/i.test(attrs.TargetMode ?? '') });
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return out;
}

function joinPart(dir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (dir ? dir.split('/') : []).concat(target.split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

/** Throws when the package carries macros (a .docm, or any vbaProject part). */
function refuseMacros(file: string, names: string[], contentTypes: string | null): void {
  const hasVba = names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n) || /(^|\/)vbaData\.xml$/i.test(n));
  if (hasVba || (contentTypes && CT_MACRO.test(contentTypes))) {
    throw new PlanReadError(file, message('refused: macro-enabled Word document (.docm); save it as .docx without macros'), {
      kind: 'macros',
    });
  }
}

/** Reads a .docx into plan text with one line per paragraph and per table row. */
export function readDocx(buf: Uint8Array, file: string, caps?: ZipCaps): PlanSource {
  // the XML parts and relationships (never media, embedded objects or custom XML)
  const wanted = (n: string) => /\.(xml|rels)$/i.test(n) && !/^customXml\//i.test(n);
  const { names, parts } = readZip(buf, file, wanted, caps);
  const contentTypes = partText(parts, '[Content_Types].xml');
  refuseMacros(file, names, contentTypes);
  const rootRels = parseRels(partText(parts, '_rels/.rels'));
  const main = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external)?.target;
  const mainPath = main ? joinPart('', main) : 'word/document.xml';
  const docXml = partText(parts, mainPath);
  if (docXml === null) {
    if (!contentTypes) throw malformed(file, message('a zip file but not a Word document (no [Content_Types].xml)'));
    throw malformed(file, message('no main document part ({0})', mainPath));
  }
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/')) : '';
  const relsPath = joinPart(dir, `_rels/${mainPath.slice(dir.length ? dir.length + 1 : 0)}.rels`);
  const docRels = parseRels(partText(parts, relsPath));
  const find = (type: RegExp, fallback: string) => {
    const r = docRels.find((x) => type.test(x.type) && !x.external);
    return partText(parts, r ? joinPart(dir, r.target) : fallback);
  };
  const numbering = parseNumbering(find(/\/numbering$/, `${dir}/numbering.xml`));
  const styles = parseStyles(find(/\/styles$/, `${dir}/styles.xml`));
  const notes = {
    footnote: parseNotes(find(/\/footnotes$/, `${dir}/footnotes.xml`), 'footnote'),
    endnote: parseNotes(find(/\/endnotes$/, `${dir}/endnotes.xml`), 'endnote'),
  };
  // headers, footers and comments are never read: page furniture and reviewers' remarks, not plan text
  return renderBody(docXml, numbering, styles, file, notes);
}

/**
 * word/footnotes.xml or endnotes.xml: each note's text (its paragraphs joined by a space; the
 * separator pseudo-notes left out), by id. Deleted revisions and field codes are left out as in
 * the body.
 */
export function parseNotes(xml: string | null, kind: 'footnote' | 'endnote'): Map<string, string> {
  const notes = new Map<string, string>();
  if (!xml) return notes;
  let cur: { id: string; paras: string[]; text: string } | null = null;
  let skip = 0;
  let inText = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const n = local(name);
        if (SKIPPED.has(n)) {
          skip++;
          return;
        }
        if (skip) return;
        if (n === kind) {
          const type = attr(attrs, 'type');
          cur = type && type !== 'normal' ? null : { id: attr(attrs, 'id') ?? '', paras: [], text: '' };
        } else if (!cur) return;
        else if (n === 'p') cur.text = '';
        else if (n === 't') inText = true;
        else if (n === 'tab' || n === 'br' || n === 'cr') cur.text += ' ';
      },
      ontext(data) {
        if (cur && inText && !skip) cur.text += data;
      },
      onclosetag(name) {
        const n = local(name);
        if (SKIPPED.has(n)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip || !cur) return;
        if (n === 't') inText = false;
        else if (n === 'p') {
          const t = cur.text.replace(/\s+/g, ' ').trim();
          if (t) cur.paras.push(t);
          cur.text = '';
        } else if (n === kind) {
          if (cur.paras.length) notes.set(cur.id, cur.paras.join(' '));
          cur = null;
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return notes;
}

/** Elements whose content is never text: deleted revisions, field instructions, the fallback copy of alternate content. */
const SKIPPED = new Set(['del', 'instrText', 'Fallback', 'delText', 'moveFrom']);
/** The same in the body, where field instructions are read (to know a TOC field), never as text. */
const BODY_SKIPPED = new Set(['del', 'Fallback', 'delText', 'moveFrom']);

interface ParaState {
  text: string;
  numId?: string;
  ilvl?: number;
  style?: string;
  inPPr: boolean;
  inRPr: boolean;
  hidden: boolean;
}

/**
 * Walks word/document.xml: paragraphs (numbered), tables as rows.
 * - Text boxes (w:txbxContent; the mc:Fallback copy of a box is skipped, so each reads once): their
 *   paragraphs follow the paragraph they are anchored in, as paragraphs of their own.
 * - Tracked changes: insertions read, deletions (w:del, w:moveFrom) dropped: the text as it now stands.
 * - Fields: the result is read, never the instruction (w:instrText); a table of contents field
 *   (TOC) is dropped whole: its entries repeat the headings with page numbers.
 * - Footnotes and endnotes: appended after the body, one line each in the order they are first
 *   referenced ("注1：…", "尾注1：…"; no mark is put in the body, which would split the figures it
 *   follows); their lines map to { footnote } / { endnote }.
 */
export function renderBody(
  xml: string,
  numbering: Numbering,
  styles: Map<string, StyleInfo>,
  file = '',
  notes: { footnote: Map<string, string>; endnote: Map<string, string> } = { footnote: new Map(), endnote: new Map() },
): PlanSource {
  const out = new SourceBuilder();
  const noteOrder = { footnote: [] as string[], endnote: [] as string[] };
  // fields open at this point (w:fldChar begin … separate … end): their instruction, and whether we are in the result
  const fields: Array<{ instr: string; result: boolean }> = [];
  const inToc = () => fields.some((f) => f.result && /^\s*TOC\b/i.test(f.instr));
  let inInstr = false;
  // paragraphs of text boxes, waiting for the paragraph they are anchored in to end
  const pendingBoxes: string[] = [];
  const counters = new ListCounters(numbering);
  const paras: ParaState[] = [];
  let paragraphNo = 0;
  let tableNo = 0;
  // table stack: per open table, rows of cells
  const tables: Array<{ no: number; row: number; cells: string[] | null; cell: string[] | null }> = [];
  let skip = 0; // inside w:del, w:instrText, mc:Fallback, footnote refs…
  let inText = false;
  let sawBody = false;

  const finishParagraph = (p: ParaState) => {
    let numId = p.numId;
    let ilvl = p.ilvl;
    if (numId === undefined || ilvl === undefined) {
      const s = styleNumbering(styles, p.style);
      numId ??= s.numId;
      ilvl ??= s.ilvl ?? 0;
    }
    let text = p.text;
    const body = text.replace(/^[ \t\u3000]+/, '');
    if (numId && numId !== '0' && body.trim()) {
      const l = counters.next(numId, ilvl ?? 0);
      if (l) {
        const sep =
          l.suff === 'space'
            ? ' '
            : l.suff === 'nothing'
              ? ''
              : /^[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“‘《（【]/.test(body) || /[、．.)）]$/.test(l.label)
                ? ''
                : ' ';
        text = l.label + sep + body;
      }
    }
    const tbl = tables[tables.length - 1];
    if (tbl && tbl.cell) {
      // a paragraph inside a table cell: part of the cell
      if (text.trim()) tbl.cell.push(text.trim());
      return;
    }
    if (paras.length > 0) {
      // a text box's paragraph: it reads after the paragraph it is anchored in
      if (text.trim()) pendingBoxes.push(text.replace(/\s+$/, ''));
      return;
    }
    if (text.trim()) {
      paragraphNo++;
      out.push(text.replace(/\s+$/, ''), { paragraph: paragraphNo });
    }
    flushBoxes();
  };
  const flushBoxes = () => {
    for (const t of pendingBoxes.splice(0)) {
      paragraphNo++;
      out.push(t, { paragraph: paragraphNo });
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const n = local(name);
        if (n === 'body') sawBody = true;
        if (BODY_SKIPPED.has(n)) {
          skip++;
          return;
        }
        if (skip) return;
        const p = paras[paras.length - 1];
        switch (n) {
          case 'instrText':
            inInstr = true;
            return;
          case 'fldChar': {
            const type = attr(attrs, 'fldCharType');
            if (type === 'begin') fields.push({ instr: '', result: false });
            else if (type === 'separate' && fields.length) fields[fields.length - 1].result = true;
            else if (type === 'end') fields.pop();
            return;
          }
          case 'fldSimple':
            fields.push({ instr: attr(attrs, 'instr') ?? '', result: true });
            return;
          case 'footnoteReference':
          case 'endnoteReference': {
            const kind = n === 'footnoteReference' ? 'footnote' : 'endnote';
            const id = attr(attrs, 'id');
            if (id !== undefined && !inToc() && !noteOrder[kind].includes(id)) noteOrder[kind].push(id);
            return;
          }
          case 'p':
            paras.push({ text: '', inPPr: false, inRPr: false, hidden: false });
            return;
          case 'pPr':
            if (p) p.inPPr = true;
            return;
          case 'rPr':
            if (p) p.inRPr = true;
            return;
          case 'r':
            if (p) p.hidden = false;
            return;
          case 'vanish':
            if (p && p.inRPr && !p.inPPr && isOn(attrs)) p.hidden = true;
            return;
          case 'pStyle':
            if (p && p.inPPr) p.style = val(attrs);
            return;
          case 'numId':
            if (p && p.inPPr) p.numId = val(attrs);
            return;
          case 'ilvl':
            if (p && p.inPPr) p.ilvl = intAttr(val(attrs));
            return;
          case 't':
            inText = !!p && !p.inPPr;
            return;
          case 'tab':
            if (p && !p.inPPr && !p.hidden) p.text += ' ';
            return;
          case 'br':
          case 'cr':
            if (p && !p.inPPr && !p.hidden && attr(attrs, 'type') !== 'page' && attr(attrs, 'type') !== 'column') p.text += '\n';
            return;
          case 'noBreakHyphen':
            if (p && !p.hidden) p.text += '-';
            return;
          case 'tbl':
            tables.push({ no: ++tableNo, row: 0, cells: null, cell: null });
            return;
          case 'tr': {
            const t = tables[tables.length - 1];
            if (t) t.cells = [];
            return;
          }
          case 'tc': {
            const t = tables[tables.length - 1];
            if (t) t.cell = [];
            return;
          }
        }
      },
      ontext(data) {
        if (skip) return;
        if (inInstr) {
          if (fields.length) fields[fields.length - 1].instr += data;
          return;
        }
        if (!inText || inToc()) return;
        const p = paras[paras.length - 1];
        if (p && !p.hidden) p.text += data;
      },
      onclosetag(name) {
        const n = local(name);
        if (BODY_SKIPPED.has(n)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        const p = paras[paras.length - 1];
        switch (n) {
          case 'instrText':
            inInstr = false;
            return;
          case 'fldSimple':
            fields.pop();
            return;
          case 't':
            inText = false;
            return;
          case 'pPr':
            if (p) p.inPPr = false;
            return;
          case 'rPr':
            if (p) p.inRPr = false;
            return;
          case 'p': {
            const done = paras.pop();
            if (done) finishParagraph(done);
            return;
          }
          case 'tc': {
            const t = tables[tables.length - 1];
            if (t && t.cells && t.cell) t.cells.push(t.cell.join(' ').replace(/\|/g, '｜'));
            if (t) t.cell = null;
            return;
          }
          case 'tr': {
            const t = tables[tables.length - 1];
            if (!t || !t.cells) return;
            const cells = t.cells;
            t.cells = null;
            if (!cells.some((c) => c.trim())) return;
            t.row++;
            const line = `| ${cells.join(' | ')} |`;
            const outer = tables[tables.length - 2];
            if (outer && outer.cell) outer.cell.push(cells.filter((c) => c).join(' '));
            else out.push(line, { table: t.no, row: t.row });
            return;
          }
          case 'tbl':
            tables.pop();
            return;
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  if (!sawBody) throw malformed(file, message('the main document part has no body'));
  flushBoxes();
  for (const kind of ['footnote', 'endnote'] as const) {
    let no = 0;
    for (const id of noteOrder[kind]) {
      const text = notes[kind].get(id);
      if (!text) continue;
      no++;
      out.push(`${kind === 'footnote' ? '注' : '尾注'}${no}：${text}`, { [kind]: no });
    }
  }
  return out.build('docx');
}
