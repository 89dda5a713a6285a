// One l10n bundle serves the client, the server and the CLI: every English template they localise
// has a zh-CN translation, and the core's localize() applies it (zh-CN by default, English for en).
const assert = require('node:assert/strict');
const path = require('node:path');
const { localize, resolveLocale, translator, formatMessage, CATALOGUES, LruCache } = require('../../dist/core.js');

describe('l10n', () => {
  it('every message template of server/src and client/src has a zh-CN translation', async () => {
    const { messageKeys } = await import(path.join(__dirname, '..', '..', 'scripts', 'l10n-keys.mjs'));
    const cwd = process.cwd();
    process.chdir(path.join(__dirname, '..', '..'));
    try {
      const zh = require('../../l10n/bundle.l10n.zh-cn.json');
      const keys = messageKeys();
      assert.ok(keys.length > 50, `only ${keys.length} templates found: the scanner is broken`);
      assert.deepEqual(
        keys.filter((k) => !(k in zh)),
        [],
      );
    } finally {
      process.chdir(cwd);
    }
  });
  it('localize: zh-CN by default, English for en, placeholders filled', () => {
    const key = 'Insert a section for {0}';
    assert.equal(localize('zh-cn', key, '儿童与安全'), '插入“儿童与安全”章节');
    assert.equal(localize('en', key, '儿童与安全'), 'Insert a section for 儿童与安全');
    assert.equal(resolveLocale('en-US'), 'en');
    assert.equal(resolveLocale('zh-tw'), 'zh-cn');
    assert.equal(resolveLocale(undefined), 'zh-cn');
  });
  it('translator: the locale chosen by the caller, over the built-in catalogue or one passed in; no global state', () => {
    const key = 'Insert a section for {0}';
    const zh = translator('zh-cn');
    const en = translator('en');
    assert.equal(zh(key, '儿童与安全'), '插入“儿童与安全”章节');
    assert.equal(en(key, '儿童与安全'), 'Insert a section for 儿童与安全');
    // interleaved locales do not leak into each other (the old implementation configured one global bundle)
    assert.equal(localize('en', key, 'x'), 'Insert a section for x');
    assert.equal(zh(key, 'x'), '插入“x”章节');
    assert.equal(translator('en', { [key]: 'Section {0} here' })(key, 'y'), 'Section y here');
    assert.equal(translator('zh-cn', {})('Unknown {0} {1}', 'a'), 'Unknown a {1}');
    assert.ok(Object.isFrozen(CATALOGUES['zh-cn']));
    assert.equal(CATALOGUES['zh-cn'][key], '插入“{0}”章节');
  });
  it('formatMessage: {n} from the arguments, other braces and missing arguments left as written', () => {
    assert.equal(formatMessage('{1}/{0} {name} {2}', ['a', 3]), '3/a {name} {2}');
    assert.equal(formatMessage('{0}', []), '{0}');
    assert.equal(formatMessage('{0}{0}', ['$&']), '$&$&');
  });
});

describe('LruCache (core/cache.ts)', () => {
  it('keeps at most its bound; an entry used since the last turn-over survives the next one, an unused one goes', () => {
    const cache = new LruCache('test', 4); // two generations of 2
    cache.set('a', 1);
    cache.set('b', 2); // young full: {a, b} becomes the old generation
    assert.equal(cache.get('a'), 1); // used: back in the young generation
    cache.set('c', 3); // young {a, c} full: old {b} dropped
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, i);
      assert.ok(cache.size <= cache.capacity, `size ${cache.size} over ${cache.capacity}`);
    }
    let calls = 0;
    const make = (key) => {
      calls++;
      return key.toUpperCase();
    };
    assert.equal(cache.getOrSet('d', make), 'D');
    assert.equal(cache.getOrSet('d', make), 'D');
    assert.equal(calls, 1);
  });
});
