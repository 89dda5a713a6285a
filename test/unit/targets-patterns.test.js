// Target sentences, generated: a table of indicator / value / unit / direction tuples rendered through many
// sentence templates and item markers, each with the extraction it must give (or must not give).
// The tuples and templates are the phrasings published plans use; none is copied from the corpus.
const assert = require('node:assert/strict');
const fold = (x) => x.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const { parsePlan, checkPlan, alignmentScore, getBuiltinBaseline, MATCH_THRESHOLD } = require('../../dist/core.js');

const HEAD = '某县儿童发展规划（2021—2030年）';
function plan(goals) {
  return [
    HEAD,
    '',
    '二、发展领域、主要目标和策略措施',
    '',
    '（一）儿童与健康',
    '',
    '主要目标：',
    '',
    ...goals,
    '',
    '策略措施：',
    '',
    '1. 加强组织领导。',
    '',
  ].join('\n');
}

/** The item markers a target line may carry; each renders the line as item 2 between two sibling items. */
const MARKERS = [
  { name: 'none', render: (s) => [s] },
  { name: '1. (space)', render: (s) => ['1. 加强儿童健康服务。', `2. ${s}`, '3. 提升儿童健康水平。'] },
  { name: '1.', render: (s) => ['1.加强儿童健康服务。', `2.${s}`, '3.提升儿童健康水平。'] },
  { name: '1．', render: (s) => ['1．加强儿童健康服务。', `2．${s}`, '3．提升儿童健康水平。'] },
  { name: '1、', render: (s) => ['1、加强儿童健康服务。', `2、${s}`, '3、提升儿童健康水平。'] },
  { name: '（1）', render: (s) => ['（1）加强儿童健康服务。', `（2）${s}`, '（3）提升儿童健康水平。'] },
  { name: '(1)', render: (s) => ['(1) 加强儿童健康服务。', `(2) ${s}`, '(3) 提升儿童健康水平。'] },
  { name: '①', render: (s) => ['①加强儿童健康服务。', `②${s}`, '③提升儿童健康水平。'] },
  { name: '——', render: (s) => ['——加强儿童健康服务。', `——${s}`] },
  { name: 'indented', render: (s) => [`\u3000\u3000${s}`] },
  { name: '1)', render: (s) => ['1) 加强儿童健康服务。', `2) ${s}`, '3) 提升儿童健康水平。'] },
  { name: '1）', render: (s) => ['1）加强儿童健康服务。', `2）${s}`, '3）提升儿童健康水平。'] },
  { name: 'markdown - 1.', render: (s) => ['- 1. 加强儿童健康服务。', `- 2. ${s}`, '- 3. 提升儿童健康水平。'] },
  { name: 'markdown * (1)', render: (s) => ['* (1) 加强儿童健康服务。', `* (2) ${s}`] },
  { name: 'Word bullet ◆', render: (s) => ['◆ 加强儿童健康服务。', `◆ ${s}`] },
  { name: '一是', render: (s) => [`一是加强儿童健康服务；二是${s}`] },
];

/** What a target must look like: the fields compared. */
const pick = (t) => ({
  indicator: t.indicator,
  kind: t.kind,
  value: t.value,
  unit: t.unit,
  year: t.year,
  ...(t.measure ? { measure: t.measure } : {}),
  ...(t.valueMax !== undefined ? { valueMax: t.valueMax } : {}),
});
const want = (indicator, kind, value, unit, extra = {}) => ({ indicator, kind, value, unit, year: null, ...extra });

/** Runs one sentence under every item marker; a failure names the marker. */
function underEveryMarker(sentence, expected, markers = MARKERS) {
  for (const m of markers) assert.deepEqual(extract(m.render(sentence)), expected, `marker ${m.name}: ${sentence}`);
}

function extract(goals) {
  const text = plan(goals);
  const p = parsePlan(text);
  for (const t of p.targets) {
    const line = p.lines[t.line - 1];
    assert.equal(fold(line.slice(t.col, t.endCol)), t.valueText, `range of ${t.valueText} on "${line}"`);
  }
  return p.targets.map(pick);
}

