// The plan engine on small synthetic fixtures, one behaviour each.
const assert = require('node:assert/strict');
const { parsePlan } = require('../../dist/core.js');

/** A minimal plan around one domain's 主要目标 lines. */
function plan(
  goals,
  { measures = ['1. 加强组织领导。'], domain = '（一）儿童与健康', head = '某区儿童发展规划（2021—2030年）' } = {},
) {
  return [
    head,
    '',
    '二、发展领域、主要目标和策略措施',
    '',
    domain,
    '',
    '主要目标：',
    '',
    ...goals,
    '',
    '策略措施：',
    '',
    ...measures,
    '',
  ].join('\n');
}
const GOALS_AT = 9; // line of the first goal in plan()

function one(goal, opts) {
  const p = parsePlan(plan([goal], opts));
  return p.targets;
}

describe('outline markers', () => {
  const text = [
    '一、总体要求',
    '（一）指导思想',
    '(二) 基本原则',
    '1. 坚持党的领导。',
    '2、坚持儿童优先。',
    '3．坚持全面发展。',
    '（1）第一项',
    '(2) 第二项',
    '①小项',
    '## 二、发展领域',
    '### (一) 儿童与健康',
    '8. 5岁以下儿童贫血率控制在10%以下。',
    '1.12名医生不是编号',
  ].join('\n');
  const p = parsePlan(text);
  const by = (line) => p.outline.find((n) => n.line === line);
  it('reads each family with its level, number and style', () => {
    assert.deepEqual([by(1).family, by(1).level, by(1).number, by(1).style], ['cn', 1, 1, '、']);
    assert.deepEqual([by(2).family, by(2).level, by(2).number, by(2).style], ['paren-cn', 2, 1, 'full']);
    assert.deepEqual([by(3).family, by(3).number, by(3).style], ['paren-cn', 2, 'half']);
    assert.deepEqual([by(4).family, by(4).level, by(4).style], ['arabic', 3, '.']);
    assert.equal(by(5).style, '、');
    assert.equal(by(6).style, '．');
    assert.deepEqual([by(7).family, by(7).level, by(7).style], ['paren-arabic', 4, 'full']);
    assert.equal(by(8).style, 'half');
    assert.deepEqual([by(9).family, by(9).level, by(9).number], ['circled', 5, 1]);
  });
  it('reads markdown heading depth beside the marker', () => {
    assert.deepEqual([by(10).mdDepth, by(10).level, by(10).marker], [2, 1, '二、']);
    assert.deepEqual([by(11).mdDepth, by(11).level, by(11).text], [3, 2, '儿童与健康']);
  });
  it('takes "8. 5岁…" as item 8, and "1.12名" as no marker', () => {
    assert.equal(by(12).number, 8);
    assert.equal(by(13), undefined);
  });
  it('marks short titles as headings and prose items as not', () => {
    assert.equal(by(2).heading, true);
    assert.equal(parsePlan('1. 覆盖城乡的儿童健康服务体系更加完善，儿童医疗保健服务能力明显增强。').outline[0].heading, false);
  });
});

describe('noise: 目录, tables, split titles', () => {
  it('excludes a 目录 with page numbers from the outline and from domains', () => {
    const text = [
      '目录',
      '一、 总体要求\t1',
      '二、 发展领域\t2',
      '(一) 儿童与健康\t2',
      '(二) 儿童与安全\t9',
      '',
      '一、总体要求',
      '二、发展领域',
      '（一）儿童与健康',
      '主要目标：',
      '1. 婴儿死亡率降至5.0‰以下。',
    ].join('\n');
    const p = parsePlan(text);
    assert.equal(p.noise[0].kind, 'toc');
    assert.deepEqual([p.noise[0].start, p.noise[0].end], [1, 5]);
    assert.deepEqual(
      p.domains.map((d) => [d.domain, d.line]),
      [['健康', 9]],
    );
    assert.ok(p.outline.every((n) => n.line > 5));
  });
  it('a domain named in a sentence or a table is not a section', () => {
    const text = [
      '某区儿童发展规划',
      '儿童在健康、安全等领域的权利进一步实现，儿童与安全领域尤其重要。',
      '| 领域 | 指标 |',
      '| 儿童与安全 | 伤害 |',
      '（一）儿童与健康',
      '主要目标：',
    ].join('\n');
    const p = parsePlan(text);
    assert.deepEqual(
      p.domains.map((d) => d.domain),
      ['健康'],
    );
  });
  it('reads the title split over lines and the period', () => {
    const p = parsePlan(['# 某市儿童发展规划', '', '## (2021—2030 年)', '', '### (一) 儿童与健康'].join('\n'));
    assert.equal(p.title, '某市儿童发展规划（2021—2030年）');
    assert.deepEqual(p.period, { start: 2021, end: 2030 });
  });
  it('collects upstream references from the basis sentence', () => {
    const p = parsePlan(
      [
        '某区儿童发展规划（2021—2030年）',
        '为贯彻落实《中国儿童发展纲要（2021—2030年）》《某省儿童发展规划（2021—2030年）》和《中华人民共和国未成年人保护法》，制定本规划。',
        '（一）儿童与健康',
      ].join('\n'),
    );
    assert.deepEqual(p.upstreamRefs, ['中国儿童发展纲要（2021—2030年）', '某省儿童发展规划（2021—2030年）']);
  });
});

