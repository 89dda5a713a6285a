// finding() (issue 16): the one way a rule makes a Finding: the rule's id, the registry default severity
// unless the rule says otherwise, the range, the message, then the rule's data (check.ts clamps the range).
const assert = require('node:assert/strict');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { finding, RULES } = require('../../dist/core.js');

const RULES_DIR = join(__dirname, '..', '..', 'server', 'src', 'core', 'rules');

describe('finding(): one way to make a Finding', () => {
  const gap = RULES.find((r) => r.id === 'numbering-gap');

  it("takes the rule's id and its registry default severity, unless the rule softens it", () => {
    const f = finding('numbering-gap', { line: 2, col: 0, endCol: 4 }, 'm', { expected: '（二）' });
    assert.equal(f.rule, 'numbering-gap');
    assert.equal(f.severity, gap.defaultSeverity);
    assert.equal(f.expected, '（二）');
    assert.deepEqual([f.line, f.col, f.endLine, f.endCol, f.message], [2, 0, 2, 4, 'm']);
    assert.equal(finding('weaker-target', { line: 1, col: 0, endCol: 1 }, 'm').severity, 'error');
    assert.equal(finding('weaker-target', { line: 1, col: 0, endCol: 1 }, 'm', { severity: 'warning' }).severity, 'warning');
  });

  it('no rule writes a Finding literal by hand (rule: … outside finding.ts)', () => {
    const literal = /\brule\s*:\s*['"][a-z-]+['"]/;
    const found = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'finding.ts' && f !== 'index.ts')
      .filter((f) => literal.test(readFileSync(join(RULES_DIR, f), 'utf8')));
    assert.deepEqual(found, []);
  });
});
