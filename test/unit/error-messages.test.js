// One mechanism for all messages (issue 16): an error of the adapters (PlanReadError, ConfigError,
// BaselineFileError, NotAPlanError, the CLI's UsageError) carries an English template and its arguments
// (server/src/node/message.ts); the zh-CN text comes from l10n/bundle.l10n.zh-cn.json, formatted where the
// message is shown. The sources are read with TypeScript's own parser: no Chinese in the string literals of
// the adapters (server/src/node/**, cli.ts, lsp/workspace.ts) but the data listed below and English templates
// that quote a plan's Chinese terms (keys of the bundle); every message('…') template is in the bundle with the
// same placeholders. Then each kind of error is made for real and its two texts compared with the catalogue.
// Needs dist/node.js and dist/cli.js: `npm run build`.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'server', 'src');
const ZH = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Chinese literals that are data, not messages: what the readers write into the plan text or match in it.
 * file (relative to server/src) → the literals allowed there.
 */
const DATA = {
  // Word's numbering formats rendered as the document shows them (chineseCounting, legal digits, 天干, 地支),
  // and the labels of footnote and endnote lines appended to the plan text
  'node/formats/docx.ts': [
    '零',
    '一',
    '二',
    '三',
    '四',
    '五',
    '六',
    '七',
    '八',
    '九',
    '壹',
    '贰',
    '叁',
    '肆',
    '伍',
    '陆',
    '柒',
    '捌',
    '玖',
    '十',
    '百',
    '千',
    '拾',
    '佰',
    '仟',
    '甲乙丙丁戊己庚辛壬癸',
    '子丑寅卯辰巳午未申酉戌亥',
    '注',
    '尾注',
  ],
};
/** The CLI's --help banner names the product in both languages at once (shown whatever the locale). */
const BILINGUAL_PREFIXES = { 'cli.ts': ['儿童发展规划对标检查 / checks'] };

const { tsFiles: walk } = require('../../scripts/lib/ts-files.js');

const ADAPTER_FILES = [...walk(path.join(SRC, 'node')), path.join(SRC, 'cli.ts'), path.join(SRC, 'lsp', 'workspace.ts')].filter(
  (f) => !f.endsWith('.d.ts'),
);

const rel = (p) => path.relative(SRC, p).split(path.sep).join('/');