describe('domains', () => {
  it('finds all 7 with aliases and their 主要目标 / 策略措施 parts', () => {
    const names = ['儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与发展环境', '儿童与法律保护'];
    const cn = '一二三四五六七';
    const lines = ['某县儿童发展规划（2021—2025年）'];
    names.forEach((n, i) => lines.push(`（${cn[i]}）${n}。`, '主要目标：', '1. 目标。', '策略措施：', '1. 措施。'));
    lines.push('三、组织实施');
    const p = parsePlan(lines.join('\n'));
    assert.deepEqual(
      p.domains.map((d) => d.domain),
      ['健康', '安全', '教育', '福利', '家庭', '环境', '法律保护'],
    );
    assert.equal(p.domains[5].label, '儿童与发展环境');
    const h = p.domains[0];
    assert.deepEqual([h.line, h.goals.start, h.measures.start, h.endLine], [2, 3, 5, 6]);
    assert.equal(p.domains[6].endLine, 36);
    assert.ok(p.isPlan);
  });
  it('a text that is not a plan has no domains and isPlan false', () => {
    const p = parsePlan('会议纪要\n今天讨论了预算。');
    assert.equal(p.isPlan, false);
    assert.equal(p.domains.length, 0);
  });
});

describe('targets', () => {
  it('max with 降至…以下, its value column and unit', () => {
    const [t] = one('1. 婴儿死亡率降至5.0‰以下。');
    assert.deepEqual(
      [t.line, t.indicator, t.kind, t.value, t.unit, t.year, t.valueText],
      [GOALS_AT, '婴儿死亡率', 'max', 5, '‰', null, '5.0'],
    );
    assert.equal('1. 婴儿死亡率降至5.0‰以下。'.slice(t.col, t.endCol), '5.0');
  });
  it('min with 达到…以上; 不低于 is min, 控制在…以内 is max', () => {
    assert.deepEqual(
      one('2. 学前教育毛入园率达到90%以上。').map((t) => [t.indicator, t.kind, t.value]),
      [['学前教育毛入园率', 'min', 90]],
    );
    assert.deepEqual(
      one('普惠性幼儿园在园幼儿占比不低于 85%。').map((t) => [t.kind, t.value]),
      [['min', 85]],
    );
    assert.deepEqual(
      one('12岁儿童龋患率控制在25%以内。').map((t) => [t.indicator, t.kind, t.value]),
      [['12岁儿童龋患率', 'max', 25]],
    );
  });
  it('a distributive list gives one target per indicator', () => {
    const ts = one('3. 新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和6.6‰以下。');
    assert.deepEqual(
      ts.map((t) => [t.indicator, t.value, t.kind]),
      [
        ['新生儿死亡率', 3, 'max'],
        ['婴儿死亡率', 5, 'max'],
        ['5岁以下儿童死亡率', 6.6, 'max'],
      ],
    );
  });
  it('a shared head noun and a shared population are completed', () => {
    const ts = one('5岁以下儿童贫血率和生长迟缓率分别控制在10%和5%以下。');
    assert.deepEqual(
      ts.map((t) => t.indicator),
      ['5岁以下儿童贫血率', '5岁以下儿童生长迟缓率'],
    );
  });
  it('one value shared by several indicators (均) gives one each, same column', () => {
    const ts = one('3岁以下儿童系统管理率和7岁以下儿童健康管理率均保持在90%以上。');
    assert.deepEqual(
      ts.map((t) => [t.indicator, t.value, t.kind]),
      [
        ['3岁以下儿童系统管理率', 90, 'min'],
        ['7岁以下儿童健康管理率', 90, 'min'],
      ],
    );
    assert.equal(ts[0].col, ts[1].col);
  });
  it('milestone years: 到2025年… 到2030年…', () => {
    const ts = one('农村自来水普及率到2025年达到88%，到2030年达到90%。');
    assert.deepEqual(
      ts.map((t) => [t.indicator, t.value, t.year]),
      [
        ['农村自来水普及率', 88, 2025],
        ['农村自来水普及率', 90, 2030],
      ],
    );
    const d = one('新生儿、婴儿死亡率到2025年分别控制在3.0‰和4.5‰以下，到2030年分别控制在2.3‰和3.4‰以下。');
    assert.deepEqual(
      d.map((t) => [t.indicator, t.value, t.year]),
      [
        ['新生儿死亡率', 3, 2025],
        ['婴儿死亡率', 4.5, 2025],
        ['新生儿死亡率', 2.3, 2030],
        ['婴儿死亡率', 3.4, 2030],
      ],
    );
  });
  it('a relative target: 以2020年为基数下降20%', () => {
    const [t] = one('1. 儿童伤害死亡率以 2020 年数据为基数下降 20%。');
    assert.deepEqual(
      [t.indicator, t.kind, t.value, t.measure, t.baselineYear],
      ['儿童伤害死亡率', 'min', 20, 'relative_reduction', 2020],
    );
  });
  it('an annual reduction with a range: 每年下降0.5—1个百分点', () => {
    const [t] = one('儿童总体近视率力争每年下降0.5—1个百分点。');
    assert.deepEqual(
      [t.indicator, t.kind, t.value, t.valueMax, t.unit, t.measure],
      ['儿童总体近视率', 'min', 0.5, 1, '百分点', 'annual_reduction'],
    );
  });
  it('approx: 左右', () => {
    const [t] = one('高中阶段教育毛入学率保持在95%左右。');
    assert.deepEqual([t.kind, t.value, t.approx], ['min', 95, true]);
  });
  it('value-first forms: 95%的城市社区和85%的农村社区…', () => {
    const ts = one('95%的城市社区和85%的农村社区（村）建立家长学校或家庭教育指导服务站点。');
    assert.deepEqual(
      ts.map((t) => [t.indicator, t.value, t.kind]),
      [
        ['城市社区建立家长学校或家庭教育指导服务站点比例', 95, 'min'],
        ['农村社区（村）建立家长学校或家庭教育指导服务站点比例', 85, 'min'],
      ],
    );
  });
  it('a sentence split across lines is one target, on the line of its value', () => {
    const p = parsePlan(plan(['6. 适龄儿童免疫规划疫苗接种率以镇(街道)为单位保持在', '', '90% 以上，城乡差距逐步缩小。']));
    assert.deepEqual(
      p.targets.map((t) => [t.line, t.indicator, t.value, t.col]),
      [[GOALS_AT + 2, '适龄儿童免疫规划疫苗接种率', 90, 0]],
    );
  });
  it('ages, months, years and item numbers are not values', () => {
    const ts = one(
      '8. 5 岁以下儿童乙型肝炎病毒表面抗原流行率控制在 0.5% 以下，0—6岁儿童眼保健和视力检查覆盖率达到90%以上，6个月内婴儿纯母乳喂养率达到50%以上。',
    );
    assert.deepEqual(
      ts.map((t) => t.value),
      [0.5, 90, 50],
    );
    assert.deepEqual(
      ts.map((t) => t.indicator),
      ['5岁以下儿童乙型肝炎病毒表面抗原流行率', '0—6岁儿童眼保健和视力检查覆盖率', '6个月内婴儿纯母乳喂养率'],
    );
  });
  it('counts: 每千人口托位数达到4个以上; 至少建设1个…、2个…', () => {
    assert.deepEqual(
      one('每千人口3岁以下婴幼儿托位数达到4个以上。').map((t) => [t.indicator, t.value, t.unit, t.kind]),
      [['每千人口3岁以下婴幼儿托位数', 4, '个', 'min']],
    );
    assert.deepEqual(
      one('至少建设1个儿童友好示范镇、2个儿童友好基地。').map((t) => [t.indicator, t.value, t.unit]),
      [
        ['儿童友好示范镇数', 1, '个'],
        ['儿童友好基地数', 2, '个'],
      ],
    );
  });
  it('figures in 策略措施 are not targets', () => {
    const p = parsePlan(
      plan(['1. 婴儿死亡率降至5.0‰以下。'], {
        measures: ['1. 每千名儿童拥有儿科执业（助理）医生达到1.12名。', '2. 新生儿访视率保持在90%以上。'],
      }),
    );
    assert.deepEqual(
      p.targets.map((t) => t.value),
      [5],
    );
  });
  it('targets carry their domain', () => {
    const ts = one('学前教育毛入园率达到90%以上。', { domain: '（三）儿童与教育' });
    assert.equal(ts[0].domain, '教育');
  });
  it('a target table: one target per value column, with the column year and direction', () => {
    const text = plan([
      '1. 婴儿死亡率降至5.0‰以下。',
      '',
      '| 指标 | 2025年 | 2030年 |',
      '| --- | --- | --- |',
      '| 婴儿死亡率（‰） | ≤5.5‰ | ≤5.0‰ |',
      '| 学前教育毛入园率 | 88% | 90%以上 |',
    ]);
    const p = parsePlan(text);
    const table = p.targets.filter((t) => t.from === 'table');
    assert.deepEqual(
      table.map((t) => [t.indicator, t.kind, t.value, t.year]),
      [
        ['婴儿死亡率', 'max', 5.5, 2025],
        ['婴儿死亡率', 'max', 5, 2030],
        ['学前教育毛入园率', 'min', 88, 2025],
        ['学前教育毛入园率', 'min', 90, 2030],
      ],
    );
    // the same target in the body and in the table: both reported
    assert.ok(p.targets.some((t) => t.from === 'goals' && t.value === 5));
  });
});

