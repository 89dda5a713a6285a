// snippets/plan.code-snippets: well-formed bodies, prefixes a Chinese user can type, and bodies that the
// parser and the structural rules accept (the skeleton gives 7 domains and no numbering finding).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const core = require('../../dist/core.js');

const snippets = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'snippets', 'plan.code-snippets'), 'utf8'));

/**
 * Expands a snippet body the way VS Code inserts it when the user accepts every default:
 * ${n:default} → default, ${n|a,b|} → a (or `choose[n]`), $n/${n} → the value of tabstop n, $0 → "".
 */
function expand(body, choose = {}) {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const values = {};
  text = text.replace(/\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/g, (_, n, list) => {
    const options = list.split(',');
    const v = choose[n] !== undefined ? choose[n] : options[0];
    assert.ok(choose[n] === undefined || options.includes(choose[n]), `${choose[n]} is a choice of $${n}`);
    values[n] = v;
    return v;
  });
  text = text.replace(/\$\{(\d+):([^{}$]*)\}/g, (_, n, d) => {
    const v = choose[n] !== undefined ? choose[n] : d;
    values[n] = v;
    return v;
  });
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => {
    const n = a || b;
    return n === '0' ? '' : (values[n] ?? '');
  });
  return text;
}

function choices(body, n) {
  const m = new RegExp(`\\$\\{${n}\\|([^|]*)\\|\\}`).exec(Array.isArray(body) ? body.join('\n') : body);
  assert.ok(m, `tabstop ${n} is a choice`);
  return m[1].split(',');
}

const STRUCTURAL = /^(numbering-|missing-domain$)/;
const structural = (text) =>
  core.checkPlan(core.parsePlan(text), [], { structuralOnly: true, locale: 'zh-cn' }).filter((f) => STRUCTURAL.test(f.rule));

