// format/json.ts writes `check --format json|sarif` in pieces (issue 10: a 1 MB plan gives 40 MB of JSON,
// no longer built as one string). Its text must be JSON.stringify's, character for character.
// Bundles the module from its source with esbuild (no dist/ needed).
const assert = require('node:assert/strict');
const path = require('node:path');
const { buildSync } = require('esbuild');
const { rng } = require('../../scripts/lib/rng.js');

function load() {
  const r = buildSync({
    entryPoints: [path.join(__dirname, '..', '..', 'server', 'src', 'format', 'json.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
  });
  const m = { exports: {} };
  new Function('module', 'exports', 'require', r.outputFiles[0].text)(m, m.exports, require);
  return m.exports;
}

const { writeJson } = load();

function written(value, indent, newline) {
  const pieces = [];
  writeJson(value, (s) => pieces.push(s), indent, newline);
  return { text: pieces.join(''), pieces };
}

/** A random value: long and short lists, nested objects, strings with line breaks and quotes, skipped values. */
function randomValue(r, depth) {
  const k = Math.floor(r() * (depth > 4 ? 6 : 9));
  switch (k) {
    case 0:
      return null;
    case 1:
      return Math.floor(r() * 2000) / (r() < 0.5 ? 1 : 7);
    case 2:
      return r() < 0.5;
    case 3:
      return ['', '儿童\n发展', 'a"b\\c', '\u2028x', '😀', `line\r\n${Math.floor(r() * 9)}`][Math.floor(r() * 6)];
    case 4:
      return undefined;
    case 5:
      return NaN;
    case 6:
    case 7: {
      const n = depth < 2 && r() < 0.3 ? 33 + Math.floor(r() * 40) : Math.floor(r() * 4);
      return Array.from({ length: n }, () => randomValue(r, depth + 1));
    }
    default: {
      const o = {};
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++) o[['rows', 'upstream', 'text', 'a b', '中文', 'x'][i]] = randomValue(r, depth + 1);
      if (r() < 0.2) o.fn = () => 1;
      return o;
    }
  }
}

describe('format/json.ts: JSON written in pieces', () => {
  it('gives JSON.stringify(value, null, indent) exactly, for random values with long lists (indent 0, 2, 4)', () => {
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      const v = { files: [randomValue(r, 0), randomValue(r, 0)], more: randomValue(r, 0) };
      for (const indent of [0, 2, 4]) {
        assert.equal(written(v, indent, false).text, JSON.stringify(v, null, indent), `value ${i}, indent ${indent}`);
      }
    }
  });

  it('a shared object (one upstream figure on many rows) and the edge values', () => {
    const figure = { indicator: '婴儿死亡率', value: 5, provenance: { text: '内置数值', sources: ['a', 'b'] } };
    const doc = { rows: Array.from({ length: 100 }, (_, i) => ({ line: i, upstream: [figure], draft: undefined })) };
    assert.equal(written(doc, 2, true).text, JSON.stringify(doc, null, 2) + '\n');
    for (const v of [[], {}, [[]], { a: [] }, [undefined, () => 1], 'x', 3, null, { toJSON: () => ({ b: 1 }) }]) {
      assert.equal(written(v, 2, false).text, JSON.stringify(v, null, 2));
    }
    // nothing is written for a value JSON.stringify leaves out
    assert.equal(written(undefined, 2, true).text, '');
  });

  it('passes a long document in bounded pieces', () => {
    const doc = { rows: Array.from({ length: 20000 }, (_, i) => ({ line: i, text: '婴儿死亡率控制在5‰以下' })) };
    const { text, pieces } = written(doc, 2, true);
    assert.equal(text, JSON.stringify(doc, null, 2) + '\n');
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    for (const p of pieces) assert.ok(p.length < 1 << 17, `a piece of ${p.length} characters`);
  });
});