// ---- rates and ratios: indicator, unit, kind, values (integers and decimals) -------------------------------
const RATES = [
  { ind: '婴儿死亡率', unit: '‰', kind: 'max', values: ['4.5', '5'] },
  { ind: '新生儿死亡率', unit: '‰', kind: 'max', values: ['2.5', '3.0'] },
  { ind: '5岁以下儿童死亡率', unit: '‰', kind: 'max', values: ['6.6'] },
  { ind: '孕产妇死亡率', unit: '/10万', kind: 'max', values: ['12'] },
  { ind: '小学生近视率', unit: '%', kind: 'max', values: ['38'] },
  { ind: '5岁以下儿童生长迟缓率', unit: '%', kind: 'max', values: ['4.5'] },
  { ind: '学前教育毛入园率', unit: '%', kind: 'min', values: ['92.5', '95'] },
  { ind: '适龄儿童免疫规划疫苗接种率', unit: '%', kind: 'min', values: ['95', '98.5'] },
  { ind: '九年义务教育巩固率', unit: '%', kind: 'min', values: ['97'] },
  { ind: '新生儿遗传代谢性疾病筛查率', unit: '%', kind: 'min', values: ['98'] },
  { ind: '残疾儿童义务教育入学率', unit: '%', kind: 'min', values: ['95'] },
];

// Templates by direction: (indicator, value, unit) → [sentence, extra expected fields]
const MIN_TEMPLATES = [
  ['达到…以上', (i, v, u) => `${i}达到${v}${u}以上。`],
  ['达到并保持在…以上', (i, v, u) => `${i}达到并保持在${v}${u}以上。`],
  ['保持在…以上', (i, v, u) => `${i}保持在${v}${u}以上。`],
  ['不低于', (i, v, u) => `${i}不低于${v}${u}。`],
  ['稳定在…以上', (i, v, u) => `${i}稳定在${v}${u}以上。`],
  ['提高到', (i, v, u) => `${i}提高到${v}${u}。`],
  ['≥', (i, v, u) => `${i}≥${v}${u}。`],
  ['…以上 (no verb)', (i, v, u) => `全县${i}${v}${u}以上。`],
  ['到2025年…达到', (i, v, u) => `到2025年，${i}达到${v}${u}以上。`, { year: 2025 }],
  ['qualifier before: 以街道（乡镇）为单位的', (i, v, u) => `以街道（乡镇）为单位的${i}保持在${v}${u}以上。`],
  ['qualifier between: 以乡镇为单位', (i, v, u) => `${i}以乡镇为单位达到${v}${u}以上。`],
  ['qualifier between: 以县为单位保持在', (i, v, u) => `${i}以县为单位保持在${v}${u}以上。`],
  ['力争', (i, v, u) => `${i}力争达到${v}${u}。`],
  ['full-width digits', (i, v, u) => `${i}达到${v.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}${u}以上。`],
  ['bare: the rate right before its value', (i, v, u) => `${i}${v}${u}。`],
  ['year in a note after the value', (i, v, u) => `${i}达到${v}${u}以上（2025年）。`, { year: 2025 }],
];
const MAX_TEMPLATES = [
  ['降至…以下', (i, v, u) => `${i}降至${v}${u}以下。`],
  ['控制在…以内', (i, v, u) => `${i}控制在${v}${u}以内。`],
  ['下降到…以下', (i, v, u) => `${i}下降到${v}${u}以下。`],
  ['不高于', (i, v, u) => `${i}不高于${v}${u}。`],
  ['低于', (i, v, u) => `${i}低于${v}${u}。`],
  ['≤', (i, v, u) => `${i}≤${v}${u}。`],
  ['…以下 (no verb)', (i, v, u) => `全县${i}${v}${u}以下。`],
  ['到2030年，…控制在…以下', (i, v, u) => `到2030年，${i}控制在${v}${u}以下。`, { year: 2030 }],
  ['分别 (one)', (i, v, u) => `${i}逐步下降，控制在${v}${u}以下。`],
  ['year in a note after the value', (i, v, u) => `${i}降至${v}${u}以下（到2030年）。`, { year: 2030 }],
  ['bare: the rate right before its value', (i, v, u) => `${i}${v}${u}。`],
];

describe('target sentences, generated (fires)', () => {
  let n = 0;
  for (const r of RATES) {
    const templates = r.kind === 'min' ? MIN_TEMPLATES : MAX_TEMPLATES;
    for (const [tname, tpl, extra] of templates) {
      for (const v of r.values) {
        const sentence = tpl(r.ind, v, r.unit);
        const expected = [want(r.ind, r.kind, Number(v), r.unit, extra ?? {})];
        n += MARKERS.length;
        it(`${tname} | ${sentence}`, () => underEveryMarker(sentence, expected));
      }
    }
  }
  it('covers many variants', () => assert.ok(n > 500, String(n)));
});

