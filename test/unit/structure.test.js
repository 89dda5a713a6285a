// Headings by structure (issue 9): domain headings and 主要目标 / 策略措施 labels in the forms real plans write
// them, prose and 目录 / table mentions that must not be read as headings, page furniture, Word bullets before
// typed markers, PDF hard wraps, and the missing-domain near miss. Each case: fires / must not.
const assert = require('node:assert/strict');
const { parsePlan, checkPlan } = require('../../dist/core.js');

const NAMES = ['儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与环境', '儿童与法律保护'];
const CN = '一二三四五六七';

/**
 * A plan whose 7 domain headings are written by `head(name, i)`; each domain has a 主要目标 label (written by
 * `goals`), one target line, a 策略措施 label and one measure.
 */
function plan(head, { goals = () => '主要目标：', measures = () => '策略措施：', before = [], item = '1. ' } = {}) {
  const lines = [
    '某县儿童发展规划（2021—2030年）',
    '',
    '一、总体要求',
    '（一）指导思想',
    '坚持儿童优先。',
    ...before,
    '二、发展领域、主要目标和策略措施',
    '',
  ];
  NAMES.forEach((n, i) => {
    lines.push(head(n, i), goals(i), `${item}第${i + 1}项指标覆盖率达到9${i}%以上。`, measures(i), `${item}加强组织领导。`, '');
  });
  lines.push('三、组织实施', '（一）加强组织领导。');
  return lines.join('\n');
}

const domainsOf = (text) => parsePlan(text).domains.map((d) => d.domain);
const ALL = ['健康', '安全', '教育', '福利', '家庭', '环境', '法律保护'];
const structural = (text) => checkPlan(parsePlan(text), [], { structuralOnly: true });

