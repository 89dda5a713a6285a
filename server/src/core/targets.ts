// Targets: numeric goals read from each domain's 主要目标 part and from target tables.
// A paragraph may span several lines (split sentences); every value keeps its own line and column.
// Invariant: never throws; col/endCol lie inside the value's line.
import type { DomainId, DomainSection, NoiseRegion, PlanLine, Target, TargetFigure, TargetKind, TargetMeasure } from './types';
import { foldWidth, normalizeName } from './text';
import { matchDomainLabel } from './domains';
import { fusedMarker, inlineMarker, RE_BULLET } from './outline';

interface Seg {
  at: number;
  line: number;
  col: number;
}
interface Para {
  text: string;
  segs: Seg[];
}

const SENTENCE_END = /[。；;！!？?]$/;

/**
 * Groups the lines of a part into paragraphs: an item starts at a marker, a dash or bullet, or an item number
 * fused to a numeral. Text copied out of
 * a PDF is joined back: page furniture (`skip`) is left out, and a line that fills the wrap width continues on
 * the next line even when it ends with 。.
 */
export function paragraphs(rows: PlanLine[], start: number, end: number): Para[] {
  const out: Para[] = [];
  let cur: Para | null = null;
  let prevWrapped = false;
  for (let ln = Math.max(1, start); ln <= Math.min(end, rows.length); ln++) {
    const row = rows[ln - 1];
    if (row.noise === 'page' || row.kind === 'blank') continue;
    const lead = row.col;
    const body = row.text.slice(lead, row.endCol);
    const node = row.marker;
    // after a wrapped line or a line that ends in a number, "—6岁…" is the rest of a range ("0—6岁"), not a dash bullet
    const rangeRest = (prevWrapped || /[0-9０-９]$/.test(cur?.text ?? '')) && /^[—–\-－~～][0-9０-９]/.test(body);
    const startsItem =
      (node && node.family !== 'md') || (row.bullet !== '' && !rangeRest) || row.part !== null || /^#/.test(body);
    if (!cur || startsItem || (SENTENCE_END.test(cur.text) && !prevWrapped) || /^[¹²³⁴⁵⁶⁷⁸⁹]/.test(body)) {
      cur = { text: '', segs: [] };
      out.push(cur);
    }
    cur.segs.push({ at: cur.text.length, line: ln, col: lead });
    cur.text += body;
    prevWrapped = row.wrapped;
  }
  return out;
}

function locate(p: Para, at: number): { line: number; col: number } {
  // the last segment starting at or before `at` (segments are in order): a binary search, since a
  // paragraph may have 100,000 lines
  let lo = 0;
  let hi = p.segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.segs[mid].at <= at) lo = mid;
    else hi = mid - 1;
  }
  const s = p.segs[lo];
  return { line: s.line, col: s.col + (at - s.at) };
}

/** Longest stretch read as one sentence: a longer one is cut at its last comma before the limit. */
const MAX_SENTENCE = 1000;

/** Sentence ends (after 。；！？), with over-long sentences cut at clause boundaries (bounded work per target). */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  let start = 0;
  const push = (e: number) => {
    while (e - start > MAX_SENTENCE) {
      const limit = start + MAX_SENTENCE;
      let cut = Math.max(text.lastIndexOf('，', limit - 1), text.lastIndexOf(',', limit - 1)) + 1;
      if (cut <= start + MAX_SENTENCE / 4) cut = limit;
      ends.push(cut);
      start = cut;
    }
    ends.push(e);
    start = e;
  };
  for (let i = 0; i < text.length; i++) if ('。；;！!？?'.includes(text[i])) push(i + 1);
  push(text.length);
  return ends;
}

/** Text read before a sentence for its context (a base year named earlier in the paragraph). */
const SENTENCE_CONTEXT = 2000;

const UNIT = '(‰|%|％|/10万|/万|个百分点|百分点|个|所|名|张|次|家|处|人|小时|分钟|天|平方米|倍)';
const RE_NUM = /\d+(?:\.\d+)?/g;
const RE_AFTER = new RegExp(`^[ \\u3000]*(?:([—–\\-~～至到])[ \\u3000]*(\\d+(?:\\.\\d+)?))?[ \\u3000]*${UNIT}?`);
const RE_AGE =
  /^[ \u3000]*(?:[—–\-~～至到][ \u3000]*\d+(?:\.\d+)?)?[ \u3000]*(岁|周岁|个月|月龄|月|年级|年|周|号|期|届|项|条|类|大|孩)/;

interface Tok {
  a: number; // start of the number in the sentence string
  b: number; // end of number
  end: number; // end of number + range + unit
  value: number;
  valueText: string;
  valueMax?: number;
  unit: string;
}

