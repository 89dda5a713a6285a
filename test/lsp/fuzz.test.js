// Random edits (seeded) and an edit storm against the bundled server: every range it returns
// lies inside the text of the version it describes, and the last diagnostics belong to the
// last version.
'use strict';
const assert = require('node:assert/strict');
const { LspClient, rangeInside, delay } = require('./helpers/lsp-client');
const { mutantPlans, corpusPlans, read, diagKey } = require('./helpers/fixtures');

const { rng, SNIPPETS } = require('./helpers/fuzz');

function randomEdit(text, r) {
  const lines = text.split(/\r\n|\r|\n/);
  const pos = () => {
    if (r() < 0.1) return { line: lines.length - 1, character: lines[lines.length - 1].length }; // the very end
    const line = Math.floor(r() * lines.length);
    return { line, character: Math.floor(r() * (lines[line].length + 1)) };
  };
  const start = pos();
  let end = start;
  const k = r();
  if (k < 0.35) {
    // delete within the line or across a few lines
    const line = Math.min(lines.length - 1, start.line + (r() < 0.2 ? Math.floor(r() * 4) : 0));
    const character =
      line === start.line
        ? Math.min(lines[line].length, start.character + Math.floor(r() * 12))
        : Math.floor(r() * (lines[line].length + 1));
    end = { line, character };
  }
  const text2 = k < 0.2 ? '' : SNIPPETS[Math.floor(r() * SNIPPETS.length)];
  return { range: { start, end }, text: text2 };
}

describe('lsp: robustness under edits', function () {
  this.timeout(120000);

  it('a seeded fuzz of 600 random edits: every published, outline, folding, inlay, hover and code-action range lies inside its version', async () => {
    const c = await LspClient.start({ settings: { debounceMs: 0 } });
    try {
      const r = rng(20240611);
      const uri = 'untitled:fuzz';
      const texts = new Map(); // version → text
      const base = read(mutantPlans()[0]);
      c.open(uri, base);
      texts.set(1, base);
      const checkPublished = () => {
        for (const p of c.published.get(uri) ?? []) {
          if (p.checked) continue;
          p.checked = true;
          const t = texts.get(p.version);
          assert.ok(t !== undefined, `published for a version the client sent (${p.version})`);
          for (const d of p.diagnostics) {
            assert.ok(rangeInside(d.range, t), `v${p.version}: ${d.code} ${JSON.stringify(d.range)}`);
            for (const ri of d.relatedInformation ?? [])
              if (ri.location.uri === uri) assert.ok(rangeInside(ri.location.range, t));
          }
        }
      };
      let version = 1;
      for (let i = 0; i < 600; i++) {
        const e = randomEdit(c.text(uri), r);
        version = c.change(uri, [e]);
        texts.set(version, c.text(uri));
        if (i % 4 === 3) {
          await c.waitFor(
            () => (c.published.get(uri) ?? []).some((p) => p.version === version),
            20000,
            `diagnostics for v${version}`,
          );
          checkPublished();
        }
        if (i % 25 === 24) {
          const t = c.text(uri);
          const n = t.split(/\r\n|\r|\n/).length;
          const syms = await c.request('textDocument/documentSymbol', { textDocument: { uri } });
          const walk = (list) => {
            for (const s of list) {
              assert.ok(rangeInside(s.range, t) && rangeInside(s.selectionRange, t), `symbol ${s.name}`);
              walk(s.children ?? []);
            }
          };
          walk(syms);
          for (const f of await c.request('textDocument/foldingRange', { textDocument: { uri } }))
            assert.ok(f.startLine < f.endLine && f.endLine < n);
          const hints = await c.request('textDocument/inlayHint', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: n, character: 0 } },
          });
          for (const h of hints) assert.ok(rangeInside({ start: h.position, end: h.position }, t));
          const lines = t.split(/\r\n|\r|\n/);
          const line = Math.floor(r() * n);
          const at = { line, character: Math.floor(r() * (lines[line].length + 1)) };
          const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: at });
          if (hover && hover.range) assert.ok(rangeInside(hover.range, t));
          const actions = await c.request('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: n - 1, character: 0 } },
            context: { diagnostics: [] },
          });
          for (const a of actions) {
            for (const dc of a.edit?.documentChanges ?? []) {
              if (dc.textDocument?.uri !== uri) continue;
              assert.equal(dc.textDocument.version, version);
              for (const ed of dc.edits) assert.ok(rangeInside(ed.range, t), `${a.title}: edit inside`);
            }
          }
        }
      }
      await c.waitFor(
        () => (c.published.get(uri) ?? []).some((p) => p.version === version),
        20000,
        'diagnostics for the last version',
      );
      checkPublished();
      assert.ok(version > 500);
      assert.ok(!c.exited);
    } finally {
      await c.stop();
    }
  });

  it('1,000 rapid edits: the last published diagnostics belong to the last version, and equal a fresh check of the final text', async () => {
    const c = await LspClient.start();
    try {
      const r = rng(7);
      const uri = 'untitled:storm';
      c.open(uri, read(corpusPlans().find((p) => p.includes('jinlin'))));
      let version = 1;
      for (let i = 0; i < 1000; i++) {
        const t = c.text(uri);
        const lines = t.split('\n');
        const line = Math.floor(r() * lines.length);
        const character = Math.floor(r() * (lines[line].length + 1));
        // type a character, or delete one
        const e =
          r() < 0.7
            ? { range: { start: { line, character }, end: { line, character } }, text: '字' }
            : {
                range: { start: { line, character }, end: { line, character: Math.min(lines[line].length, character + 1) } },
                text: '',
              };
        version = c.change(uri, [e]);
      }
      const final = await c.fullDiagnostics(uri, version, 30000);
      await delay(600); // anything still in flight would arrive now
      const pubs = c.published.get(uri);
      assert.equal(pubs.at(-1).version, version, 'the last publish is for the last version');
      for (let i = 1; i < pubs.length; i++) assert.ok(pubs[i].version >= pubs[i - 1].version, 'versions never go back');
      assert.ok(pubs.length < 200, `debounced: ${pubs.length} publishes for 1,000 edits`);
      c.open('untitled:storm-fresh', c.text(uri));
      const fresh = await c.fullDiagnostics('untitled:storm-fresh', 1);
      assert.deepEqual(final.map(diagKey).sort(), fresh.map(diagKey).sort());
    } finally {
      await c.stop();
    }
  });
});