describe('structure: domain headings by structure, not exact text', () => {
  const fires = {
    'lead departments, full width': (n, i) => `（${CN[i]}）${n}（牵头单位：市卫生健康局。责任单位：市教育局、市民政局、……。）`,
    'lead departments, half width with a space': (n, i) => `(${CN[i]}) ${n} (牵头单位: 市人民法院、市人民检察院)`,
    'nested brackets in the note': (n, i) => `（${CN[i]}）${n}（牵头单位：区委宣传部（区委网信办）、区教育局）`,
    '领域 suffix': (n, i) => `（${CN[i]}）${n}领域`,
    '领域主要目标和策略措施 suffix': (n, i) => `${CN[i]}、${n}领域主要目标和策略措施`,
    'trailing 。': (n, i) => `（${CN[i]}）${n}。`,
    'trailing ：': (n, i) => `（${CN[i]}）${n}：`,
    'no marker, the label alone': (n) => n,
    'no marker, indented with ideographic spaces': (n) => `\u3000\u3000${n}`,
    'markdown heading without a marker': (n) => `### ${n}`,
    'markdown heading with a marker': (n, i) => `### （${CN[i]}）${n}`,
    'arabic marker': (n, i) => `${i + 1}. ${n}`,
    'chapter marker 第X章': (n, i) => `第${CN[i]}章 ${n}`,
    'part marker 第X部分': (n, i) => `第${CN[i]}部分　${n}`,
    'Word bullet before the marker': (n, i) => `- （${CN[i]}）${n}`,
    'full-width brackets mixed with half': (n, i) => `(${CN[i]}）${n}`,
  };
  for (const [name, head] of Object.entries(fires)) {
    it(`fires: ${name}`, () => {
      // items one level below the heading's marker
      const text = plan(head, { item: /^\d/.test(head('', 0)) ? '（1）' : '1. ' });
      const p = parsePlan(text);
      assert.deepEqual(
        p.domains.map((d) => d.domain),
        ALL,
        name,
      );
      // the targets of every section are read, and no false missing-domain error
      assert.equal(p.targets.length, 7, `${name}: ${p.targets.map((t) => t.indicator).join(' ')}`);
      assert.equal(structural(text).filter((f) => f.rule === 'missing-domain').length, 0);
      // the heading's range covers the label
      for (const d of p.domains) assert.equal(p.lines[d.line - 1].slice(d.endCol - d.label.length, d.endCol), d.label);
    });
  }

  it('must not: prose that names a domain', () => {
    const heads = (n, i) => (i === 0 ? '儿童与健康领域的主要目标是：到2030年儿童健康水平明显提升。' : `（${CN[i]}）${n}`);
    assert.deepEqual(domainsOf(plan(heads)), ALL.slice(1));
  });
  it('must not: a marked item whose text goes on after the label', () => {
    const heads = (n, i) => (i === 0 ? '（一）儿童健康水平显著提升' : `（${CN[i]}）${n}`);
    assert.deepEqual(domainsOf(plan(heads)), ALL.slice(1));
  });
  it('must not: a 目录 entry or a table cell', () => {
    const toc = ['目录', ...NAMES.map((n, i) => `（${CN[i]}）${n}\t${i + 2}`), ''];
    const table = ['| 领域 | 指标 | 2030年 |', '| --- | --- | --- |', '| 儿童与健康 | 婴儿死亡率 | 5‰ |', ''];
    const text = [toc.join('\n'), plan((n, i) => (i === 0 ? '（一）健康' : `（${CN[i]}）${n}`), { before: table })].join('\n');
    assert.deepEqual(domainsOf(text), ALL.slice(1));
  });
  it('must not: a hard-wrapped line that happens to start with a label', () => {
    const long = '各级政府要把促进儿童身心健康发展作为重要职责，统筹推进相关工作落实，进一步完善';
    // a text wrapped at one width (most of its lines fill it)
    const before = [...Array(40).fill(long), '儿童与健康（卫生健康部门）', long];
    const p = parsePlan(plan((n, i) => (i === 0 ? '（一）健康工作' : `（${CN[i]}）${n}`), { before }));
    assert.deepEqual(
      p.domains.map((d) => d.domain),
      ALL.slice(1),
    );
    // the same line standing alone (after a finished sentence) is a heading
    before[39] = '坚持儿童优先。';
    assert.deepEqual(domainsOf(plan((n, i) => (i === 0 ? '（一）健康工作' : `（${CN[i]}）${n}`), { before })), ALL);
  });
  it('fires: a heading broken inside its note (the next line closes the bracket)', () => {
    const text = plan((n, i) => `（${CN[i]}）${n}（牵头单位：市卫生健康局。责任单位：市教育局、\n市民政局、市医保局。）`);
    assert.deepEqual(domainsOf(text), ALL);
    assert.equal(parsePlan(text).targets.length, 7);
  });
  it('must not: a label followed by an unclosed bracket that nothing closes', () => {
    const text = plan((n, i) => (i === 0 ? '（一）儿童与健康（牵头单位：市卫生健康局' : `（${CN[i]}）${n}`));
    assert.deepEqual(domainsOf(text), ALL.slice(1));
  });
  it('an unmarked label yields to a marked heading of the same domain', () => {
    const text = plan((n, i) => `（${CN[i]}）${n}`, { before: ['儿童与健康'] });
    const p = parsePlan(text);
    assert.equal(p.lines[p.domains[0].line - 1], '（一）儿童与健康');
  });
});

describe('structure: 主要目标 / 策略措施 labels', () => {
  const forms = {
    '（一）主要目标': ['（一）主要目标', '（二）策略措施', (n, i) => `${CN[i]}、${n}`],
    '1.主要目标': ['1.主要目标', '2.策略措施', (n, i) => `（${CN[i]}）${n}`, '（1）'],
    '主要目标：': ['主要目标：', '策略措施：'],
    '主要目标 (no colon)': ['主要目标', '策略措施'],
    '【主要目标】': ['【主要目标】', '【策略措施】'],
    '主要目标（牵头单位：…）': ['主要目标（牵头单位：区卫生健康局）', '策略措施（责任单位：区教育局）'],
    '#### 主要目标': ['#### 主要目标', '#### 策略措施'],
  };
  for (const [name, [g, m, head = (n, i) => `（${CN[i]}）${n}`, item = '1. ']] of Object.entries(forms)) {
    it(`fires: ${name}`, () => {
      const p = parsePlan(plan(head, { goals: () => g, measures: () => m, item }));
      assert.deepEqual(
        p.domains.map((d) => d.domain),
        ALL,
      );
      for (const d of p.domains) {
        assert.equal(d.goals.start, d.line + 1, name);
        assert.equal(d.measures.start, d.line + 3, name);
      }
      assert.equal(p.targets.length, 7);
    });
  }
  it('must not: a goal sentence that starts with 目标 is not a label', () => {
    const p = parsePlan(plan((n, i) => `（${CN[i]}）${n}`, { measures: () => '目标任务是加强组织领导，措施有力。' }));
    for (const d of p.domains) assert.equal(d.measures, null);
  });
});

