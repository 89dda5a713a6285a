// The rule registry (server/src/core/rules/registry.ts) is the single source of the rule list: the files
// generated from it by `npm run gen` (scripts/gen-registry.mjs) must be up to date, and each registered
// rule must have its code, its doc and a place in every list that names rules.
// Needs dist/core.js (npm test builds it first).
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.join(__dirname, '..', '..');
const GEN = path.join(ROOT, 'scripts', 'gen-registry.mjs');
const core = require('../../dist/core.js');

function loadGenerator() {
  return import(pathToFileURL(GEN).href);
}

/** A temporary root with the registry and a copy of every file the generator writes. */
function copyOfGenerated(targets) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-registry-'));
  const files = [...targets([]).map(([f]) => f), 'server/src/core/rules/registry.ts', 'server/src/core/types.ts'];
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(tmp, f));
  }
  return tmp;
}

describe('rule registry', () => {
  it('the generated files are up to date (`npm run gen` leaves nothing to write)', function () {
    this.timeout(60000);
    const run = spawnSync(process.execPath, [GEN, '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `stale generated files (run \`npm run gen\`):\n${run.stderr}`);
    assert.equal(run.stderr, '');
  });

  it('--check names the stale file and writes nothing', async function () {
    this.timeout(60000);
    const { targets, generate } = await loadGenerator();
    const tmp = copyOfGenerated(targets);
    try {
      assert.deepEqual(await generate({ root: tmp, check: true }), []);
      // a rule's description dropped from the English settings text, and the README table edited by hand
      const nls = path.join(tmp, 'package.nls.json');
      const before = fs.readFileSync(nls, 'utf8');
      fs.writeFileSync(nls, before.replace(/\n\s*"config\.rules\.numbering-gap": "[^"]*",/, ''));
      const readme = path.join(tmp, 'README.md');
      fs.writeFileSync(readme, fs.readFileSync(readme, 'utf8').replace('| error | ✔ |', '| warning | ✔ |'));
      const edited = fs.readFileSync(nls, 'utf8');
      assert.notEqual(edited, before);
      assert.deepEqual(await generate({ root: tmp, check: true }), ['package.nls.json', 'README.md']);
      assert.equal(fs.readFileSync(nls, 'utf8'), edited, '--check wrote the file');
      // without --check it writes them back as they were
      assert.deepEqual(await generate({ root: tmp }), ['package.nls.json', 'README.md']);
      assert.equal(fs.readFileSync(nls, 'utf8'), before);
      assert.deepEqual(await generate({ root: tmp, check: true }), []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('an alias in the registry becomes a configuration name everywhere', async function () {
    this.timeout(60000);
    const { targets, generate } = await loadGenerator();
    const tmp = copyOfGenerated(targets);
    try {
      const registry = path.join(tmp, 'server/src/core/rules/registry.ts');
      const text = fs.readFileSync(registry, 'utf8');
      const first = core.RULE_REGISTRY[0].id;
      fs.writeFileSync(
        registry,
        text.replace(`id: '${first}',\n    aliases: [],`, `id: '${first}',\n    aliases: ['old-name'],`),
      );
      const stale = await generate({ root: tmp });
      assert.deepEqual(stale, ['schemas/planlintrc.schema.json', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json']);
      const schema = JSON.parse(fs.readFileSync(path.join(tmp, 'schemas/planlintrc.schema.json'), 'utf8'));
      assert.match(schema.properties.rules.properties['old-name'].description, new RegExp(`Alias of "${first}"`));
      assert.ok(schema.properties.ignore.items.properties.rule.enum.includes('old-name'));
      const pkg = JSON.parse(fs.readFileSync(path.join(tmp, 'package.json'), 'utf8'));
      const props = pkg.contributes.configuration.properties['planlint.rules'].properties;
      assert.equal(props['old-name'].description, '%config.rules.old-name%');
      const zh = JSON.parse(fs.readFileSync(path.join(tmp, 'package.nls.zh-cn.json'), 'utf8'));
      assert.match(zh['config.rules.old-name'], /别名/);
      assert.deepEqual(await generate({ root: tmp, check: true }), []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('every registered rule has its code, its doc and a unique id', () => {
    const ids = core.RULE_REGISTRY.map((r) => r.id);
    assert.deepEqual([...core.RULE_IDS], ids);
    assert.equal(new Set(ids).size, ids.length);
    const names = core.RULE_REGISTRY.flatMap((r) => [r.id, ...r.aliases]);
    assert.equal(new Set(names).size, names.length, 'an alias repeats an id or another alias');
    for (const r of core.RULE_REGISTRY) {
      assert.match(r.id, /^[a-z]+(-[a-z]+)*$/, r.id);
      assert.ok(fs.existsSync(path.join(ROOT, 'server/src/core/rules', `${r.id}.ts`)), `no rules/${r.id}.ts`);
      assert.ok(fs.existsSync(path.join(ROOT, core.ruleDocPath(r.id))), `no ${core.ruleDocPath(r.id)}`);
      assert.equal(typeof core.getRule(r.id).check, 'function');
      for (const text of [r.title, r.short, r.description]) {
        assert.ok(text.zh && text.en, `${r.id}: title, short and description in zh and en`);
        assert.match(text.zh, /[\u4e00-\u9fff]/, `${r.id}: the zh text is Chinese`);
      }
      for (const a of r.aliases) assert.equal(core.resolveRuleId(a), r.id);
      assert.equal(core.resolveRuleId(r.id), r.id);
    }
    assert.equal(core.resolveRuleId('no-such-rule'), undefined);
  });

  it('the numbering group comes from the tags', () => {
    const numbering = core.rulesTagged('numbering');
    assert.ok(numbering.length >= 4);
    for (const id of numbering) assert.match(id, /^numbering-/);
    assert.deepEqual(
      core.RULES.filter((r) => r.tags[0] === 'upstream').map((r) => r.needsBaselines),
      core.RULES.filter((r) => r.tags[0] === 'upstream').map(() => true),
      'the upstream group needs baselines',
    );
  });
});
