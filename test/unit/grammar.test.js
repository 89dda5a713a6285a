// The plan grammar (syntaxes/plan.tmLanguage.json), its markdown injection, the language configuration
// and the language contribution. VS Code tokenises with Oniguruma; we keep every regex inside the
// syntax both engines share, so JS can check them. The line expectations run twice:
//  - through `scan` below, a small model of vscode-textmate's matching (earliest match wins, ties go to
//    the first pattern, captures are re-scanned with their patterns on line.slice(0, captureEnd));
//  - through the real vscode-textmate + vscode-oniguruma (and VS Code's markdown grammar for the
//    injection) when a copy is on disk: the project does not depend on them, but the e2e level's
//    code-server (.cache/e2e/code-server) ships them. Without it those tests are skipped.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const readJson = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

const grammar = readJson('syntaxes/plan.tmLanguage.json');
const injection = readJson('syntaxes/plan-markdown-injection.tmLanguage.json');

/** Every rule object in a grammar, with a label saying where it is. */
function allRules(g) {
  const out = [];
  const visit = (rule, where) => {
    if (!rule || typeof rule !== 'object') return;
    out.push({ rule, where });
    (rule.patterns || []).forEach((r, i) => visit(r, `${where}.patterns[${i}]`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures']) {
      for (const [n, c] of Object.entries(rule[key] || {})) visit(c, `${where}.${key}[${n}]`);
    }
  };
  (g.patterns || []).forEach((r, i) => visit(r, `patterns[${i}]`));
  for (const [k, r] of Object.entries(g.repository || {})) visit(r, `repository.${k}`);
  return out;
}

function regexSources(g) {
  const out = [];
  for (const { rule, where } of allRules(g)) {
    for (const key of ['match', 'begin', 'end', 'while'])
      if (typeof rule[key] === 'string') out.push({ src: rule[key], where: `${where}.${key}` });
  }
  return out;
}

// ---- a small model of TextMate scanning ------------------------------------------------------
/** The match rules a pattern stands for, each with the grammar whose repository its own "#…" includes use. */
function resolve(g, rule) {
  if (!rule.include) return [{ rule, g }];
  const inc = rule.include;
  let target;
  let owner = g;
  if (inc.startsWith('#')) target = g.repository[inc.slice(1)];
  else if (inc.startsWith('text.plan#')) [target, owner] = [grammar.repository[inc.slice('text.plan#'.length)], grammar];
  else if (inc === 'text.plan' || inc === '$self') [target, owner] = [{ patterns: g.patterns }, inc === '$self' ? g : grammar];
  assert.ok(target, `include ${inc} resolves`);
  return target.match || target.begin ? [{ rule: target, g: owner }] : target.patterns.flatMap((r) => resolve(owner, r));
}

const compiled = new Map();
function re(src) {
  if (!compiled.has(src)) compiled.set(src, new RegExp(src, 'gud'));
  return compiled.get(src);
}

/** Tokens of `text.slice(start, end)` as [{ text, scopes }], scanning with `patterns`. */
function scan(g, patterns, text, start = 0, end = text.length, scopes = [], tokens = []) {
  const rules = patterns.flatMap((r) => resolve(g, r));
  const sub = text.slice(0, end);
  let pos = start;
  while (pos < end) {
    let best = null;
    for (const { rule, g: owner } of rules) {
      assert.ok(rule.match, 'the plan grammar uses match rules only');
      const r = re(rule.match);
      r.lastIndex = pos;
      const m = r.exec(sub);
      if (m && m[0].length > 0 && (!best || m.index < best.m.index)) best = { rule, owner, m };
    }
    if (!best) {
      tokens.push({ text: sub.slice(pos, end), start: pos, scopes });
      break;
    }
    const { rule, owner, m } = best;
    if (m.index > pos) tokens.push({ text: sub.slice(pos, m.index), start: pos, scopes });
    const outer = rule.name ? [...scopes, ...rule.name.split(' ')] : scopes;
    emitCaptures(owner, rule, m, text, outer, tokens);
    pos = m.index + m[0].length;
  }
  return tokens;
}

function emitCaptures(g, rule, m, text, scopes, tokens) {
  const [s0, e0] = m.indices[0];
  const caps = Object.entries(rule.captures || {})
    .map(([n, c]) => ({ n: Number(n), c, range: m.indices[Number(n)] }))
    .filter((x) => x.range && x.range[1] > x.range[0])
    .sort((a, b) => a.range[0] - b.range[0]);
  let pos = s0;
  for (const { c, range } of caps) {
    if (range[0] < pos) continue; // nested captures are not used in this grammar
    if (range[0] > pos) tokens.push({ text: text.slice(pos, range[0]), start: pos, scopes });
    const inner = c.name ? [...scopes, ...c.name.split(' ')] : scopes;
    if (c.patterns) scan(g, c.patterns, text, range[0], range[1], inner, tokens);
    else tokens.push({ text: text.slice(range[0], range[1]), start: range[0], scopes: inner });
    pos = range[1];
  }
  if (pos < e0) tokens.push({ text: text.slice(pos, e0), start: pos, scopes });
}

const model = {
  name: 'model',
  tokenize: (line, lang) =>
    lang === 'markdown' ? scan(injection, injection.patterns, line) : scan(grammar, grammar.patterns, line),
};
let backend = model;

/**
 * vscode-textmate + vscode-oniguruma from VS Code's own copy (never installed by the project): the
 * `lib/vscode` folder of the code-server that scripts/setup.sh installs. Throws when it is not there.
 */
async function loadRealTextmate(vs) {
  const mods = path.join(vs, 'node_modules');
  const mdGrammar = path.join(vs, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
  const missing = [path.join(mods, 'vscode-textmate'), path.join(mods, 'vscode-oniguruma'), mdGrammar].filter(
    (p) => !fs.existsSync(p),
  );
  if (missing.length) throw new Error(`PLANLINT_TEXTMATE_FROM=${vs}: missing ${missing.join(', ')} (run scripts/setup.sh)`);
  const tm = require(path.join(mods, 'vscode-textmate'));
  const onig = require(path.join(mods, 'vscode-oniguruma'));
  const wasm = fs.readFileSync(path.join(mods, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = {
    'text.plan': path.join(root, 'syntaxes', 'plan.tmLanguage.json'),
    [injection.scopeName]: path.join(root, 'syntaxes', 'plan-markdown-injection.tmLanguage.json'),
    'text.html.markdown': mdGrammar,
  };
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new onig.OnigScanner(p),
      createOnigString: (str) => new onig.OnigString(str),
    }),
    loadGrammar: async (scope) => (files[scope] ? tm.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'text.html.markdown' ? [injection.scopeName] : []),
  });
  const plan = await registry.loadGrammar('text.plan');
  const markdown = await registry.loadGrammar('text.html.markdown');
  return {
    name: 'vscode-textmate',
    tokenize(line, lang) {
      return this.tokenizeLines([line], lang)[0];
    },
    tokenizeLines(lines, lang) {
      const g = lang === 'markdown' ? markdown : plan;
      let state = tm.INITIAL;
      return lines.map((line) => {
        const r = g.tokenizeLine(line, state);
        state = r.ruleStack;
        return r.tokens.map((t) => ({
          text: line.slice(t.startIndex, t.endIndex),
          start: t.startIndex,
          scopes: t.scopes.slice(1),
        }));
      });
    },
  };
}