describe('structure: numbering on the same structure', () => {
  const numbering = (text) => structural(text).filter((f) => f.rule.startsWith('numbering-'));

  it('page furniture is noise, never an outline item or a numbering finding', () => {
    for (const folio of ['— 12 —', '- 12 -', '第 3 页 共 41 页', '12/41', '第3页']) {
      const text = plan((n, i) => `（${CN[i]}）${n}`).split('\n');
      // a page break inside the 总体要求 list, with the title as the running header, twice
      text.splice(5, 0, folio, '某县儿童发展规划（2021—2030年）');
      text.splice(20, 0, folio.replace(/\d+/, '13'), '某县儿童发展规划（2021—2030年）');
      text.splice(40, 0, folio.replace(/\d+/, '14'), '某县儿童发展规划（2021—2030年）');
      const p = parsePlan(text.join('\n'));
      assert.ok(
        p.noise.some((r) => r.kind === 'page' && r.start === 6),
        folio,
      );
      assert.ok(
        p.outline.every((o) => !/页|—|\//.test(o.marker)),
        folio,
      );
      assert.deepEqual(numbering(text.join('\n')), [], folio);
      assert.equal(p.domains.length, 7);
    }
  });
  it('must not: a numbered line or a repeated label is not furniture', () => {
    const p = parsePlan(plan((n, i) => `（${CN[i]}）${n}`));
    assert.equal(p.noise.filter((r) => r.kind === 'page').length, 0);
  });
  it('a list continued across Word bullets and typed markers is one list', () => {
    const items = [
      '- (1) 加强领导。',
      '- (2) 完善制度。',
      '- (3) 强化保障。',
      '- (4) 加大投入。',
      '- (5) 营造氛围。',
      '(6) 加强监测。',
      '(7) 开展评估。',
    ];
    const text = plan((n, i) => `（${CN[i]}）${n}`).replace('1. 加强组织领导。', '1. 加强组织领导。\n' + items.join('\n'));
    const p = parsePlan(text);
    const list = p.outline.filter((o) => o.family === 'paren-arabic');
    assert.deepEqual(
      list.map((o) => o.number),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(p.lines[list[0].line - 1].slice(list[0].col, list[0].endCol), '(1)');
    assert.deepEqual(numbering(text), []);
  });
  it('fires: the bulleted list still reports a real gap', () => {
    const items = ['- (1) 加强领导。', '- (2) 完善制度。', '(4) 加强监测。'];
    const text = plan((n, i) => `（${CN[i]}）${n}`).replace('1. 加强组织领导。', '1. 加强组织领导。\n' + items.join('\n'));
    assert.deepEqual(
      numbering(text).map((f) => f.rule),
      ['numbering-gap'],
    );
  });
  it("an unnumbered domain heading is a level of its own (its lists are not the neighbours')", () => {
    const text = plan((n) => n);
    assert.deepEqual(numbering(text), []);
    // a domain list that lost its first number is reported inside its own domain, not as a continuation
    const broken = text.replace('儿童与安全\n主要目标：\n1. ', '儿童与安全\n主要目标：\n2. ');
    const found = numbering(broken);
    assert.equal(found.length, 1);
    assert.equal(found[0].rule, 'numbering-gap');
  });
  it('must not: an unnumbered domain heading is not an item that lost its number', () => {
    const text = plan((n, i) => (i === 2 ? n : `（${CN[i]}）${n}`));
    // （二） then a bare 儿童与教育 then （四）: the domain is there, but its number is missing
    const found = numbering(text);
    assert.equal(domainsOf(text).length, 7);
    assert.ok(
      found.every((f) => f.rule !== 'numbering-gap' || !/儿童与教育/.test(f.lineText ?? '')),
      JSON.stringify(found.map((f) => f.message)),
    );
  });
});

describe('structure: PDF hard wrap', () => {
  const { width } = require('../metamorphic/transforms.js');
  const L1 = '1. 儿童健康水平不断提高，中小学生国家学生体质健康标准达标率达到90%以上。';
  const L2 = '优良率达到50%以上，婴儿死亡率降至';
  const L3 = '5‰以下，儿童伤害死亡率以2020年数据为基数下降20%。';
  // measures written as lines that fill the same width (what makes the copy recognisably wrapped)
  const filler = '加强儿童健康服务体系建设，完善儿童医疗保健服务网络，提升服务能力和水平，促进';
  const W = width(L1);
  const fill = [...filler].reduce((acc, ch) => (width(acc + ch) <= W ? acc + ch : acc), '');
  const build = (goal, page) => {
    const lines = ['某县儿童发展规划（2021—2030年）', '二、发展领域、主要目标和策略措施'];
    NAMES.forEach((n, i) => {
      lines.push(`（${CN[i]}）${n}`, '主要目标：', ...goal, '策略措施：', `1. ${fill.slice(3)}`, fill, fill, '城乡协调发展。');
      if (page && i < 3) lines.push(`— ${i + 3} —`, '某县儿童发展规划（2021—2030年）');
    });
    return lines.join('\n');
  };
  it('joins lines that fill the wrap width into their paragraph, even after 。 and across a page break', () => {
    assert.ok(Math.abs(width(fill) - W) <= 1);
    const one = parsePlan(build([L1 + L2 + L3], false));
    const wrapped = parsePlan(build([L1, L2, '— 9 —', '某县儿童发展规划（2021—2030年）', L3], true));
    const key = (t) => [t.domain, t.indicator, t.kind, t.value, t.unit].join('|');
    assert.equal(one.targets.length, 28);
    assert.deepEqual(wrapped.targets.map(key), one.targets.map(key));
    // each value keeps its own line
    const t = wrapped.targets.find((x) => x.indicator === '婴儿死亡率');
    assert.equal(wrapped.lines[t.line - 1].slice(t.col, t.endCol), '5');
  });
  it('must not: without the wrap evidence, a line ending with 。 ends its paragraph', () => {
    // the same lines in a text whose other lines are paragraphs (no common width): L2 starts a paragraph
    const lines = build([L1, L2, L3], false)
      .split('\n')
      .map((l) => (l === fill ? fill + fill.slice(0, 7) + '。' : l));
    const p = parsePlan(lines.join('\n'));
    assert.ok(
      p.targets.some((t) => t.indicator === '优良率'),
      p.targets.map((t) => t.indicator).join(' '),
    );
  });
});

describe('structure: missing-domain near miss', () => {
  const text = plan((n, i) => (i === 0 ? '儿童与健康领域的主要目标是：' : `（${CN[i]}）${n}`));
  it('names the line that mentions the label (zh-CN and English)', () => {
    const p = parsePlan(text);
    const line = p.lines.findIndex((l) => l.startsWith('儿童与健康领域')) + 1;
    const [zh] = checkPlan(p, [], { structuralOnly: true }).filter((f) => f.rule === 'missing-domain');
    assert.match(zh.message, new RegExp(`第 ${line} 行提到“儿童与健康”，但未识别为章节标题`));
    assert.ok(zh.related.some((r) => r.line === line));
    const [en] = checkPlan(p, [], { structuralOnly: true, locale: 'en' }).filter((f) => f.rule === 'missing-domain');
    assert.match(en.message, new RegExp(`Line ${line} mentions “儿童与健康” but was not recognised as a section heading`));
  });
  it('must not: a domain that is nowhere mentioned gets no near-miss note', () => {
    const t = plan((n, i) => `（${CN[i]}）${n}`).replace(/（一）儿童与健康/, '（一）其他事项');
    const [f] = checkPlan(parsePlan(t), [], { structuralOnly: true }).filter((x) => x.rule === 'missing-domain');
    assert.ok(f);
    assert.doesNotMatch(f.message, /行提到/);
  });
});
