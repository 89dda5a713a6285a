'use strict';
// The language server process dies: the client restarts it, says so, and findings come back. Also the ways
// a CI run lost the server for good (no message, no restart, the next suites failing with "not running"):
// a server killed while VS Code keeps writing to it, killed while starting, killed while being restarted.
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
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

/** The client's own server process (not any process that looks like one). */
function serverProcess(a) {
  const p = a.client.serverProcess;
  assert.ok(p && p.pid, 'the client has a server process');
  return p;
}

/** Resolves with the client's server process once it is one other than `old` (a restart has forked it). */
async function newServerProcess(a, old, what) {
  const end = Date.now() + 30000;
  for (;;) {
    const p = a.client.serverProcess;
    if (p && p.pid && p.pid !== old && p.exitCode === null && p.signalCode === null) return p;
    if (Date.now() > end) assert.fail(`no new server process ${what}`);
    await sleep(5);
  }
}

/** Kills the process and resolves when it has exited (not when the client has noticed). */
function kill(p) {
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  return exited;
}

async function findingsBack(a, uri, what) {
  await a.ready();
  assert.strictEqual(a.client.isRunning(), true, `running ${what}`);
  const pids = serverPids();
  assert.strictEqual(pids.length, 1, `one server process ${what} (${pids})`);
  assert.strictEqual(pids[0], a.client.serverProcess.pid, `it is the client's server ${what}`);
  // started with the server environment (server/src/node/server-env.ts), restarts included
  const environ = fs.readFileSync(`/proc/${pids[0]}/environ`, 'utf8').split('\0');
  const want = `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`;
  assert.ok(environ.includes(want), `the server's environment has ${want} ${what}`);
  await vscode.commands.executeCommand('planlint.checkDocument', uri);
  await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'missing-domain'), `findings ${what}`);
}

async function messageAfter(a, before, what) {
  const end = Date.now() + 30000;
  while (Date.now() < end && a.crashMessages.length === before) await sleep(50);
  assert.strictEqual(a.crashMessages.length, before + 1, `one message was shown ${what}: ${a.crashMessages.slice(before)}`);
  assert.match(a.crashMessages[before], /重启|restart/i);
}

describe('server crash', () => {
  let a;
  let uri;
  before(async function () {
    if (process.platform === 'win32') this.skip();
    a = await api();
    ({ uri } = await open('jinlin/jinlin-district-2021-2025_m1.txt'));
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'missing-domain'), 'findings');
  });

  it('restarts the server after a crash and tells the user', async () => {
    const pids = serverPids();
    assert.strictEqual(pids.length, 1, `one server process (${pids})`);
    const before = a.crashMessages.length;
    process.kill(pids[0], 'SIGKILL');
    await messageAfter(a, before, 'after SIGKILL');
    await findingsBack(a, uri, 'from the new server');
    assert.notStrictEqual(a.client.serverProcess.pid, pids[0], 'a new server process');
  });

  it('restarts a server killed while the extension host is busy and VS Code keeps writing to it', async () => {
    // What a CI run hit: the server was killed, the extension host did not get to the close of its channel
    // before VS Code wrote to it again, every failed write (EPIPE) was a connection error, and the client
    // shut itself down before handling the close (no message, no restart; later suites: "not running").
    const p = serverProcess(a);
    const before = a.crashMessages.length;
    const c = a.client;
    p.kill('SIGKILL');
    // dead (a zombie until this process reaps it, which needs the event loop we hold), then busy for a while
    // as a loaded extension host is: the close is not seen yet, the writes below fail
    const stat = () => {
      try {
        return fs.readFileSync(`/proc/${p.pid}/stat`, 'utf8').split(') ')[1][0];
      } catch {
        return 'gone';
      }
    };
    while (stat() !== 'Z' && stat() !== 'gone');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    for (let i = 0; i < 3; i++) c.sendNotification('workspace/didChangeConfiguration', { settings: null }).catch(() => undefined);
    await messageAfter(a, before, 'after failed writes to a killed server');
    await findingsBack(a, uri, 'after failed writes to a killed server');
    assert.notStrictEqual(a.client.serverProcess.pid, p.pid, 'a new server process');
  });

  it('restarts a server killed while a check is in flight; the check completes on the restarted server', async () => {
    const p = serverProcess(a);
    const before = a.crashMessages.length;
    const check = Promise.resolve(vscode.commands.executeCommand('planlint.checkDocument', uri));
    await kill(p);
    const res = await check;
    assert.ok(res && res.files === 1, `the check's result (${JSON.stringify(res)})`);
    await messageAfter(a, before, 'after a kill during a check');
    await findingsBack(a, uri, 'after a kill during a check');
  });

  for (let round = 1; round <= 3; round++) {
    it(`a server killed right after "Restart the language server" is restarted (round ${round}: while stopping, while starting)`, async () => {
      // killed while the restart stops it: the restart still ends with a running server
      let p = serverProcess(a);
      const restarting = vscode.commands.executeCommand('planlint.restartServer');
      await kill(p);
      await restarting;
      await findingsBack(a, uri, `after a kill while stopping (round ${round})`);
      // killed as soon as the restart has forked the new server (it is starting): a message, then a server
      p = serverProcess(a);
      const before = a.crashMessages.length;
      const again = Promise.resolve(vscode.commands.executeCommand('planlint.restartServer'));
      const fresh = await newServerProcess(a, p.pid, 'after planlint.restartServer');
      await kill(fresh);
      await again;
      await messageAfter(a, before, `after a kill while starting (round ${round})`);
      await findingsBack(a, uri, `after a kill while starting (round ${round})`);
    });
  }

  it('editor requests sent while the server restarts get empty answers, not errors (no "provider FAILED")', async () => {
    // A CI run logged "provider FAILED … Starting server failed" from provideCodeActions: VS Code asked while the
    // server was being restarted. The run fails on any extension host error, so this test asserts through it too.
    await vscode.commands.executeCommand('planlint.restartServer'); // a fresh crash budget
    await findingsBack(a, uri, 'after a restart');
    const p = serverProcess(a);
    const before = a.crashMessages.length;
    const range = new vscode.Range(5, 0, 5, 4);
    const position = new vscode.Position(5, 2);
    let asked = 0;
    let done = false;
    const ask = (async () => {
      while (!done) {
        const answers = await Promise.all([
          vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range),
          vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position),
          vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri),
        ]);
        assert.ok(Array.isArray(answers[1]), 'hovers are a list (maybe empty) while the server restarts');
        asked++;
        await sleep(10);
      }
    })();
    p.kill('SIGKILL');
    await messageAfter(a, before, 'after a kill under editor requests');
    await a.ready();
    // and a server killed as soon as a restart has forked it: requests wait on a start that fails
    for (let round = 0; round < 2; round++) {
      const old = serverProcess(a);
      const losses = a.crashMessages.length;
      const again = Promise.resolve(vscode.commands.executeCommand('planlint.restartServer'));
      await kill(await newServerProcess(a, old.pid, 'after planlint.restartServer'));
      await again;
      await messageAfter(a, losses, `after a kill while starting under editor requests (${round + 1})`);
      await a.ready();
    }
    await sleep(500);
    done = true;
    await ask;
    assert.ok(asked > 0, 'the editor asked while the server restarted');
    await findingsBack(a, uri, 'after a kill under editor requests');
  });
});
