// The built-in upstream baselines: the JSON files follow their schema, every figure keeps its
// provenance, and each numeric target is a faithful transcription of the research facts
// (test/fixtures/upstream/, copies of the shared facts), so a wrong value, kind, unit or
// confidence fails here. Also the bundled module: ids, aliases, listing.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const core = require('../../dist/core.js');

const ROOT = path.join(__dirname, '..', '..');
const DATA = path.join(ROOT, 'server', 'data', 'baselines');
const FACTS = path.join(ROOT, 'test', 'fixtures', 'upstream');
const IDS = ['national-2021-2030', 'healthy-children-2021-2025'];
const YEAR = { 'national-2021-2030': 2030, 'healthy-children-2021-2025': 2025 };

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const schema = readJson(path.join(DATA, 'baseline.schema.json'));
const files = Object.fromEntries(IDS.map((id) => [id, readJson(path.join(DATA, `${id}.json`))]));
const facts = Object.fromEntries(IDS.map((id) => [id, readJson(path.join(FACTS, `${id}.json`))]));

function makeValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Numeric facts of a facts file: [{fact, domain, role}]. */
function numericFacts(f) {
  const out = [];
  for (const d of f.domains)
    for (const t of d.targets) if (t.kind !== 'qualitative') out.push({ fact: t, domain: d.domain, role: 'main' });
  for (const t of (f.related_figures && f.related_figures.items) || []) out.push({ fact: t, domain: '健康', role: 'related' });
  return out;
}

/** The baseline target transcribing a fact: its indicator, or one of its keywords, is the fact's wording. */
function targetsFor(file, fact) {
  return file.targets.filter(
    (t) => (t.indicator === fact.indicator || t.keywords.includes(fact.indicator)) && t.year === fact.year,
  );
}

describe('built-in baselines: files and schema', () => {
  it('the schema compiles under ajv strict mode (draft 2020-12)', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(typeof makeValidator(), 'function');
  });

  for (const id of IDS) {
    it(`${id}.json validates against baseline.schema.json`, () => {
      const validate = makeValidator();
      const ok = validate(files[id]);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
      assert.equal(files[id].id, id);
      assert.equal(files[id].$schema, './baseline.schema.json');
      assert.equal(files[id].schemaVersion, 1);
    });
  }

  it('the schema rejects a target with no evidence, an unknown unit, a bad kind or a stray field', () => {
    const validate = makeValidator();
    const base = files['national-2021-2030'];
    const mutate = (fn) => {
      const copy = JSON.parse(JSON.stringify(base));
      fn(copy.targets[0], copy);
      return validate(copy);
    };
    assert.equal(
      mutate((t) => {
        t.evidence = [];
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        t.unit = 'percent';
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        t.kind = 'qualitative';
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        t.confidence = 'certain';
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        t.domain = '儿童与健康';
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        t.source = 'x';
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        t.measure = 'relative_reduction';
      }),
      false,
      'measure without baselineYear',
    );
    assert.equal(
      mutate((t, f) => {
        f.level = 'global';
      }),
      false,
    );
    assert.equal(
      mutate((t) => {
        delete t.confidence;
      }),
      false,
    );
    assert.equal(
      mutate(() => {}),
      true,
      'the unmodified copy still validates',
    );
  });
});