const MAX_VERBS = [
  '降低到',
  '降低至',
  '下降到',
  '下降至',
  '减少到',
  '减少至',
  '控制到',
  '控制在',
  '降至',
  '降到',
  '不高于',
  '不超过',
  '低于',
  '少于',
  '小于',
  '≤',
  '＜',
  '<',
];
const MIN_VERBS = [
  '达到并保持在',
  '达到并保持',
  '达到',
  '保持在',
  '保持',
  '维持',
  '提高到',
  '提高至',
  '提升到',
  '提升至',
  '增至',
  '增加到',
  '增加至',
  '增长到',
  '巩固在',
  '稳定在',
  '维持在',
  '不低于',
  '不少于',
  '高于',
  '超过',
  '大于',
  '至少',
  '≥',
  '＞',
  '>',
  '实现',
];
const RED_VERBS = ['下降', '降低', '减少'];
const ALL_VERBS = [...MAX_VERBS.map((v) => [v, 'max'] as const), ...MIN_VERBS.map((v) => [v, 'min'] as const)].sort(
  (x, y) => y[0].length - x[0].length,
);

const HEAD = /(率|数|比例|占比|比重|人数|次数|面积|时间|床位|医生|寿命|水平)$/;
const POP_WORDS = [
  '5岁以下儿童',
  '新生儿',
  '婴儿',
  '婴幼儿',
  '幼儿',
  '儿童',
  '小学生',
  '初中生',
  '高中生',
  '高中阶段学生',
  '中小学生',
  '学生',
  '社区',
  '中小学校',
  '学校',
  '家庭',
  '青少年',
  '未成年人',
  '乡镇',
  '街道',
];
const LEAD_JUNK =
  /^(?:[——\-－•·▪●、，,：:\s\u3000*]|[一二三四五六七八九十]{1,2}是|其[一二三四五六七八九十]|(?:到|至|截至|截止到?)?\s*\d{4}\s*年(?:底|末)?|以[^，,。；\d以]{1,12}?为单位的?|其中|力争|确保|全区|全市|全县|全省|全旗|推动|使|并|且|要|同时|进一步)+/;
const TAIL_JUNK =
  /(?:以[^，,。；以]{1,12}为单位|以\s*\d{4}\s*年[^，,。；]{0,6}为基数|到\s*\d{4}\s*年(?:底|末)?|力争|分别|均|要|逐步|稳步|持续|进一步|全部|总体上|每年|年均|稳定|继续|能够|应|须|必须|保持|维持|在|为|[\s\u3000，,、])+$/;

/** A basis of comparison inside a subject: 以2020年数据为基数, 在上一年度基础上, 比2020年, 较上年. */
const BASIS =
  /以[^，,。；以]{0,12}?为(?:基数|基准|基础)|在[^，,。；在]{1,12}?(?:基础上|水平上)|(?:比|较)[ \u3000]*(?:上一?个?年度?|上年|去年|\d{4}[ \u3000]*年(?:底|末)?)(?:数据|水平)?|与[ \u3000]*(?:上一?个?年度?|上年|\d{4}[ \u3000]*年(?:底|末)?)(?:数据|水平)?相比/g;

function cleanSubject(s: string): string {
  let t = s.replace(/[\s\u3000]+/g, '').replace(/\*\*|__/g, '');
  for (let i = 0; i < 3; i++) t = t.replace(LEAD_JUNK, '').replace(TAIL_JUNK, '');
  // A leading clause that ends with a verb of building ("推进…建设，实现区级覆盖率") is kept by the caller.
  return t;
}

/** Splits "A、B和C" at bracket depth 0. */
function splitParts(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === '、' || ch === '和' || ch === '及' || ch === '与')) {
      if (s.slice(i, i + 2) === '和谐') {
        cur += ch;
        continue;
      }
      parts.push(cur);
      cur = '';
      if (s.slice(i, i + 2) === '以及') i++;
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function popIndex(s: string, word?: string): { at: number; end: number } | null {
  if (word) {
    const i = s.indexOf(word);
    if (i >= 0) return { at: i, end: i + word.length };
  }
  let best: { at: number; end: number } | null = null;
  for (const w of POP_WORDS) {
    const i = s.indexOf(w);
    if (i >= 0 && (!best || i < best.at || (i === best.at && i + w.length > best.end))) best = { at: i, end: i + w.length };
  }
  return best;
}

function endingPop(s: string): string | undefined {
  return POP_WORDS.filter((w) => s.endsWith(w)).sort((a, b) => b.length - a.length)[0];
}

/** "新生儿、婴儿和5岁以下儿童死亡率" → [新生儿死亡率, 婴儿死亡率, 5岁以下儿童死亡率]; "5岁以下儿童贫血率和生长迟缓率" → […, 5岁以下儿童生长迟缓率]. */
export function completeParts(parts: string[]): string[] {
  if (parts.length < 2) return parts;
  const last = parts[parts.length - 1];
  const first = parts[0];
  return parts.map((p, i) => {
    let out = p;
    if (i < parts.length - 1 && !HEAD.test(p)) {
      const ending = endingPop(p);
      const pos = popIndex(last, ending);
      // "城市和农村社区儿童之家覆盖率": a modifier parallel to the last part's own ("农村") takes what follows it
      if (pos && !ending && pos.at > 0 && pos.at <= p.length + 1) out = p + last.slice(pos.at);
      else if (pos) out = p + last.slice(pos.end).replace(/^[（(][^）)]*[）)]/, '');
      else {
        // "小学生、初中生和高中生近视率": the shared head after the last part's matching word ending
        const k = last.indexOf(p[p.length - 1]);
        if (k >= 0 && k < last.length - 1) out = p + last.slice(k + 1);
      }
    }
    if (i > 0 && !popIndex(out) && popIndex(first)) {
      const pos = popIndex(first)!;
      out = first.slice(0, pos.end) + out;
    }
    return out;
  });
}

