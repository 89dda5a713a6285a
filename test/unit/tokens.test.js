// The core's semantic tokens (core/tokens.ts) and the plan test editors use (looksLikePlan).
const assert = require('node:assert/strict');
const {
  parsePlan,
  looksLikePlan,
  planTokens,
  encodeTokens,
  diffTokens,
  applyTokenEdits,
  TOKEN_TYPES,
} = require('../../dist/core.js');

const PLAN = [
  '某区儿童发展规划（2021—2030年）',
  '',
  '二、发展领域、主要目标和策略措施',
  '',
  '## （一）儿童与健康',
  '',
  '主要目标：',
  '',
  '1. 婴儿死亡率控制在5‰以下。',
  '2. 儿童贫血率下降到10%以下。',
  '',
  '策略措施：',
  '',
  '1. 加强组织领导。',
  '',
].join('\n');

const text = (plan, t) => plan.lines[t.line].slice(t.col, t.endCol);

describe('planTokens', () => {
  it('domain heading (label only), part labels, markers, targets; sorted, inside their lines', () => {
    const plan = parsePlan(PLAN);
    const toks = planTokens(plan);
    const by = (type) => toks.filter((t) => t.type === type).map((t) => `${t.line + 1}:${text(plan, t)}`);
    assert.deepEqual(by('planDomain'), ['5:儿童与健康']);
    assert.deepEqual(by('planPartLabel'), ['7:主要目标', '12:策略措施']);
    assert.deepEqual(by('planListMarker'), ['3:二、', '5:（一）', '9:1.', '10:2.', '14:1.']);
    assert.deepEqual(by('planTarget'), ['9:5', '10:10']);
    for (const t of toks) assert.ok(t.endCol > t.col && t.endCol <= plan.lines[t.line].length);
  });

  it('each verdict becomes one modifier (ok → meets, weaker, unmatched → noUpstream, horizon → yearDiffers)', () => {
    const plan = parsePlan(PLAN);
    const rows = plan.targets.map((t, i) => ({
      line: t.line - 1,
      character: t.col,
      endCharacter: t.endCol,
      verdict: ['horizon', 'weaker'][i],
    }));
    const mods = planTokens(plan, { rows, missing: [] })
      .filter((t) => t.type === 'planTarget')
      .map((t) => t.modifiers);
    assert.deepEqual(mods, [['yearDiffers'], ['weaker']]);
    rows[0].verdict = 'ok';
    rows[1].verdict = 'unmatched';
    assert.deepEqual(
      planTokens(plan, { rows, missing: [] })
        .filter((t) => t.type === 'planTarget')
        .map((t) => t.modifiers),
      [['meets'], ['noUpstream']],
    );
  });

  it('is total: junk and empty plans give arrays', () => {
    assert.deepEqual(planTokens(parsePlan('')), []);
    assert.ok(
      Array.isArray(
        planTokens({ lines: ['x'], outline: [{ line: 9, col: 0, endCol: 4, marker: '一、' }], domains: null, targets: [] }),
      ),
    );
  });
});

describe('encodeTokens / diffTokens', () => {
  it('encodes relative to the previous token (5 integers each)', () => {
    const data = encodeTokens([
      { line: 2, col: 4, endCol: 6, type: 'planListMarker', modifiers: [] },
      { line: 2, col: 8, endCol: 9, type: 'planTarget', modifiers: ['weaker'] },
      { line: 5, col: 1, endCol: 3, type: 'planDomain', modifiers: [] },
    ]);
    const ti = (t) => TOKEN_TYPES.indexOf(t);
    assert.deepEqual(data, [2, 4, 2, ti('planListMarker'), 0, 0, 4, 1, ti('planTarget'), 2, 3, 1, 2, ti('planDomain'), 0]);
  });

  it('the edits applied to the previous data give the next (seeded random pairs)', () => {
    let seed = 7;
    const rnd = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let k = 0; k < 300; k++) {
      const a = Array.from({ length: rnd(40) }, () => rnd(4));
      const b = [...a];
      for (let m = rnd(4); m >= 0; m--) b.splice(rnd(b.length + 1), rnd(3), ...Array.from({ length: rnd(6) }, () => rnd(4)));
      const edits = diffTokens(a, b);
      assert.deepEqual(applyTokenEdits(a, edits), b, JSON.stringify({ a, b, edits }));
      if (JSON.stringify(a) === JSON.stringify(b)) assert.deepEqual(edits, []);
    }
  });
});

describe('looksLikePlan', () => {
  it('a plan under any name: the title, or a domain heading early on', () => {
    assert.equal(looksLikePlan(PLAN), true);
    assert.equal(looksLikePlan('\ufeff  前言\n\n一、总体要求\n\n二、主要内容\n（一）儿童与健康\n'), true);
  });
  it('not a plan: notes, code, empty, a mention in prose', () => {
    assert.equal(looksLikePlan('# Meeting notes\n\n1. First item\n3. Third item\n'), false);
    assert.equal(looksLikePlan(''), false);
    assert.equal(looksLikePlan('function f() { return 1; }\n'), false);
    assert.equal(looksLikePlan('会议纪要\n\n会上讨论了儿童发展规划的起草进度，关于儿童与健康部分意见如下。\n'), false);
    // a numbered item naming a 规划 is not a title
    assert.equal(looksLikePlan('会议记录\n\n1. 讨论规划起草进度\n3. 下次会议安排\n'), false);
    assert.equal(looksLikePlan('一、规划背景\n\n（一）现状\n'), false);
  });
  it('reads only the beginning of a long text', () => {
    const filler = Array.from({ length: 1000 }, (_, i) => `第${i}行记录。`).join('\n');
    assert.equal(looksLikePlan(`${filler}\n（一）儿童与健康\n`), false);
    assert.equal(looksLikePlan(`（一）儿童与健康\n${filler}`), true);
  });
});
