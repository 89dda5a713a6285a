// One l10n bundle serves the client, the server and the CLI: every English template they localise
// has a zh-CN translation, and the core's localize() applies it (zh-CN by default, English for en).
const assert = require('node:assert/strict');
const path = require('node:path');
const { localize, resolveLocale } = require('../../dist/core.js');

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
});