function findVerb(prefix: string): { pos: number; len: number; kind: TargetKind } | null {
  // The direction phrase nearest to the value.
  let best: { pos: number; len: number; kind: TargetKind } | null = null;
  for (const [v, k] of ALL_VERBS) {
    const i = prefix.lastIndexOf(v);
    if (i < 0) continue;
    const end = i + v.length;
    const bestEnd = best ? best.pos + best.len : -1;
    // nearest end wins; on a tie the longer phrase ("不低于" over "低于")
    if (!best || end > bestEnd || (end === bestEnd && v.length > best.len)) best = { pos: i, len: v.length, kind: k };
  }
  return best;
}

function milestoneYear(s: string): number | null {
  const re =
    /(?:到|至|截至|截止到|力争到|争取到|于)?[ \u3000]*(20[2-5]\d)[ \u3000]*年(?!\s*(?:数据)?为基数)(?![—–\-~至到]\s*20)/g;
  let m: RegExpExecArray | null;
  let year: number | null = null;
  while ((m = re.exec(s))) {
    const before = s.slice(Math.max(0, m.index - 1), m.index);
    if (/[—–\-~比较以与]/.test(before)) continue;
    if (/^[^，。]{0,8}为基数/.test(s.slice(m.index + m[0].length))) continue;
    if (/^\s*(?:基础上|水平|数据|相比)/.test(s.slice(m.index + m[0].length))) continue;
    year = Number(m[1]);
  }
  return year;
}

function baselineYear(s: string): number | undefined {
  const m = /(?:以|比|较|在|与)[ \u3000]*(20[0-5]\d)[ \u3000]*年/.exec(s);
  return m ? Number(m[1]) : undefined;
}

function tokenize(s: string, from: number): Tok[] {
  const toks: Tok[] = [];
  const numbers = new RegExp(RE_NUM); // a fresh lastIndex per call
  numbers.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = numbers.exec(s))) {
    const a = m.index;
    const b = a + m[0].length;
    const prev = s[a - 1] ?? '';
    if (a > from && /[\d.A-Za-z]/.test(prev)) continue; // (at `from`, what precedes is an item marker)
    if (prev === '第') continue; // an ordinal (第3次)
    const after = s.slice(b);
    if (m[0].length === 4 && /^[ \u3000]*年/.test(after)) continue; // a year
    if (RE_AGE.test(after)) {
      // skip "0—6岁" as a whole
      const age = RE_AGE.exec(after)!;
      numbers.lastIndex = b + age[0].length;
      continue;
    }
    const u = RE_AFTER.exec(after)!;
    const unit = u[3] ?? '';
    toks.push({
      a,
      b,
      end: b + u[0].length,
      value: Number(m[0]),
      valueText: m[0],
      valueMax: u[2] !== undefined ? Number(u[2]) : undefined,
      unit: unit === '％' ? '%' : unit === '个百分点' ? '百分点' : unit,
    });
    numbers.lastIndex = b + u[0].length;
  }
  // Numbers listed before a shared unit ("3.0、5.0和6.6‰") take that unit.
  for (let i = toks.length - 2; i >= 0; i--) {
    if (!toks[i].unit && toks[i + 1].unit && /^[ \u3000]*[、和及与][ \u3000]*$/.test(s.slice(toks[i].end, toks[i + 1].a)))
      toks[i].unit = toks[i + 1].unit;
  }
  return toks.filter((t) => t.unit);
}

/** A target read from one sentence: its figure, and where its value lies in the sentence. */
interface RawTarget extends TargetFigure {
  at: number;
  b: number;
  /** The number as written. */
  valueText: string;
}

const COUNT_UNITS = /^(个|所|家|处|名|张|次)$/;

