// Runs an extension test module (the `extensionTestsPath` of @vscode/test-electron: a module exporting
// run(): Promise<void>) in a real VS Code extension host without downloading VS Code: code-server
// (= VS Code's server + web workbench) on 127.0.0.1, its browser UI in headless Debian Chromium driven by
// playwright-core. Adapted from ../shared/tools/code-server-ext-test (same recipe, see docs/E2E.md).
//
// How: code-server runs with `--vscode-option enable-smoke-test-driver`, so the built web workbench honours
// the `payload` query parameter (extensionDevelopmentPath + extensionTestsPath) and, when run() settles,
// calls window.codeAutomationExit(code); extension-host console output arrives via window.codeAutomationLog.
// Markers a test can log (console.log in the extension host):
//   [screenshot] NAME      → SCREENSHOT_DIR/NAME.png is saved (wait ~1.5 s before moving on)
//   [ui-click] SELECTOR    → the first element matching SELECTOR in any frame (webviews too) is clicked
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];
// offline noise and workbench chatter that says nothing about the extension
const NOISE =
  /ENOTFOUND|\[AgentHost|\[ChatModelSelection\]|open-vsx|mobile\.events\.data|authentication provider|connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AccountPolicyGate\]|Could not find pty/;
const INTERNAL_FRAME = /^\s+at .*code-server\/lib\/vscode\//;

// Quiet, deterministic workbench for tests and screenshots.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.fontFamily': "'WenQuanYi Micro Hei Mono', 'Noto Sans Mono CJK SC', monospace",
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Light Modern',
};

