// .planlintrc.json: parsing (JSONC), validation errors, discovery, merging, ignore entries, schema.
// Needs dist/node.js: `node esbuild.mjs node`.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Ajv = require('ajv');
const jsonc = require('jsonc-parser');
const {
  defaultConfig,
  findConfigFile,
  parseConfigText,
  loadConfig,
  mergeConfig,
  addIgnoreEntry,
  addIgnoreEntryEdits,
  isIgnored,
  isUpstreamId,
  ConfigError,
  CONFIG_RULE_IDS,
  CONFIG_RULE_NAMES,
  CONFIG_SECTIONS,
  CONFIG_KEYS,
  CONFIG_RULE_LEVELS,
  CONFIG_LOCALES,
  CONFIG_FILE_NAME,
} = require('../../dist/node.js');

const FIX = path.join(__dirname, '..', 'fixtures', 'config');
const PROJECT = path.join(FIX, 'project');
const SCHEMA = require('../../schemas/planlintrc.schema.json');

/** Asserts a one-line ConfigError naming the file and (when given) the key. */
function assertConfigError(fn, file, key, cause) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e && e.name}: ${e && e.message}`);
    assert.ok(!e.message.includes('\n'), JSON.stringify(e.message));
    assert.ok(e.message.startsWith(`${file}: `), e.message);
    if (key) {
      assert.equal(e.key, key);
      assert.ok(e.message.startsWith(`${file}: ${key}: `), e.message);
    }
    if (cause) assert.match(e.message, cause);
    return true;
  });
}

let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-config-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('defaultConfig / parseConfigText', () => {
  const F = '/proj/.planlintrc.json';

  it('defaults to the national baseline, no rule changes, no ignores', () => {
    assert.deepEqual(defaultConfig(), { upstream: ['national'], rules: {}, ignore: [] });
    assert.notEqual(defaultConfig().upstream, defaultConfig().upstream, 'a fresh object each time');
  });

  it('accepts comments and trailing commas', () => {
    const text = `// top comment
{
  /* block */ "$schema": "./schemas/planlintrc.schema.json",
  "upstream": ["national", "provincial-gd",], // two ids
  "rules": { "numbering-style": "info", "missing-target": "off", },
  "ignore": [ { "rule": "missing-domain", "text": "  七、儿童与法律保护  ", }, ],
  "locale": "en",
}
`;
    assert.deepEqual(parseConfigText(text, F), {
      upstream: ['national', 'provincial-gd'],
      rules: { 'numbering-style': 'info', 'missing-target': 'off' },
      ignore: [{ rule: 'missing-domain', text: '七、儿童与法律保护' }],
      locale: 'en',
    });
  });

  it('empty text or comments only → the defaults', () => {
    assert.deepEqual(parseConfigText('', F), defaultConfig());
    assert.deepEqual(parseConfigText('// nothing yet\n', F), defaultConfig());
  });

  it('resolves relative upstream paths against the config folder; ids stay ids', () => {
    const c = parseConfigText(
      '{ "upstream": ["national", "up/city.txt", "../shared/省规划.md", "/abs/plan.markdown", "plan.TXT", "shi-2021"] }',
      '/proj/sub/.planlintrc.json',
    );
    assert.deepEqual(c.upstream, [
      'national',
      path.resolve('/proj/sub/up/city.txt'),
      path.resolve('/proj/shared/省规划.md'),
      path.resolve('/abs/plan.markdown'),
      path.resolve('/proj/sub/plan.TXT'),
      'shi-2021',
    ]);
    assert.equal(isUpstreamId('national'), true);
    assert.equal(isUpstreamId('a\\b'), false);
    assert.equal(isUpstreamId('city.md'), false);
  });

  it('unknown rule id → names rules.<id> and lists the known ids', () => {
    assertConfigError(
      () => parseConfigText('{ "rules": { "weaker-tagret": "off" } }', F),
      F,
      'rules.weaker-tagret',
      new RegExp(`unknown rule id \\(.*known: ${CONFIG_RULE_IDS.join(', ')}\\)$`),
    );
    assertConfigError(
      () => parseConfigText('{ "rules": { "weaker-tagret": "off" } }', F),
      F,
      'rules.weaker-tagret',
      /did you mean "weaker-target"/,
    );
    assertConfigError(
      () => parseConfigText('{ "rules": { "zzz": "off" } }', F),
      F,
      'rules.zzz',
      /: unknown rule id \(known: missing-domain, /,
    );
  });

  it('bad rule level → names the rule', () => {
    assertConfigError(
      () => parseConfigText('{ "rules": { "numbering-gap": "fatal" } }', F),
      F,
      'rules.numbering-gap',
      /must be "error", "warning", "info" or "off"$/,
    );
    assertConfigError(() => parseConfigText('{ "rules": { "numbering-gap": 2 } }', F), F, 'rules.numbering-gap');
    assertConfigError(() => parseConfigText('{ "rules": [] }', F), F, 'rules', /must be an object$/);
  });

  it('upstream[1] not a string → names upstream[1]', () => {
    assertConfigError(
      () => parseConfigText('{ "upstream": ["national", 3] }', F),
      F,
      'upstream[1]',
      /: upstream\[1\]: must be a string$/,
    );
    assertConfigError(() => parseConfigText('{ "upstream": "national" }', F), F, 'upstream', /must be an array$/);
    assertConfigError(() => parseConfigText('{ "upstream": ["  "] }', F), F, 'upstream[0]', /must not be empty$/);
  });

  it('ignore entry without indicator or text → names ignore[i]', () => {
    assertConfigError(
      () => parseConfigText('{ "ignore": [ { "rule": "weaker-target", "reason": "ok" } ] }', F),
      F,
      'ignore[0]',
      /: ignore\[0\]: needs "rule" and "indicator" or "text"$/,
    );
    assertConfigError(
      () => parseConfigText('{ "ignore": [ { "rule": "weaker-target", "indicator": "x" }, { "indicator": "x" } ] }', F),
      F,
      'ignore[1]',
      /needs "rule"/,
    );
    assertConfigError(
      () => parseConfigText('{ "ignore": [ { "rule": "weaker-tagret", "indicator": "x" } ] }', F),
      F,
      'ignore[0].rule',
      /unknown rule id/,
    );
    assertConfigError(
      () => parseConfigText('{ "ignore": [ { "rule": "weaker-target", "indicater": "x" } ] }', F),
      F,
      'ignore[0].indicater',
      /unknown key/,
    );
    assertConfigError(
      () => parseConfigText('{ "ignore": [ { "rule": "weaker-target", "indicator": 5 } ] }', F),
      F,
      'ignore[0].indicator',
      /must be a string$/,
    );
    assertConfigError(() => parseConfigText('{ "ignore": [ "weaker-target" ] }', F), F, 'ignore[0]', /must be an object$/);
  });

  it('JSON syntax error → line:column and the parser code', () => {
    const text = '{\n  "rules": {\n    "numbering-gap": "off"\n  \n';
    assertConfigError(
      () => parseConfigText(text, F),
      F,
      null,
      /^\/proj\/\.planlintrc\.json: \d+:\d+: JSON syntax error \(CloseBraceExpected\)$/,
    );
    assertConfigError(
      () => parseConfigText('{\n  "a": 1\n  "b": 2\n}', F),
      F,
      null,
      /: 3:3: JSON syntax error \(CommaExpected\)$/,
    );
    try {
      parseConfigText('{\n  "a": 1\n  "b": 2\n}', F);
    } catch (e) {
      assert.equal(e.line, 3);
      assert.equal(e.column, 3);
      assert.equal(e.localized('zh-cn'), `${F}: 3:3: JSON 语法错误（CommaExpected）`);
    }
  });

  it('unknown top-level key → names it; locale and top-level type are checked', () => {
    assertConfigError(
      () => parseConfigText('{ "upsteam": ["national"] }', F),
      F,
      'upsteam',
      /unknown key \(known: \$schema, upstream, rules, ignore, locale\)$/,
    );
    assertConfigError(() => parseConfigText('{ "locale": "zh-CN" }', F), F, 'locale', /must be "zh-cn" or "en"$/);
    assertConfigError(() => parseConfigText('["national"]', F), F, null, /top level must be an object/);
    assertConfigError(() => parseConfigText('{ "rules": {}, "rules": {} }', F), F, 'rules', /duplicate key$/);
  });

  it('points at the offending node (line, column) for the language server', () => {
    try {
      parseConfigText('{\n  "rules": {\n    "weaker-tagret": "off"\n  }\n}', F);
      assert.fail('should throw');
    } catch (e) {
      assert.equal(e.line, 3);
      assert.equal(e.column, 5);
      assert.match(e.localized('zh-cn'), /rules\.weaker-tagret: 未知的规则 id/);
    }
  });
});

describe('findConfigFile / loadConfig', () => {
  it('walks up from a nested folder to the project config', () => {
    const nested = path.join(PROJECT, 'drafts', '2025');
    assert.ok(fs.existsSync(path.join(nested, 'draft.txt')));
    assert.equal(findConfigFile(nested), path.join(PROJECT, CONFIG_FILE_NAME));
    assert.equal(findConfigFile(PROJECT), path.join(PROJECT, CONFIG_FILE_NAME));
  });

  it('returns null when no folder up to the root has one', () => {
    const deep = path.join(tmp, 'a', 'b', 'c');
    fs.mkdirSync(deep, { recursive: true });
    // Guard: the test is meaningless if a config sits above the temp folder.
    let d = tmp;
    for (;;) {
      if (fs.existsSync(path.join(d, CONFIG_FILE_NAME))) return;
      if (path.dirname(d) === d) break;
      d = path.dirname(d);
    }
    assert.equal(findConfigFile(deep), null);
    fs.writeFileSync(path.join(tmp, 'a', CONFIG_FILE_NAME), '{}');
    assert.equal(findConfigFile(deep), path.join(tmp, 'a', CONFIG_FILE_NAME));
  });

  it('loads the fixture config with its relative upstream path resolved', () => {
    const c = loadConfig(path.join(PROJECT, CONFIG_FILE_NAME));
    assert.deepEqual(c.upstream, ['national', path.join(PROJECT, 'upstream', 'city-plan.txt')]);
    assert.ok(fs.existsSync(c.upstream[1]));
    assert.deepEqual(c.rules, { 'numbering-style': 'warning', 'missing-target': 'off' });
    assert.deepEqual(c.ignore, [{ rule: 'weaker-target', indicator: '婴儿死亡率', reason: '区级目标经审定' }]);
    assert.equal(c.locale, 'zh-cn');
  });

  it('read errors become a one-line ConfigError', () => {
    const missing = path.join(tmp, 'nope', CONFIG_FILE_NAME);
    assertConfigError(() => loadConfig(missing), missing, null, /: no such file$/);
    assertConfigError(() => loadConfig(tmp), tmp, null, /: is a directory$/);
  });
});

describe('mergeConfig', () => {
  it('replaces upstream when given, merges rules, concatenates ignore, keeps inputs intact', () => {
    const base = {
      upstream: ['national'],
      rules: { 'numbering-gap': 'warning', 'missing-target': 'off' },
      ignore: [{ rule: 'weaker-target', indicator: 'a' }],
      locale: 'zh-cn',
    };
    const snapshot = JSON.stringify(base);
    const m = mergeConfig(base, {
      upstream: ['/x/city.txt'],
      rules: { 'missing-target': 'error' },
      ignore: [{ rule: 'missing-domain', text: 't' }],
    });
    assert.deepEqual(m, {
      upstream: ['/x/city.txt'],
      rules: { 'numbering-gap': 'warning', 'missing-target': 'error' },
      ignore: [
        { rule: 'weaker-target', indicator: 'a' },
        { rule: 'missing-domain', text: 't' },
      ],
      locale: 'zh-cn',
    });
    assert.equal(JSON.stringify(base), snapshot);
    assert.deepEqual(mergeConfig(base, {}).upstream, ['national']);
    assert.equal(mergeConfig(base, { locale: 'en' }).locale, 'en');
  });
});

describe('addIgnoreEntry', () => {
  const F = '/proj/.planlintrc.json';
  const entry = { rule: 'weaker-target', indicator: '婴儿死亡率', reason: '区级目标经审定' };

  it('appends to an existing ignore list, keeping comments and formatting', () => {
    const text = `{
    // 上级规划
    "upstream": ["national"],
    "ignore": [
        { "rule": "missing-domain", "text": "七、儿童与法律保护" } // kept
    ]
}
`;
    const out = addIgnoreEntry(text, entry);
    assert.ok(out.includes('// 上级规划'));
    assert.ok(out.includes('// kept'));
    assert.ok(out.startsWith('{\n    // 上级规划\n    "upstream": ["national"],'), out);
    // The comment stays on the line of the entry it belongs to; the new entry gets a line of its own.
    assert.ok(out.includes('\n        { "rule": "missing-domain", "text": "七、儿童与法律保护" }, // kept\n'), out);
    assert.ok(
      out.includes('\n        { "rule": "weaker-target", "indicator": "婴儿死亡率", "reason": "区级目标经审定" }\n    ]\n}\n'),
      out,
    );
    const c = parseConfigText(out, F);
    assert.deepEqual(c.ignore, [{ rule: 'missing-domain', text: '七、儿童与法律保护' }, entry]);
    assert.deepEqual(c.upstream, ['national']);
  });

  it('creates the "ignore" key when missing, after a trailing comma and comments', () => {
    const text = '// project config\n{\n  "rules": { "numbering-style": "info", }, // lenient\n}\n';
    const out = addIgnoreEntry(text, { rule: 'numbering-gap', text: '  （四）儿童与福利  ' });
    assert.ok(
      out.startsWith('// project config\n{\n  "rules": { "numbering-style": "info", }, // lenient\n  "ignore": [\n'),
      out,
    );
    const c = parseConfigText(out, F);
    assert.deepEqual(c.ignore, [{ rule: 'numbering-gap', text: '（四）儿童与福利' }]);
    assert.deepEqual(c.rules, { 'numbering-style': 'info' });
  });

  it('fills an empty list that holds a comment, keeping the comment first', () => {
    const out = addIgnoreEntry('{\n  "ignore": [ // none yet\n  ]\n}\n', entry);
    assert.ok(out.startsWith('{\n  "ignore": [ // none yet\n    { "rule": "weaker-target", '), out);
    assert.deepEqual(parseConfigText(out, F).ignore, [entry]);
  });

  it('creates the whole object from empty text', () => {
    for (const text of ['', '  \n']) {
      const out = addIgnoreEntry(text, entry);
      assert.deepEqual(parseConfigText(out, F).ignore, [entry]);
      assert.ok(out.endsWith('\n'));
    }
    const commented = '// 忽略的问题写在这里\n';
    const out = addIgnoreEntry(commented, entry);
    assert.ok(out.startsWith(commented));
    assert.deepEqual(parseConfigText(out, F).ignore, [entry]);
  });

  it('keeps CRLF line endings and does not add an entry twice', () => {
    const text = '{\r\n  "ignore": []\r\n}\r\n';
    const once = addIgnoreEntry(text, entry);
    assert.ok(!/[^\r]\n/.test(once), JSON.stringify(once));
    assert.equal(addIgnoreEntry(once, entry), once);
    assert.deepEqual(addIgnoreEntryEdits(once, entry), []);
    assert.deepEqual(parseConfigText(once, F).ignore, [entry]);
  });

  it('returns jsonc-parser edits that applyEdits turns into the same text', () => {
    const text = '{\n  // c\n  "upstream": ["national"]\n}\n';
    const edits = addIgnoreEntryEdits(text, entry);
    assert.ok(edits.length >= 1);
    for (const e of edits) {
      assert.equal(typeof e.offset, 'number');
      assert.equal(typeof e.length, 'number');
      assert.equal(typeof e.content, 'string');
    }
    assert.equal(jsonc.applyEdits(text, edits), addIgnoreEntry(text, entry));
  });

  it('refuses text that is not valid JSONC or whose ignore is not a list', () => {
    assertConfigError(() => addIgnoreEntry('{ "ignore": [ }', entry, F), F, null, /JSON syntax error/);
    assertConfigError(() => addIgnoreEntry('{ "ignore": {} }', entry, F), F, 'ignore', /must be an array$/);
  });
});

describe('isIgnored', () => {
  const entries = [
    { rule: 'weaker-target', indicator: '婴儿死亡率' },
    { rule: 'numbering-gap', text: '（四）儿童与福利。' },
  ];
  it('matches on rule + indicator', () => {
    assert.equal(isIgnored(entries, { rule: 'weaker-target', indicator: '婴儿死亡率' }), true);
    assert.equal(isIgnored(entries, { rule: 'missing-target', indicator: '婴儿死亡率' }), false);
    assert.equal(isIgnored(entries, { rule: 'weaker-target', indicator: '孕产妇死亡率' }), false);
    assert.equal(isIgnored(entries, { rule: 'weaker-target' }), false);
  });
  it('matches on rule + trimmed line text', () => {
    assert.equal(isIgnored(entries, { rule: 'numbering-gap', lineText: '   （四）儿童与福利。 ' }), true);
    assert.equal(isIgnored(entries, { rule: 'numbering-gap', lineText: '（五）儿童与家庭。' }), false);
    assert.equal(isIgnored(entries, { rule: 'numbering-style', lineText: '（四）儿童与福利。' }), false);
    assert.equal(isIgnored([], { rule: 'numbering-gap', lineText: '' }), false);
  });
});

describe('schemas/planlintrc.schema.json', () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(SCHEMA);

  it('is draft-07, closed, and lists exactly CONFIG_RULE_IDS', () => {
    assert.equal(SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(SCHEMA.additionalProperties, false);
    assert.deepEqual(Object.keys(SCHEMA.properties.rules.properties), CONFIG_RULE_NAMES);
    assert.deepEqual(SCHEMA.properties.ignore.items.properties.rule.enum, CONFIG_RULE_NAMES);
    // the registry's ids (the schema's list is generated from it by `npm run gen`), then their aliases
    assert.deepEqual(CONFIG_RULE_IDS, [...require('../../dist/core.js').RULE_IDS]);
    assert.deepEqual(CONFIG_RULE_NAMES.slice(0, CONFIG_RULE_IDS.length), CONFIG_RULE_IDS);
  });

  it('the validator reads the schema: a reader for each top-level key, its keys, levels and locales', () => {
    assert.deepEqual(Object.keys(CONFIG_SECTIONS).sort(), Object.keys(SCHEMA.properties).sort());
    assert.deepEqual(CONFIG_KEYS, Object.keys(SCHEMA.properties));
    assert.deepEqual(CONFIG_RULE_LEVELS, SCHEMA.definitions.level.enum);
    assert.deepEqual(CONFIG_LOCALES, SCHEMA.properties.locale.enum);
    // every example of the schema is a valid configuration
    for (const example of SCHEMA.properties.upstream.examples) {
      assert.deepEqual(
        parseConfigText(JSON.stringify({ upstream: example }), '/p/.planlintrc.json').upstream.length,
        example.length,
      );
    }
  });

  it('has Chinese and English descriptions', () => {
    const descs = [];
    (function walk(o) {
      if (o && typeof o === 'object') {
        if (typeof o.description === 'string') descs.push(o.description);
        for (const v of Object.values(o)) walk(v);
      }
    })(SCHEMA);
    assert.ok(descs.length >= 15);
    for (const d of descs) {
      assert.match(d, /[\u4e00-\u9fff]/, d);
      assert.match(d, /\n[A-Z][A-Za-z -]+/, d);
    }
  });

  const valid = [
    {},
    { $schema: './schemas/planlintrc.schema.json', upstream: ['national', '../市规划.txt'] },
    { rules: { 'weaker-target': 'error', 'numbering-level': 'off' }, locale: 'en' },
    {
      ignore: [
        { rule: 'missing-target', indicator: '婴儿死亡率', reason: '已审定' },
        { rule: 'numbering-gap', text: '（四）' },
      ],
    },
  ];
  const invalid = [
    { upsteam: ['national'] },
    { upstream: ['national', 3] },
    { upstream: 'national' },
    { rules: { 'weaker-tagret': 'off' } },
    { rules: { 'weaker-target': 'fatal' } },
    { ignore: [{ rule: 'weaker-target', reason: 'no match key' }] },
    { ignore: [{ indicator: 'x' }] },
    { ignore: [{ rule: 'weaker-target', indicator: 'x', extra: 1 }] },
    { ignore: [{ rule: 'weaker-target', indicator: '' }] },
    { locale: 'fr' },
  ];

  for (const sample of valid) {
    it(`accepts ${JSON.stringify(sample)} (and so does parseConfigText)`, () => {
      assert.equal(validate(sample), true, JSON.stringify(validate.errors));
      parseConfigText(JSON.stringify(sample), '/p/.planlintrc.json');
    });
  }
  for (const sample of invalid) {
    it(`rejects ${JSON.stringify(sample)} (and so does parseConfigText)`, () => {
      assert.equal(validate(sample), false);
      assert.throws(() => parseConfigText(JSON.stringify(sample), '/p/.planlintrc.json'), ConfigError);
    });
  }

  it('accepts the fixture config (after stripping comments)', () => {
    const text = fs.readFileSync(path.join(PROJECT, CONFIG_FILE_NAME), 'utf8');
    const data = jsonc.parse(text, [], { allowTrailingComma: true });
    assert.equal(validate(data), true, JSON.stringify(validate.errors));
  });
});
