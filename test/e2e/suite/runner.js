// Runs mocha test files inside the VS Code extension host (the `run()` of an extensionTestsPath module)
// and writes a JSON summary to $PLANLINT_E2E_RESULT for test/e2e/run.mjs.
'use strict';
const fs = require('fs');
const path = require('path');
const { Mocha } = require('mocha');

exports.runFiles = async function runFiles(files, { rootHooks } = {}) {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec', ...(rootHooks ? { rootHooks } : {}) });
  if (process.env.PLANLINT_E2E_GREP) mocha.grep(process.env.PLANLINT_E2E_GREP);
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const failed = [];
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
    runner.on('fail', (test, err) =>
      failed.push({ title: test.fullTitle(), error: String((err && err.message) || err).slice(0, 500) }),
    );
  });
  const result = { passes: stats.passes, failures: stats.failures, pending: stats.pending, tests: stats.tests, failed };
  if (process.env.PLANLINT_E2E_RESULT) fs.writeFileSync(process.env.PLANLINT_E2E_RESULT, JSON.stringify(result, null, 2));
  if (stats.failures > 0) throw new Error(`${stats.failures} of ${stats.tests} e2e tests failed`);
};

exports.filesIn = (dir) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