// ---- value before the indicator ------------------------------------------------------------------------
const VALUE_FIRST = [
  // [noun, predicate]
  ['城市社区', '建立家长学校或家庭教育指导服务站点'],
  ['中小学校', '配备专兼职心理健康工作者'],
  ['乡镇（街道）', '建有未成年人保护工作站'],
  ['普通高中', '开设生涯规划教育课程'],
];
const VALUE_FIRST_TEMPLATES = [
  ['N%的…', (n, p, v) => `${v}%的${n}${p}。`, 'min'],
  ['N%以上的…', (n, p, v) => `${v}%以上的${n}${p}。`, 'min'],
  ['…N%… (no 的)', (n, p, v) => `${n}${v}%${p}。`, 'min'],
  ['全县…N%…', (n, p, v) => `全县${n}${v}%${p}。`, 'min'],
];

describe('value before its indicator, generated (fires)', () => {
  for (const [noun, pred] of VALUE_FIRST) {
    for (const [tname, tpl, kind] of VALUE_FIRST_TEMPLATES) {
      for (const v of ['95', '100', '80']) {
        const sentence = tpl(noun, pred, v);
        it(`${tname} | ${sentence}`, () => underEveryMarker(sentence, [want(`${noun}${pred}比例`, kind, Number(v), '%')]));
      }
    }
  }
  it('two value-first figures in one sentence: 95%的城市社区和85%的农村社区…', () => {
    for (const m of MARKERS) {
      const got = extract(m.render('95%的城市社区和85%的农村社区（村）建立家长学校或家庭教育指导服务站点。'));
      assert.deepEqual(
        got.map((t) => [t.indicator, t.value]),
        [
          ['城市社区建立家长学校或家庭教育指导服务站点比例', 95],
          ['农村社区（村）建立家长学校或家庭教育指导服务站点比例', 85],
        ],
        m.name,
      );
    }
  });
});

// ---- lists: several indicators sharing a head noun, values given 分别 ---------------------------------------------
describe('lists with 分别, generated (fires)', () => {
  const GROUPS = [
    { parts: ['新生儿', '婴儿', '5岁以下儿童'], head: '死亡率', unit: '‰', kind: 'max', values: ['3', '4.5', '6'] },
    { parts: ['小学生', '初中生', '高中阶段学生'], head: '近视率', unit: '%', kind: 'max', values: ['38', '60', '70'] },
    { parts: ['小学生', '初中生', '高中生'], head: '近视率', unit: '%', kind: 'max', values: ['35', '55', '65'] },
    {
      parts: ['城市', '农村'],
      head: '社区儿童之家覆盖率',
      unit: '%',
      kind: 'min',
      values: ['95', '90'],
      names: ['城市社区儿童之家覆盖率', '农村社区儿童之家覆盖率'],
    },
  ];
  const VERBS = { max: ['降至', '控制在', '下降到'], min: ['达到', '保持在'] };
  const joinAll = (xs, last) => xs.slice(0, -1).join('、') + last + xs[xs.length - 1];
  for (const g of GROUPS) {
    const names = g.names ?? g.parts.map((x) => x + g.head);
    for (const verb of VERBS[g.kind]) {
      for (const sep of ['和', '、']) {
        for (const unitEach of [true, false]) {
          const vals = joinAll(
            g.values.map((v, k) => (unitEach || k === g.values.length - 1 ? v + g.unit : v)),
            sep,
          );
          const s = `${joinAll(g.parts, sep)}${g.head}分别${verb}${vals}${g.kind === 'max' ? '以下' : '以上'}。`;
          it(s, () =>
            underEveryMarker(
              s,
              names.map((n, k) => want(n, g.kind, Number(g.values[k]), g.unit)),
            ),
          );
        }
      }
    }
  }
});