/** Reads the targets of one sentence (s) starting at offset `from`. */
function sentenceTargets(s: string, from: number, carry: { parts: string[] }): RawTarget[] {
  const toks = tokenize(s, from);
  const out: RawTarget[] = [];
  let i = 0;
  // End of the last value group that gave targets: "医生达1.12名、床位增至3.17张" is two clauses.
  let prevEnd = from;
  while (i < toks.length) {
    // group a list "A、B和C" of values
    let j = i;
    while (
      j + 1 < toks.length &&
      /^[ \u3000]*(以上|以下|以内)?[ \u3000]*[、和及与][ \u3000]*$/.test(s.slice(toks[j].end, toks[j + 1].a))
    )
      j++;
    const list = toks.slice(i, j + 1);
    i = j + 1;
    const first = list[0];
    const lastTok = list[list.length - 1];
    const after = s.slice(lastTok.end);
    const approx = /^[ \u3000]*(左右|上下)/.test(after);
    const suffixMax = /^[ \u3000]*(以下|以内|之内|及以下)/.test(after);
    const suffixMin = /^[ \u3000]*(以上|及以上)/.test(after);
    // clause boundary before the list
    const before = s.slice(0, first.a);
    const clauseStart =
      Math.max(
        before.lastIndexOf('，'),
        before.lastIndexOf(','),
        before.lastIndexOf('：'),
        before.lastIndexOf(':'),
        from - 1,
        prevEnd - 1,
      ) + 1;
    const clause = s.slice(clauseStart, first.a);
    const groupEnd = lastTok.end + (/^[ \u3000]*(?:及以上|及以下|以上|以下|以内|之内|左右|上下)?/.exec(after)?.[0].length ?? 0);
    // a milestone before the value, or in a note right after it ("降至5‰以下（2030年）")
    const noteYear =
      /^[ \u3000]*(?:及以上|及以下|以上|以下|以内|左右)?[ \u3000]*[（(][ \u3000]*(?:到|至)?(20[2-5]\d)[ \u3000]*年(?:底|末)?[ \u3000]*[）)]/.exec(
        after,
      );
    const year = noteYear ? Number(noteYear[1]) : milestoneYear(s.slice(from, first.a));
    // Value-first: "95%的城市社区和85%的农村社区…", "70%以上的镇（街道）…", "至少建设1个…、2个…".
    const afterFirst = s.slice(first.end);
    // (a count before what it counts, also "2个以上儿童友好社区"; not "4个以上并逐步提高")
    const valueFirst =
      list.length === 1 &&
      (/^[ \u3000]*(以上|以下)?的/.test(afterFirst) ||
        (COUNT_UNITS.test(first.unit) &&
          /^(?:以上|以下)?[\u4e00-\u9fff（(]/.test(afterFirst) &&
          !/^(?:以上|以下)?(?:以内|左右|上下|并|且|或|和|及|同时|逐步|稳步|持续|不断|为|的)/.test(afterFirst) &&
          !/^(以上|以下)[\u4e00-\u9fff]{0,2}$/.test(afterFirst.split(/[，,。；;]/)[0])));
    if (valueFirst) {
      const vf = valueFirstTargets(s, toks, i - 1, clause, clauseStart);
      for (const t of vf.targets) out.push({ ...t, year });
      i = vf.next;
      if (vf.targets.length) prevEnd = toks[i - 1].end;
      continue;
    }
    // Value before its predicate, no 的: "中小学校100%配备专兼职心理健康工作者".
    if (
      list.length === 1 &&
      first.unit === '%' &&
      !suffixMax &&
      !suffixMin &&
      !approx &&
      /^[\u4e00-\u9fff]/.test(afterFirst) &&
      !/^(以上|以下|以内|之内|左右|上下|及|和|与|或|的|、|提高|增长|上升|增加)/.test(afterFirst) &&
      !ALL_VERBS.some(([v]) => afterFirst.startsWith(v)) &&
      !RED_VERBS.some((v) => afterFirst.startsWith(v)) &&
      !findVerb(clause) &&
      !RED_VERBS.some((v) => clause.trimEnd().endsWith(v))
    ) {
      const stop = /[，,。；;：:]/.exec(afterFirst);
      const predicate = cleanSubject(afterFirst.slice(0, stop ? stop.index : afterFirst.length));
      const subj = cleanSubject(clause.replace(BASIS, ''));
      if (predicate && /[\u4e00-\u9fff]/.test(subj + predicate)) {
        out.push({
          at: first.a,
          b: first.b,
          indicator: subj + predicate + (/(比例|率|占比)$/.test(predicate) ? '' : '比例'),
          kind: 'min',
          value: first.value,
          valueText: first.valueText,
          unit: first.unit,
          year,
        });
        prevEnd = first.end;
        continue;
      }
    }
    let verb = findVerb(clause);
    // "达" right before the value ("医生达1.12名"); elsewhere it is part of a word (达标率).
    if (/达[ \u3000]*$/.test(clause) && (!verb || verb.pos + verb.len < clause.trimEnd().length))
      verb = { pos: clause.lastIndexOf('达'), len: 1, kind: 'min' };
    let kind: TargetKind | null = suffixMax ? 'max' : suffixMin ? 'min' : verb ? verb.kind : null;
    let measure: TargetMeasure | undefined;
    let base: number | undefined;
    let subjectRaw = verb ? clause.slice(0, verb.pos) : clause;
    const red = RED_VERBS.find((v) => clause.trimEnd().endsWith(v));
    if (red && (!verb || verb.pos + verb.len < clause.trimEnd().length - red.length)) {
      kind = 'min';
      const beforeRed = clause.slice(0, clause.lastIndexOf(red));
      measure = /每年|年均/.test(clause) ? 'annual_reduction' : 'relative_reduction';
      // the basis before the value, or in a note after it ("下降20%（以2020年为基数）")
      base = baselineYear(s.slice(from, first.a)) ?? baselineYear(s.slice(first.a));
      subjectRaw = beforeRed;
    }
    // A rate written straight before its value, nothing after ("农村留守儿童书面照护协议签订率100%。"): the
    // direction is the indicator's own (死亡率, 发生率… lower is better; others higher).
    if (
      !kind &&
      list.length === 1 &&
      /^(%|‰|\/10万|\/万)$/.test(first.unit) &&
      /^[ \u3000]*([，,。；;]|$)/.test(after) &&
      /(率|比例|占比)[ \u3000]*$/.test(clause) &&
      !/[（(][^）)]*$/.test(clause)
    )
      kind = LOWER_IS_BETTER.test(clause) ? 'max' : 'min';
    if (!kind) continue;
    let subject = cleanSubject(subjectRaw.replace(BASIS, ''));
    if (subject && /^(实现|使)/.test(subjectRaw.trim())) subject = subject.replace(/^(实现|使)/, '');
    // Short subjects ("覆盖率", "区级覆盖率") take the object of the previous clause.
    if (subject && subject.length <= 5 && clauseStart > from) {
      const prev = s.slice(from, clauseStart - 1);
      const pc = prev.slice(Math.max(prev.lastIndexOf('，'), prev.lastIndexOf(','), prev.lastIndexOf('。')) + 1);
      const obj = /(?:设立|建立|建设|推进|建成|设置)(.+?)(?:建设)?$/.exec(pc);
      if (obj && !/\d/.test(obj[1])) subject = cleanSubject(obj[1]) + subject.replace(/^实现/, '');
    }
    // A bare head noun ("优良率") after a full subject ("中小学生体质健康标准达标率…，优良率…") borrows its stem.
    if (subject && subject.length <= 4 && /(率|比例|占比)$/.test(subject) && carry.parts.length === 1) {
      const stem = carry.parts[0].replace(/[^\s]{1,2}(率|比例|占比)$/, '');
      if (stem && stem !== carry.parts[0] && !stem.endsWith(subject)) subject = stem + subject;
    }
    // A short bare indicator without its population ("…5岁以下儿童贫血率…，生长迟缓率…") takes the previous
    // subject's; a longer one names its own population (低出生体重发生率) and keeps its name.
    if (subject && subject.length <= 6 && HEAD.test(subject) && !popIndex(subject) && carry.parts.length === 1) {
      const pos = popIndex(carry.parts[0]);
      if (pos && pos.at === 0) subject = carry.parts[0].slice(0, pos.end) + subject;
    }
    // A bare noun after a per-capita subject ("每千名儿童拥有…医生达1.12名、床位增至3.17张") shares its "每千名儿童拥有".
    if (
      subject &&
      subject.length <= 6 &&
      clauseStart > from &&
      !/^每/.test(subject) &&
      !/(率|比例|占比)$/.test(subject) &&
      !popIndex(subject) &&
      carry.parts.length === 1
    ) {
      const per = /^每[千万百十]?(?:名|个|位)?[^，,、\d]{0,6}?(?:拥有|有)/.exec(carry.parts[0]);
      if (per) subject = per[0] + subject;
    }
    // "婴儿死亡率逐步下降，控制在5‰以下": a clause without a subject takes the sentence's first one
    if ((!subject || !/[\u4e00-\u9fff]/.test(subject)) && !carry.parts.length) subject = leadSubject(s.slice(from, clauseStart));
    let parts: string[];
    if (!subject || !/[\u4e00-\u9fff]/.test(subject)) parts = carry.parts;
    else {
      const split = splitParts(subject);
      if (list.length > 1 && split.length === list.length) parts = completeParts(split);
      else if (list.length === 1 && split.length > 1 && (/均/.test(clause) || split.every((p) => HEAD.test(p))))
        parts = completeParts(split);
      else parts = [subject];
      carry.parts = parts;
    }
    if (!parts.length) continue;
    prevEnd = groupEnd;
    const targets =
      list.length === parts.length
        ? list.map((t, k) => [t, parts[k]] as const)
        : list.length === 1
          ? parts.map((p) => [list[0], p] as const)
          : list.map((t) => [t, parts.join('、')] as const);
    for (const [t, ind] of targets) {
      out.push({
        at: t.a,
        b: t.b,
        indicator: countName(ind, t.unit),
        kind,
        value: t.value,
        valueText: t.valueText,
        unit: t.unit,
        year,
        ...(measure ? { measure } : {}),
        ...(base !== undefined && measure ? { baselineYear: base } : {}),
        ...(t.valueMax !== undefined ? { valueMax: t.valueMax } : {}),
        ...(approx ? { approx } : {}),
      });
    }
  }
  return out;
}

/** The indicator a sentence opens with, before its first verb ("婴儿死亡率逐步下降，…" → 婴儿死亡率); '' when none. */
function leadSubject(text: string): string {
  const first = text.split(/[，,；;：:]/)[0] ?? '';
  let cut = first.length;
  for (const v of [
    ...ALL_VERBS.map(([w]) => w),
    ...RED_VERBS,
    '逐步',
    '稳步',
    '持续',
    '不断',
    '明显',
    '有效',
    '进一步',
    '提高',
    '提升',
    '增长',
  ]) {
    const i = first.indexOf(v);
    if (i > 0 && i < cut) cut = i;
  }
  const subject = cleanSubject(first.slice(0, cut).replace(BASIS, ''));
  return HEAD.test(subject) && !/\d+(?:\.\d+)?[ \u3000]*[%‰％]/.test(subject) ? subject : '';
}

/** A count target names what is counted: "…医生" with 名 → "…医生数", "…服务" with 次 → "…服务次数". */
function countName(ind: string, unit: string): string {
  // "托位数每千人" → "每千人托位数"
  const per = /^(.+?数)(每[千万百十]?[人名个位]?[^\d，,、]{0,6})$/.exec(ind);
  if (per) return per[2] + per[1];
  if (!COUNT_UNITS.test(unit) || /(数|率|比例|占比|比重)$/.test(ind)) return ind;
  return ind + (unit === '次' ? '次数' : '数');
}

function valueFirstTargets(
  s: string,
  toks: Tok[],
  idx: number,
  clause: string,
  clauseStart: number,
): { targets: Omit<RawTarget, 'year'>[]; next: number } {
  // Collect the run of value-first tokens in this clause.
  const run: Tok[] = [toks[idx]];
  let k = idx + 1;
  while (k < toks.length && !/[，,。；;]/.test(s.slice(run[run.length - 1].end, toks[k].a))) {
    const between = s.slice(run[run.length - 1].end, toks[k].a);
    if (!/^(以上|以下)?的?[^，,。；;]*[、和及与]\s*$/.test(between) && !/[、和及与]\s*$/.test(between)) break;
    run.push(toks[k]);
    k++;
  }
  const end = (() => {
    const rest = s.slice(run[run.length - 1].end);
    const m = /[，,。；;]/.exec(rest);
    return run[run.length - 1].end + (m ? m.index : rest.length);
  })();
  const nouns = run.map((t, n) => {
    const stop = n + 1 < run.length ? run[n + 1].a : end;
    return s
      .slice(t.end, stop)
      .replace(/^[ \u3000]*(以上|以下)?的?/, '')
      .replace(/[、和及与\s\u3000]+$/, '');
  });
  const out: Omit<RawTarget, 'year'>[] = [];
  const isPct = (t: Tok) => t.unit === '%' || t.unit === '‰';
  // Split the last noun into its own subject and the shared predicate.
  let predicate = '';
  if (run.length > 1 && isPct(run[0])) {
    const last = nouns[nouns.length - 1];
    const pos = popIndex(last, endingPop(nouns[0]));
    let cut = -1;
    if (pos) {
      cut = pos.end;
      const par = /^[（(][^）)]*[）)]/.exec(last.slice(cut));
      if (par) cut += par[0].length;
    } else {
      const v = /(建立|建有|配备|开展|设立|达到|实现|拥有|设置)/.exec(last);
      if (v) cut = v.index;
    }
    if (cut > 0) {
      predicate = last.slice(cut);
      nouns[nouns.length - 1] = last.slice(0, cut);
    }
  }
  const verb = findVerb(clause);
  const subj = cleanSubject(
    verb ? clause.slice(0, verb.pos) : clause.replace(/(建设|创建|设置|配备|建成|新建|打造)\s*$/, ''),
  ).replace(/(至少|建设|创建|设置|配备|接受|参加|建成|新建|打造)+$/, '');
  void clauseStart;
  run.forEach((t, n) => {
    const noun = cleanSubject(nouns[n]);
    if (!noun) return;
    let indicator: string;
    if (isPct(t)) indicator = noun + predicate + '比例';
    else if (t.unit === '次') indicator = subj + noun + '次数';
    // "每所中小学至少配备1名…教师": the per-unit subject is part of the name
    else if (/^每/.test(subj)) indicator = cleanSubject(clause).replace(/至少|不少于/g, '') + noun + '数';
    else indicator = noun + '数';
    out.push({
      at: t.a,
      b: t.b,
      indicator,
      kind: /^[ \u3000]*(以下|以内)/.test(s.slice(t.end)) ? 'max' : 'min',
      value: t.value,
      valueText: t.valueText,
      unit: t.unit,
    });
  });
  return { targets: out, next: toks.indexOf(run[run.length - 1]) + 1 };
}

