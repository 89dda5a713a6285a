// finding() (issue 16): the one way a rule makes a Finding: the rule's id, the registry default severity
// unless the rule says otherwise, the range clamped into the plan, the message, then the rule's data.
const assert = require('node:assert/strict');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { finding, parsePlan, RULES } = require('../../dist/core.js');

const RULES_DIR = join(__dirname, '..', '..', 'server', 'src', 'core', 'rules');

describe('finding(): one way to make a Finding', () => {
  const plan = parsePlan('一、总体要求\n（一）指导思想\n坚持儿童优先。');
  const gap = RULES.find((r) => r.id === 'numbering-gap');
  const weaker = RULES.find((r) => r.id === 'weaker-target');

  it("takes the rule's id and its registry default severity, unless the rule softens it", () => {
    const f = finding(gap, plan, { line: 2, col: 0, endCol: 4 }, 'm', { expected: '（二）' });
    assert.equal(f.rule, 'numbering-gap');
    assert.equal(f.severity, gap.defaultSeverity);
    assert.equal(f.expected, '（二）');
    assert.deepEqual([f.line, f.col, f.endLine, f.endCol, f.message], [2, 0, 2, 4, 'm']);
    assert.equal(finding(weaker, plan, { line: 1, col: 0, endCol: 1 }, 'm').severity, 'error');
    assert.equal(finding(weaker, plan, { line: 1, col: 0, endCol: 1 }, 'm', { severity: 'warning' }).severity, 'warning');
  });

  it('clamps the range into the plan: a line that exists, columns inside it, never ending before it starts', () => {
    const past = finding(gap, plan, { line: 99, col: 50, endCol: 80 }, 'm');
    assert.deepEqual([past.line, past.col, past.endLine, past.endCol], [3, 7, 3, 7]);
    const before = finding(gap, plan, { line: 0, col: -3, endCol: 2 }, 'm');
    assert.deepEqual([before.line, before.col, before.endLine, before.endCol], [1, 0, 1, 2]);
    const reversed = finding(gap, plan, { line: 2, col: 5, endCol: 1 }, 'm');
    assert.deepEqual([reversed.col, reversed.endCol], [5, 5]);
    const nan = finding(gap, plan, { line: NaN, col: NaN, endCol: Infinity }, 'm');
    assert.deepEqual([nan.line, nan.col, nan.endLine, nan.endCol], [1, 0, 1, 6]);
  });

  it('no rule writes a Finding literal by hand (rule: … outside finding.ts)', () => {
    const literal = /\brule\s*:\s*['"][a-z-]+['"]/;
    const found = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'finding.ts' && f !== 'index.ts')
      .filter((f) => literal.test(readFileSync(join(RULES_DIR, f), 'utf8')));
    assert.deepEqual(found, []);
  });
});