// ---- reductions ---------------------------------------------------------------------------------------
describe('reductions, generated (fires)', () => {
  const INDS = ['儿童伤害死亡率', '儿童溺水死亡率', '儿童总体近视率', '5岁以下儿童贫血率'];
  const REL = [
    (i, v) => `${i}以2020年数据为基数下降${v}%。`,
    (i, v) => `${i}以2020年为基数下降${v}%。`,
    (i, v) => `以2020年数据为基数，${i}下降${v}%。`,
    (i, v) => `${i}比2020年降低${v}%。`,
    (i, v) => `${i}在2020年基础上下降${v}%。`,
    (i, v) => `${i}较2020年下降${v}%以上。`,
    (i, v) => `${i}与2020年相比降低${v}%。`,
    (i, v) => `${i}下降${v}%（以2020年为基数）。`,
    (i, v) => `${i}力争下降${v}%以上（以2020年数据为基数）。`,
  ];
  const ANNUAL = [
    [(i, v) => `${i}在上一年度基础上每年降低${v}个百分点以上。`, {}],
    [(i, v) => `${i}每年下降${v}个百分点。`, {}],
    [(i, v) => `${i}力争每年降低${v}个百分点以上。`, {}],
    [(i, v) => `${i}每年降低${v}到1个百分点。`, { valueMax: 1 }],
    [(i, v) => `${i}每年下降${v}—1个百分点。`, { valueMax: 1 }],
    [(i, v) => `${i}年均下降${v}~1个百分点。`, { valueMax: 1 }],
  ];
  for (const i of INDS) {
    for (const v of ['20', '15', '0.5']) {
      for (const tpl of REL) {
        const s = tpl(i, v);
        it(s, () => underEveryMarker(s, [want(i, 'min', Number(v), '%', { measure: 'relative_reduction' })]));
        it(`${s}: the basis year`, () => assert.equal(parsePlan(plan([s])).targets[0]?.baselineYear, 2020));
      }
    }
    for (const v of ['0.5', '1']) {
      for (const [tpl, extra] of ANNUAL) {
        const s = tpl(i, v);
        it(s, () => underEveryMarker(s, [want(i, 'min', Number(v), '百分点', { measure: 'annual_reduction', ...extra })]));
      }
    }
  }
});

// ---- counts --------------------------------------------------------------------------------------------
describe('counts, generated (fires)', () => {
  const VERBS = ['达', '达到', '增至', '不少于', '提高到'];
  for (const v1 of VERBS) {
    for (const v2 of ['增至', '达到', '不少于']) {
      for (const [a, b] of [
        ['1.12', '3.17'],
        ['1', '2.5'],
        ['0.8', '2'],
      ]) {
        const s = `每千名儿童拥有儿科执业（助理）医生${v1}${a}名、床位${v2}${b}张。`;
        it(s, () =>
          underEveryMarker(s, [
            want('每千名儿童拥有儿科执业（助理）医生数', 'min', Number(a), '名'),
            want('每千名儿童拥有床位数', 'min', Number(b), '张'),
          ]),
        );
      }
    }
  }
  const COUNTS = [
    ['每千人口3岁以下婴幼儿托位数', '个', ['4.5', '6']],
    ['儿童福利机构床位数', '张', ['200']],
    ['每万名儿童拥有儿童之家数', '个', ['3']],
  ];
  for (const [ind, unit, values] of COUNTS) {
    for (const v of values) {
      for (const tpl of [
        (x) => `${ind}达到${x}${unit}以上。`,
        (x) => `${ind}不少于${x}${unit}。`,
        (x) => `到2025年，${ind}达到${x}${unit}。`,
      ]) {
        const s = tpl(v);
        it(s, () => underEveryMarker(s, [want(ind, 'min', Number(v), unit, s.includes('2025') ? { year: 2025 } : {})]));
      }
    }
  }
});

// ---- a count before what it counts ---------------------------------------------------------------------------
describe('a count before what it counts, generated (fires)', () => {
  const OBJECTS = [
    ['个', '儿童友好社区'],
    ['所', '普惠性托育机构'],
    ['家', '示范性托育机构'],
    ['处', '儿童公园'],
  ];
  for (const [unit, obj] of OBJECTS) {
    for (const v of ['1', '2', '10']) {
      for (const [tpl, kind] of [
        [(x) => `建设${x}${unit}以上${obj}。`, 'min'],
        [(x) => `至少建成${x}${unit}${obj}。`, 'min'],
        [(x) => `新建${x}${unit}${obj}。`, 'min'],
      ]) {
        const s = tpl(v);
        it(s, () => underEveryMarker(s, [want(`${obj}数`, kind, Number(v), unit)]));
      }
    }
  }
  for (const v of ['2', '4']) {
    const s = `每年开展${v}次以上儿童安全专项行动。`;
    it(s, () => underEveryMarker(s, [want('每年开展儿童安全专项行动次数', 'min', Number(v), '次')]));
    const t = `每个乡镇（街道）至少建成${v}所普惠性托育机构。`;
    it(t, () => underEveryMarker(t, [want('每个乡镇（街道）建成普惠性托育机构数', 'min', Number(v), '所')]));
  }
  it('a count followed by 以上 and a continuation is not value-first: 托位数达到4.5个以上并逐步提高', () => {
    assert.deepEqual(
      extract(['每千人口托位数达到4.5个以上并逐步提高。']).map((t) => [t.indicator, t.value]),
      [['每千人口托位数', 4.5]],
    );
  });
});