/** Strips the item marker / dash bullet at the start of a paragraph: returns the offset where text starts. */
function bodyStart(p: Para, rows: PlanLine[]): number {
  const first = p.segs[0];
  const node = rows[first.line - 1]?.marker ?? null;
  let at = 0;
  if (node && node.family !== 'md') at = node.endCol - first.col;
  // the bullets after the marker ("1. —…", "——•…")
  for (;;) {
    const space = /^[\s\u3000]*/.exec(p.text.slice(at))![0].length;
    const dash = RE_BULLET.exec(p.text.slice(at + space));
    if (!dash) break;
    at += space + dash[0].length;
  }
  const label = /^[\s\u3000]*(主要目标|目标)[:：]/.exec(p.text.slice(at));
  if (label) at += label[0].length;
  return Math.max(0, Math.min(at, p.text.length));
}

// ---- achieved figures --------------------------------------------------------------------------
// A 发展基础 / 现状 sentence reports what was reached ("截至2020年底，婴儿死亡率下降到5.4‰", "已达到",
// "比2015年下降"); it is not a target, wherever it stands. A later sentence of the same paragraph that
// looks ahead again (到2030年, 力争) is read as usual.

const PAST =
  /(?:已经?|业已|均已)[ \u3000]*(?:达到|降至|降到|降低|下降|提高|提升|增至|增加|增长|实现|建成|超过|覆盖|完成|保持)|(?:下降|降低|提高|提升|增长|增加|减少|上升|达到|实现|完成)了/;