/** String and template literals of a source (their text parts), with their line; regex literals are not strings. */
function literalsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const line = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      out.push({ text: node.text, line: line(node), node });
    else if (ts.isTemplateExpression(node)) {
      out.push({ text: node.head.text, line: line(node), node });
      for (const span of node.templateSpans) out.push({ text: span.literal.text, line: line(span), node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The first argument of every message('…') call of a source (and the CLI's fail('…')): { template, line }. */
function messageTemplates(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const visit = (node) => {
    const callee = ts.isCallExpression(node) && ts.isIdentifier(node.expression) ? node.expression.text : '';
    if (callee === 'message' || (callee === 'fail' && file.endsWith('cli.ts'))) {
      const first = node.arguments[0];
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      // cli.ts's fail(key, …args) passes its caller's template on: the callers are checked
      const passedOn = ts.isIdentifier(first) && first.text === 'key' && enclosingFunction(node) === 'fail';
      if (!passedOn) out.push({ template: first && ts.isStringLiteral(first) ? first.text : null, line });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function enclosingFunction(node) {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionDeclaration(n)) return n.name?.text;
  return undefined;
}

const placeholders = (s) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();

describe('error messages: one catalogue (issue 16)', () => {
  it('no Chinese in the string literals of the adapters but listed data and English templates of the bundle', () => {
    const bad = [];
    for (const file of ADAPTER_FILES) {
      const data = new Set(DATA[rel(file)] ?? []);
      const prefixes = BILINGUAL_PREFIXES[rel(file)] ?? [];
      for (const lit of literalsOf(file)) {
        if (!CJK.test(lit.text)) continue;
        if (data.has(lit.text)) continue;
        if (Object.prototype.hasOwnProperty.call(ZH, lit.text)) continue; // an English template quoting a plan term
        if (prefixes.some((p) => lit.text.includes(p))) continue;
        bad.push(`${rel(file)}:${lit.line}: ${JSON.stringify(lit.text.slice(0, 60))}`);
      }
    }
    assert.deepEqual(
      bad,
      [],
      'Chinese text outside the catalogue (put the English template in message() and its zh-CN in the bundle)',
    );
  });

  it('the allow-lists are not stale: every listed literal is still in its file', () => {
    for (const [file, list] of Object.entries(DATA)) {
      const texts = new Set(literalsOf(path.join(SRC, file)).map((l) => l.text));
      for (const item of list) assert.ok(texts.has(item), `${file}: ${item} is no longer there: drop it from DATA`);
    }
  });

  it('every message() template is a literal English key of the bundle, with the same placeholders in zh-CN', () => {
    const seen = [];
    for (const file of walk(SRC)) {
      for (const { template, line } of messageTemplates(file)) {
        const where = `${rel(file)}:${line}`;
        if (/node\/message\.ts$/.test(file)) continue; // the definition
        assert.ok(template !== null, `${where}: message() takes a string literal template (scripts/l10n-keys.mjs lists it)`);
        assert.ok(Object.prototype.hasOwnProperty.call(ZH, template), `${where}: "${template}" is not in the zh-CN bundle`);
        assert.deepEqual(placeholders(ZH[template]), placeholders(template), `${where}: placeholders of "${template}"`);
        // translated, unless the template is only placeholders and punctuation ("{0}: {1}", "{0}, {1}")
        if (/[A-Za-z]{2}/.test(template.replace(/\{\d+\}/g, ''))) {
          assert.ok(CJK.test(ZH[template]), `${where}: "${template}" has no Chinese translation`);
        }
        seen.push(template);
      }
    }
    assert.ok(seen.length >= 60, `found only ${seen.length} message() call sites`);
  });

  describe('each kind of error, made for real: English = the template, zh-CN = the bundle', () => {
    const node = require('../../dist/node.js');
    let dir;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-msg-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function expectBoth(err, en, zh) {
      assert.equal(err.localized('en'), en);
      assert.equal(err.localized('zh-cn'), zh);
      assert.equal(err.message, en, 'error.message stays English for logs');
    }

    it('PlanReadError: missing file, folder, binary bytes, a cause nested in a cause', async () => {
      const missing = path.join(dir, 'nope.txt');
      await assert.rejects(node.readPlanSource(missing), (e) => {
        assert.ok(e instanceof node.PlanReadError);
        expectBoth(e, `${missing}: no such file`, `${missing}: ${ZH['no such file']}`);
        return true;
      });
      await assert.rejects(node.readPlanSource(dir), (e) => {
        expectBoth(e, `${dir}: is a directory`, `${dir}: ${ZH['is a directory']}`);
        return true;
      });
      const bin = Buffer.from([0x41, 0x42, 0, 0x43]);
      assert.throws(
        () => node.decodePlanBytes(bin, 'x.bin'),
        (e) => {
          const en = 'binary file (NUL byte at offset {0}), not a plan text';
          expectBoth(e, `x.bin: ${en.replace('{0}', '2')}`, `x.bin: ${ZH[en].replace('{0}', '2')}`);
          return true;
        },
      );
      const docx = path.join(dir, 'broken.docx');
      fs.writeFileSync(docx, Buffer.from('PK\u0003\u0004 not really a zip'));
      await assert.rejects(node.readPlanSource(docx), (e) => {
        const zh = e.localized('zh-cn');
        assert.ok(zh.startsWith(`${docx}: ${ZH['damaged or unreadable file: {0}'].replace('{0}', '')}`), zh);
        assert.ok(!/[A-Za-z]{4}/.test(zh.slice(docx.length).replace(/\(.*\)|（.*）|zip|Word|PDF/g, '')), zh);
        assert.ok(e.localized('en').startsWith(`${docx}: damaged or unreadable file: `));
        return true;
      });
    });

    it('ConfigError: a syntax error, an unknown key and a value of the wrong kind', () => {
      const file = path.join(dir, '.planlintrc.json');
      const cases = [
        ['{ "rules": { "a": "error", } ', (e) => e.cause_.template === '{0}:{1}: JSON syntax error ({2})'],
        ['{ "colour": 1 }', (e) => e.cause_.template === 'unknown key (known: {0})'],
        ['{ "locale": "fr" }', (e) => e.cause_.template === 'must be {0}'],
      ];
      for (const [text, kind] of cases) {
        fs.writeFileSync(file, text);
        assert.throws(
          () => node.loadConfig(file),
          (e) => {
            assert.ok(e instanceof node.ConfigError && kind(e), `${text}: ${e.message}`);
            assert.equal(e.localized('en'), e.message);
            const zh = e.localized('zh-cn');
            assert.ok(CJK.test(zh) && zh !== e.message, zh);
            return true;
          },
        );
      }
      // the list of allowed values, built from two templates: "a", "b" or "c" / "a"、"b" 或 "c"
      fs.writeFileSync(file, '{ "rules": { "weaker-target": "loud" } }');
      assert.throws(
        () => node.loadConfig(file),
        (e) => {
          assert.match(e.localized('en'), /must be "[^"]+", "[^"]+"(, "[^"]+")* or "[^"]+"$/);
          assert.match(e.localized('zh-cn'), /必须是 "[^"]+"、"[^"]+"(、"[^"]+")* 或 "[^"]+"$/);
          return true;
        },
      );
    });

    it('BaselineFileError: not JSON, not a baseline', () => {
      const file = path.join(dir, 'b.json');
      fs.writeFileSync(file, '{ "id": "x" }');
      assert.throws(
        () => node.loadBaselineFile(file),
        (e) => {
          const en = 'not a baseline file (no id or no targets; see baseline.schema.json)';
          expectBoth(e, `${file}: ${en}`, `${file}: ${ZH[en]}`);
          return true;
        },
      );
    });

    it('the CLI prints them in the run language (a baseline file that is not one)', () => {
      fs.rmSync(path.join(dir, '.planlintrc.json'), { force: true });
      const file = path.join(dir, 'b.json');
      fs.writeFileSync(file, '[]');
      const cli = path.join(ROOT, 'dist', 'cli.js');
      const plan = path.join(dir, 'plan.txt');
      fs.writeFileSync(plan, '一、儿童与健康\n');
      const en = 'not a baseline file (no id or no targets; see baseline.schema.json)';
      const run = (...extra) =>
        spawnSync(process.execPath, [cli, 'check', '--upstream', file, ...extra, plan], { encoding: 'utf8' });
      const zhRun = run('--locale', 'zh-cn');
      assert.equal(zhRun.status, 2);
      assert.equal(zhRun.stderr, `planlint: ${file}: ${ZH[en]}\n`);
      const enRun = run('--locale', 'en');
      assert.equal(enRun.status, 2);
      assert.equal(enRun.stderr, `planlint: ${file}: ${en}\n`);
    });
  });
});