describe('snippets: the file', () => {
  it('has the skeleton, a domain section and a target line, for plan, markdown and plaintext', () => {
    for (const key of ['plan-skeleton', 'plan-domain', 'plan-target']) {
      const s = snippets[key];
      assert.ok(s, key);
      assert.deepEqual(
        s.scope
          .split(',')
          .map((x) => x.trim())
          .sort(),
        ['markdown', 'plaintext', 'plan'],
      );
      assert.match(s.description, /[\u4e00-\u9fff]/, `${key}: Chinese description`);
    }
  });

  it('each has pinyin-initial, Chinese and English prefixes', () => {
    const want = {
      'plan-skeleton': ['ghgj', '规划', 'plan-skeleton'],
      'plan-domain': ['lyjg', '领域', 'plan-domain'],
      'plan-target': ['mbh', '目标', 'plan-target'],
    };
    for (const [key, prefixes] of Object.entries(want)) {
      for (const p of prefixes) assert.ok(snippets[key].prefix.includes(p), `${key} has prefix ${p}`);
    }
    // No prefix is shared between two snippets (a typed prefix names one snippet).
    const all = Object.values(snippets).flatMap((s) => s.prefix);
    assert.equal(new Set(all).size, all.length);
  });

  it('bodies are valid snippet syntax: every $ is a tabstop, placeholder or choice', () => {
    for (const [key, s] of Object.entries(snippets)) {
      const text = expand(s.body);
      assert.doesNotMatch(text, /\$/, `${key}: a stray $ after expansion`);
      const raw = s.body.join('\n');
      assert.match(raw, /\$0/, `${key}: ends with $0`);
      // Tabstops are numbered from 1 without holes, in the order they appear.
      const seen = [];
      for (const m of raw.matchAll(/\$\{?(\d+)/g)) if (m[1] !== '0' && !seen.includes(Number(m[1]))) seen.push(Number(m[1]));
      assert.deepEqual(
        seen,
        seen.map((_, i) => i + 1),
        `${key}: tabstops in order`,
      );
    }
  });
});

describe('snippets: what the parser and the rules make of them', () => {
  const skeleton = expand(snippets['plan-skeleton'].body);

  it('the skeleton parses as a plan: title, period, upstream references, 7 domains with both parts', () => {
    const plan = core.parsePlan(skeleton);
    assert.equal(plan.isPlan, true);
    assert.equal(plan.title, '某某区儿童发展规划（2021—2030年）');
    assert.deepEqual(plan.period, { start: 2021, end: 2030 });
    assert.ok(plan.upstreamRefs.includes('中国儿童发展纲要（2021—2030年）'));
    assert.deepEqual(
      plan.domains.map((d) => d.domain),
      core.DOMAIN_IDS,
    );
    for (const d of plan.domains) {
      assert.ok(d.goals && d.measures, `${d.domain}: 主要目标 and 策略措施`);
      assert.ok(d.goals.start < d.measures.start && d.measures.end <= d.endLine, `${d.domain}: parts in order`);
    }
    const top = plan.outline.filter((n) => n.level === 1).map((n) => n.marker);
    assert.deepEqual(top, ['一、', '二、', '三、', '四、']);
  });

  it('the skeleton with its other period choice and a filled-in region parses the same way', () => {
    const plan = core.parsePlan(expand(snippets['plan-skeleton'].body, { 1: '金林区', 2: '2021—2025' }));
    assert.equal(plan.title, '金林区儿童发展规划（2021—2025年）');
    assert.deepEqual(plan.period, { start: 2021, end: 2025 });
    assert.equal(plan.domains.length, 7);
  });

  it('the skeleton gives no numbering and no missing-domain finding', () => {
    assert.deepEqual(
      structural(skeleton).map((f) => `${f.rule}@${f.line}`),
      [],
    );
  });

  it('…and the same check finds a removed domain (the assertion above can fail)', () => {
    const lines = skeleton.split('\n');
    const start = lines.indexOf('（七）儿童与法律保护');
    const end = lines.indexOf('三、组织实施');
    const without = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
    const missing = structural(without).filter((f) => f.rule === 'missing-domain');
    assert.deepEqual(
      missing.map((f) => f.domain),
      ['法律保护'],
    );
  });

  it('…and a broken number (（一）→（四）) (the numbering assertion above can fail)', function () {
    // While the numbering rules are registered placeholders (their meta is their id), there is nothing to test.
    const placeholders = ['numbering-gap', 'numbering-duplicate', 'numbering-style', 'numbering-level'].filter(
      (id) => core.getRule(id)?.title?.zh === id,
    );
    if (placeholders.length === 4) {
      console.log('      (skipped: the numbering rules are still placeholders)');
      this.skip();
    }
    const skipped = skeleton.replace('（二）儿童与安全', '（四）儿童与安全');
    assert.ok(
      structural(skipped).some((f) => f.rule.startsWith('numbering-')),
      'a numbering finding for （一）→（四）',
    );
  });

  it('the domain snippet offers the 7 domains and the ordinals; the 7 expansions make a complete plan', () => {
    const body = snippets['plan-domain'].body;
    const ordinals = choices(body, 1);
    const labels = choices(body, 2);
    assert.deepEqual(ordinals, ['一', '二', '三', '四', '五', '六', '七']);
    assert.deepEqual(
      labels,
      core.DOMAIN_IDS.map((id) => `儿童与${id}`),
    );
    const text = [
      '某某区儿童发展规划（2021—2030年）',
      '',
      '一、发展领域、主要目标和策略措施',
      '',
      ...labels.map((l, i) => expand(body, { 1: ordinals[i], 2: l })),
      '二、组织实施',
      '',
    ].join('\n');
    const plan = core.parsePlan(text);
    assert.deepEqual(
      plan.domains.map((d) => d.domain),
      core.DOMAIN_IDS,
    );
    assert.deepEqual(
      structural(text).map((f) => `${f.rule}@${f.line}`),
      [],
    );
  });

  it('the target line offers the directions and units, and each expansion is read as a target of the right kind', () => {
    const body = snippets['plan-target'].body;
    const directions = choices(body, 2);
    for (const d of ['降至', '控制在', '达到', '保持在']) assert.ok(directions.includes(d), d);
    const units = choices(body, 4);
    for (const u of ['%', '‰', '个', '名']) assert.ok(units.includes(u), u);
    const kinds = { 降至: 'max', 控制在: 'max', 达到: 'min', 保持在: 'min', 提高到: 'min' };
    for (const d of directions) {
      const bound = kinds[d] === 'max' ? '以下' : '以上';
      const line = expand(body, { 1: '婴儿死亡率', 2: d, 3: '5.5', 4: '‰', 5: bound });
      const text = [
        '某某区儿童发展规划（2021—2030年）',
        '',
        '（一）儿童与健康',
        '',
        '主要目标：',
        '',
        `1. ${line}`,
        '',
        '策略措施：',
        '',
        '1. 措施。',
      ].join('\n');
      const targets = core.parsePlan(text).targets;
      assert.equal(targets.length, 1, `${line}: one target`);
      const t = targets[0];
      assert.deepEqual([t.domain, t.indicator, t.kind, t.value, t.unit], ['健康', '婴儿死亡率', kinds[d], 5.5, '‰'], line);
    }
  });
});
