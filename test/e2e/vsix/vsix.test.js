'use strict';
// PlanLint installed from dist/planlint.vsix (code-server/VS Code --install-extension), VS Code in English.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { EXT_ID, api, open, codeOf, waitForDiagnostics, mutantLabels } = require('../suite/helpers');

describe('the packaged VSIX', () => {
  it('is installed from the VSIX, not loaded from the source folder', () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, 'installed');
    const root = process.env.PLANLINT_E2E_ROOT;
    assert.notStrictEqual(path.resolve(ext.extensionPath), path.resolve(root));
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'no node_modules in the package');
    for (const f of [
      'dist/extension.js',
      'dist/server.js',
      'dist/cli.js',
      'dist/native/nodejieba.node',
      'package.nls.zh-cn.json',
      'l10n/bundle.l10n.zh-cn.json',
    ]) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), `${f} is in the package`);
    }
    console.log(`installed at ${ext.extensionPath}, version ${ext.packageJSON.version}`);
  });

  it('activates and shows diagnostics (English in an English VS Code)', async () => {
    assert.strictEqual(vscode.env.language, 'en');
    const a = await api();
    assert.strictEqual(a.client.isRunning(), true);
    const name = 'jinlin-district-2021-2025_m1';
    const domain = mutantLabels(name).injected.missing_domain.domain;
    const { uri } = await open(`jinlin/${name}.txt`);
    const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'missing-domain'), 'missing-domain', 60000);
    const md = diags.find((d) => codeOf(d) === 'missing-domain');
    assert.ok(md.message.includes(domain), md.message);
    assert.match(md.message, /domain/i, `an English message: ${md.message}`);
    assert.match(md.message, /^[A-Z][a-z]+ /, `an English sentence (names of plans and domains stay Chinese): ${md.message}`);
  });
});
