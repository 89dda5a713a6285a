'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { EXT_ID, api, contributedCommands } = require('./helpers');

describe('activation', () => {
  it('activates, starts the bundled language server over IPC and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, 'PlanLint is loaded');
    const a = await api();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(a.client.isRunning(), true, 'the language client is running');
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed = contributedCommands();
    assert.ok(contributed.length >= 6, `contributes.commands lists the commands (${contributed})`);
    for (const c of contributed) assert.ok(all.has(c), `command ${c} is registered`);
    console.log(`VS Code ${vscode.version}, env.language ${vscode.env.language}, extension host Node ${process.version}`);
  });

  it('sees the display language the workbench runs in (zh-cn for this suite)', () => {
    assert.strictEqual(vscode.env.language, 'zh-cn');
  });

  it('contributes the plan language and the planlint task type', async () => {
    const langs = await vscode.languages.getLanguages();
    assert.ok(langs.includes('plan'), 'language "plan" is contributed');
    const pkg = vscode.extensions.getExtension(EXT_ID).packageJSON;
    assert.ok(pkg.contributes.taskDefinitions.some((t) => t.type === 'planlint'));
    assert.ok(pkg.contributes.problemMatchers.some((m) => m.name === 'planlint'));
  });
});