/** The scopes over every character of the `nth` occurrence of `sub` in `line` (must be one scope set). */
function scopesAt(tokens, line, sub, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(sub, at + 1);
  assert.ok(at >= 0, `"${sub}" occurs in "${line}"`);
  const covering = tokens.filter((t) => t.start < at + sub.length && t.start + t.text.length > at);
  const sets = new Set(covering.map((t) => t.scopes.join(' ')));
  assert.equal(sets.size, 1, `"${sub}" in "${line}" is one token kind, got ${[...sets].join(' | ')}`);
  return covering[0].scopes;
}

function expectScope(line, sub, scope, { nth = 0, lang = 'plan' } = {}) {
  const scopes = scopesAt(backend.tokenize(line, lang), line, sub, nth);
  assert.ok(scopes.includes(scope), `[${backend.name}] "${sub}" in "${line}" has ${scope}; got [${scopes.join(', ')}]`);
}
function expectNoScope(line, sub, scope, { nth = 0, lang = 'plan' } = {}) {
  const scopes = scopesAt(backend.tokenize(line, lang), line, sub, nth);
  assert.ok(
    !scopes.some((x) => x === scope || x.startsWith(scope + '.')),
    `[${backend.name}] "${sub}" in "${line}" has no ${scope}; got [${scopes.join(', ')}]`,
  );
}

