'use strict';
// A labelled mutant (test/fixtures/mutants/jinlin-district-2021-2025_m1.*): the 健康 domain removed,
// three numbering breaks injected. Default baseline (national 纲要).
const assert = require('assert');
const {
  api,
  open,
  codeOf,
  waitForDiagnostics,
  planlintDiags,
  describe: desc,
  mutantLabels,
  hasCjk,
  sleep,
  waitForStatus,
} = require('./helpers');

const MUTANT = 'jinlin-district-2021-2025_m1';
const RULE_OF_KIND = {
  mixed_style: 'numbering-style',
  gap: 'numbering-gap',
  duplicate: 'numbering-duplicate',
  level: 'numbering-level',
};

describe('diagnostics on a labelled plan', () => {
  let uri;
  const labels = mutantLabels(MUTANT);

  before(async () => {
    await api();
    ({ uri } = await open(`jinlin/${MUTANT}.txt`));
  });

  it('reports the removed domain (missing-domain), in Chinese', async () => {
    const domain = labels.injected.missing_domain.domain;
    const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'missing-domain'), 'missing-domain');
    const md = diags.filter((d) => codeOf(d) === 'missing-domain');
    assert.ok(
      md.some((d) => d.message.includes(domain)),
      `a missing-domain finding names ${domain}: ${md.map((d) => d.message)}`,
    );
    for (const present of labels.expected.domains_present) {
      assert.ok(!md.some((d) => d.message.includes(`儿童与${present}`)), `no missing-domain for the present domain ${present}`);
    }
    assert.ok(hasCjk(md[0].message), 'zh-cn display language → Chinese message');
    assert.strictEqual(md[0].source, 'planlint');
  });

  it('links each finding to its rule documentation', () => {
    const d = planlintDiags(uri).find((x) => codeOf(x) === 'missing-domain');
    assert.ok(d && typeof d.code === 'object' && d.code.target, 'code carries a target (codeDescription.href)');
    assert.match(d.code.target.toString(), /docs\/rules\/missing-domain\.md$/);
  });

  for (const brk of labels.injected.numbering_breaks) {
    const rule = RULE_OF_KIND[brk.kind];
    it(`reports ${rule} at line ${brk.line} (${brk.op})`, async () => {
      const lines = new Set([brk.line, ...(brk.related_lines || [])].map((l) => l - 1));
      await waitForDiagnostics(
        uri,
        (ds) => ds.some((d) => codeOf(d) === rule && lines.has(d.range.start.line)),
        `${rule} at line ${brk.line} (or its related lines ${brk.related_lines})`,
        15000,
      );
    });
  }

  it('leaves a markdown file that is not a plan without findings', async () => {
    const a = await api();
    const waiting = waitForStatus(a, require('./helpers').wsUri('notes.md'), undefined, 8000).catch(() => undefined);
    const { uri: notes } = await open('notes.md');
    await waiting;
    await sleep(500);
    assert.deepStrictEqual(desc(planlintDiags(notes)), '[]');
  });
});