describe('built-in baselines: provenance', () => {
  for (const id of IDS) {
    it(`${id}: every numeric target has evidence and a confidence; "unverified:" only on low ones`, () => {
      assert.ok(files[id].targets.length > 0);
      for (const t of files[id].targets) {
        assert.ok(Array.isArray(t.evidence) && t.evidence.length >= 1, `${t.indicator} has no evidence`);
        assert.ok(['high', 'medium', 'low'].includes(t.confidence), `${t.indicator} confidence`);
        if (t.evidence.some((e) => e.startsWith('unverified:'))) assert.equal(t.confidence, 'low', t.indicator);
        assert.equal(t.year, YEAR[id], `${t.indicator} year`);
      }
    });

    it(`${id}: each numeric fact is transcribed once, with its value, kind, unit, confidence and evidence`, () => {
      const nf = numericFacts(facts[id]);
      assert.equal(files[id].targets.length, nf.length, 'one target per numeric fact, no more');
      for (const { fact, domain, role } of nf) {
        const found = targetsFor(files[id], fact);
        assert.equal(found.length, 1, `fact ${fact.indicator}: ${found.length} targets`);
        const t = found[0];
        const where = `${id} / ${fact.indicator}`;
        assert.equal(t.value, fact.value, `${where} value`);
        assert.equal(t.kind, fact.kind, `${where} kind`);
        assert.equal(t.unit, fact.unit, `${where} unit`);
        assert.equal(t.confidence, fact.confidence, `${where} confidence`);
        assert.equal(t.domain, domain, `${where} domain`);
        assert.equal(t.role, role, `${where} role`);
        if (fact.evidence.length) assert.deepEqual(t.evidence, fact.evidence, `${where} evidence`);
        else assert.ok(t.evidence.length === 1 && t.evidence[0].startsWith('unverified:'), `${where} evidence`);
        if (fact.baseline_year != null) {
          assert.equal(t.measure, 'relative_reduction', `${where} measure`);
          assert.equal(t.baselineYear, fact.baseline_year, `${where} baselineYear`);
        } else {
          assert.equal(t.measure, undefined, `${where} measure`);
        }
        if (fact.independent_sources != null) assert.equal(t.independentSources, fact.independent_sources, `${where} sources`);
      }
    });

    it(`${id}: qualitative goals are kept (not compared) with their confidence and evidence`, () => {
      const q = [];
      for (const d of facts[id].domains)
        for (const t of d.targets) if (t.kind === 'qualitative') q.push({ ...t, domain: d.domain });
      assert.equal(files[id].qualitative.length, q.length);
      for (const fq of q) {
        const g = files[id].qualitative.find((x) => x.indicator === fq.indicator);
        assert.ok(g, fq.indicator);
        assert.equal(g.domain, fq.domain);
        assert.equal(g.confidence, fq.confidence);
        assert.deepEqual(g.evidence, fq.evidence);
        assert.deepEqual(g.keywords, fq.keywords);
      }
    });

    it(`${id}: header matches the facts (title, issuer, document number, period, level, coverage)`, () => {
      const f = files[id];
      const src = facts[id];
      assert.equal(f.title, src.title);
      assert.equal(f.issuer, src.issuer);
      assert.equal(f.docNo, src.doc_no);
      assert.deepEqual(f.period, src.period);
      assert.equal(f.level, src.level);
      assert.equal(f.coverage, src.coverage);
      for (const t of f.targets)
        for (const e of t.evidence) {
          if (/^https?:/.test(e)) assert.ok(f.sources.includes(e), `${e} is in sources`);
        }
    });

    it(`${id}: no two main targets share domain + indicator + year`, () => {
      const seen = new Set();
      for (const t of files[id].targets.filter((x) => x.role === 'main')) {
        const key = `${t.domain}|${t.indicator}|${t.year}`;
        assert.ok(!seen.has(key), `duplicate ${key}`);
        seen.add(key);
      }
    });

    it(`${id}: keywords are specific (none is part of another target's indicator or keywords)`, () => {
      const ts = files[id].targets;
      for (const a of ts)
        for (const k of a.keywords)
          for (const b of ts) {
            if (a === b) continue;
            assert.ok(!b.indicator.includes(k), `keyword ${k} of ${a.indicator} is part of ${b.indicator}`);
            for (const kb of b.keywords)
              assert.ok(!kb.includes(k), `keyword ${k} of ${a.indicator} is part of ${b.indicator}'s ${kb}`);
          }
    });
  }

  it('the national file keeps mortality and myopia indicators apart, and the injury target as a reduction', () => {
    const t = files['national-2021-2030'].targets;
    const one = (ind) => {
      const f = t.filter((x) => x.indicator === ind);
      assert.equal(f.length, 1, ind);
      return f[0];
    };
    assert.deepEqual([one('新生儿死亡率').value, one('婴儿死亡率').value, one('5岁以下儿童死亡率').value], [3, 5, 6]);
    assert.deepEqual([one('小学生近视率').value, one('初中生近视率').value, one('高中阶段学生近视率').value], [38, 60, 70]);
    const inj = one('儿童伤害死亡率');
    assert.deepEqual(
      [inj.kind, inj.value, inj.unit, inj.measure, inj.baselineYear],
      ['min', 20, '%', 'relative_reduction', 2020],
    );
    assert.equal(one('高中阶段教育毛入学率').confidence, 'low');
    assert.equal(one('5岁以下儿童贫血率').value, 10);
    assert.ok(one('5岁以下儿童贫血率').keywords.includes('贫血患病率'));
    assert.equal(t.filter((x) => x.role === 'main').length, 17);
    assert.equal(t.filter((x) => x.role === 'related').length, 6);
  });

  it('local-only figures seen in local plans are not targets', () => {
    const t = files['national-2021-2030'].targets;
    const words = t.flatMap((x) => [x.indicator, ...x.keywords]);
    for (const item of facts['national-2021-2030'].local_additions_seen.items) {
      assert.ok(!words.includes(item.indicator), item.indicator);
    }
    for (const w of ['托位', '自来水', '公办', '普惠', '残疾儿童', '心理健康']) {
      assert.ok(!words.some((x) => x.includes(w)), w);
    }
  });

  it('docs/BASELINES.md lists every numeric target with its value', () => {
    const md = fs.readFileSync(path.join(ROOT, 'docs', 'BASELINES.md'), 'utf8');
    for (const id of IDS)
      for (const t of files[id].targets) {
        const row = md
          .split('\n')
          .find((l) => l.startsWith('|') && l.includes(`| ${t.indicator} |`) && l.includes(`| ${t.year} |`));
        assert.ok(row, `${id}: ${t.indicator} ${t.year} row`);
        assert.ok(
          row.includes(`${t.value}${t.unit}`) && row.includes(t.confidence),
          `${id}: ${t.indicator} row shows ${t.value}${t.unit} ${t.confidence}`,
        );
      }
  });
});