describe('phrasings beyond the corpus', () => {
  const cases = [
    ['孕产妇死亡率下降到10/10万以下。', [['孕产妇死亡率', 'max', 10, '/10万']]],
    ['婴儿死亡率控制在5‰以内。', [['婴儿死亡率', 'max', 5, '‰']]],
    ['九年义务教育巩固率保持97%以上。', [['九年义务教育巩固率', 'min', 97, '%']]],
    ['学前教育毛入园率达到95%及以上。', [['学前教育毛入园率', 'min', 95, '%']]],
    [
      '全区5岁以下儿童生长迟缓率低于5%，低出生体重发生率不超过4%。',
      [
        ['5岁以下儿童生长迟缓率', 'max', 5, '%'],
        ['低出生体重发生率', 'max', 4, '%'],
      ],
    ],
    [
      '新生儿、婴儿、5岁以下儿童死亡率分别控制在2.5‰、4‰、5‰以下。',
      [
        ['新生儿死亡率', 'max', 2.5, '‰'],
        ['婴儿死亡率', 'max', 4, '‰'],
        ['5岁以下儿童死亡率', 'max', 5, '‰'],
      ],
    ],
    [
      '5岁以下儿童贫血患病率控制在10%以下，生长迟缓率控制在5%以下。',
      [
        ['5岁以下儿童贫血患病率', 'max', 10, '%'],
        ['5岁以下儿童生长迟缓率', 'max', 5, '%'],
      ],
    ],
    [
      '中小学生体质健康标准达标率≥92%，优良率达到60%以上。',
      [
        ['中小学生体质健康标准达标率', 'min', 92, '%'],
        ['中小学生体质健康标准优良率', 'min', 60, '%'],
      ],
    ],
    ['儿童福利机构床位数不少于200张。', [['儿童福利机构床位数', 'min', 200, '张']]],
    ['未成年人犯罪人数占同期犯罪人数的比重控制在5%以内。', [['未成年人犯罪人数占同期犯罪人数的比重', 'max', 5, '%']]],
  ];
  for (const [goal, want] of cases) {
    it(goal, () =>
      assert.deepEqual(
        one(goal).map((t) => [t.indicator, t.kind, t.value, t.unit]),
        want,
      ),
    );
  }
  it('a later sentence of the same item keeps the subject: 到2025年…；到2030年，降至…', () => {
    const ts = one('到2025年，婴儿死亡率降至4‰以下；到2030年，降至3.5‰以下。');
    assert.deepEqual(
      ts.map((t) => [t.indicator, t.value, t.year]),
      [
        ['婴儿死亡率', 4, 2025],
        ['婴儿死亡率', 3.5, 2030],
      ],
    );
  });
  it('a target table after the domains: units from the indicator cell, domains from the body', () => {
    const text =
      plan(['1. 婴儿死亡率降至5.0‰以下。']) +
      ['三、组织实施', '', '| 指标 | 2025年 | 2030年 |', '| --- | --- | --- |', '| 婴儿死亡率（‰） | ≤5.5 | ≤5.0 |'].join('\n');
    const table = parsePlan(text).targets.filter((t) => t.from === 'table');
    assert.deepEqual(
      table.map((t) => [t.domain, t.indicator, t.kind, t.value, t.unit, t.year]),
      [
        ['健康', '婴儿死亡率', 'max', 5.5, '‰', 2025],
        ['健康', '婴儿死亡率', 'max', 5, '‰', 2030],
      ],
    );
  });
  it('domains at level 1 with （一）主要目标 / （二）策略措施 sub-headings', () => {
    const p = parsePlan(
      [
        '某县儿童发展规划（2021—2030年）',
        '一、儿童与健康',
        '（一）主要目标',
        '1. 婴儿死亡率控制在5‰以内。',
        '（二）策略措施',
        '1. 每千名儿童拥有床位3.17张以上。',
        '二、儿童与安全',
      ].join('\n'),
    );
    const [h, a] = p.domains;
    assert.deepEqual([h.domain, h.line, h.goals.start, h.measures.start, h.endLine], ['健康', 2, 3, 5, 6]);
    assert.deepEqual([a.domain, a.line], ['安全', 7]);
    assert.deepEqual(
      p.targets.map((t) => t.value),
      [5],
    );
  });
});