// ---- a list marker never fuses with the value after it; a real decimal stays one -----------------------------
describe('item number and value (fires / must not fuse)', () => {
  it('"2.95%的城市社区…" between items 1. and 3. is item 2 then 95 %', () => {
    for (const [a, b, c] of [
      ['1.', '2.', '3.'],
      ['1．', '2．', '3．'],
    ]) {
      const got = extract([
        `${a}增强家庭科学育儿能力。`,
        `${b}95%的城市社区和85%的农村社区建立家长学校。`,
        `${c}提升家庭教育水平。`,
      ]);
      assert.deepEqual(
        got.map((t) => t.value),
        [95, 85],
        b,
      );
    }
  });
  it('the first item fused: "1.95%…" before "2." is item 1', () => {
    assert.deepEqual(
      extract(['1.95%的城市社区建立家长学校。', '2.提升家庭教育水平。']).map((t) => t.value),
      [95],
    );
  });
  it('a fused item among items written with a space', () => {
    assert.deepEqual(
      extract(['7. 增强儿童体质。', '8.5岁以下儿童贫血率控制在10%以下。', '9. 提升儿童心理健康水平。']).map((t) => [
        t.indicator,
        t.value,
      ]),
      [['5岁以下儿童贫血率', 10]],
    );
  });
  it('"8.5岁以下儿童…" is item 8 even without siblings (ages are never decimal)', () => {
    assert.deepEqual(
      extract(['8.5岁以下儿童贫血率控制在10%以下。']).map((t) => [t.indicator, t.value]),
      [['5岁以下儿童贫血率', 10]],
    );
  });
  it("the column of the value after a fused marker is the value's", () => {
    const p = parsePlan(plan(['1.增强家庭科学育儿能力。', '2.95%的城市社区建立家长学校。', '3.提升家庭教育水平。']));
    const t = p.targets[0];
    assert.equal(p.lines[t.line - 1].slice(t.col, t.endCol), '95');
    assert.equal(t.col, 2);
  });
  for (const [pre, dec, unit, kind] of [
    ['新生儿死亡率降至', '2.5', '‰', 'max'],
    ['学前教育毛入园率达到', '92.5', '%', 'min'],
    ['适龄儿童免疫规划疫苗接种率保持在', '3.5', '%', 'min'],
    ['婴儿死亡率控制在', '3.4', '‰', 'max'],
  ]) {
    it(`a decimal wrapped onto its own line stays a decimal: "…${pre}" / "${dec}${unit}…"`, () => {
      // the wrapped line starts with "N.D" right where item N would be due: the unfinished sentence decides
      const n = dec.split('.')[0];
      const prevNo = Number(n) - 1;
      const lines = [
        ...(prevNo >= 1 ? [`${prevNo}. 加强儿童健康服务。`] : []),
        `${n}. ${pre}`,
        `${dec}${unit}${kind === 'max' ? '以下' : '以上'}。`,
        `${Number(n) + 1}. 提升儿童健康水平。`,
      ];
      assert.deepEqual(
        extract(lines).map((t) => [t.value, t.kind]),
        [[Number(dec), kind]],
      );
    });
  }
  it('a decimal inside the sentence is never split: 降至2.5‰, 达到92.5%', () => {
    assert.deepEqual(
      extract(['1. 新生儿死亡率降至2.5‰。', '2. 学前教育毛入园率达到92.5%。']).map((t) => t.value),
      [2.5, 92.5],
    );
  });
  it('without sibling items, "2.95%…" is read as written (no evidence of a list)', () => {
    assert.deepEqual(
      extract(['2.95%的城市社区建立家长学校。']).map((t) => t.value),
      [2.95],
    );
  });
  it('the fused item is an outline item: no numbering finding, and the value is not weaker than the national 95 %', () => {
    const text = plan([
      '1.增强家庭科学育儿能力。',
      '2.95%的城市社区和85%的农村社区建立家长学校或家庭教育指导服务站点。',
      '3.提升家庭教育水平。',
    ]);
    const p = parsePlan(text);
    const node = p.outline.find((o) => o.line === 10);
    assert.deepEqual(node && [node.family, node.number, node.marker], ['arabic', 2, '2.']);
    const findings = checkPlan(p, [getBuiltinBaseline('national-2021-2030')], { locale: 'zh-cn' });
    // (the fixture's 二、 without a 一、 is a gap of its own, on line 1)
    assert.deepEqual(
      findings.filter((f) => /^numbering-|weaker-target/.test(f.rule) && f.line >= 9).map((f) => `${f.rule}@${f.line}`),
      [],
    );
  });
  it('a wrapped decimal is no outline item', () => {
    const p = parsePlan(plan(['1. 加强儿童健康服务。', '2. 新生儿死亡率降至', '3.5‰以下。', '3. 提升儿童健康水平。']));
    assert.equal(
      p.outline.some((o) => o.line === 11),
      false,
    );
  });
  it("items run together on one line: each sentence's marker is stripped, a fused one only as the next number", () => {
    const got = extract([
      '主要目标：1.新生儿死亡率降至3‰以下。2.婴儿死亡率降至5‰以下。3.95%的城市社区建立家长学校。（4）学前教育毛入园率达到90%。',
    ]);
    assert.deepEqual(
      got.map((t) => [t.indicator, t.value]),
      [
        ['新生儿死亡率', 3],
        ['婴儿死亡率', 5],
        ['城市社区建立家长学校比例', 95],
        ['学前教育毛入园率', 90],
      ],
    );
    assert.deepEqual(
      extract(['1.新生儿死亡率降至3‰以下。2.5岁以下儿童死亡率降至6‰以下。']).map((t) => [t.indicator, t.value]),
      [
        ['新生儿死亡率', 3],
        ['5岁以下儿童死亡率', 6],
      ],
    );
    // not the next number: read as written
    assert.deepEqual(
      extract(['1.新生儿死亡率降至3‰以下。5.5%的城市社区建立家长学校。']).map((t) => t.value),
      [3, 5.5],
    );
  });
  it('an ordinal is no value: 第3次', () => {
    assert.deepEqual(
      extract(['开展第3次儿童健康状况调查，覆盖率达到90%。']).map((t) => t.value),
      [90],
    );
  });
  it('（1） / ① markers before a value are not digits of it', () => {
    assert.deepEqual(
      extract(['（2）95%的城市社区建立家长学校。']).map((t) => t.value),
      [95],
    );
    assert.deepEqual(
      extract(['②95%的城市社区建立家长学校。']).map((t) => t.value),
      [95],
    );
  });
});

