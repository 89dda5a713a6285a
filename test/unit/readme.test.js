// README.md cannot drift from the code: every command it shows is run here and checked against what the
// README says of it.
//   - ```sh blocks: each `node dist/cli.js …` runs with the exit code of its `# exit N` comment (required);
//     `npm run X` / `npm test` name scripts that exist; `scripts/…` files exist and are executable.
//   - ```console blocks: `$ node dist/cli.js …   # exit N`, then lines it prints (`…` = lines left out):
//     each shown line is a line of the real output, in that order.
//   - the command-line synopsis (the first plain ``` block under "## Command line") = `--help`'s usage lines.
//   - the built-in baseline ids (and short ids) `baselines` prints are the ones the README names; every
//     relative link points at a file in the repository.
// Output shape: exit 2 = nothing on stdout and one `planlint: …` line on stderr; a text report = finding lines
// and one summary line; --format json = JSON. Needs the bundles (npm test builds them first).
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const CLI_PREFIX = 'node dist/cli.js';
const FINDING = /^(.+?):(\d+):(\d+): (error|warning|info) \[([\w-]+)\] (.+)$/;

/** The README's fenced code blocks: { lang, lines, section } (section: the `## ` heading above it). */
function blocks(md) {
  const out = [];
  let section = '';
  let cur = null;
  for (const line of md.split('\n')) {
    const fence = /^\s*```(\w*)\s*$/.exec(line);
    if (cur) {
      if (fence && !fence[1]) {
        out.push(cur);
        cur = null;
      } else cur.lines.push(line.trim());
      continue;
    }
    if (fence) cur = { lang: fence[1], lines: [], section };
    else if (/^## /.test(line)) section = line.slice(3).trim();
  }
  return out;
}

/** Splits `cmd   # exit N` into the command and N (undefined without the comment). */
function withExit(line) {
  const m = /^(.*?)\s+#\s*exit (\d)\b.*$/.exec(line);
  return m ? { cmd: m[1].trim(), exit: Number(m[2]) } : { cmd: line.replace(/\s+#.*$/, '').trim(), exit: undefined };
}

/** Shell-like split of a command line (double and single quotes, no expansion). */
function argv(cmd) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(cmd))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function env() {
  const e = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE', 'PLANLINT_DEBUG']) delete e[k];
  return e;
}

function runCli(cmd) {
  assert.ok(cmd.startsWith(`${CLI_PREFIX} `) || cmd === CLI_PREFIX, cmd);
  const args = argv(cmd.slice(CLI_PREFIX.length));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd: ROOT,
    env: env(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, args };
}

/** The output has the shape the command promises (see the header). */
function assertShape(cmd, r) {
  if (r.code === 2) {
    assert.equal(r.stdout, '', `${cmd}: nothing on stdout`);
    assert.match(r.stderr, /^planlint: [^\n]+\n$/, `${cmd}: one line on stderr`);
    return;
  }
  assert.equal(r.stderr, '', `${cmd}: nothing on stderr`);
  const format = r.args.includes('--format') ? r.args[r.args.indexOf('--format') + 1] : 'text';
  if (r.args[0] === 'check' && format === 'text') {
    const lines = r.stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => /^(已对照.+检查 \d+ 个文件：|\d+ files? checked against )/.test(l));
    assert.ok(at >= 0, `${cmd}: a summary line`);
    // before it: finding lines and per-file notes (`FILE: …`); after it: at most the confidence legend
    for (const l of lines.slice(0, at))
      assert.ok(
        FINDING.test(l) || /^\S.*?\.(txt|md|markdown|docx?|pdf|html?): \S/.test(l),
        `${cmd}: a finding or a file's note: ${l}`,
      );
    assert.ok(
      lines.slice(at + 1).every((l) => /^(可信度：|Confidence: )/.test(l)) && lines.length - at - 1 <= 1,
      `${cmd}: after the summary at most the confidence legend: ${lines.slice(at + 1).join(' | ')}`,
    );
  } else if (format === 'json') {
    assert.doesNotThrow(() => JSON.parse(r.stdout), `${cmd}: JSON`);
  } else {
    assert.ok(r.stdout.trim().length > 0, `${cmd}: prints something`);
  }
}

const ALL = blocks(README);

describe('README: every command it shows does what it says', function () {
  this.timeout(120000);

  it('has the two commands on top: the check, and the test command CI runs', () => {
    const first = ALL[0];
    assert.equal(first.lang, 'sh');
    const cmds = first.lines.filter((l) => l && !l.startsWith('#')).map((l) => withExit(l).cmd);
    assert.equal(cmds.length, 2, JSON.stringify(cmds));
    assert.match(cmds[0], /^npm ci && npm run build && node dist\/cli\.js check /);
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    assert.ok(ci.includes(`\`${cmds[1]}\``), `.ci/run names the README's test command: ${cmds[1]}`);
    // .ci/run runs that command's parts (npm run test:all in its stages, as package.json defines test:all)
    const steps = cmds[1].split('&&').map((s) => s.trim());
    assert.deepEqual(steps, ['scripts/setup.sh', 'npm ci', 'npm run test:all']);
    assert.equal(PKG.scripts['test:all'], 'npm test && npm run test:nvim && npm run test:e2e');
    for (const s of ['scripts/setup.sh', 'npm ci', 'npm test', 'npm run test:nvim', 'npm run test:e2e'])
      assert.ok(ci.includes(s), `.ci/run runs ${s}`);
  });

  const shCommands = [];
  for (const b of ALL.filter((x) => x.lang === 'sh')) {
    for (const line of b.lines) {
      if (!line || line.startsWith('#')) continue;
      const { cmd, exit } = withExit(line);
      for (const part of cmd.split('&&').map((s) => s.trim())) shCommands.push({ part, exit, line, section: b.section });
    }
  }

  for (const { part, exit, line } of shCommands.filter((c) => c.part.startsWith(CLI_PREFIX))) {
    it(`sh: ${part}  → exit ${exit}`, () => {
      assert.notEqual(exit, undefined, `the README gives the exit code of: ${line} (a "# exit N" comment)`);
      const r = runCli(part);
      assert.equal(r.code, exit, `${part}: exit ${r.code}, the README says ${exit}; stderr: ${r.stderr.slice(0, 300)}`);
      assertShape(part, r);
    });
  }

  it('sh: every npm script and scripts/ file it names exists', () => {
    const npm = shCommands.map((c) => c.part).filter((p) => /^npm (run|test|ci)\b/.test(p));
    assert.ok(npm.length > 0);
    for (const p of npm) {
      const m = /^npm (?:run (\S+)|(test))/.exec(p);
      if (m) assert.ok(PKG.scripts[m[1] ?? m[2]], `package.json has the script of "${p}"`);
    }
    const inline = [...README.matchAll(/`npm run ([\w:-]+)/g)].map((m) => m[1]);
    for (const s of inline) assert.ok(PKG.scripts[s], `package.json has "${s}" (README: npm run ${s})`);
    for (const p of shCommands.map((c) => c.part).filter((x) => x.startsWith('scripts/'))) {
      const file = path.join(ROOT, argv(p)[0]);
      assert.ok(fs.existsSync(file), file);
      assert.ok(fs.statSync(file).mode & 0o100, `${file} is executable`);
    }
  });

  const consoleRuns = [];
  for (const b of ALL.filter((x) => x.lang === 'console')) {
    let cur = null;
    for (const line of b.lines) {
      if (line.startsWith('$ ')) {
        cur = { ...withExit(line.slice(2)), shown: [] };
        consoleRuns.push(cur);
      } else if (cur && line) cur.shown.push(line);
    }
  }

  it('has console examples', () => assert.ok(consoleRuns.length > 0));

  for (const { cmd, exit, shown } of consoleRuns) {
    it(`console: ${cmd}  → exit ${exit}, prints the lines shown`, () => {
      assert.notEqual(exit, undefined, `the README gives the exit code of: ${cmd}`);
      const r = runCli(cmd);
      assert.equal(r.code, exit, `${cmd}: exit ${r.code}; stderr: ${r.stderr.slice(0, 300)}`);
      assertShape(cmd, r);
      const out = `${r.stdout}${r.stderr}`.split('\n');
      let at = 0;
      for (const want of shown) {
        if (want === '…' || want === '...') continue;
        const i = out.indexOf(want, at);
        assert.ok(
          i >= 0,
          `${cmd}: the README shows a line it does not print (in this order):\n${want}\n--- it prints:\n${out.filter((l) => l.includes(want.slice(0, 40))).join('\n') || out.slice(0, 5).join('\n')}`,
        );
        at = i + 1;
      }
    });
  }

  it("the command-line synopsis is --help's usage", () => {
    const synopsis = ALL.find((b) => b.section === 'Command line' && b.lang === '');
    assert.ok(synopsis, 'a plain ``` block under "## Command line"');
    const norm = (l) =>
      l
        .replace(/\s+#.*$/, '')
        .replace(/\s+/g, ' ')
        .trim();
    const readme = synopsis.lines.filter(Boolean).map(norm);
    const help = runCli(`${CLI_PREFIX} --help`);
    assert.equal(help.code, 0);
    const usage = help.stdout
      .split('\n')
      .filter((l) => /^ {2}planlint /.test(l))
      .map((l) => norm(l).replace(/ {2,}.*$/, ''));
    // a usage line may carry a description after two or more spaces; compare the synopsis part
    const helpSynopsis = help.stdout
      .split('\n')
      .filter((l) => /^ {2}planlint /.test(l))
      .map((l) => l.trim().split(/ {2,}/)[0]);
    assert.deepEqual(readme, helpSynopsis.map(norm), `README:\n${readme.join('\n')}\n--help:\n${usage.join('\n')}`);
  });

  it('names the built-in baselines by the ids (and short ids) the CLI prints', () => {
    const r = runCli(`${CLI_PREFIX} baselines --format json`);
    const rows = JSON.parse(r.stdout);
    assert.ok(rows.length > 0);
    for (const b of rows) {
      assert.ok(README.includes(`\`${b.id}\``), `README names \`${b.id}\``);
      if (b.alias) assert.ok(README.includes(`\`${b.alias}\``), `README names the short id \`${b.alias}\``);
    }
  });

  it("every rule in the CLI is in the README's rule table, with its default severity", () => {
    const rules = runCli(`${CLI_PREFIX} rules --locale en`)
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    for (const [id, severity] of rules)
      assert.match(README, new RegExp(`\\| \\[\`${id}\`\\]\\([^)]+\\) \\| ${severity} \\|`), id);
  });

  it('every relative link points at a file in the repository', () => {
    const links = [...README.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    assert.ok(links.length > 0);
    for (const l of links) assert.ok(fs.existsSync(path.join(ROOT, l)), `README links ${l}`);
  });
});