const AHEAD = /(?:到|至|力争|争取|确保|预计)[ \u3000]*20\d\d[ \u3000]*年|力争|目标|将/;

/** Whether a sentence states an achieved figure rather than a goal; periodStart: the plan's first year. */
export function isAchieved(sentence: string, periodStart: number | null): boolean {
  if (PAST.test(sentence)) return true;
  const asOf = /(?:截至|截止到?)[ \u3000]*(20\d\d)[ \u3000]*年(?:底|末)?/.exec(sentence);
  if (asOf && (periodStart === null ? !AHEAD.test(sentence.replace(asOf[0], '')) : Number(asOf[1]) < periodStart)) return true;
  if (periodStart === null) return false;
  // "2020年，…为5.4‰" / "…比2015年下降…": a year before the period that is not the basis of a reduction
  const lead = /^[^，,。；]{0,6}?(20\d\d)[ \u3000]*年(?:底|末)?[ \u3000]*[，,]/.exec(sentence);
  if (lead && Number(lead[1]) < periodStart) return true;
  // "由2015年的8%下降到2020年的5.4‰": a figure of a year before the period
  const re = /(20\d\d)[ \u3000]*年(?:底|末)?的[ \u3000]*\d/g;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) if (Number(m[1]) < periodStart) return true;
  const since = /(?:比|较)[ \u3000]*(20\d\d)[ \u3000]*年/.exec(sentence);
  return !!since && Number(since[1]) < periodStart - 1;
}