// ---- numbers that are not values ---------------------------------------------------------------------------
describe('numbers that are not target values (must not fire)', () => {
  const NOT = [
    '开通12355青少年服务台，提供24小时服务。',
    '推进5G网络进校园。',
    '落实《中国儿童发展纲要（2021—2030年）》，构建“1+N”服务体系。',
    '建立健全0至18岁儿童健康档案。',
    '3岁以下婴幼儿照护服务更加普及。',
    '开展第3次全国儿童状况调查。',
    '儿童超重、肥胖上升趋势得到有效控制。',
    '到2030年，儿童健康服务体系更加完善。',
    '0—6岁儿童家长普遍接受科学育儿指导。',
  ];
  for (const s of NOT) it(s, () => underEveryMarker(s, []));
});

// ---- achieved figures are never targets ------------------------------------------------------------------
describe('achieved figures (must not fire)', () => {
  const PAST = [
    (i, v, u) => `截至2020年底，${i}下降到${v}${u}。`,
    (i, v, u) => `截至2020年末，全县${i}为${v}${u}。`,
    (i, v, u) => `2020年，全县${i}为${v}${u}，比2015年下降1.2个百分点。`,
    (i, v, u) => `${i}已达到${v}${u}。`,
    (i, v, u) => `${i}已降至${v}${u}。`,
    (i, v, u) => `${i}由2015年的8%下降到2020年的${v}${u}，下降了2个百分点。`,
  ];
  for (const r of RATES.slice(0, 6)) {
    for (const tpl of PAST) {
      const s = tpl(r.ind, r.values[0], r.unit);
      it(s, () => underEveryMarker(s, []));
    }
  }
  it('an achieved figure then a goal in the same item: only the goal', () => {
    assert.deepEqual(
      extract(['截至2020年底，婴儿死亡率下降到5.4‰，到2030年控制在4‰以下。']).map((t) => [t.indicator, t.value, t.year]),
      [['婴儿死亡率', 4, 2030]],
    );
    assert.deepEqual(
      extract(['2020年，婴儿死亡率为5.4‰。到2030年，婴儿死亡率降至4‰以下。']).map((t) => [t.value, t.year]),
      [[4, 2030]],
    );
  });
  it('without a period in the title: 截至2020年底 is achieved, 至2025年 is a milestone', () => {
    const t = [
      '（一）儿童与健康',
      '主要目标：',
      '1. 至2025年，学前教育毛入园率达到90%。',
      '2. 截至2020年底，婴儿死亡率下降到5.4‰。',
      '策略措施：',
      '1. 加强组织领导。',
    ].join('\n');
    const p = parsePlan(t);
    assert.equal(p.period, null);
    assert.deepEqual(
      p.targets.map((x) => [x.indicator, x.value, x.year]),
      [['学前教育毛入园率', 90, 2025]],
    );
  });
  it('a reduction relative to the year before the period is a goal (比2020年下降20%)', () => {
    assert.deepEqual(
      extract(['儿童伤害死亡率比2020年下降20%。']).map((t) => t.value),
      [20],
    );
  });
  it('a 现状 paragraph before 主要目标 in a section without labels is not read as targets', () => {
    const text = [
      HEAD,
      '',
      '（一）儿童与健康',
      '',
      '截至2020年底，全县婴儿死亡率下降到5.4‰，5岁以下儿童死亡率下降到7.5‰。',
      '',
      '1. 婴儿死亡率控制在4‰以下。',
      '',
      '策略措施：',
      '',
      '1. 加强组织领导。',
    ].join('\n');
    assert.deepEqual(
      parsePlan(text).targets.map((t) => t.value),
      [4],
    );
  });
});

