// Semantic tokens from the bundled server over stdio: the legend, token types at known positions of a
// labelled mutant (domain headings, 主要目标/策略措施 labels, list markers, targets with their verdict against
// the original as upstream), full/delta after edits (the delta applied to the previous answer = the full
// answer), a text that is not a plan gets none, every token inside its line.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { LspClient, fileUri, ROOT } = require('./helpers/lsp-client');
const { read } = require('./helpers/fixtures');

const MUTANT = path.join(ROOT, 'test', 'fixtures', 'mutants', 'jinlin-district-2021-2025_m1.txt');
const ORIGINAL = path.join(ROOT, 'test', 'fixtures', 'corpus', 'jinlin-district-2021-2025.txt');
const LABELS = JSON.parse(read(MUTANT.replace(/\.txt$/, '.expected.json')));

/** Decodes LSP's relative encoding into absolute tokens with names. */
function decode(data, legend) {
  const out = [];
  let line = 0;
  let col = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    col = data[i] === 0 ? col + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
    out.push({ line, col, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], mods });
  }
  return out;
}

/** What an LSP client does with a delta: the edits applied to its previous data. */
function applyDelta(prev, edits) {
  let data = [...prev];
  for (const e of [...edits].sort((a, b) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return data;
}

describe('lsp: semantic tokens', function () {
  this.timeout(60000);
  let client;
  let legend;
  const uri = fileUri(MUTANT);

  before(async () => {
    client = await LspClient.start({ settings: { upstream: [ORIGINAL], debounceMs: 20 } });
    legend = client.initResult.capabilities.semanticTokensProvider.legend;
    client.open(uri, read(MUTANT));
    await client.fullDiagnostics(uri, 1);
  });
  after(async () => {
    if (client) await client.stop();
  });

  it('announces full + delta and a legend of the plan types and verdict modifiers', () => {
    const p = client.initResult.capabilities.semanticTokensProvider;
    assert.deepEqual(p.full, { delta: true });
    assert.deepEqual(legend.tokenTypes, ['planDomain', 'planPartLabel', 'planListMarker', 'planTarget']);
    assert.deepEqual(legend.tokenModifiers, ['meets', 'weaker', 'noUpstream', 'yearDiffers']);
  });

  it('types at known positions: domain headings, part labels, markers, weaker and met targets', async () => {
    const res = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(res.resultId, 'a result id for deltas');
    const toks = decode(res.data, legend);
    const lines = read(MUTANT).split(/\r\n|\r|\n/);
    const at = (t) => lines[t.line].slice(t.col, t.col + t.length);
    for (const t of toks)
      assert.ok(t.length > 0 && t.col + t.length <= lines[t.line].length, `token inside its line: ${JSON.stringify(t)}`);
    // every domain heading the mutant keeps is a planDomain token covering the label
    const domains = toks.filter((t) => t.type === 'planDomain').map(at);
    assert.deepEqual(domains, ['儿童与安全', '儿童与教育', '儿童与福利', '儿童与家庭', '儿童与环境', '儿童与法律保护']);
    assert.ok(!domains.includes(LABELS.injected.missing_domain.label), 'the removed domain is not there');
    const labels = toks.filter((t) => t.type === 'planPartLabel').map(at);
    assert.ok(labels.includes('主要目标') && labels.includes('策略措施'), labels.join(' '));
    assert.ok(
      labels.every((l) => /^(主要目标|策略措施|主要措施|目标|措施)$/.test(l)),
      labels.join(' '),
    );
    const markers = toks.filter((t) => t.type === 'planListMarker').map(at);
    for (const m of ['一、', '（一）', '1.']) assert.ok(markers.includes(m), `marker ${m}`);
    // the weakened targets: a planTarget token with the `weaker` modifier on the labelled line, on the value
    for (const w of LABELS.injected.weakened_indicators) {
      const onLine = toks.filter((t) => t.line === w.line - 1 && t.type === 'planTarget');
      const weak = onLine.find((t) => t.mods.includes('weaker'));
      assert.ok(weak, `weaker target at line ${w.line}: ${JSON.stringify(onLine)}`);
      assert.equal(Number(at(weak)), w.mutated_value, `the token covers the weakened value at line ${w.line}`);
    }
    // every target has exactly one verdict modifier; the untouched ones meet the original
    const targets = toks.filter((t) => t.type === 'planTarget');
    for (const t of targets) assert.equal(t.mods.length, 1, JSON.stringify(t));
    assert.ok(
      targets.some((t) => t.mods[0] === 'meets'),
      'some targets meet the upstream',
    );
    // tokens are sorted and do not overlap
    for (let i = 1; i < toks.length; i++) {
      const a = toks[i - 1];
      const b = toks[i];
      assert.ok(b.line > a.line || (b.line === a.line && b.col >= a.col + a.length), `order at ${i}`);
    }
  });

  it('delta after edits: the edits applied to the previous data equal the full tokens of the new version', async () => {
    let prev = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = client.text(uri).split(/\r\n|\r|\n/);
    const w = LABELS.injected.weakened_indicators[0];
    const line = w.line - 1;
    const value = String(w.mutated_value);
    const measures = lines.findIndex((l, i) => i > line && /策略措施/.test(l)) + 1; // after the first 策略措施 label below
    const col = lines[line].indexOf(value);
    assert.ok(col >= 0);
    const steps = [
      // restore the original value: the token's verdict changes, nothing moves
      [
        {
          range: { start: { line, character: col }, end: { line, character: col + value.length } },
          text: String(w.original_value),
        },
      ],
      // a line inserted at the top: every later token moves one line down (only the first Δline changes)
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
      // a new list item in the middle (the strategy list below the target; +1: the line inserted above)
      [
        {
          range: { start: { line: measures + 1, character: 0 }, end: { line: measures + 1, character: 0 } },
          text: '1.新增一项措施。\n',
        },
      ],
      // text in a measure's paragraph: no token changes
    ];
    const tail = client.text(uri).split(/\r\n|\r|\n/).length;
    steps.push([{ range: { start: { line: tail - 2, character: 0 }, end: { line: tail - 2, character: 0 } }, text: '　' }]);
    let sawSmallDelta = false;
    for (const changes of steps) {
      const v = client.change(uri, changes);
      await client.fullDiagnostics(uri, v);
      const delta = await client.request('textDocument/semanticTokens/full/delta', {
        textDocument: { uri },
        previousResultId: prev.resultId,
      });
      assert.ok(Array.isArray(delta.edits), `a delta answer: ${JSON.stringify(delta).slice(0, 200)}`);
      const full = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
      assert.deepEqual(
        applyDelta(prev.data, delta.edits),
        full.data,
        `delta applied = full, after ${JSON.stringify(changes).slice(0, 80)}`,
      );
      const changed = delta.edits.reduce((n, e) => n + e.deleteCount + (e.data ?? []).length, 0);
      if (changed > 0 && changed <= 10) sawSmallDelta = true;
      assert.ok(changed < full.data.length, 'the delta is smaller than the whole');
      prev = full;
    }
    assert.ok(sawSmallDelta, 'a one-token change is a delta of a few integers');
    const after = decode(prev.data, legend);
    const restored = after.find((t) => t.type === 'planTarget' && t.line === line + 1);
    assert.ok(restored && restored.mods.includes('meets'), `the restored target meets the upstream: ${JSON.stringify(restored)}`);
  });

  it('a stale previousResultId gets the full tokens', async () => {
    const res = await client.request('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: 'no-such-result',
    });
    assert.ok(Array.isArray(res.data) && res.data.length > 0 && !res.edits);
  });

  it('a text that is not a plan gets no tokens', async () => {
    const other = fileUri(path.join(ROOT, 'test', 'fixtures', 'notes-not-a-plan.txt'));
    client.open(other, '会议记录\n\n1. 第一项\n3. 第三项\n');
    const res = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: other } });
    assert.deepEqual(res.data, []);
    client.close(other);
  });

  it('a plan without upstream figures: targets carry noUpstream', async () => {
    const c = await LspClient.start({ settings: { upstream: [ORIGINAL] } });
    try {
      const u = fileUri(path.join(ROOT, 'test', 'fixtures', 'x-new.plan.txt'));
      const text =
        '某某区儿童发展规划（2021—2025年）\n\n一、发展领域\n（一）儿童与健康。\n主要目标：\n1.儿童友好示范公园数量达到12处。\n';
      c.open(u, text, 'plan');
      await c.fullDiagnostics(u, 1);
      const res = await c.request('textDocument/semanticTokens/full', { textDocument: { uri: u } });
      const toks = decode(res.data, c.initResult.capabilities.semanticTokensProvider.legend);
      const t = toks.find((x) => x.type === 'planTarget');
      assert.ok(t, JSON.stringify(toks));
      assert.deepEqual(t.mods, ['noUpstream']);
    } finally {
      await c.stop();
    }
  });
});