describe('built-in baselines: bundled module (dist/core.js)', () => {
  it('BUILTIN_BASELINES holds both ids with their targets mapped from the files', () => {
    const ids = core.BUILTIN_BASELINES.map((b) => b.id);
    assert.deepEqual(ids.slice().sort(), IDS.slice().sort());
    for (const b of core.BUILTIN_BASELINES) {
      const f = files[b.id];
      assert.equal(b.title, f.title);
      assert.equal(b.level, 'national');
      assert.equal(b.coverage, 'partial');
      assert.equal(b.docNo, f.docNo);
      assert.deepEqual(b.period, f.period);
      assert.equal(b.targets.length, f.targets.length);
      b.targets.forEach((t, i) => {
        const s = f.targets[i];
        for (const k of [
          'domain',
          'indicator',
          'kind',
          'value',
          'unit',
          'year',
          'confidence',
          'role',
          'measure',
          'baselineYear',
          'note',
        ]) {
          assert.deepEqual(t[k], s[k], `${b.id} ${s.indicator} ${k}`);
        }
        assert.deepEqual(t.evidence, s.evidence);
        assert.deepEqual(t.keywords, s.keywords);
      });
    }
  });

  it('getBuiltinBaseline accepts ids and aliases, case-insensitively, and never throws', () => {
    assert.equal(core.getBuiltinBaseline('national').id, 'national-2021-2030');
    assert.equal(core.getBuiltinBaseline('NATIONAL').id, 'national-2021-2030');
    assert.equal(core.getBuiltinBaseline(' National-2021-2030 ').id, 'national-2021-2030');
    assert.equal(core.getBuiltinBaseline('healthy-children').id, 'healthy-children-2021-2025');
    assert.equal(core.getBuiltinBaseline('Healthy-Children-2021-2025').id, 'healthy-children-2021-2025');
    assert.equal(core.getBuiltinBaseline('provincial'), undefined);
    assert.equal(core.getBuiltinBaseline('constructor'), undefined);
    assert.equal(core.getBuiltinBaseline(''), undefined);
    assert.equal(core.getBuiltinBaseline(undefined), undefined);
    assert.equal(core.getBuiltinBaseline(42), undefined);
  });

  it('BUILTIN_ALIASES and listBuiltinBaselines describe the built-ins for `planlint baselines`', () => {
    const m = core;
    assert.deepEqual(
      { ...m.BUILTIN_ALIASES },
      { national: 'national-2021-2030', 'healthy-children': 'healthy-children-2021-2025' },
    );
    const list = m.listBuiltinBaselines();
    assert.deepEqual(
      list.map((x) => [x.id, x.level, x.targets, x.main, x.coverage]),
      [
        ['national-2021-2030', 'national', 23, 17, 'partial'],
        ['healthy-children-2021-2025', 'national', 7, 7, 'partial'],
      ],
    );
    assert.equal(list[0].title, '中国儿童发展纲要（2021—2030年）');
    assert.deepEqual(list[0].aliases, ['national']);
    assert.equal(m.getBuiltinQualitative('national').length, files['national-2021-2030'].qualitative.length);
  });
});