describe('grammar: files and regexes', () => {
  it('the grammar, injection, language configuration and nls files are valid JSON', () => {
    for (const p of [
      'syntaxes/plan.tmLanguage.json',
      'syntaxes/plan-markdown-injection.tmLanguage.json',
      'language-configuration.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
    ]) {
      assert.doesNotThrow(() => readJson(p), p);
    }
    assert.equal(grammar.scopeName, 'text.plan');
    assert.match(injection.injectionSelector, /^L:text\.html\.markdown\b/);
    assert.match(injection.injectionSelector, / -markup\.fenced_code\b.* -markup\.inline\.raw\b/);
  });

  it('every match/begin/end regex compiles as a JS unicode regex', () => {
    const srcs = [...regexSources(grammar), ...regexSources(injection)];
    assert.ok(srcs.length >= 15, `found ${srcs.length} regexes`);
    for (const { src, where } of srcs) assert.doesNotThrow(() => new RegExp(src, 'u'), `${where}: ${src}`);
  });

  it('uses no Oniguruma-only syntax and only one-character lookbehinds', () => {
    for (const { src, where } of regexSources(grammar)) {
      assert.doesNotMatch(
        src,
        /\\[AzZGhHKRX]|\\x\{|\(\?>|\(\?[imx-]+[):]|[*+?}]\+|\\p\{/,
        `${where}: Oniguruma-only syntax in ${src}`,
      );
      assert.doesNotMatch(src, /\\d|\\w|\\s/, `${where}: \\d \\w \\s differ between the engines (Unicode classes in Oniguruma)`);
      // A lookbehind holds one character (class) and no quantifier: Oniguruma rejects variable lengths.
      for (const lb of src.matchAll(/\(\?<[=!]((?:\\.|\[(?:\\.|[^\]])*\]|[^()])*)\)/g)) {
        const body = lb[1];
        assert.doesNotMatch(body.replace(/\[(?:\\.|[^\]])*\]/g, 'X'), /[*+?{|]/, `${where}: variable lookbehind ${lb[0]}`);
      }
      // Oniguruma reads an unescaped "[" inside a class as a nested class.
      for (const cls of src.matchAll(/\[((?:\\.|[^\]\\])*)\]/g))
        assert.ok(!/(^|[^\\])\[/.test(cls[1].replace(/^\^/, '')), `${where}: "[" inside a class ${cls[0]}`);
    }
  });

  it('every include resolves (#local and text.plan#… from the injection)', () => {
    for (const g of [grammar, injection]) {
      for (const { rule, where } of allRules(g)) {
        if (!rule.include) continue;
        assert.doesNotThrow(() => resolve(g, rule), `${where}: ${rule.include}`);
      }
    }
  });

  it('scope names use standard roots that every theme colours', () => {
    const roots =
      /^(markup\.heading|entity\.name\.section|keyword\.(other|operator)|constant\.numeric|string\.quoted|punctuation\.|meta\.|markup\.list)/;
    for (const { rule, where } of allRules(grammar)) {
      if (!rule.name) continue;
      for (const s of rule.name.split(' ')) {
        assert.match(s, roots, `${where}: ${s}`);
        assert.ok(s.endsWith('.plan'), `${where}: ${s} ends with .plan`);
      }
    }
  });
});

function lineSuites(label, getBackend) {
  describe(`grammar: lines of a plan (${label})`, () => {
    before(async function () {
      backend = await getBackend();
    });

    it('一、 is a level-1 heading with its text as a section name', () => {
      expectScope('一、总体要求', '一、', 'markup.heading.1.plan');
      expectScope('一、总体要求', '总体要求', 'entity.name.section.1.plan');
      expectScope('一、总体要求', '总体要求', 'meta.outline.level-1.plan');
      expectScope('## 二、发展领域、主要目标和策略措施', '## ', 'punctuation.definition.heading.plan');
      expectScope('## 二、发展领域、主要目标和策略措施', '二、', 'markup.heading.1.plan');
      expectScope('　　四、监测评估', '四、', 'markup.heading.1.plan');
    });

    it('（二）儿童与安全。 is a level-2 heading naming a domain', () => {
      const l = '（二）儿童与安全。';
      expectScope(l, '（二）', 'markup.heading.2.plan');
      expectScope(l, '儿童与安全', 'entity.name.section.domain.plan');
      expectScope(l, '儿童与安全', 'markup.heading.2.plan');
      expectScope('(一) 儿童与健康。', '(一)', 'markup.heading.2.plan');
      expectScope('（六）儿童与发展环境', '儿童与发展环境', 'entity.name.section.domain.plan');
      expectScope('儿童与法律保护', '儿童与法律保护', 'entity.name.section.domain.plan');
      expectScope('## （一）儿童健康领域', '儿童健康领域', 'entity.name.section.domain.plan');
      // As the parser reads it: a domain heading is only the label; a heading that mentions one is not.
      expectNoScope('（三）加强儿童健康服务', '儿童健康', 'entity.name.section.domain');
      expectNoScope('(一) 儿童与健康\t2', '儿童与健康', 'entity.name.section.domain');
      // Only the lead-in sentence of a long item is the heading.
      const long = '（一）坚持党的全面领导。坚持以人民为中心的发展思想。';
      expectScope(long, '坚持党的全面领导。', 'entity.name.section.2.plan');
      expectNoScope(long, '坚持以人民为中心', 'entity.name.section');
    });

    it('levels 3–5: 1. 1、 1． （1） (1) ①, each with its own level scope', () => {
      expectScope('1、加强儿童保健', '1、', 'markup.heading.3.plan');
      expectScope('1．加强儿童保健', '1．', 'markup.heading.3.plan');
      expectScope('（1）孕产期保健', '（1）', 'markup.heading.4.plan');
      expectScope('(2) 新生儿保健', '(2)', 'markup.heading.4.plan');
      expectScope('①开展筛查', '①', 'markup.heading.5.plan');
      expectNoScope('1、加强儿童保健', '加强儿童保健', 'entity.name.section');
      // A decimal at the start of a line is a value, not item 1.
      expectNoScope('1.12名儿科医生', '1.12', 'markup.heading');
      expectScope('1.12名儿科医生', '1.12', 'constant.numeric.plan');
    });

    it('a target: direction words, values and units; 5岁以下儿童 is an age group, not a direction', () => {
      const l = '3. 新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和6.0‰以下';
      expectScope(l, '3.', 'markup.heading.3.plan');
      expectScope(l, '降至', 'keyword.operator.direction.plan');
      for (const v of ['3.0', '5.0', '6.0']) expectScope(l, v, 'constant.numeric.plan');
      expectScope(l, '‰', 'keyword.other.unit.plan', { nth: 0 });
      expectScope(l, '‰', 'keyword.other.unit.plan', { nth: 2 });
      expectScope(l, '以下', 'keyword.operator.direction.plan', { nth: 1 });
      expectNoScope(l, '以下', 'keyword.operator.direction', { nth: 0 });
      expectScope(l, '岁', 'keyword.other.unit.plan');

      const m = '适龄儿童免疫规划疫苗接种率保持在 90% 以上，床位增至 2.5 张以上';
      expectScope(m, '保持在', 'keyword.operator.direction.plan');
      expectScope(m, '90', 'constant.numeric.plan');
      expectScope(m, '%', 'keyword.other.unit.plan');
      expectScope(m, '以上', 'keyword.operator.direction.plan');
      expectScope(m, '张', 'keyword.other.unit.plan');
      expectScope(m, '以上', 'keyword.operator.direction.plan', { nth: 1 });
      expectScope('提高5个百分点', '个百分点', 'keyword.other.unit.plan');
      expectNoScope('县级以上人民政府', '以上', 'keyword.operator.direction');
    });

    it('years, milestones and periods', () => {
      const l = '到2025年，婴儿死亡率控制在5.0‰以下';
      expectScope(l, '到', 'keyword.other.milestone.plan');
      expectScope(l, '2025年', 'constant.numeric.year.plan');
      expectScope(l, '2025年', 'meta.milestone.plan');
      expectScope(l, '控制在', 'keyword.operator.direction.plan');
      expectScope('以2020年为基数下降20%', '2020年', 'constant.numeric.year.plan');
      expectScope('以2020年为基数下降20%', '下降', 'keyword.operator.direction.plan');
      expectScope('以2020年为基数下降20%', '20', 'constant.numeric.plan', { nth: 2 });
      const t = '某某区儿童发展规划（2021—2030年）';
      expectScope(t, '2021', 'constant.numeric.year.plan');
      expectScope(t, '2030年', 'constant.numeric.year.plan');
      expectScope(t, '—', 'meta.period.plan');
      expectScope('## (2021—2030 年)', '2030 年', 'constant.numeric.year.plan');
    });

    it('《document titles》 are quoted strings, period and all', () => {
      const l = '《中国儿童发展纲要（2021—2030年）》';
      expectScope(l, '中国儿童发展纲要（2021—2030年）', 'string.quoted.title.plan');
      expectNoScope(l, '2021', 'constant.numeric');
      expectScope(l, '《', 'punctuation.definition.string.begin.plan');
      expectScope('依据《未成年人保护法》等', '未成年人保护法', 'string.quoted.title.plan');
    });

    it('主要目标：/策略措施： labels', () => {
      expectScope('主要目标：', '主要目标', 'keyword.other.label.plan');
      expectScope('　　策略措施：', '策略措施', 'keyword.other.label.plan');
      expectScope('#### 主要目标:', '主要目标', 'keyword.other.label.plan');
      expectScope('策略措施', '策略措施', 'keyword.other.label.plan');
      expectNoScope('主要目标任务纳入规划', '主要目标', 'keyword.other.label');
    });
  });

  describe(`grammar: markdown injection (${label})`, () => {
    before(async function () {
      backend = await getBackend();
    });

    it('adds plan scopes in markdown but leaves "1." to the markdown list', () => {
      expectScope('（二）儿童与安全', '（二）', 'markup.heading.2.plan', { lang: 'markdown' });
      expectScope('1、加强保健', '1、', 'markup.heading.3.plan', { lang: 'markdown' });
      expectNoScope('1. 加强保健', '1.', 'markup.heading', { lang: 'markdown' });
      expectScope('婴儿死亡率降至5.0‰以下', '5.0', 'constant.numeric.plan', { lang: 'markdown' });
      // Bare numbers in markdown prose stay uncoloured (they are coloured in plan files).
      expectNoScope('共有 42 条意见', '42', 'constant.numeric', { lang: 'markdown' });
      expectScope('共有 42 条意见', '42', 'constant.numeric.plan');
      // Not inside code (the model has no markdown grammar: only the real tokenizer knows code spans).
      if (backend !== model) expectNoScope('`降至5.0‰`', '5.0', 'constant.numeric', { lang: 'markdown' });
    });

    if (label !== 'model')
      it('leaves fenced code alone (real tokenizer only: the model has no markdown grammar)', function () {
        const lines = ['```', '一、降至5.0‰', '```', '一、降至5.0‰'];
        const [, inside, , after] = backend.tokenizeLines(lines, 'markdown');
        assert.ok(
          inside.every((t) => !t.scopes.some((x) => x.endsWith('.plan'))),
          JSON.stringify(inside),
        );
        assert.ok(
          after.some((t) => t.text === '5.0' && t.scopes.includes('constant.numeric.plan')),
          JSON.stringify(after),
        );
      });
  });
}

// The model always; VS Code's own tokenizer in the e2e stage, where test/e2e/run.mjs runs this file again with
// PLANLINT_TEXTMATE_FROM = code-server's lib/vscode (so no suite here depends on what is on disk).
let real;
lineSuites('model', async () => model);
if (process.env.PLANLINT_TEXTMATE_FROM) {
  lineSuites(
    "VS Code's vscode-textmate + oniguruma",
    async () => (real ??= await loadRealTextmate(process.env.PLANLINT_TEXTMATE_FROM)),
  );
}

describe('language contribution', () => {
  const pkg = readJson('package.json');
  const lang = (pkg.contributes?.languages || []).find((l) => l.id === 'plan');

  it('declares the plan language with its files, aliases and configuration', () => {
    assert.ok(lang, 'contributes.languages has plan');
    assert.deepEqual(lang.aliases.slice(0, 2), ['规划文本', 'Plan']);
    assert.ok(lang.extensions.includes('.plan.txt') && lang.extensions.includes('.plan.md'));
    assert.ok(fs.existsSync(path.join(root, lang.configuration)));
    const g = pkg.contributes.grammars.find((x) => x.language === 'plan');
    assert.equal(g.scopeName, 'text.plan');
    assert.ok(fs.existsSync(path.join(root, g.path)));
    const inj = pkg.contributes.grammars.find((x) => x.injectTo);
    assert.deepEqual(inj.injectTo, ['text.html.markdown']);
    assert.equal(inj.scopeName, injection.scopeName);
  });

  it('firstLine recognises a plan or 纲要 title, not a sentence', () => {
    const fl = new RegExp(lang.firstLine);
    for (const yes of [
      '金林区儿童发展规划（2021—2025年）',
      '# 某某区儿童发展规划',
      '\ufeff某某区儿童发展规划（2021—2030年）',
      '中国儿童发展纲要（2021—2030年）',
      '  韶关市曲江区儿童发展规划(2021-2030年)',
    ]) {
      assert.match(yes, fl, yes);
    }
    for (const no of ['为贯彻落实《中国儿童发展纲要（2021—2030年）》，制定本规划。', '# README', '儿童是国家的未来。', '']) {
      assert.doesNotMatch(no, fl, no);
    }
  });

  it('the word pattern keeps a value with its unit and splits CJK from ASCII', () => {
    const conf = readJson('language-configuration.json');
    const words = '死亡率降至3.0‰以下ghgj'.match(new RegExp(conf.wordPattern, 'g'));
    assert.deepEqual(words, ['死亡率降至', '3.0‰', '以下', 'ghgj']);
    const pairs = conf.autoClosingPairs.map((p) => p.open + p.close);
    for (const p of ['（）', '()', '《》', '“”']) assert.ok(pairs.includes(p), p);
  });

  it('displayName and description are localised in both nls files', () => {
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    for (const k of ['displayName', 'description']) {
      assert.equal(pkg[k], `%${k}%`);
      assert.equal(typeof en[k], 'string');
      assert.match(zh[k], /[\u4e00-\u9fff]/);
    }
    for (const f of [en, zh])
      for (const v of Object.values(f)) assert.equal(typeof v, 'string', 'nls files stay flat key → string');
  });
});
