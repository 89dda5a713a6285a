// The four numbering rules (numbering-gap, -duplicate, -style, -level) on small self-describing fixtures
// (test/fixtures/numbering: each ends with `<!-- expect rule@line expected [related L,…] [fix L:text …] -->`
// or `<!-- expect none -->`), their fixes (each applied removes its finding; fix-all converges), and the
// labelled corpus and mutants as floors (the same counting as ../shared/tools/score.mjs, in process).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const core = require('../../dist/core.js');

const FIX = path.join(__dirname, '..', 'fixtures');
const NUM_DIR = path.join(FIX, 'numbering');
const NUMBERING = /^numbering-/;

const read = (p) => fs.readFileSync(p, 'utf8');
function numberingFindings(text, locale = 'zh-cn') {
  return core.checkPlan(core.parsePlan(text), [], { locale, structuralOnly: true }).filter((f) => NUMBERING.test(f.rule));
}

/** `<!-- expect numbering-gap@9 （三） related 7 fix 9:（三） 11:（四） -->` → { rule, line, expected, related, fix } */
function expectations(text) {
  const out = [];
  for (const m of text.matchAll(/<!-- expect (.*?) -->/g)) {
    if (m[1].trim() === 'none') continue;
    // the expected marker is one word, or quoted “#### (二)” when it holds a space
    const h = /^(\S+)@(\d+)\s+(“[^”]*”|\S+)(.*)$/.exec(m[1].trim());
    assert.ok(h, `expectation: ${m[1]}`);
    const e = { rule: h[1], line: Number(h[2]), expected: h[3].replace(/^“(.*)”$/, '$1'), related: [], fix: [] };
    let mode = null;
    for (const t of h[4].trim().split(/\s+/).filter(Boolean)) {
      if (t === 'related' || t === 'fix') mode = t;
      else if (mode === 'related') e.related.push(...t.split(',').map(Number));
      else if (mode === 'fix') {
        const i = t.indexOf(':');
        e.fix.push(`${t.slice(0, i)}:${t.slice(i + 1)}`);
      }
    }
    out.push(e);
  }
  return out;
}

/** Applies single-line edits (core coordinates: 1-based lines, 0-based columns), from the end. */
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const sorted = [...edits].sort((a, b) => b.line - a.line || b.col - a.col);
  for (const e of sorted) {
    assert.equal(e.endLine, e.line, 'single-line edit');
    const l = lines[e.line - 1];
    assert.ok(l !== undefined && e.col >= 0 && e.col <= e.endCol && e.endCol <= l.length, `edit inside line ${e.line}`);
    lines[e.line - 1] = l.slice(0, e.col) + e.newText + l.slice(e.endCol);
  }
  return lines.join('\n');
}

const overlaps = (a, b) => a.line === b.line && a.col < b.endCol && b.col < a.endCol;
const samePoint = (a, b) => a.line === b.line && a.col === b.col;
/** The fix-all the server offers: every numbering fix that does not overlap one already taken. */
function fixAllEdits(findings) {
  const taken = [];
  for (const f of findings) {
    if (!f.fix || !f.fix.edits.length) continue;
    if (f.fix.edits.some((e) => taken.some((t) => overlaps(e, t) || samePoint(e, t)))) continue;
    taken.push(...f.fix.edits);
  }
  return taken;
}

const fixtures = fs
  .readdirSync(NUM_DIR)
  .filter((f) => /\.(txt|md)$/.test(f))
  .sort();

describe('numbering rules: fixtures', () => {
  it('has a fixture that fires and one that must not for each rule', () => {
    for (const rule of ['numbering-gap', 'numbering-duplicate', 'numbering-style', 'numbering-level']) {
      assert.ok(
        fixtures.some((f) => expectations(read(path.join(NUM_DIR, f))).some((e) => e.rule === rule)),
        `a fixture for ${rule}`,
      );
    }
    assert.ok(fixtures.filter((f) => /<!-- expect none -->/.test(read(path.join(NUM_DIR, f)))).length >= 2, 'clean fixtures');
  });

  for (const f of fixtures) {
    it(`${f}: the expected findings, markers, related lines and fixes`, () => {
      const text = read(path.join(NUM_DIR, f));
      const lines = text.split('\n');
      const want = expectations(text);
      const got = numberingFindings(text);
      assert.deepEqual(
        got.map((x) => `${x.rule}@${x.line}`).sort(),
        want.map((e) => `${e.rule}@${e.line}`).sort(),
        got.map((x) => x.message).join('\n'),
      );
      for (const e of want) {
        const x = got.find((g) => g.rule === e.rule && g.line === e.line);
        assert.equal(x.severity, 'warning');
        assert.equal(x.endLine, x.line);
        assert.ok(x.col >= 0 && x.col <= x.endCol && x.endCol <= lines[x.line - 1].length, 'range inside the line');
        assert.equal(x.expected, e.expected);
        assert.ok(x.message.includes(`应为“${e.expected}”`), x.message);
        for (const r of e.related)
          assert.ok(
            (x.related ?? []).some((ri) => ri.line === r),
            `related line ${r}: ${JSON.stringify(x.related)}`,
          );
        assert.deepEqual(
          x.fix.edits.map((ed) => `${ed.line}:${ed.newText.trim()}`),
          e.fix,
        );
      }
    });
  }

  it('messages in English name the expected marker', () => {
    for (const f of fixtures) {
      const text = read(path.join(NUM_DIR, f));
      for (const x of numberingFindings(text, 'en')) {
        assert.match(x.message, new RegExp(`expected “${x.expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`), x.message);
        assert.doesNotMatch(x.message, /[应为]/);
      }
    }
  });

  it('applying each fix removes its finding (and leaves no new finding of that rule on the line)', () => {
    let tried = 0;
    for (const f of fixtures) {
      const text = read(path.join(NUM_DIR, f));
      for (const x of numberingFindings(text)) {
        if (!x.fix) continue;
        const after = numberingFindings(applyEdits(text, x.fix.edits));
        assert.ok(
          !after.some((y) => y.rule === x.rule && y.line === x.line),
          `${f}: ${x.rule}@${x.line} gone after "${x.fix.title}"`,
        );
        tried++;
      }
    }
    assert.ok(tried >= 12, `${tried} fixes tried`);
  });
});