/** Whether `at` lies in one of `spans` (in order, disjoint): a binary search. */
function inSpans(spans: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < spans[mid][0]) hi = mid - 1;
    else if (at >= spans[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The clauses (offset ranges) of a paragraph that state achieved figures; the state carries on to the
 *  following clauses until one looks ahead again. */
function achievedSpans(text: string, offset: number, periodStart: number | null): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let past = false;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !'，,。；;！!？?'.includes(text[i])) continue;
    const clause = text.slice(start, i);
    past = isAchieved(clause, periodStart) || (past && !AHEAD.test(clause));
    if (past) out.push([offset + start, offset + i]);
    start = i + 1;
  }
  return out;
}

export function extractTargets(
  rows: PlanLine[],
  domains: DomainSection[],
  noise: NoiseRegion[],
  periodStart: number | null = null,
): Target[] {
  const out: Target[] = [];
  for (const d of domains) {
    if (!d.goals) continue;
    for (const p of paragraphs(rows, d.goals.start, d.goals.end)) {
      const first = rows[p.segs[0].line - 1];
      if (first.part === 'measures') continue;
      if (first.noise !== null && first.noise !== 'table') continue;
      const text = foldWidth(p.text);
      const from = bodyStart(p, rows);
      const carry = { parts: [] as string[] };
      const past = achievedSpans(text.slice(from), from, periodStart);
      // sentences
      let sStart = 0;
      const lead = first.marker;
      let lastNo: number | null = lead?.family === 'arabic' ? lead.number : null;
      for (const e of sentenceEnds(text)) {
        if (e <= sStart) continue;
        // the sentence with a bounded stretch of context before it (not the whole paragraph so far)
        const base = Math.max(0, sStart - SENTENCE_CONTEXT);
        const sentence = text.slice(base, e);
        // items run together on one line ("主要目标：1.…。2.…。（3）…"): each sentence's own marker is no value
        let st = Math.max(sStart, from);
        const im = inlineMarker(text.slice(st, e));
        if (im) {
          st += im.end;
          if (im.arabic !== null) lastNo = im.arabic;
        } else {
          const f = fusedMarker(text.slice(st, e));
          if (f && lastNo !== null && f.number === lastNo + 1) {
            st += f.end;
            lastNo++;
          }
        }
        const raws = sentenceTargets(sentence, st - base, carry).filter((r) => !inSpans(past, r.at + base));
        for (const r of raws) {
          r.at += base;
          r.b += base;
          const pos = locate(p, r.at);
          out.push({
            line: pos.line,
            col: pos.col,
            endCol: pos.col + (r.b - r.at),
            domain: d.domain,
            indicator: r.indicator,
            kind: r.kind,
            value: r.value,
            valueText: r.valueText,
            unit: r.unit,
            year: r.year,
            ...(r.measure ? { measure: r.measure } : {}),
            ...(r.baselineYear !== undefined ? { baselineYear: r.baselineYear } : {}),
            ...(r.valueMax !== undefined ? { valueMax: r.valueMax } : {}),
            ...(r.approx ? { approx: true } : {}),
            from: 'goals',
          });
        }
        sStart = e;
      }
    }
  }
  // A table outside the domain sections: a row takes the domain of the same indicator in the body.
  const byName = new Map(out.map((t) => [normalizeName(t.indicator), t.domain]));
  for (const t of tableTargets(rows, domains, noise)) {
    out.push(t.domain ? t : { ...t, domain: byName.get(normalizeName(t.indicator)) ?? null });
  }
  return out;
}

