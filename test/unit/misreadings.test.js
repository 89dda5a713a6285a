// Known misreadings of unseen layouts (issue 16, item 6), each with a case that must fire and one that must not:
// a 目录 whose page numbers stand on their own lines or after one space; a mid-sentence （1） after a PDF hard
// wrap; a （一） item under a （一） domain heading; domain headings written with 篇 / 部分.
const assert = require('node:assert/strict');
const { parsePlan, checkPlan } = require('../../dist/core.js');
const { width } = require('../metamorphic/transforms.js');

const NAMES = ['儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与环境', '儿童与法律保护'];
const CN = '一二三四五六七';

/** A plan: head(name, i) writes each domain heading; goals(i) its 主要目标 lines; `before` goes after the title. */
function plan(head, { goals = (i) => [`1. 第${i + 1}项指标覆盖率达到9${i}%以上。`], before = [], after = [] } = {}) {
  const lines = [
    '某县儿童发展规划（2021—2030年）',
    ...before,
    '一、总体要求',
    '坚持儿童优先。',
    '二、发展领域、主要目标和策略措施',
  ];
  NAMES.forEach((n, i) => lines.push(head(n, i), '主要目标：', ...goals(i), '策略措施：', '1. 加强组织领导。'));
  lines.push(...after, '三、组织实施', '（一）加强组织领导。');
  return lines.join('\n');
}
const lineOf = (p, text, from = 0) => p.lines.findIndex((l, i) => i >= from && l === text) + 1;

describe('misreadings: a 目录 with page numbers on their own lines or after one space', () => {
  const body = (n, i) => `（${CN[i]}）${n}`;
  const ownLines = ['目录', '一、总体要求', '1', '二、发展领域、主要目标和策略措施', '2'];
  NAMES.forEach((n, i) => ownLines.push(`（${CN[i]}）${n}`, String(i + 2)));
  ownLines.push('三、组织实施', '12', '');
  const oneSpace = ['目录', '一、总体要求 1', '二、发展领域、主要目标和策略措施 2'];
  NAMES.forEach((n, i) => oneSpace.push(`（${CN[i]}）${n} ${i + 2}`));
  oneSpace.push('三、组织实施 12', '');

  for (const [name, toc] of [
    ['page numbers on their own lines', ownLines],
    ['one space before the page number', oneSpace],
  ]) {
    it(`fires: ${name}: the 目录 is noise, the domains are the body's headings`, () => {
      const p = parsePlan(plan(body, { before: toc }));
      const tocRegion = p.noise.find((r) => r.kind === 'toc');
      assert.ok(tocRegion, JSON.stringify(p.noise));
      assert.equal(tocRegion.start, 2);
      assert.ok(tocRegion.end >= toc.length - 1, `${tocRegion.end} < ${toc.length - 1}`);
      assert.equal(p.domains.length, 7);
      for (const d of p.domains) assert.ok(d.line > tocRegion.end, `${d.label} read in the 目录 (line ${d.line})`);
      // the body after the 目录 is not swallowed
      assert.ok(p.outline.some((o) => o.line === lineOf(p, '一、总体要求', tocRegion.end)));
      assert.equal(p.targets.length, 7);
    });
  }

  it('must not: without a 目录 title, lines ending in a number after one space stay body text', () => {
    const p = parsePlan(plan(body, { before: ['床位 3', '医生 5', '护士 7', '药师 9'] }));
    assert.equal(p.noise.filter((r) => r.kind === 'toc').length, 0, JSON.stringify(p.noise));
    assert.equal(p.domains.length, 7);
  });

  it('must not: a bare number line in the body (not under a 目录 title) joins no 目录', () => {
    const p = parsePlan(plan(body, { goals: (i) => [`1. 第${i + 1}项指标覆盖率达到`, '95', '%以上。'] }));
    assert.equal(p.noise.filter((r) => r.kind === 'toc').length, 0);
    assert.equal(p.domains.length, 7);
  });
});