// ---- alignment: a part is not the whole ---------------------------------------------------------------------
describe('alignment: a more specific indicator is not the general one', () => {
  const national = getBuiltinBaseline('national-2021-2030');
  const target = (indicator, unit, extra = {}) => ({
    indicator,
    kind: 'min',
    value: 1,
    valueText: '1',
    unit,
    year: null,
    domain: null,
    line: 1,
    col: 0,
    endCol: 1,
    ...extra,
  });
  const bestOf = (d) => {
    let best = null;
    for (const u of national.targets) {
      const s = alignmentScore(d, u);
      if (s >= MATCH_THRESHOLD && (!best || s > best.s)) best = { u, s };
    }
    return best?.u.indicator ?? null;
  };
  const REL = { measure: 'relative_reduction' };
  for (const [name, unit, extra] of [
    ['儿童道路交通伤害死亡率', '%', REL],
    ['儿童溺水死亡率', '%', REL],
    ['儿童跌落伤害死亡率', '%', REL],
    ['儿童死亡率', '%', REL],
    ['5岁以下儿童缺铁性贫血率', '%', {}],
    ['5岁以下儿童中重度贫血率', '%', {}],
    ['5岁以下儿童重度生长迟缓率', '%', {}],
  ]) {
    it(`${name} does not pair (must not)`, () => assert.equal(bestOf(target(name, unit, extra)), null));
  }
  for (const [name, unit, extra, upstream] of [
    ['儿童伤害死亡率', '%', REL, '儿童伤害死亡率'],
    ['儿童意外伤害死亡率', '%', REL, '儿童伤害死亡率'],
    ['适龄儿童国家免疫规划疫苗接种率', '%', {}, '适龄儿童免疫规划疫苗接种率'],
    ['以乡镇为单位适龄儿童免疫规划疫苗接种率', '%', {}, '适龄儿童免疫规划疫苗接种率'],
    ['免疫规划疫苗接种率', '%', {}, '适龄儿童免疫规划疫苗接种率'],
    ['高中阶段毛入学率', '%', {}, '高中阶段教育毛入学率'],
    ['学前三年教育毛入园率', '%', {}, '学前教育毛入园率'],
    ['初中学生近视率', '%', {}, '初中生近视率'],
    ['12岁以下儿童龋患率', '%', {}, '12岁儿童龋患率'],
    ['每千名儿童拥有儿科床位数', '张', {}, '每千名儿童拥有床位数'],
    ['每千名儿童儿科执业（助理）医生数', '名', {}, '每千名儿童拥有儿科执业（助理）医生数'],
    ['5岁以下儿童贫血患病率', '%', {}, '5岁以下儿童贫血率'],
    ['中小学生体质健康标准达标优良率', '%', {}, '中小学生国家学生体质健康标准达标优良率'],
  ]) {
    it(`${name} still pairs with ${upstream} (fires)`, () => assert.equal(bestOf(target(name, unit, extra)), upstream));
  }
});

