// Metamorphic transforms: the layout changes real plans show when they are written, exported or copied
// (Word, WPS, PDF, markdown), applied to a plan's text. Each transform keeps the plan's content: the same
// 7 domains, the same targets, no new numbering problem. The suite (test/unit/metamorphic.test.js)
// checks that the engine reads the same thing before and after.
//
// A transform works on records { t: text, o: original line number (0 for a line it inserted) } and
// uses the ORIGINAL plan's parse (its domain headings, outline nodes and part labels) to know where the
// structure is; that parse is the reference the invariants compare against. Every choice is seeded
// (the plan's name and the transform's), so a failure replays exactly.
'use strict';
const { rng: mulberry32 } = require('../../scripts/lib/rng.js');

/** The one seeded PRNG (scripts/lib/rng.js, mulberry32), seeded by a hash of a string. */
function rng(seedText) {
  let h = 1779033703 ^ seedText.length;
  for (let i = 0; i < seedText.length; i++) {
    h = Math.imul(h ^ seedText.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = mulberry32(h >>> 0);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n) =>
  n <= 10 ? CN[n] : n < 20 ? '十' + (n % 10 ? CN[n % 10] : '') : CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : '');

/** Display width: CJK and full-width characters count 2, others 1 (what a PDF line holds). */
function width(s) {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u2014\u2026\u2018-\u201d]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** Context of one plan: its lines as records, and the structure read from the original. */
function context(name, text, plan) {
  const lines = text.split(/\r\n|\r|\n/);
  const recs = lines.map((t, i) => ({ t, o: i + 1 }));
  const domainLines = new Set(plan.domains.map((d) => d.line));
  const labelLines = new Set();
  for (const d of plan.domains) {
    if (d.goals && d.goals.start > d.line + 0 && isLabel(lines[d.goals.start - 1])) labelLines.add(d.goals.start);
    if (d.measures) labelLines.add(d.measures.start);
  }
  const nodeAt = new Map(plan.outline.map((o) => [o.line, o]));
  const noiseAt = (l) => plan.noise.some((r) => l >= r.start && l <= r.end);
  return { name, lines, recs, plan, domainLines, labelLines, nodeAt, noiseAt };
}

function isLabel(line) {
  return /^[\s\u3000#]*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[.．、])?[\s\u3000]*(主要目标|策略措施|目标|措施)/.test(
    line ?? '',
  );
}

/** Splits a heading line into its lead (indent, #, marker), its text, and trailing punctuation. */
function splitHeading(line, node) {
  const lead = node ? line.slice(0, node.endCol) : /^[\s\u3000#]*/.exec(line)[0];
  const rest = line.slice(lead.length);
  const m = /^([\s\u3000]*)(.*?)([。：:．.；;\s\u3000]*)$/.exec(rest);
  return { lead, space: m[1], text: m[2], tail: m[3] };
}

/**
 * A domain heading's parts: lead (indent, '#', marker), the label, its suffix (领域…), its notes (（牵头单位…）)
 * and final punctuation.
 */
function headingParts(line, d) {
  const at = d.endCol - d.label.length;
  const rest = line.slice(d.endCol);
  const m = /^(.*?)((?:[ \u3000]*[（(][^]*[）)])?)([。：:．.；;\s\u3000]*)$/.exec(rest);
  return { lead: line.slice(0, at), label: d.label, suffix: m[1], notes: m[2], tail: m[3] };
}

/** Rewrites each domain heading with f(parts, rng, index) → new text after the lead; null: not applicable. */
function domainHeadings(f) {
  return (c, r) => {
    let k = 0;
    const byLine = new Map(c.plan.domains.map((d) => [d.line, d]));
    return c.recs.map((rec) => {
      const d = byLine.get(rec.o);
      if (!d) return rec;
      const h = headingParts(rec.t, d);
      return { ...rec, t: h.lead + f(h, r, k++) };
    });
  };
}

const LEADS = [
  ['区卫生健康局', '区教育局、区民政局、区医保局、区市场监管局'],
  ['区公安分局', '区教育局、区交通运输局、区应急管理局、区消防救援大队'],
  ['区教育局', '区发展改革局、区财政局、区人力资源社会保障局、团区委'],
  ['区民政局', '区人力资源社会保障局、区残联、区医保局'],
  ['区妇联', '区委宣传部、区文明办、区教育局、区民政局'],
  ['区委宣传部', '区委网信办、区文化广电旅游体育局、团区委'],
  ['区人民法院', '区人民检察院、区司法局、区公安分局、区民政局'],
];

/** The transforms, by name. Each: (ctx, rng) → records. */
const TRANSFORMS = {
  // （一）儿童与健康（牵头单位：区卫生健康局。责任单位：区教育局、……。）
  'lead-dept-full': domainHeadings(
    (h, r, k) => `${h.label}${h.suffix}（牵头单位：${LEADS[k % 7][0]}。责任单位：${LEADS[k % 7][1]}。）`,
  ),
  // (七) 儿童与法律保护 (牵头单位: 区人民法院、区人民检察院)
  'lead-dept-half': domainHeadings(
    (h, r, k) => `${h.label}${h.suffix} (牵头单位: ${LEADS[k % 7][0]}、${LEADS[k % 7][1].split('、')[0]})`,
  ),
  // 领域 after the label (in place of another suffix), notes kept
  'suffix-lingyu': domainHeadings((h) => `${h.label}领域${h.notes}${h.tail}`),
  'suffix-lingyu-goals': domainHeadings((h) => `${h.label}领域主要目标和策略措施${h.notes}${h.tail}`),
  // 。 added, or removed where the plan has it
  'suffix-period': domainHeadings((h) => `${h.label}${h.suffix}${h.notes}${/[。.]/.test(h.tail) ? '' : '。'}`),
  'suffix-colon': domainHeadings((h) => `${h.label}${h.suffix}${h.notes}：`),
  // The domain headings lose their marker (the label alone on its line); markdown '#' stay.
  'unnumbered-domains'(c) {
    // domains at the first level: without their numbers the plan's next first-level heading would be renumbered
    if (c.plan.domains.some((d) => c.nodeAt.get(d.line)?.family === 'cn')) return c.recs;
    return c.recs.map((rec) => {
      if (!c.domainLines.has(rec.o)) return rec;
      const node = c.nodeAt.get(rec.o);
      if (!node || node.number === null) return rec;
      const md = /^[\s\u3000]*(#{1,6}[ \t]+)?/.exec(rec.t)[0];
      return { ...rec, t: md + rec.t.slice(node.endCol).replace(/^[\s\u3000]+/, '') };
    });
  },
  // 主要目标： → 【主要目标】 (and the same for 策略措施)
  'label-brackets'(c) {
    return c.recs.map((rec) => {
      if (!c.labelLines.has(rec.o) || !/^[\s\u3000#]*(主要目标|策略措施)[：:]?[\s\u3000]*$/.test(rec.t)) return rec;
      return { ...rec, t: rec.t.replace(/(主要目标|策略措施)[：:]?/, '【$1】') };
    });
  },
  // 主要目标： → 主要目标 (no colon, as a heading line)
  'label-no-colon'(c) {
    return c.recs.map((rec) =>
      c.labelLines.has(rec.o) ? { ...rec, t: rec.t.replace(/(主要目标|策略措施)[：:][\s\u3000]*$/, '$1') } : rec,
    );
  },
  // 一、总体要求 → 第一部分 总体要求 (the domains stay under their part)
  'part-chapters'(c) {
    return c.recs.map((rec) => {
      const node = c.nodeAt.get(rec.o);
      if (!node || node.family !== 'cn' || !node.heading || c.noiseAt(rec.o)) return rec;
      return {
        ...rec,
        t: rec.t.slice(0, node.col) + `第${cn(node.number)}部分 ` + rec.t.slice(node.endCol).replace(/^[\s\u3000]+/, ''),
      };
    });
  },
  // Domains at the first level: 一、儿童与健康 …, the 发展领域 heading dropped, the other first-level headings
  // renumbered around them; the 主要目标 / 策略措施 labels become （一）/（二） below them.
  'domains-first-level'(c) {
    const firstDomain = Math.min(...c.domainLines);
    // the first-level heading the domains stand under
    let parentLine = 0;
    for (const o of c.plan.outline)
      if (o.family === 'cn' && o.heading && o.line < firstDomain && !c.noiseAt(o.line)) parentLine = o.line;
    // the plan's own bracket width for the labels' （一）/（二）
    const parens = c.plan.outline.filter((o) => o.family === 'paren-cn');
    const half = parens.filter((o) => o.style === 'half').length * 2 > parens.length;
    const [goals, measures] = half ? ['(一)主要目标', '(二)策略措施'] : ['（一）主要目标', '（二）策略措施'];
    let n = 0;
    const out = [];
    for (const rec of c.recs) {
      const node = c.nodeAt.get(rec.o);
      if (rec.o === parentLine) continue;
      if (c.noiseAt(rec.o)) {
        out.push(rec);
        continue;
      }
      if (c.domainLines.has(rec.o)) {
        const h = splitHeading(rec.t, node && node.number !== null ? node : null);
        const md = /^[\s\u3000]*(#{1,6}[ \t]+)?/.exec(rec.t)[0];
        out.push({ ...rec, t: `${md}${cn(++n)}、${h.text}` });
        continue;
      }
      if (node && node.family === 'cn' && node.heading) {
        out.push({ ...rec, t: rec.t.slice(0, node.col) + `${cn(++n)}、` + rec.t.slice(node.endCol).replace(/^[\s\u3000]+/, '') });
        continue;
      }
      if (
        c.labelLines.has(rec.o) &&
        /^[\s\u3000#]*(?:[（(]?[一二三四五六七八九十\d]+[）).．、]?[\s\u3000]*)?(主要目标|策略措施)[：:]?[\s\u3000]*$/.test(rec.t)
      ) {
        out.push({
          ...rec,
          t: rec.t.replace(/(?:[（(]?[一二三四五六七八九十\d]+[）).．、]?[\s\u3000]*)?(主要目标|策略措施)[：:]?/, (m, w) =>
            w === '主要目标' ? goals : measures,
          ),
        });
        continue;
      }
      out.push(rec);
    }
    return out;
  },
  // Markdown export: headings get '#' by level (title #, 一、 ##, （一） ###, labels ####); existing '#' are replaced.
  markdown(c) {
    return c.recs.map((rec, i) => {
      if (c.noiseAt(rec.o)) return rec;
      const bare = rec.t.replace(/^[\s\u3000]*#{1,6}[ \t]+/, '');
      const node = c.nodeAt.get(rec.o);
      let depth = 0;
      if (i === c.recs.findIndex((x) => x.t.trim())) depth = 1;
      else if (c.labelLines.has(rec.o) && /^[\s\u3000#]*(主要目标|策略措施)[：:]?[\s\u3000]*$/.test(rec.t)) depth = 4;
      else if (node && node.heading && node.family === 'cn') depth = 2;
      else if (node && node.heading && node.family === 'paren-cn') depth = 3;
      else if (c.domainLines.has(rec.o)) depth = 3;
      if (!depth) return bare === rec.t ? rec : { ...rec, t: bare };
      return { ...rec, t: '#'.repeat(depth) + ' ' + bare.replace(/^[\s\u3000]+/, '') };
    });
  },
  // （一）↔(一), （1）↔(1) in every marker
  'bracket-width'(c) {
    return c.recs.map((rec) => {
      const node = c.nodeAt.get(rec.o);
      if (!node || !/^paren/.test(node.family)) return rec;
      const m = rec.t.slice(node.col, node.endCol);
      const swapped = m.replace(/[（(]/, (b) => (b === '（' ? '(' : '（')).replace(/[）)]/, (b) => (b === '）' ? ')' : '）'));
      return { ...rec, t: rec.t.slice(0, node.col) + swapped + rec.t.slice(node.endCol) };
    });
  },
  // 1. → 1．
  'arabic-fullstop'(c) {
    return c.recs.map((rec) => {
      const node = c.nodeAt.get(rec.o);
      if (!node || node.family !== 'arabic' || node.style !== '.') return rec;
      const m = rec.t.slice(node.col, node.endCol).replace('.', '．');
      return { ...rec, t: rec.t.slice(0, node.col) + m + rec.t.slice(node.endCol) };
    });
  },
  // Word/WPS: the first items of a list as Word bullets ("- 1." … ), the rest typed.
  'word-bullets'(c, r) {
    const out = c.recs.map((x) => ({ ...x }));
    const byLine = new Map(out.map((x, i) => [x.o, i]));
    // runs of items of one family numbered 1, 2, 3 …
    const nodes = c.plan.outline.filter((o) => (o.family === 'arabic' || o.family === 'paren-arabic') && !c.noiseAt(o.line));
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i].number !== 1) continue;
      let j = i;
      while (j + 1 < nodes.length && nodes[j + 1].family === nodes[i].family && nodes[j + 1].number === nodes[j].number + 1) j++;
      if (j - i < 2) continue;
      const k = r.int(1, j - i); // bulleted items: 1..k, typed after
      for (let q = i; q < i + k; q++) {
        const at = byLine.get(nodes[q].line);
        const rec = out[at];
        if (/[-*•·●▪][ \t\u3000]*$/.test(rec.t.slice(0, nodes[q].col))) continue;
        rec.t = rec.t.slice(0, nodes[q].col) + '- ' + rec.t.slice(nodes[q].col);
      }
      i = j;
    }
    return out;
  },
  // Text copied out of a PDF: lines hard-wrapped at one width (30-40 characters), a page number at each
  // page foot and the plan's title as the running header of the next page.
  'pdf-wrap'(c, r) {
    const cols = 2 * r.int(30, 40);
    const perPage = r.int(26, 38);
    const title = (c.plan.title ?? c.lines.find((l) => l.trim()) ?? '').trim();
    const style = r.int(0, 3);
    const pages = Math.ceil(c.recs.length / perPage) + 5;
    const foot = (p) => [`— ${p} —`, `- ${p} -`, `第 ${p} 页 共 ${pages} 页`, `${p}/${pages}`][style];
    const wrapped = [];
    for (const rec of c.recs) {
      if (c.noiseAt(rec.o) || /[\t|]/.test(rec.t) || width(rec.t) <= cols) {
        wrapped.push(rec);
        continue;
      }
      const chars = [...rec.t];
      let cur = '';
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        if (cur && width(cur + ch) > cols && breakable(chars, i)) {
          wrapped.push({ t: cur, o: rec.o });
          cur = '';
        }
        cur += ch;
      }
      if (cur) wrapped.push({ t: cur, o: rec.o });
    }
    const out = [];
    let page = 1;
    wrapped.forEach((rec, i) => {
      out.push(rec);
      if ((i + 1) % perPage === 0 && i + 1 < wrapped.length) {
        out.push({ t: foot(page++), o: 0 }, { t: title, o: 0 });
      }
    });
    return out;
  },
  crlf: (c) => c.recs, // joined with CRLF by apply()
  // A blank line after every line (WPS "段后" spacing exported as empty paragraphs).
  'blank-lines'(c) {
    return c.recs.flatMap((rec) => [rec, { t: '', o: 0 }]);
  },
  // Body lines indented with two ideographic spaces (Word first-line indent).
  'ideographic-indent'(c) {
    return c.recs.map((rec) =>
      rec.t.trim() && !c.noiseAt(rec.o) && !/^#/.test(rec.t)
        ? { ...rec, t: '\u3000\u3000' + rec.t.replace(/^[\s\u3000]+/, '') }
        : rec,
    );
  },
  'trailing-spaces'(c, r) {
    return c.recs.map((rec) => (rec.t.trim() ? { ...rec, t: rec.t + r.pick([' ', '  ', '\u3000', ' \t']) } : rec));
  },
};

/** A break before chars[i] is allowed: not inside a number, not before closing punctuation (as PDF layout). */
function breakable(chars, i) {
  const prev = chars[i - 1] ?? '';
  const ch = chars[i];
  if (/[0-9.%‰．]/.test(prev) && /[0-9.%‰．]/.test(ch)) return false;
  if (/[，。、；：？！）》”’%‰,.;:)]/.test(ch)) return false;
  // a line that starts with what reads as an item marker is another layout (not a wrap)
  if (/[0-9０-９（(①-⑳一二三四五六七八九十]/.test(ch)) return false;
  return true;
}

// Several changes at once, as one export produces them. Transforms that cut at the original marker columns
// come first; those that move line starts (indentation, markdown) or split lines (PDF wrap) come last.
const COMBOS = {
  'combo-wps-export': [
    'bracket-width',
    'arabic-fullstop',
    'word-bullets',
    'lead-dept-half',
    'label-brackets',
    'ideographic-indent',
    'trailing-spaces',
    'crlf',
  ],
  'combo-pdf-copy': ['lead-dept-full', 'suffix-colon', 'unnumbered-domains', 'pdf-wrap'],
  'combo-markdown': ['suffix-lingyu', 'lead-dept-full', 'markdown', 'blank-lines'],
};

/** Applies a transform (or a combination) to a plan: { text, map } where map[newLine-1] is the original line (0: inserted). */
function apply(name, planName, text, plan) {
  const c = context(planName, text, plan);
  const steps = COMBOS[name] ?? [name];
  let recs = c.recs;
  for (const step of steps) recs = TRANSFORMS[step]({ ...c, recs }, rng(`${planName}|${name}|${step}`));
  const eol = steps.includes('crlf') ? '\r\n' : '\n';
  return { text: recs.map((x) => x.t).join(eol), map: recs.map((x) => x.o) };
}

/** Every transform name the suite runs: the single ones, then the combinations. */
const NAMES = [...Object.keys(TRANSFORMS), ...Object.keys(COMBOS)];

module.exports = { TRANSFORMS, COMBOS, NAMES, apply, rng, width };
