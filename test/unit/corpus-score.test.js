// The labelled corpus and the mutants, scored by scripts/score.mjs (the project's copy of the shared
// yardstick, so the figures agree with `node ../shared/tools/score.mjs`). Floors, not timings.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
function score(args) {
  const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'score.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  const last = out.trim().split('\n').pop();
  const figures = {};
  for (const m of last.matchAll(/(\w+)=([\d.]+)(?:\/(\d+))?/g))
    figures[m[1]] = m[3] ? [Number(m[2]), Number(m[3])] : Number(m[2]);
  return { out, last, figures };
}

describe('corpus score (test/fixtures/corpus, labelled)', function () {
  this.timeout(60000);
  let s;
  before(() => {
    s = score(['--corpus', path.join(root, 'test', 'fixtures', 'corpus')]);
  });
  it('finds every domain at its heading line and nothing else', () => {
    assert.equal(s.figures.domains_recall, 1, s.last);
    assert.equal(s.figures.domains_precision, 1, s.last);
  });
  it('extracts targets with recall and precision ≥ 0.95', () => {
    assert.ok(s.figures.targets_recall >= 0.95, s.last);
    assert.ok(s.figures.targets_precision >= 0.95, s.last);
  });
  it('finds ≥ 90% of the labelled numbering problems with ≤ 2 unlabelled flags per plan', () => {
    assert.ok(s.figures.numbering_recall >= 0.9, s.last);
    assert.ok(s.figures.numbering_unlabelled_per_doc <= 2, s.last);
  });
});

describe('layout score (test/fixtures/layouts: invented plans in other layouts, labelled)', function () {
  this.timeout(60000);
  let s;
  before(() => {
    s = score(['--corpus', path.join(root, 'test', 'fixtures', 'layouts')]);
  });
  it('reads every domain and target, with no false missing-domain error and ≤ 1 unlabelled numbering flag per plan', () => {
    assert.equal(s.figures.domains_recall, 1, s.last);
    assert.equal(s.figures.domains_precision, 1, s.last);
    assert.ok(s.figures.targets_recall >= 0.97, s.last);
    assert.ok(s.figures.targets_precision >= 0.97, s.last);
    assert.equal(s.figures.missing_domain_false, 0, s.last);
    assert.ok(s.figures.numbering_unlabelled_per_doc <= 1, s.last);
  });
});

describe('mutant score (test/fixtures/mutants vs their originals)', function () {
  this.timeout(120000);
  let s;
  before(() => {
    s = score([
      '--mutants',
      path.join(root, 'test', 'fixtures', 'mutants'),
      '--originals',
      path.join(root, 'test', 'fixtures', 'corpus'),
    ]);
  });
  it('reports every removed domain', () => assert.deepEqual(s.figures.missing_domain, [9, 9], s.last));
  it('finds every weakened target and flags no unchanged one', () => {
    assert.equal(s.figures.weaker_found[0], s.figures.weaker_found[1], s.last);
    assert.equal(s.figures.weaker_found[1], 27, s.last);
    assert.equal(s.figures.weaker_false, 0, s.last);
  });
  it('finds ≥ 25 of the 27 numbering breaks', () => assert.ok(s.figures.numbering_found[0] >= 25, s.last));
});
