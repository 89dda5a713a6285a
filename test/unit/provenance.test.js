// The provenance module: one wording for where an upstream figure comes from, one definition of the
// confidence labels. A reconstructed built-in figure is never called official; an official one names
// its file, position and quoted sentence.
'use strict';
const assert = require('node:assert/strict');
const core = require('../../dist/core.js');

const national = core.getBuiltinBaseline('national');

describe('provenance', () => {
  it('calls every built-in national figure reconstructed (or unsourced), never official', () => {
    for (const t of national.targets) {
      const p = core.provenanceOf(t);
      assert.notEqual(p.kind, 'official', t.indicator);
      for (const locale of ['zh-cn', 'en']) {
        const s = core.describeProvenance(t, locale);
        if (p.kind === 'reconstructed') {
          assert.match(
            s,
            locale === 'en'
              ? /reconstructed from .+not yet checked against the official text/
              : /内置数值，依据.+重建，尚未与官方原文核对/,
          );
          assert.ok(p.sources.length >= 1);
        } else {
          assert.match(s, locale === 'en' ? /no source/ : /没有任何来源/);
        }
      }
    }
    // the one figure with no source at all (高中阶段毛入学率, evidence unverified:…)
    assert.ok(national.targets.some((t) => core.provenanceOf(t).kind === 'unsourced'));
  });

  it('names the sources of a reconstructed figure: web sites by host, local plans by title and line', () => {
    const p = core.provenanceOf({
      confidence: 'high',
      evidence: ['http://m.example.cn/a/1.html', 'local-plan:某市儿童发展规划（2021—2030年）:L63', 'unverified:none'],
    });
    assert.deepEqual(p.sources, ['example.cn', '《某市儿童发展规划（2021—2030年）》L63']);
    assert.equal(p.kind, 'reconstructed');
  });

  it('describes an official figure by file, position and quoted sentence', () => {
    const fig = {
      confidence: 'high',
      evidence: ['/x/省规划.txt:L12'],
      official: { file: '/x/省规划.txt', line: 12, column: 3, quote: '婴儿死亡率降至4‰以下。' },
    };
    assert.equal(core.provenanceOf(fig).kind, 'official');
    assert.equal(core.describeProvenance(fig, 'zh-cn'), '上级规划原文（省规划.txt，第 12 行）：「婴儿死亡率降至4‰以下。」');
    assert.equal(core.describeProvenance(fig, 'en'), 'official text of 省规划.txt, line 12: 「婴儿死亡率降至4‰以下。」');
    const para = { ...fig, official: { ...fig.official, paragraph: 9 } };
    assert.match(core.describeProvenance(para, 'zh-cn'), /第 9 段/);
  });

  it('defines the confidence labels once, and the legend points to the docs section', () => {
    assert.deepEqual(
      ['high', 'medium', 'low'].map((c) => core.confidenceLabel(c, 'zh-cn')),
      ['高', '中', '低'],
    );
    const legend = core.confidenceLegend('zh-cn');
    for (const c of ['high', 'medium', 'low']) assert.ok(legend.includes(core.confidenceDefinition(c, 'zh-cn')));
    assert.ok(legend.includes(core.CONFIDENCE_DOC_URL));
    assert.ok(!legend.includes('\n'));
    assert.match(core.CONFIDENCE_DOC_URL, /docs\/PROVENANCE\.md#confidence-levels$/);
  });

  it('is total: any input gives a sentence', () => {
    for (const x of [null, undefined, {}, { evidence: 'x' }, { evidence: [1, null] }, { official: { file: 1 } }]) {
      assert.equal(typeof core.describeProvenance(x, 'zh-cn'), 'string');
      assert.equal(core.provenanceOf(x).kind, 'unsourced');
    }
  });

  it('a plan file given as upstream yields official evidence whose quote is in the line at its column', () => {
    const text =
      '某省儿童发展规划（2021—2025年）\n一、儿童与健康\n（一）主要目标\n1. 婴儿死亡率控制在4.5‰以下，5岁以下儿童死亡率控制在6‰以下。\n';
    const plan = core.parsePlan(text);
    const b = core.planToBaseline(plan, '/tmp/省规划.txt', '/tmp/省规划.txt');
    assert.ok(b.targets.length >= 2);
    for (const t of b.targets) {
      const o = t.official;
      const line = Array.from(plan.lines[o.line - 1]);
      assert.equal(line.slice(o.column - 1, o.column - 1 + Array.from(o.quote).length).join(''), o.quote);
      assert.match(o.quote, new RegExp(String(t.value).replace('.', '\\.')));
    }
    assert.match(core.describeBaselineKind(b, 'zh-cn'), /用户提供的原文 省规划\.txt/);
    assert.match(core.describeBaselineKind(national, 'zh-cn'), /内置，依据二手来源重建，未与官方原文核对/);
  });
});