describe('numbering rules: behaviour beyond the fixtures', () => {
  const head = '某区儿童发展规划（2021—2030年）\n\n一、发展领域、主要目标和策略措施\n\n（一）儿童与安全\n\n';
  it('a list that restarts at 1 under the same parent is not a duplicate; 1. 1. 2. is a restart', () => {
    assert.deepEqual(
      numberingFindings(head + '主要目标：\n1.甲。\n2.乙。\n策略措施：\n1.丙。\n2.丁。\n').map((x) => x.rule),
      [],
    );
    assert.deepEqual(
      numberingFindings(head + '1.甲。\n1.丙。\n2.丁。\n').map((x) => x.rule),
      [],
    );
  });
  it('a label line that carries the first item ("策略措施：1.……") starts the list: no gap, no duplicate', () => {
    const text =
      head +
      '主要目标：1.儿童伤害死亡率下降。\n2.儿童溺水死亡率下降。\n3.儿童出行安全得到保障。\n策略措施：1.创建儿童安全环境。\n2.预防和控制儿童溺水。\n3.加强食品安全监管。\n';
    assert.deepEqual(
      numberingFindings(text).map((x) => `${x.rule}@${x.line}`),
      [],
    );
    // …and without the inline item the second list lost its first number
    const lost = numberingFindings(text.replace('策略措施：1.创建儿童安全环境。', '策略措施：'));
    assert.deepEqual(
      lost.map((x) => `${x.rule}@${x.line}:${x.expected}`),
      ['numbering-gap@11:1.'],
    );
  });
  it('a repeated "1." before another list is a duplicate (1. 1. | 1. 2. 3.)', () => {
    const got = numberingFindings(head + '主要目标：\n1.甲。\n1.乙。\n策略措施：\n1.丙。\n2.丁。\n3.戊。\n');
    assert.deepEqual(
      got.map((x) => `${x.rule}@${x.line}:${x.expected}`),
      ['numbering-duplicate@9:2.'],
    );
  });
  it('1. under 二、 is not a skipped level when an unnumbered heading stands for the level between', () => {
    const md =
      '# 某区儿童发展规划（2021—2030年）\n\n## 一、总体要求\n\n### （一）指导思想\n\n## 二、发展领域\n\n### 儿童与健康\n\n1. 儿童健康水平提高。\n2. 儿童死亡率下降。\n\n### 儿童与安全\n\n1. 儿童伤害减少。\n';
    assert.deepEqual(
      numberingFindings(md).map((x) => `${x.rule}@${x.line}`),
      [],
    );
    const txt =
      '某区儿童发展规划（2021—2030年）\n\n一、总体要求\n\n（一）指导思想\n\n二、发展领域\n\n儿童与健康\n\n1.儿童健康水平提高。\n2.儿童死亡率下降。\n';
    assert.deepEqual(
      numberingFindings(txt).map((x) => `${x.rule}@${x.line}`),
      [],
    );
    // …without it, the level is skipped
    assert.deepEqual(
      numberingFindings(txt.replace('儿童与健康\n\n', '')).map((x) => `${x.rule}@${x.line}`),
      ['numbering-level@9'],
    );
  });
  it('a wrong number whose successors are right is one gap, fixed alone (1. 2. 4. 4. 5.)', () => {
    const got = numberingFindings(head + '1.甲。\n2.乙。\n4.丙。\n4.丁。\n5.戊。\n');
    assert.deepEqual(
      got.map((x) => `${x.rule}@${x.line}`),
      ['numbering-gap@9'],
    );
    assert.deepEqual(
      got[0].fix.edits.map((e) => `${e.line}:${e.newText}`),
      ['9:3.'],
    );
  });
  it('a gap with several plain paragraphs between the items is reported on the item after it', () => {
    const got = numberingFindings(head + '1.甲项工作。内容很多，\n分多段写成。\n\n另一段说明，继续展开。\n\n3.丙项工作。\n');
    assert.deepEqual(
      got.map((x) => `${x.rule}@${x.line}`),
      ['numbering-gap@12'],
    );
    assert.equal(got[0].expected, '2.');
  });
  it('full-width digits keep their width when renumbered', () => {
    const got = numberingFindings(head + '１．甲。\n３．乙。\n４．丙。\n');
    assert.deepEqual(
      got.map((x) => x.fix.edits.map((e) => e.newText)),
      [['２．', '３．']],
    );
  });
  it('never throws on marker soup, and every range and edit lies inside its line', () => {
    let seed = 7;
    const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const parts = [
      '一、',
      '二、',
      '（一）',
      '(二)',
      '（三)',
      '1.',
      '2、',
      '3．',
      '（1）',
      '(2)',
      '①',
      '②',
      '## ',
      '### ',
      '#### ',
      '主要目标：',
      '——',
      '',
      '十一、',
      '（十）',
    ];
    for (let k = 0; k < 60; k++) {
      const lines = ['某区儿童发展规划（2021—2030年）'];
      for (let i = 0; i < 40; i++)
        lines.push(
          parts[rnd(parts.length)] +
            (rnd(3) ? parts[rnd(parts.length)] : '') +
            ['儿童与健康', '内容，说明。', '', '标题'][rnd(4)],
        );
      const text = lines.join('\n');
      const found = core.checkPlan(core.parsePlan(text), [], { structuralOnly: true });
      assert.ok(!found.some((x) => x.rule === 'internal-error'), found.find((x) => x.rule === 'internal-error')?.message);
      for (const x of found.filter((y) => NUMBERING.test(y.rule))) {
        assert.ok(x.col <= x.endCol && x.endCol <= lines[x.line - 1].length);
        if (x.fix) applyEdits(text, x.fix.edits);
      }
    }
  });
});

