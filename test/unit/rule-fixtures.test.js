// Self-describing rule fixtures (docs/CONTRIBUTING.md, "Adding a rule"): test/fixtures/rules/<id>/*.txt|md
// are plans that end with `<!-- expect <id>@<line> -->` comments (one a finding of that rule, on that
// line) or `<!-- expect none -->`. The rule's findings on each fixture must be exactly the expected lines,
// with the rule's default severity, a message in each locale, and ranges inside the document. Rules that
// need baselines are checked against the built-in national one. Every rule added since the registry has
// such a folder; the first seven keep their own suites (rules.test.js, numbering.test.js).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const core = require('../../dist/core.js');

const DIR = path.join(__dirname, '..', 'fixtures', 'rules');
const OWN_SUITES = new Set([
  'missing-domain',
  'weaker-target',
  'missing-target',
  'numbering-gap',
  'numbering-duplicate',
  'numbering-style',
  'numbering-level',
]);

/** The expected lines of `rule` in a fixture: [] for `expect none`; null when it says nothing. */
function expected(text, rule) {
  let said = false;
  const lines = [];
  for (const m of text.matchAll(/<!-- expect (.*?) -->/g)) {
    said = true;
    if (m[1].trim() === 'none') continue;
    const e = /^(\S+)@(\d+)$/.exec(m[1].trim());
    assert.ok(e, `expectation: ${m[1]}`);
    assert.equal(e[1], rule, `a fixture of ${rule} expects only ${rule}`);
    lines.push(Number(e[2]));
  }
  return said ? lines.sort((a, b) => a - b) : null;
}

function findingsOf(rule, text, locale) {
  const baselines = rule.needsBaselines ? [core.getBuiltinBaseline('national')] : [];
  const plan = core.parsePlan(text);
  return { plan, findings: core.checkPlan(plan, baselines, { locale }).filter((f) => f.rule === rule.id) };
}

const folders = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((d) => fs.statSync(path.join(DIR, d)).isDirectory()) : [];

describe('rule fixtures (test/fixtures/rules/<id>)', () => {
  it('every rule outside the first seven has a fixture folder; every folder names a registered rule', () => {
    for (const rule of core.RULES) {
      if (!OWN_SUITES.has(rule.id)) assert.ok(folders.includes(rule.id), `test/fixtures/rules/${rule.id}/`);
    }
    for (const folder of folders) assert.ok(core.getRule(folder), `${folder} is not a registered rule id`);
  });

  for (const folder of folders) {
    const rule = core.getRule(folder);
    const files = fs
      .readdirSync(path.join(DIR, folder))
      .filter((f) => /\.(txt|md)$/.test(f))
      .sort();

    it(`${folder}: a fixture where it fires and one where it must not`, () => {
      const all = files.map((f) => expected(fs.readFileSync(path.join(DIR, folder, f), 'utf8'), folder));
      assert.ok(
        all.some((e) => e && e.length),
        'a fixture that fires',
      );
      assert.ok(
        all.some((e) => e && !e.length),
        'a fixture with `expect none`',
      );
    });

    for (const file of files) {
      it(`${folder}/${file}`, () => {
        const text = fs.readFileSync(path.join(DIR, folder, file), 'utf8');
        const want = expected(text, folder);
        assert.ok(want, `${file} has no <!-- expect … --> comment`);
        const { plan, findings } = findingsOf(rule, text, 'zh-cn');
        assert.deepEqual(
          findings.map((f) => f.line).sort((a, b) => a - b),
          want,
          findings.map((f) => `${f.line}: ${f.message}`).join('\n'),
        );
        const english = findingsOf(rule, text, 'en').findings;
        for (const [i, f] of findings.entries()) {
          assert.equal(f.severity, rule.defaultSeverity);
          assert.match(f.message, /[\u4e00-\u9fff]/);
          assert.notEqual(english[i].message, f.message, 'an English message with --locale en');
          assert.ok(f.line >= 1 && f.endLine <= plan.lines.length && f.line <= f.endLine, 'lines inside the document');
          assert.ok(f.col >= 0 && f.endCol <= plan.lines[f.endLine - 1].length, 'columns inside the line');
          assert.equal(Boolean(f.fix), rule.fixable, `fixable: ${rule.fixable}`);
        }
      });
    }
  }
});
