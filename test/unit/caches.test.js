// The core's name caches (core/align.ts) are emptied by the idle language server once its last document
// closes (server.ts, scheduleIdleCollect); a check after that gives the same alignments and findings.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { parsePlan, checkPlan, alignTargets, clearNameCaches, getBuiltinBaseline } = require('../../dist/core.js');

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');

describe('core name caches', () => {
  it('emptied between two checks: the same alignments and findings', () => {
    const national = getBuiltinBaseline('national-2021-2030');
    for (const f of fs.readdirSync(CORPUS).filter((n) => n.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
      const summary = (plan) =>
        alignTargets(plan.targets, plan.period?.end ?? null, [national]).map(
          (a) => `${a.draft.line}|${a.draft.indicator}|${a.upstream.indicator}`,
        );
      const first = parsePlan(text);
      const before = { align: summary(first), findings: JSON.stringify(checkPlan(first, [national])) };
      clearNameCaches();
      const again = parsePlan(text);
      assert.deepEqual(summary(again), before.align, f);
      assert.equal(JSON.stringify(checkPlan(again, [national])), before.findings, f);
      assert.ok(before.align.length > 10, `${f}: ${before.align.length} alignments`);
    }
  });
});
