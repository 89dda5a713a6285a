// The server under an independent LSP client: Neovim's built-in one (headless), through
// scripts/nvim-lsp.sh (test/nvim/). The same diagnostics as the CLI must arrive.
// Its own stage (`npm run test:nvim`, part of `npm run test:all`): it needs Neovim, which scripts/setup.sh
// installs. Without nvim it fails, naming the command that fixes it (it is never skipped).
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { ROOT } = require('../lsp/helpers/lsp-client');
const { corpusPlans, mutantPlans, cliFindings, cliKey } = require('../lsp/helpers/fixtures');

function hasNvim() {
  try {
    execFileSync('nvim', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('lsp: under Neovim (independent client)', function () {
  this.timeout(240000); // a hang guard: each plan is bounded by its own 20 s timeout
  before(function () {
    assert.ok(hasNvim(), 'nvim not found: run scripts/setup.sh (or: apt-get install -y neovim), then npm run test:nvim');
  });

  const files = () => [...corpusPlans(), ...mutantPlans().filter((f) => /_m1\.txt$/.test(f))];

  it('each corpus plan (and a mutant per plan): Neovim receives the CLI findings, with source and code', () => {
    const list = files();
    const cli = cliFindings(list);
    for (const f of list) {
      // The server publishes the structural findings first and the full set once nodejieba is loaded; each
      // publish is followed by planlint/status, with `partial: true` for the first: wait for one without it
      // (bounded by the 20 s timeout), not for a fixed time.
      const env = { ...process.env, NLD_DONE_METHOD: 'planlint/status' };
      const r = spawnSync(path.join(ROOT, 'scripts', 'nvim-lsp.sh'), [f, '20'], { cwd: ROOT, encoding: 'utf8', env });
      assert.equal(r.status, 0, `nvim-lsp.sh ${path.basename(f)}: exit ${r.status}\n${r.stderr}`);
      const diags = r.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const got = diags.map((d) => `${d.code}:${d.line + 1}:${d.character + 1}`).sort();
      assert.deepEqual(got, cli.get(f).map(cliKey).sort(), path.basename(f));
      for (const d of diags) assert.equal(d.source, 'planlint');
    }
  });
});
