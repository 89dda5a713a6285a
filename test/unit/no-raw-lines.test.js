// The rules never re-parse text (issue 16, docs/ARCHITECTURE.md): they read the structural model the parser
// built once (plan.lineModel records, plan.outline, plan.domains, plan.targets), never the raw lines.
//
// What a rule may do with a line's words: quote them, measure them and build edits (lineText(plan, n),
// a record's .text / .content with .slice, .length, template strings). What it may not:
//   - read raw lines: `.lines` (plan.lines, ctx.lines…) or the plan's text (`plan.text`);
//   - import the parser's own line readers (readMarker, partLabel, isHeadingText, wrapWidth, indentLength…):
//     what they tell is in the line records;
//   - search a line's words: a regex (.test/.exec/.match/.search/.replace/.split) or a string search
//     (.indexOf/.includes/.startsWith/.endsWith/.trim…) on lineText(…), on a record's .text / .content, or on
//     a variable assigned from one of those.
const assert = require('node:assert/strict');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const RULES_DIR = join(__dirname, '..', '..', 'server', 'src', 'core', 'rules');

/** Parser internals that read raw line text: a rule that calls them re-parses. */
const PARSER_READERS = [
  'readMarker',
  'readOutline',
  'findNoise',
  'fusedItemLines',
  'isFolio',
  'isHeadingText',
  'stripTrailingNotes',
  'partLabel',
  'isChapterText',
  'headingTextStart',
  'readDomainHeading',
  'findDomains',
  'extractTargets',
  'paragraphs',
  'classifyLines',
  'splitLines',
  'wrapWidth',
  'isWrappedLine',
  'indentLength',
  'visualWidth',
  'RE_BULLET',
  'RE_FUSED',
];

const SEARCH =
  '(?:test|exec|match|matchAll|search|replace|replaceAll|split|indexOf|lastIndexOf|includes|startsWith|endsWith|trim|trimStart|trimEnd)';
/** A line's words: lineText(…), or a record's .text / .content (an outline node's .text included). */
const WORDS = String.raw`(?:lineText\([^()]*\)|\.(?:text|content)\b)`;

/** The violations in one source text: [{ line, what }]. */
function violations(source) {
  const out = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const lines = code.split('\n').map((l) => l.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
  // variables that hold a line's words
  const held = new Set();
  for (const l of lines) {
    const m = new RegExp(String.raw`\b(?:const|let|var)\s+(\w+)\s*=\s*[^;]*${WORDS}\s*(?:;|$|\?\?)`).exec(l);
    if (m) held.add(m[1]);
  }
  const heldRe = held.size ? `|\\b(?:${[...held].join('|')})\\b(?![.]?\\s*(?:length|slice)\\b)` : '';
  const onWords = new RegExp(String.raw`(?:${WORDS}${heldRe ? `|\\b(?:${[...held].join('|')})` : ''})\s*\.\s*${SEARCH}\s*\(`);
  const withWords = new RegExp(String.raw`\.\s*(?:test|exec|search|match)\s*\((?:[^()]|\([^()]*\))*?(?:${WORDS}${heldRe})`);
  lines.forEach((l, i) => {
    const line = i + 1;
    if (/\.lines\b/.test(l)) out.push({ line, what: 'reads raw lines (.lines)' });
    if (/\bplan\s*\.\s*text\b/.test(l)) out.push({ line, what: "reads the plan's text (plan.text)" });
    if (onWords.test(l) || withWords.test(l)) out.push({ line, what: "searches a line's words" });
  });
  // imports of the parser's line readers
  const importRe = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;
  for (let m = importRe.exec(code); m; m = importRe.exec(code)) {
    if (/^import\s*type/.test(m[0])) continue;
    const names = m[1].split(',').map(
      (n) =>
        n
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0],
    );
    const line = code.slice(0, m.index).split('\n').length;
    for (const n of names) if (PARSER_READERS.includes(n)) out.push({ line, what: `imports the parser's ${n}` });
  }
  return out;
}

describe('no raw lines in the rules (issue 16: one structural model)', () => {
  it('the scan catches each forbidden form (and lets quotes, widths and edits through)', () => {
    const bad = [
      'const t = plan.lines[l - 1] ?? "";',
      'if (/^——/.test(ctx.plan.lines[0])) x();',
      'const all = plan.text.split("\\n");',
      "import { partLabel } from '../domains';",
      "import { indentLength, numberToCn } from '../text';",
      'if (/[：:]$/.test(lineText(plan, n))) x();',
      'const m = /^(——|—)/.exec(lineAt(plan, n).text);',
      'if (row.content.startsWith("注")) x();',
      'const s = lineText(plan, l);\nif (s.includes("附")) x();',
      'const words = lineAt(plan, n).text;\nconst k = /目标/.test(words);',
    ];
    for (const src of bad) assert.ok(violations(src).length > 0, `not caught: ${src}`);
    const good = [
      'const text = lineText(plan, line);\nconst endCol = text.length;',
      'const indent = lineText(plan, item.line).slice(0, item.col);',
      'const edit = { newText: row.text.slice(0, row.col) + row.bullet };',
      'const msg = `${o.marker || o.text}`;',
      'if (/[）)]$/.test(markerLike(like, n))) x();',
      "import type { PlanLine } from '../types';",
      "import { lineAt, lineText } from '../lines';",
      '// plan.lines were read here once',
    ];
    for (const src of good) assert.deepEqual(violations(src), [], `flagged: ${src}`);
  });

  it('server/src/core/rules/*.ts read the line model, never raw lines', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 8, 'the rule files are where they were');
    const found = [];
    for (const f of files) {
      for (const v of violations(readFileSync(join(RULES_DIR, f), 'utf8'))) found.push(`${f}:${v.line}: ${v.what}`);
    }
    assert.deepEqual(found, [], `rules that re-parse text:\n${found.join('\n')}`);
  });
});

module.exports = { violations };