describe('misreadings: a mid-sentence （1） after a PDF hard wrap', () => {
  const L1 = '1. 儿童健康水平不断提高，中小学生国家学生体质健康标准达标率达到90%以上。';
  const filler = '加强儿童健康服务体系建设，完善儿童医疗保健服务网络，提升服务能力和水平，按照';
  const W = width(L1);
  const fill = [...filler].reduce((acc, ch) => (width(acc + ch) <= W ? acc + ch : acc), '');
  // measures written as lines that fill one width; `end` is the last character of the line before "（1）"
  const build = (end) => {
    const lines = ['某县儿童发展规划（2021—2030年）', '二、发展领域、主要目标和策略措施'];
    NAMES.forEach((n, i) => {
      lines.push(`（${CN[i]}）${n}`, '主要目标：', L1, '策略措施：', `1. ${fill.slice(3)}`, fill, fill.slice(0, -1) + end);
      lines.push('（1）号文件的要求，城乡协调发展。', `2. ${fill.slice(3)}`, fill, '城乡协调发展。');
    });
    return lines.join('\n');
  };
  it('must not: after a line that fills the width and breaks off mid-sentence, （1） goes on with the sentence', () => {
    assert.ok(Math.abs(width(fill) - W) <= 1);
    const p = parsePlan(build('照'));
    const at = p.lines.map((l, i) => (l.startsWith('（1）号文件') ? i + 1 : 0)).filter(Boolean);
    assert.equal(at.length, 7);
    for (const l of at) assert.ok(!p.outline.some((o) => o.line === l), `line ${l} read as a list item`);
    const numbering = checkPlan(p, [], { structuralOnly: true }).filter(
      (f) => f.rule.startsWith('numbering-') && at.includes(f.line),
    );
    assert.deepEqual(
      numbering.map((f) => `${f.line} ${f.rule}`),
      [],
    );
  });
  it('fires: after a wrapped line that ends with a colon, （1） opens an item', () => {
    const p = parsePlan(build('：'));
    const at = p.lines.map((l, i) => (l.startsWith('（1）号文件') ? i + 1 : 0)).filter(Boolean);
    for (const l of at)
      assert.ok(
        p.outline.some((o) => o.line === l && o.marker === '（1）'),
        `line ${l} not an item`,
      );
  });
});

describe('misreadings: a （一） item under a （一） domain heading', () => {
  const goals = () => ['（一）5岁以下儿童贫血率控制在10%以下。', '（二）婴儿死亡率降至5‰以下，儿童健康水平不断提高。'];
  it('fires: the items belong to the section (its end, its targets)', () => {
    const p = parsePlan(plan((n, i) => `（${CN[i]}）${n}`, { goals }));
    assert.equal(p.domains.length, 7);
    const health = p.domains.find((d) => d.domain === '健康');
    const safety = p.domains.find((d) => d.domain === '安全');
    assert.equal(health.endLine, safety.line - 1);
    assert.ok(health.measures, 'the 策略措施 part is in the section');
    const own = p.targets.filter((t) => t.domain === '健康').map((t) => t.indicator);
    assert.deepEqual(own, ['5岁以下儿童贫血率', '婴儿死亡率']);
    const last = p.domains.find((d) => d.domain === '法律保护');
    assert.ok(last.endLine < lineOf(p, '三、组织实施'));
  });
  it('must not: after a part heading (第三部分) a （一） of the same level is no item of the last section', () => {
    const text = plan((n, i) => `（${CN[i]}）${n}`).replace(
      '三、组织实施\n（一）加强组织领导。',
      '第三部分 组织实施\n（一）加强组织领导。',
    );
    const p = parsePlan(text);
    const last = p.domains.find((d) => d.domain === '法律保护');
    assert.ok(last.endLine < lineOf(p, '（一）加强组织领导。'), `${last.endLine}`);
  });
  it('must not: a sibling that continues the headings (（八）…) still ends the last section', () => {
    const p = parsePlan(plan((n, i) => `（${CN[i]}）${n}`, { after: ['（八）其他事项'] }));
    const last = p.domains.find((d) => d.domain === '法律保护');
    assert.equal(last.endLine, lineOf(p, '（八）其他事项') - 1);
  });
});

describe('misreadings: domain headings with 篇 / 部分', () => {
  for (const suffix of ['篇', '部分']) {
    it(`fires: ${NAMES[0]}${suffix} is a domain heading (marked or not)`, () => {
      for (const head of [(n, i) => `（${CN[i]}）${n}${suffix}`, (n) => `${n}${suffix}`]) {
        const p = parsePlan(plan(head));
        assert.deepEqual(
          p.domains.map((d) => d.label),
          NAMES,
        );
        assert.equal(checkPlan(p, [], { structuralOnly: true }).filter((f) => f.rule === 'missing-domain').length, 0);
      }
    });
  }
  it('must not: prose that goes on after 篇 / 部分 is no heading', () => {
    const p = parsePlan(plan((n, i) => (i === 0 ? `${n}篇章丰富多彩。` : i === 1 ? `${n}部分内容已完成。` : `（${CN[i]}）${n}`)));
    assert.deepEqual(
      p.domains.map((d) => d.domain),
      ['教育', '福利', '家庭', '环境', '法律保护'],
    );
  });
});
