// The line model (issue 16): parsePlan classifies every line once into PlanDocument.lineModel; domains, targets
// and the rules read these records. What each record says, and its invariants on any text.
const assert = require('node:assert/strict');
const { parsePlan } = require('../../dist/core.js');

const TEXT = [
  '某县儿童发展规划（2021—2030年）', // 1 prose (the title)
  '', // 2 blank
  '一、总体要求', // 3 heading
  '二、发展领域、主要目标和策略措施', // 4 heading
  '（一）儿童与健康', // 5 heading, domain 健康
  '主要目标：', // 6 label goals
  '1. 婴儿死亡率降至5‰以下，儿童健康水平不断提高。', // 7 item (a sentence body)
  '——儿童近视率逐年下降。', // 8 bullet ——
  '策略措施：1.加强组织领导。', // 9 label measures, inline item 1
  '注：以上指标为约束性指标。', // 10 aside
  '— 3 —', // 11 page furniture
  '## 工作要求：', // 12 markdown heading, colon end
].join('\n');

describe('line model: every line classified once', () => {
  const plan = parsePlan(TEXT);
  const row = (n) => plan.lineModel[n - 1];

  it('one record per line, in order, with the line kinds', () => {
    assert.equal(plan.lineModel.length, plan.lines.length);
    plan.lineModel.forEach((r, i) => {
      assert.equal(r.line, i + 1);
      assert.equal(r.text, plan.lines[i]);
    });
    assert.deepEqual(
      plan.lineModel.map((r) => r.kind),
      ['prose', 'blank', 'heading', 'heading', 'heading', 'label', 'item', 'bullet', 'label', 'prose', 'page', 'heading'],
    );
  });

  it('records what the rules ask: node, domain, part, bullet, inline item, aside, markdown depth, marker gap', () => {
    assert.equal(plan.outline[row(7).node].marker, '1.');
    assert.equal(row(7).markerGap, ' ');
    assert.equal(row(5).domain, '健康');
    assert.equal(row(6).part, 'goals');
    assert.equal(row(9).part, 'measures');
    assert.equal(row(9).inlineItem, 1);
    assert.equal(row(8).bullet, '——');
    assert.equal(row(7).bullet, '', 'a numbered line has no bullet of its own');
    assert.ok(row(10).aside);
    assert.equal(row(11).noise, 'page');
    assert.equal(row(12).mdDepth, 2);
    assert.ok(row(12).colonEnd && row(12).labelLine);
    assert.equal(row(12).textCol, 3);
    assert.equal(row(1).node, -1);
  });

  it('every range lies inside its line, on any text (seeded random plans)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const parts = [
      '一、',
      '（二）',
      '3.',
      '(4)',
      '⑤',
      '——',
      '• ',
      '# ',
      '　',
      ' ',
      '\t',
      '儿童与健康',
      '主要目标：',
      '目录',
      '12',
      '。',
      '，',
      '\n',
      '\n\n',
      '注：',
      '—',
      '|',
      '%',
    ];
    for (let k = 0; k < 200; k++) {
      let text = '';
      const n = Math.floor(rand() * 60);
      for (let i = 0; i < n; i++) text += parts[Math.floor(rand() * parts.length)];
      const p = parsePlan(text);
      assert.equal(p.lineModel.length, p.lines.length);
      for (const r of p.lineModel) {
        const len = r.text.length;
        for (const c of [r.col, r.endCol, r.textCol, r.clauseEnd]) assert.ok(c >= 0 && c <= len, JSON.stringify({ text, r }));
        assert.ok(r.col <= r.endCol);
        if (r.node >= 0) assert.equal(p.outline[r.node].line, r.line);
      }
    }
  });
});
