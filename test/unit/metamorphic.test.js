// Metamorphic suite: every corpus plan × every layout transform (test/metamorphic/transforms.js) must read
// the same: the same domains at the same (mapped) heading lines, the same targets (domain, indicator, kind,
// value, unit, year), no missing-domain finding, and no numbering finding the transform did not introduce
// (each numbering finding on the transformed plan maps back to a line the original already had one of the same rule on).
// A failure names the plan, the transform and the first difference; the plan × transform table is printed.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const core = require('../../dist/core.js');
const { NAMES, apply } = require('../metamorphic/transforms.js');

const DIRS = [
  path.join(__dirname, '..', 'fixtures', 'corpus'),
  path.join(__dirname, '..', 'fixtures', 'layouts'),
  '/work/shared/corpus',
];

function plans() {
  const seen = new Map();
  for (const dir of DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!/\.(txt|md)$/.test(f)) continue;
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const key = f.replace(/\.(txt|md)$/, '');
      if (seen.has(key) && seen.get(key).text === text) continue;
      seen.set(seen.has(key) ? `${key}@${path.basename(dir)}` : key, { text, file: path.join(dir, f) });
    }
  }
  return [...seen.entries()].map(([name, v]) => ({ name, ...v }));
}

function read(text) {
  const plan = core.parsePlan(text);
  const findings = core.checkPlan(plan, [], { structuralOnly: true });
  return { plan, findings };
}

const tkey = (t) => `${t.domain}|${t.indicator}|${t.kind}|${t.value}|${t.unit}|${t.year}`;

/** The first difference between the original reading and the transformed one, or null. */
function firstDifference(ref, got, map) {
  const back = (l) => map[l - 1] ?? 0;
  const refDomains = ref.plan.domains.map((d) => `${d.domain}@${d.line}`);
  const gotDomains = got.plan.domains.map((d) => `${d.domain}@${back(d.line)}`);
  if (refDomains.join(' ') !== gotDomains.join(' ')) {
    const missing = refDomains.filter((d) => !gotDomains.includes(d));
    const extra = gotDomains.filter((d) => !refDomains.includes(d));
    return (
      `domains: expected [${refDomains.join(' ')}], got [${gotDomains.join(' ')}]` +
      (missing.length ? `; missing ${missing.join(' ')}` : '') +
      (extra.length ? `; extra ${extra.join(' ')}` : '')
    );
  }
  const bag = new Map();
  for (const t of ref.plan.targets) bag.set(tkey(t), [...(bag.get(tkey(t)) ?? []), t]);
  const extra = [];
  for (const t of got.plan.targets) {
    const list = bag.get(tkey(t));
    if (list && list.length) list.shift();
    else extra.push(t);
  }
  const missing = [...bag.values()].flat().sort((a, b) => a.line - b.line);
  if (missing.length || extra.length) {
    const m = missing[0];
    const e = extra.sort((a, b) => a.line - b.line)[0];
    return (
      `targets: ${missing.length} missing, ${extra.length} extra` +
      (m ? `; first missing (original line ${m.line}): ${tkey(m)}` : '') +
      (e ? `; first extra (line ${e.line} ← original ${back(e.line)}): ${tkey(e)}` : '')
    );
  }
  const refDomainErrors = ref.findings.filter((f) => f.rule === 'missing-domain').length;
  const md = got.findings.filter((f) => f.rule === 'missing-domain');
  if (md.length > refDomainErrors) return `missing-domain: ${md[0].message}`;
  const known = new Set(ref.findings.filter((f) => f.rule.startsWith('numbering-')).map((f) => `${f.rule}@${f.line}`));
  const introduced = got.findings.filter((f) => f.rule.startsWith('numbering-') && !known.has(`${f.rule}@${back(f.line)}`));
  if (introduced.length) {
    const f = introduced[0];
    return `numbering: ${introduced.length} new finding(s); first ${f.rule} at line ${f.line} (original ${back(f.line) || 'inserted line'}): ${f.message} — “${(got.plan.lines[f.line - 1] ?? '').trim().slice(0, 40)}”`;
  }
  return null;
}

describe('metamorphic: layout transforms keep domains, targets and numbering', function () {
  this.timeout(120000);
  const corpus = plans();
  const names = NAMES;
  const table = new Map();
  it('has corpus plans and transforms', () => {
    assert.ok(corpus.length >= 3, 'corpus plans found');
    assert.ok(names.length >= 15, 'transforms');
  });
  for (const p of corpus) {
    describe(p.name, () => {
      const ref = read(p.text);
      it('reads the original (7 domains)', () => {
        assert.equal(ref.plan.domains.length, 7, `${p.name}: ${ref.plan.domains.map((d) => d.domain).join(' ')}`);
      });
      for (const name of names) {
        it(`× ${name}`, function () {
          const { text, map } = apply(name, p.name, p.text, ref.plan);
          if (!table.has(p.name)) table.set(p.name, {});
          // not applicable to this plan's layout (it has no such structure, or already has this form)
          if (text === p.text) {
            table.get(p.name)[name] = '·';
            this.skip();
          }
          const got = read(text);
          const diff = firstDifference(ref, got, map);
          table.get(p.name)[name] = diff ? '✘' : '✔';
          assert.equal(diff, null, `${p.name} × ${name}: ${diff}`);
        });
      }
    });
  }
  after(() => {
    if (!table.size) return;
    const lines = [`\n  metamorphic table (plan × transform): ${names.length} transforms`];
    for (const name of names) {
      lines.push(`  ${name.padEnd(22)} ${[...table.keys()].map((k) => table.get(k)[name] ?? '·').join(' ')}`);
    }
    lines.push(
      `  plans: ${[...table.keys()].map((k, i) => `${i + 1}=${k}`).join(', ')}   (✔ invariant, ✘ differs, · not applicable)`,
    );
    console.log(lines.join('\n'));
  });
});

module.exports = { firstDifference };
