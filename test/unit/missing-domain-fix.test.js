// missing-domain's fix: the inserted heading continues the previous domain heading's number, and the
// following headings that continue the sequence shift by one.
const assert = require('node:assert/strict');
const { parsePlan, checkPlan } = require('../../dist/core.js');

const { applyEdits: apply } = require('./helpers/edits');
const head = '某区儿童发展规划（2021—2030年）';

describe('missing-domain fix numbering', () => {
  it('(一)(二)(三)(五): 福利 becomes (四) without renumbering, 环境 after (五) becomes (六)', () => {
    const text = [
      head,
      '（一）儿童与健康',
      '（二）儿童与安全',
      '（三）儿童与教育',
      '（五）儿童与家庭',
      '（六）儿童与法律保护',
    ].join('\n');
    const f = checkPlan(parsePlan(text), [], {}).filter((x) => x.rule === 'missing-domain');
    const fuli = f.find((x) => x.domain === '福利');
    assert.equal(fuli.fix.edits.length, 1);
    assert.match(fuli.fix.edits[0].newText, /^（四）儿童与福利/);
    const env = f.find((x) => x.domain === '环境');
    assert.match(env.fix.edits[0].newText, /^（六）儿童与环境/);
    const fixed = apply(text, env.fix.edits);
    assert.match(fixed, /（六）儿童与环境[^]*（七）儿童与法律保护/);
    const again = checkPlan(parsePlan(fixed), [], {})
      .filter((x) => x.rule === 'missing-domain')
      .map((x) => x.domain);
    assert.deepEqual(again, ['福利']);
  });
  it('a missing first domain takes (一) and shifts the rest', () => {
    const text = [
      head,
      '（一）儿童与安全',
      '（二）儿童与教育',
      '（三）儿童与福利',
      '（四）儿童与家庭',
      '（五）儿童与环境',
      '（六）儿童与法律保护',
    ].join('\n');
    const [f] = checkPlan(parsePlan(text), [], {}).filter((x) => x.rule === 'missing-domain');
    const fixed = apply(text, f.fix.edits);
    const p = parsePlan(fixed);
    assert.deepEqual(
      p.outline.filter((n) => n.family === 'paren-cn').map((n) => n.number),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(p.domains.length, 7);
  });
});
