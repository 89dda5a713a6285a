// The environment the language server is started with (server/src/node/server-env.ts): the VS Code client and
// the LSP tests add glibc's two malloc settings, keep what the user set, and pass everything else through.
'use strict';
const assert = require('node:assert');
const { serverEnv, SERVER_ENV } = require('../../dist/node.js');

describe('server environment', () => {
  it('adds the two malloc settings to an environment without them', () => {
    const env = serverEnv({ PATH: '/usr/bin', HOME: '/root' });
    assert.deepStrictEqual(env, { PATH: '/usr/bin', HOME: '/root', MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
  });
  it('keeps a value the user has set, and drops undefined entries', () => {
    const env = serverEnv({ MALLOC_ARENA_MAX: '8', GONE: undefined });
    assert.strictEqual(env.MALLOC_ARENA_MAX, '8');
    assert.strictEqual(env.MALLOC_TRIM_THRESHOLD_, '131072');
    assert.ok(!('GONE' in env));
  });
  it('cannot be changed by a caller', () => {
    assert.ok(Object.isFrozen(SERVER_ENV));
    const env = serverEnv();
    env.MALLOC_ARENA_MAX = '64';
    assert.strictEqual(serverEnv().MALLOC_ARENA_MAX, '2');
  });
  it('is what the LSP tests start the server with (as the VS Code client does)', async () => {
    const { LspClient } = require('../lsp/helpers/lsp-client');
    const c = await LspClient.start();
    try {
      const environ = require('node:fs').readFileSync(`/proc/${c.proc.pid}/environ`, 'utf8').split('\0');
      const want = `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`;
      assert.ok(environ.includes(want), `server environment lacks ${want}`);
    } finally {
      await c.stop();
    }
  });
});