// ---- target tables -------------------------------------------------------------------------

const LOWER_IS_BETTER = /(死亡率|发生率|患病率|近视率|贫血率|龋患率|迟缓率|感染率|流行率|犯罪|比重|伤害|超重|肥胖|低体重)/;

/** Pipe / tab tables: a header naming years or 目标值, rows with an indicator cell and value cells. */
function tableTargets(rows: PlanLine[], domains: DomainSection[], noise: NoiseRegion[]): Target[] {
  const out: Target[] = [];
  for (const r of noise) {
    if (r.kind !== 'table') continue;
    let yearCols: Array<number | null> = [];
    let indCol = -1;
    let domainCol = -1;
    let currentDomain: DomainId | null = domains.find((d) => r.start >= d.line && r.start <= d.endLine)?.domain ?? null;
    for (let ln = r.start; ln <= r.end; ln++) {
      const cells = splitCells(rows[ln - 1]?.text ?? '');
      if (!cells.length) continue;
      if (cells.every((c) => /^[-:\s|]*$/.test(c.text))) continue;
      const isHeader = cells.some((c) => /指标/.test(c.text)) && !cells.some((c) => /\d+(\.\d+)?\s*[%‰]/.test(c.text));
      if (isHeader) {
        indCol = cells.findIndex((c) => /指标/.test(c.text));
        domainCol = cells.findIndex((c) => /领域|类别/.test(c.text));
        yearCols = cells.map((c) => {
          const y = /(20[2-5]\d)\s*年/.exec(c.text);
          return y ? Number(y[1]) : /目标|值/.test(c.text) ? 0 : null;
        });
        continue;
      }
      if (indCol < 0) continue;
      if (domainCol >= 0 && cells[domainCol]) {
        const m =
          matchDomainLabel(cells[domainCol].text) ?? matchDomainLabel('儿童与' + cells[domainCol].text.replace(/领域$/, ''));
        if (m) currentDomain = m.id;
      }
      let ind = cells[indCol]?.text.replace(/[\s\u3000]+/g, '');
      if (!ind || !/[\u4e00-\u9fff]/.test(ind)) continue;
      // "婴儿死亡率（‰）": the unit in the indicator cell applies to value cells written without one
      const unitInName = /[（(](‰|%|％|个|所|名|张|次)[）)]$/.exec(ind);
      if (unitInName) ind = ind.slice(0, unitInName.index);
      cells.forEach((c, ci) => {
        if (ci === indCol || yearCols[ci] === null || yearCols[ci] === undefined) return;
        const v =
          /^(≥|≤|>|<|＞|＜|不低于|不高于|低于|高于)?\s*(\d+(?:\.\d+)?)\s*(‰|%|％|个|所|名|张|次)?\s*(以上|以下|以内|左右)?/.exec(
            foldWidth(c.text),
          );
        if (!v) return;
        const dir = v[1] ?? '';
        const post = v[4] ?? '';
        const kind: TargetKind =
          /≤|<|＜|不高于|低于/.test(dir) || /以下|以内/.test(post)
            ? 'max'
            : /≥|>|＞|不低于|高于/.test(dir) || /以上/.test(post)
              ? 'min'
              : LOWER_IS_BETTER.test(ind)
                ? 'max'
                : 'min';
        const numAt = c.col + c.text.indexOf(v[2]);
        out.push({
          line: ln,
          col: numAt,
          endCol: numAt + v[2].length,
          domain: currentDomain,
          indicator: ind,
          kind,
          value: Number(v[2]),
          valueText: v[2],
          unit: (v[3] ?? unitInName?.[1] ?? '').replace('％', '%'),
          year: yearCols[ci] || null,
          ...(post === '左右' ? { approx: true } : {}),
          from: 'table',
        });
      });
    }
  }
  return out;
}

function splitCells(raw: string): Array<{ text: string; col: number }> {
  const cells: Array<{ text: string; col: number }> = [];
  const sep = raw.includes('|') ? '|' : '\t';
  let col = 0;
  for (const part of raw.split(sep)) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), col: col + lead });
    col += part.length + 1;
  }
  if (sep === '|') {
    if (cells.length && !cells[0].text) cells.shift();
    if (cells.length && !cells[cells.length - 1].text) cells.pop();
  }
  return cells;
}