export function toolsFrom(toolsDir) {
  const node24 = join(toolsDir, 'node24', 'node_modules', '.bin', 'node');
  const entry = join(toolsDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return existsSync(node24) && existsSync(entry)
    ? { node24, entry, bin: join(toolsDir, 'node24', 'node_modules', '.bin') }
    : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @returns {Promise<{ code: number|string, lines: string[], hostErrors?: string[] }>} code: the extension
 *   host's exit code (0 = all tests passed), 'timeout', or 'setup' when code-server or the browser could
 *   not start; hostErrors: the `[error]` lines of the extension host's log.
 */
export async function runInCodeServer(opts) {
  const {
    tools,
    devPath,
    testsPath,
    workspace,
    timeoutS = 900,
    locale,
    screenshotDir,
    installVsix,
    languagePack,
    failureShot,
    env = {},
    log = console.log,
  } = opts;
  const tmp = mkdtempSync(join(tmpdir(), 'planlint-e2e-'));
  const ud = join(tmp, 'ud');
  const ext = join(tmp, 'ext');
  for (const d of [join(ud, 'User'), join(ud, 'Machine'), ext]) mkdirSync(d, { recursive: true });
  writeFileSync(join(ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(ud, 'Machine', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(tmp, 'config.yaml'), '');
  const childEnv = {
    ...process.env,
    ...env,
    PATH: `${tools.bin}:${process.env.PATH}`,
    // keep code-server's ~/.local/share/code-server and Chromium's ~/.config/chromium out of $HOME
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
  };
  const common = ['--config', join(tmp, 'config.yaml'), '--user-data-dir', ud, '--extensions-dir', ext];
  const lines = [];
  const out = (...a) => {
    const s = format(...a);
    lines.push(s);
    log(s);
  };

  if (languagePack) {
    // What installing a language pack leaves in the user data dir; with it `--locale` takes effect
    // (vscode.env.language === locale). The pack's translations are empty: the UI stays English.
    const packs = {
      [locale]: {
        hash: 'e2e',
        extensions: [{ extensionIdentifier: { id: 'planlint-tests.empty-language-pack' }, version: '0.0.1' }],
        translations: { vscode: languagePack },
        label: locale,
      },
    };
    writeFileSync(join(ud, 'languagepacks.json'), JSON.stringify(packs));
  }
  if (installVsix) {
    const t0 = Date.now();
    const r = spawnSync(tools.node24, [tools.entry, ...common, '--install-extension', installVsix], {
      env: childEnv,
      encoding: 'utf8',
    });
    const msg = `${r.stdout}${r.stderr}`
      .split('\n')
      .filter((l) => l.trim() && !NOISE.test(l))
      .join('\n');
    out(`[e2e] code-server --install-extension ${installVsix}: exit ${r.status} in ${Date.now() - t0} ms\n${msg}`);
    if (r.status !== 0 || !readdirSync(ext).some((d) => d.startsWith('planlint.planlint-'))) {
      rmSync(tmp, { recursive: true, force: true });
      return { code: 'setup', lines };
    }
  }

  const port = await freePort();
  const args = [
    tools.entry,
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--reconnection-grace-time',
    '5',
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  if (locale) args.push('--locale', locale);
  const csLog = [];
  // detached: its own process group, so cleanup ends code-server and its extension hosts together
  const cs = spawn(tools.node24, args, { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  cs.stdout.on('data', (d) => csLog.push(String(d)));
  cs.stderr.on('data', (d) => csLog.push(String(d)));
  let csExited = false;
  cs.on('exit', () => (csExited = true));

  let browser;
  let udd;
  const stop = async () => {
    try {
      await browser?.close();
    } catch {
      /* already gone */
    }
    if (udd) rmSync(udd, { recursive: true, force: true });
    if (!csExited) {
      try {
        process.kill(-cs.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      for (let i = 0; i < 20 && !csExited; i++) await sleep(100);
      if (!csExited) {
        try {
          process.kill(-cs.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  };

  try {
    // start-up waits are bounded by the suite's hang guard, not by a guess of how fast a machine is
    const deadline = Date.now() + timeoutS * 1000;
    let healthy = false;
    while (Date.now() < deadline && !csExited) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) {
          healthy = true;
          break;
        }
      } catch {
        /* not yet */
      }
      await sleep(200);
    }
    if (!healthy) {
      out('[e2e] code-server did not start:\n' + csLog.join('').slice(-3000));
      return { code: 'setup', lines };
    }

    const { chromium } = require('playwright-core');
    const host = `127.0.0.1:${port}`;
    const payload = [];
    if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}${devPath}`]);
    payload.push(['extensionTestsPath', `vscode-remote://${host}${testsPath}`]);
    const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    udd = mkdtempSync(join(tmpdir(), 'planlint-e2e-chromium-'));
    browser = await chromium.launchPersistentContext(udd, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: timeoutS * 1000,
      viewport: { width: 1440, height: 900 },
      locale: locale === 'zh-cn' ? 'zh-CN' : 'en-US',
    });
    const page = browser.pages()[0] || (await browser.newPage());
    let finish;
    const exited = new Promise((r) => (finish = r));
    const pending = [];
    await page.exposeFunction('codeAutomationLog', (type, a) => {
      const text = format(...(a || []));
      if (NOISE.test(text)) return;
      const shot = /\[screenshot\] ([\w.-]+)/.exec(text);
      if (shot && screenshotDir) {
        mkdirSync(screenshotDir, { recursive: true });
        const file = join(screenshotDir, `${shot[1]}.png`);
        pending.push(
          page.screenshot({ path: file }).then(
            () => out(`[e2e] saved ${file}`),
            (e) => out(`[e2e] screenshot failed: ${e.message}`),
          ),
        );
      }
      const click = /\[ui-click\] (.+)$/.exec(text);
      if (click)
        pending.push(
          clickInFrames(page, click[1].trim()).then((ok) =>
            out(`[e2e] ui-click ${click[1].trim()}: ${ok ? 'clicked' : 'not found'}`),
          ),
        );
      for (const l of text.split('\n')) if (!INTERNAL_FRAME.test(l)) out(`  ${l}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    if (process.env.E2E_VERBOSE) page.on('console', (m) => out('[browser]', m.type(), m.text().slice(0, 500)));
    page.setDefaultTimeout(Math.min(timeoutS, 180) * 1000);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutS * 1000 });
    const timer = setTimeout(() => finish('timeout'), timeoutS * 1000);
    const code = await exited;
    clearTimeout(timer);
    await Promise.allSettled(pending);
    if (code !== 0) {
      if (failureShot)
        await page.screenshot({ path: failureShot }).then(
          () => out(`[e2e] the workbench at the end: ${failureShot}`),
          () => {},
        );
      out(
        '[e2e] code-server log (tail):\n' +
          csLog
            .join('')
            .split('\n')
            .filter((l) => !NOISE.test(l))
            .slice(-15)
            .join('\n'),
      );
      const hostLog = findExtHostLog(ud);
      if (hostLog) {
        const errs = readFileSync(hostLog, 'utf8')
          .split('\n')
          .filter((l) => /error/i.test(l) && !NOISE.test(l))
          .slice(-20);
        if (errs.length) out(`[e2e] ${hostLog} (errors):\n${errs.join('\n')}`);
      }
    }
    return { code, lines, hostErrors: hostErrors(ud) };
  } catch (e) {
    out(`[e2e] ${e.stack || e}`);
    return { code: 'setup', lines };
  } finally {
    await stop();
    if (process.env.E2E_KEEP_LOGS) {
      const keep = join(process.env.E2E_KEEP_LOGS, `${Date.now()}`);
      mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, 'code-server.log'), csLog.join(''));
      if (existsSync(join(ud, 'logs'))) cpSync(join(ud, 'logs'), join(keep, 'logs'), { recursive: true });
      log(`[e2e] logs kept in ${keep}`);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function clickInFrames(page, selector) {
  for (let attempt = 0; attempt < 20; attempt++) {
    for (const frame of page.frames()) {
      try {
        const el = await frame.$(selector);
        if (el) {
          await el.scrollIntoViewIfNeeded().catch(() => {});
          await el.click();
          return true;
        }
      } catch {
        /* frame detached or cross-origin hiccup: try the next */
      }
    }
    await sleep(250);
  }
  return false;
}

// What the offline code-server always logs: built-in extensions whose web bundles it does not ship.
const HOST_LOG_NOISE = /No bundle location found for extension|ENOTFOUND|open-vsx/;

/**
 * The extension host's `[error]` lines (an uncaught error, a command that threw): a passing suite leaves
 * none. Returned to run.mjs, which fails the suite on them.
 */
function hostErrors(ud) {
  const hostLog = findExtHostLog(ud);
  if (!hostLog) return [];
  const lines = readFileSync(hostLog, 'utf8').split('\n');
  const out = [];
  lines.forEach((l, i) => {
    if (!/\[error\]/.test(l) || HOST_LOG_NOISE.test(l)) return;
    // with the first lines of its stack (the lines up to the next timestamped one): where it came from
    const stack = [];
    for (let j = i + 1; j < lines.length && stack.length < 4 && !/^\d{4}-\d\d-\d\d /.test(lines[j]); j++)
      if (lines[j].trim()) stack.push(lines[j].trim());
    out.push([l, ...stack].join('\n    '));
  });
  return out;
}

function findExtHostLog(ud) {
  const logs = join(ud, 'logs');
  if (!existsSync(logs)) return null;
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'remoteexthost.log' || e.name === 'exthost.log') found.push(p);
    }
  };
  walk(logs);
  return found.sort().pop() ?? null;
}