describe('robustness', () => {
  it('empty text, whitespace, CRLF and lone CR', () => {
    assert.equal(parsePlan('').targets.length, 0);
    assert.equal(parsePlan('\n\n \u3000').domains.length, 0);
    const crlf = plan(['1. 婴儿死亡率降至5.0‰以下。']).replace(/\n/g, '\r\n');
    assert.equal(parsePlan(crlf).targets[0].line, GOALS_AT);
    assert.equal(parsePlan(crlf.replace(/\r\n/g, '\r')).targets[0].line, GOALS_AT);
  });
  it('a BOM does not hide the title', () => {
    assert.equal(parsePlan('\ufeff某区儿童发展规划（2021—2030年）\n（一）儿童与健康').title, '某区儿童发展规划（2021—2030年）');
  });
  it('never throws on random text, and every range lies inside its line', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '一、',
      '（二）',
      '(三)',
      '1.',
      '2、',
      '①',
      '#',
      '儿童与健康',
      '主要目标：',
      '策略措施：',
      '降至',
      '达到',
      '以上',
      '以下',
      '5.0',
      '‰',
      '%',
      '、',
      '和',
      '分别',
      '，',
      '。',
      '\n',
      '\r\n',
      '\t',
      ' ',
      '年',
      '2025',
      '目录',
      '|',
      '的',
      '（',
      '）',
      '\ud83d',
    ];
    for (let n = 0; n < 300; n++) {
      let s = '';
      const len = Math.floor(rnd() * 200);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const p = parsePlan(s);
      for (const t of p.targets) {
        const line = p.lines[t.line - 1];
        assert.ok(line !== undefined && t.col >= 0 && t.endCol <= line.length && t.col < t.endCol, JSON.stringify({ s, t }));
      }
      for (const o of p.outline) assert.ok(o.endCol <= p.lines[o.line - 1].length);
    }
  });
  it('a 10 MB plan parses (no time assertion: see npm run bench)', function () {
    this.timeout(60000);
    const base = require('node:fs').readFileSync(
      require('node:path').join(__dirname, '..', 'fixtures', 'corpus', 'qujiang-district-2021-2030.txt'),
      'utf8',
    );
    const big = base.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(base)));
    const p = parsePlan(big);
    assert.equal(p.domains.length, 7);
    assert.ok(p.lines.length > 50000);
  });
});