describe('rules on a part-of indicator', () => {
  const text = (ind) =>
    [
      '某区儿童发展规划（2021—2030年）',
      '',
      '（一）儿童与安全',
      '',
      '主要目标：',
      '',
      `1. ${ind}以2020年为基数下降10%。`,
      '',
      '策略措施：',
      '',
      '1. 加强组织领导。',
    ].join('\n');
  const rules = (ind) =>
    checkPlan(parsePlan(text(ind)), [getBuiltinBaseline('national-2021-2030')], { locale: 'zh-cn' })
      .filter((f) => /weaker-target|missing-target/.test(f.rule) && f.domain !== '健康')
      .map((f) => `${f.rule}:${f.indicator ?? f.upstream?.indicator ?? ''}`);
  for (const ind of ['儿童道路交通伤害死亡率', '儿童溺水死亡率']) {
    it(`${ind} 下降10%: no weaker-target against 儿童伤害死亡率 (must not); the general target is still missing (fires)`, () => {
      const got = rules(ind);
      assert.equal(
        got.some((r) => r.startsWith('weaker-target')),
        false,
        got.join(' '),
      );
      assert.ok(
        got.some((r) => r.startsWith('missing-target') && r.includes('儿童伤害死亡率')),
        got.join(' '),
      );
    });
  }
  it('儿童伤害死亡率 下降10%: weaker-target (fires)', () => {
    assert.ok(rules('儿童伤害死亡率').some((r) => r === 'weaker-target:儿童伤害死亡率'));
  });
});

// ---- the corpus plans under item-marker changes: the same targets -------------------------------------------------
describe('corpus targets are invariant under item-marker changes (metamorphic, goals parts only)', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const DIR = path.join(__dirname, '..', 'fixtures', 'corpus');
  const key = (t) => [t.domain, t.indicator, t.kind, t.value, t.unit, t.year, t.measure ?? ''].join('|');
  const RE_AR = /^([ \t\u3000]*)(\d{1,3})[ \t\u3000]?[.．、][ \t\u3000]*/;
  const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
  const LINE_TRANSFORMS = {
    'N. → N. without a space (8.5岁以下…)': (l) => l.replace(RE_AR, (m, ind, n) => `${ind}${n}.`),
    'N. → （N）': (l) => l.replace(RE_AR, (m, ind, n) => `${ind}（${n}）`),
    'N. → ①': (l) => l.replace(RE_AR, (m, ind, n) => `${ind}${CIRCLED[n - 1] ?? `${n}.`}`),
    'N. → ——': (l) => l.replace(RE_AR, (m, ind) => `${ind}——`),
  };
  const goalsOf = (p) => {
    const s = new Set();
    for (const d of p.domains) if (d.goals) for (let l = d.goals.start; l <= d.goals.end; l++) s.add(l);
    return s;
  };
  const targetsOf = (text) =>
    parsePlan(text)
      .targets.filter((t) => t.from === 'goals')
      .map(key)
      .sort();
  const firstDiff = (a, b) => {
    const miss = a.filter((k) => !b.includes(k));
    const extra = b.filter((k) => !a.includes(k));
    return miss.length || extra.length ? `lost ${miss[0] ?? '—'}; new ${extra[0] ?? '—'}` : '';
  };
  for (const f of fs.readdirSync(DIR).filter((x) => x.endsWith('.txt'))) {
    const text = fs.readFileSync(path.join(DIR, f), 'utf8');
    const p = parsePlan(text);
    const goals = goalsOf(p);
    const base = targetsOf(text);
    for (const [name, tf] of Object.entries(LINE_TRANSFORMS)) {
      it(`${f} × ${name}`, () => {
        assert.equal(
          firstDiff(base, targetsOf(p.lines.map((l, i) => (goals.has(i + 1) ? tf(l) : l)).join('\n'))),
          '',
          `${f} × ${name}`,
        );
      });
    }
    it(`${f} × every domain's goal items run together on one line`, () => {
      const out = [];
      for (let i = 0; i < p.lines.length;) {
        if (goals.has(i + 1) && p.lines[i].trim() && !/主要目标/.test(p.lines[i])) {
          const parts = [];
          let j = i;
          for (; j < p.lines.length && goals.has(j + 1) && !/策略措施/.test(p.lines[j]); j++)
            if (p.lines[j].trim()) parts.push(p.lines[j].trim());
          out.push(parts.join(''));
          i = j;
        } else out.push(p.lines[i++]);
      }
      assert.equal(firstDiff(base, targetsOf(out.join('\n'))), '', `${f} × one line`);
    });
  }
});