// ---- the labelled corpus and the mutants (test/fixtures/corpus, test/fixtures/mutants) ----------------

const corpusDir = path.join(FIX, 'corpus');
const mutantDir = path.join(FIX, 'mutants');
const corpus = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.truth.json'))
  .sort();
const mutants = fs.existsSync(mutantDir)
  ? fs
      .readdirSync(mutantDir)
      .filter((f) => f.endsWith('.expected.json'))
      .sort()
  : [];

describe('numbering rules: corpus and mutants (floors)', function () {
  this.timeout(60000);
  it('finds ≥ 90% of the labelled numbering issues with ≤ 2 unlabelled flags per plan', () => {
    let total = 0;
    let hit = 0;
    for (const tf of corpus) {
      const truth = JSON.parse(read(path.join(corpusDir, tf)));
      const found = numberingFindings(read(path.join(corpusDir, tf.replace('.truth.json', '.txt'))));
      const issues = truth.numbering_issues;
      const required = issues.filter((i) => i.kind !== 'other');
      total += required.length;
      hit += required.filter((i) => found.some((f) => [i.line, ...(i.related_lines ?? [])].includes(f.line))).length;
      const known = new Set(issues.flatMap((i) => [i.line, ...(i.related_lines ?? []), ...(i.group_lines ?? [])]));
      const unlabelled = found.filter((f) => !known.has(f.line));
      assert.ok(unlabelled.length <= 2, `${tf}: ${unlabelled.map((f) => `${f.rule}@${f.line}`).join(', ')}`);
    }
    assert.ok(corpus.length >= 3 && total >= 10, 'the labelled corpus is there');
    assert.ok(hit / total >= 0.9, `numbering recall ${hit}/${total}`);
  });

  it('finds ≥ 25 of the 27 injected numbering breaks', () => {
    let total = 0;
    let hit = 0;
    const missed = [];
    for (const ef of mutants) {
      const exp = JSON.parse(read(path.join(mutantDir, ef)));
      const found = numberingFindings(read(path.join(mutantDir, exp.mutant_file ?? ef.replace('.expected.json', '.txt'))));
      for (const b of exp.injected.numbering_breaks ?? []) {
        total++;
        if (found.some((f) => [b.line, ...(b.related_lines ?? [])].includes(f.line))) hit++;
        else missed.push(`${ef} ${b.kind}@${b.line}`);
      }
    }
    assert.equal(total, 27);
    assert.ok(hit >= 25, `${hit}/27; missed ${missed.join(', ')}`);
  });

  it('fix-all on the corpus and the mutants converges: after ≤ 5 rounds nothing fixable remains', () => {
    const files = [
      ...corpus.map((f) => path.join(corpusDir, f.replace('.truth.json', '.txt'))),
      ...mutants.map((f) => path.join(mutantDir, f.replace('.expected.json', '.txt'))),
    ];
    for (const file of files) {
      let text = read(file);
      let found = numberingFindings(text);
      for (let round = 0; round < 5 && found.some((f) => f.fix); round++) {
        text = applyEdits(text, fixAllEdits(found));
        found = numberingFindings(text);
      }
      assert.deepEqual(
        found.filter((f) => f.fix).map((f) => `${f.rule}@${f.line}`),
        [],
        path.basename(file),
      );
    }
  });
});
