// The @vscode/test-electron route: used when a VS Code build is on this machine (VSCODE_EXECUTABLE, or a
// build that test-electron downloaded earlier into .vscode-test/). It never downloads anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A VS Code executable: $VSCODE_EXECUTABLE, else the newest build under <root>/.vscode-test. */
export function findVSCode(root) {
  const env = process.env.VSCODE_EXECUTABLE;
  if (env) return existsSync(env) ? env : null;
  const dir = join(root, '.vscode-test');
  if (!existsSync(dir)) return null;
  const names =
    { linux: ['code', 'code-insiders'], darwin: ['Contents/MacOS/Electron'], win32: ['Code.exe', 'Code - Insiders.exe'] }[
      process.platform
    ] ?? [];
  const builds = readdirSync(dir)
    .filter((d) => d.startsWith('vscode-'))
    .map((d) => join(dir, d))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const b of builds) {
    for (const sub of [
      '',
      ...readdirSync(b)
        .filter((x) => x.endsWith('.app'))
        .map((x) => x),
    ]) {
      for (const n of names) {
        const p = join(b, sub, n);
        if (existsSync(p)) return p;
      }
    }
  }
  return null;
}

export async function runInElectron(opts) {
  const { executable, devPath, testsPath, workspace, locale, installVsix, languagePack, env = {}, log = console.log } = opts;
  const { runTests, resolveCliArgsFromVSCodeExecutablePath } = require('@vscode/test-electron');
  const tmp = mkdtempSync(join(tmpdir(), 'planlint-e2e-'));
  const ud = join(tmp, 'ud');
  const ext = join(tmp, 'ext');
  mkdirSync(join(ud, 'User'), { recursive: true });
  mkdirSync(ext, { recursive: true });
  writeFileSync(
    join(ud, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'update.mode': 'none', 'security.workspace.trust.enabled': false }),
  );
  if (languagePack) {
    // as code-server: what an installed language pack leaves in the user data dir, so --locale applies
    writeFileSync(
      join(ud, 'languagepacks.json'),
      JSON.stringify({
        [locale]: {
          hash: 'e2e',
          extensions: [{ extensionIdentifier: { id: 'planlint-tests.empty-language-pack' }, version: '0.0.1' }],
          translations: { vscode: languagePack },
          label: locale,
        },
      }),
    );
  }
  const lines = [];
  try {
    if (installVsix) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
      const r = spawnSync(cli, [...cliArgs, '--extensions-dir', ext, '--user-data-dir', ud, '--install-extension', installVsix], {
        encoding: 'utf8',
        shell: process.platform === 'win32',
      });
      log(`[e2e] --install-extension ${installVsix}: exit ${r.status}\n${r.stdout}${r.stderr}`);
      if (r.status !== 0) return { code: 'setup', lines };
    }
    const launchArgs = [
      workspace,
      '--user-data-dir',
      ud,
      '--extensions-dir',
      ext,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ];
    if (locale) launchArgs.push('--locale', locale);
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: devPath,
      extensionTestsPath: testsPath,
      launchArgs,
      extensionTestsEnv: env,
    }).catch((e) => {
      log(`[e2e] ${e.message || e}`);
      return 1;
    });
    return { code, lines };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
