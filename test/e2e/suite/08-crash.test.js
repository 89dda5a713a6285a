'use strict';
// The language server process dies: the client restarts it, says so, and findings come back.
const assert = require('assert');
const { execFileSync } = require('child_process');
const vscode = require('vscode');
const { api, open, codeOf, waitForDiagnostics, sleep } = require('./helpers');

function serverPids() {
  // the server is forked by this extension host process (TransportKind.ipc)
  let out;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter((l) => /dist[\\/]server\.js/.test(l) && /--node-ipc/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('server crash', () => {
  it('restarts the server after a crash and tells the user', async function () {
    if (process.platform === 'win32') this.skip();
    const a = await api();
    const { uri } = await open('jinlin/jinlin-district-2021-2025_m1.txt');
    const pids = serverPids();
    assert.strictEqual(pids.length, 1, `one server process (${pids})`);
    const before = a.crashMessages.length;
    process.kill(pids[0], 'SIGKILL');
    const end = Date.now() + 20000;
    while (Date.now() < end && (a.crashMessages.length === before || !a.client.isRunning())) await sleep(200);
    assert.strictEqual(a.crashMessages.length, before + 1, 'a message was shown');
    assert.match(a.crashMessages[before], /重启|restart/i);
    await a.ready();
    const now = serverPids();
    assert.ok(now.length === 1 && now[0] !== pids[0], `a new server process (${now})`);
    await vscode.commands.executeCommand('planlint.checkDocument', uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'missing-domain'), 'findings from the new server');
  });
});
