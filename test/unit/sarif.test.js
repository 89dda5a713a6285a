// `planlint check --format sarif`: the log validates against the SARIF 2.1.0 structure (a subset
// transcribed from the OASIS standard: test/fixtures/schemas/sarif-2.1.0-subset.schema.json, see its
// $comment), the schema itself rejects what it must, every result names a rule of the driver with its
// documentation link, and every region (results, related locations, fixes) lies inside its file.
// Needs the bundles: `node esbuild.mjs cli node`.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const { readPlanFile } = require('../../dist/node.js');
const { RULE_IDS } = require('../../dist/core.js');

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const FIX = path.join(FIXTURES, 'cli');
const SCHEMA = require('../fixtures/schemas/sarif-2.1.0-subset.schema.json');

function env() {
  const e = { ...process.env };
  for (const k of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'PLANLINT_LOCALE', 'PLANLINT_DEBUG']) delete e[k];
  return e;
}
function run(args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: FIX, env: env(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return { code: r.status, out: JSON.parse(r.stdout) };
}

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);
function assertValid(log, what) {
  const ok = validate(log);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

/** Lines of a file as the CLI reads it (any encoding, CRLF/CR normalised), by path or file: URI. */
const linesCache = new Map();
function linesOf(uriOrPath) {
  const file = uriOrPath.startsWith('file:') ? fileURLToPath(uriOrPath) : uriOrPath;
  if (!linesCache.has(file)) linesCache.set(file, readPlanFile(file).text.split(/\r\n|\r|\n/));
  return linesCache.get(file);
}
const chars = (s) => Array.from(s ?? '').length;

/** A SARIF region (1-based lines, 1-based character columns, end exclusive) inside the file's lines. */
function assertRegionInside(region, lines, where) {
  const n = lines.length;
  assert.ok(region.startLine >= 1 && region.startLine <= n, `${where}: startLine ${region.startLine} of ${n}`);
  if (region.startColumn !== undefined) {
    assert.ok(
      region.startColumn >= 1 && region.startColumn <= chars(lines[region.startLine - 1]) + 1,
      `${where}: startColumn ${region.startColumn}`,
    );
  }
  if (region.endLine !== undefined) {
    assert.ok(region.endLine >= region.startLine && region.endLine <= n, `${where}: endLine ${region.endLine}`);
  }
  if (region.endColumn !== undefined) {
    const endLine = region.endLine ?? region.startLine;
    assert.ok(
      region.endColumn >= 1 && region.endColumn <= chars(lines[endLine - 1]) + 1,
      `${where}: endColumn ${region.endColumn}`,
    );
    if (endLine === region.startLine && region.startColumn !== undefined)
      assert.ok(region.endColumn >= region.startColumn, `${where}: empty or forward range`);
  }
}

/** The checks beyond the schema: rules, links, levels, regions. */
function assertConsistent(log, jsonReport) {
  assert.equal(log.runs.length, 1);
  const [runObj] = log.runs;
  const rules = runObj.tool.driver.rules;
  const ids = rules.map((r) => r.id);
  // every registered rule, in registry order (server/src/core/rules/registry.ts)
  assert.deepEqual(ids, [...RULE_IDS]);
  for (const r of rules) {
    assert.match(r.helpUri, new RegExp(`/docs/rules/${r.id}\\.md$`), r.helpUri);
    assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`)), `docs/rules/${r.id}.md exists`);
    assert.ok(r.shortDescription.text.length > 0);
  }
  assert.equal(rules.find((r) => r.id === 'weaker-target').defaultConfiguration.level, 'error');
  assert.equal(rules.find((r) => r.id === 'missing-target').defaultConfiguration.level, 'warning');
  const artifactUris = new Set((runObj.artifacts ?? []).map((a) => a.location.uri));

  const expected = jsonReport.files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.file })));
  assert.equal(runObj.results.length, expected.length, 'one result per finding');
  const LEVEL = { error: 'error', warning: 'warning', info: 'note' };
  runObj.results.forEach((res, i) => {
    const where = `result ${i} (${res.ruleId})`;
    assert.ok(ids.includes(res.ruleId), `${where}: ruleId in the driver's rules`);
    assert.equal(rules[res.ruleIndex].id, res.ruleId, `${where}: ruleIndex points at its rule`);
    const x = expected[i];
    assert.equal(res.ruleId, x.rule);
    assert.equal(res.level, LEVEL[x.severity], `${where}: level`);
    assert.equal(res.message.text, x.message);
    assert.equal(res.locations.length, 1);
    const loc = res.locations[0].physicalLocation;
    assert.ok(artifactUris.has(loc.artifactLocation.uri), `${where}: its file is among the run's artifacts`);
    assert.equal(path.resolve(fileURLToPath(loc.artifactLocation.uri)), path.resolve(FIX, x.file));
    const lines = linesOf(loc.artifactLocation.uri);
    assertRegionInside(loc.region, lines, where);
    assert.deepEqual(
      [loc.region.startLine, loc.region.startColumn, loc.region.endLine, loc.region.endColumn],
      [x.line, x.column, x.endLine, x.endColumn],
      `${where}: the JSON report's range`,
    );
    if (loc.region.snippet) assert.equal(loc.region.snippet.text, lines[loc.region.startLine - 1]);
    if (res.ruleId === 'weaker-target') {
      // the region is the draft's number
      const text = Array.from(lines[loc.region.startLine - 1])
        .slice(loc.region.startColumn - 1, loc.region.endColumn - 1)
        .join('');
      assert.equal(text, x.draft.text, `${where}: region covers the value`);
    }
    for (const rel of res.relatedLocations ?? []) {
      const pl = rel.physicalLocation;
      assertRegionInside(pl.region, linesOf(pl.artifactLocation.uri), `${where} related`);
    }
    for (const fix of res.fixes ?? []) {
      for (const ch of fix.artifactChanges) {
        assert.equal(ch.artifactLocation.uri, loc.artifactLocation.uri, `${where}: a fix edits the file of its result`);
        for (const rep of ch.replacements) {
          assertRegionInside(rep.deletedRegion, lines, `${where} fix`);
          assert.equal(typeof rep.insertedContent.text, 'string');
        }
      }
    }
  });
}

describe('sarif: the transcribed schema', () => {
  const minimal = () => ({
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'planlint',
            rules: [
              {
                id: 'weaker-target',
                helpUri: 'https://example.org/docs/rules/weaker-target.md',
                defaultConfiguration: { level: 'error' },
              },
            ],
          },
        },
        results: [
          {
            ruleId: 'weaker-target',
            ruleIndex: 0,
            level: 'error',
            message: { text: 'm' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'file:///tmp/a.txt' },
                  region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
                },
              },
            ],
            fixes: [
              {
                description: { text: 'f' },
                artifactChanges: [
                  {
                    artifactLocation: { uri: 'file:///tmp/a.txt' },
                    replacements: [
                      {
                        deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
                        insertedContent: { text: 'x' },
                      },
                    ],
                  },
                ],
              },
            ],
            properties: { indicator: '婴儿死亡率' },
          },
        ],
        artifacts: [{ location: { uri: 'file:///tmp/a.txt' }, mimeType: 'text/plain' }],
      },
    ],
  });

  it('accepts a minimal log of the shape PlanLint emits', () => {
    assertValid(minimal(), 'minimal');
  });

  const broken = {
    'version other than 2.1.0': (l) => {
      l.version = '2.1';
    },
    'no runs': (l) => {
      delete l.runs;
    },
    'a run without tool': (l) => {
      delete l.runs[0].tool;
    },
    'a driver without name': (l) => {
      delete l.runs[0].tool.driver.name;
    },
    'a rule without id': (l) => {
      delete l.runs[0].tool.driver.rules[0].id;
    },
    'helpUri not a URI': (l) => {
      l.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/weaker-target.md';
    },
    'a misspelt helpURI': (l) => {
      l.runs[0].tool.driver.rules[0].helpURI = 'https://example.org';
    },
    'defaultConfiguration.level fatal': (l) => {
      l.runs[0].tool.driver.rules[0].defaultConfiguration.level = 'fatal';
    },
    'a result without message': (l) => {
      delete l.runs[0].results[0].message;
    },
    'a message without text': (l) => {
      l.runs[0].results[0].message = { markdown: 'm' };
    },
    'result level info (SARIF says note)': (l) => {
      l.runs[0].results[0].level = 'info';
    },
    'ruleIndex -2': (l) => {
      l.runs[0].results[0].ruleIndex = -2;
    },
    'ruleIndex 0.5': (l) => {
      l.runs[0].results[0].ruleIndex = 0.5;
    },
    'a misspelt ruleID': (l) => {
      l.runs[0].results[0].ruleID = 'x';
    },
    'startLine 0': (l) => {
      l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    },
    'startColumn 0': (l) => {
      l.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
    },
    'a region with a line property': (l) => {
      l.runs[0].results[0].locations[0].physicalLocation.region.line = 1;
    },
    'a physicalLocation without artifactLocation': (l) => {
      delete l.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    },
    'an artifactLocation with a path instead of a uri': (l) => {
      l.runs[0].results[0].locations[0].physicalLocation.artifactLocation = { path: '/tmp/a.txt' };
    },
    'a fix without artifactChanges': (l) => {
      delete l.runs[0].results[0].fixes[0].artifactChanges;
    },
    'an artifactChange with no replacements': (l) => {
      l.runs[0].results[0].fixes[0].artifactChanges[0].replacements = [];
    },
    'a replacement without deletedRegion': (l) => {
      delete l.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].deletedRegion;
    },
    'insertedContent as a string': (l) => {
      l.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent = 'x';
    },
    'an artifact mimeType without a slash': (l) => {
      l.runs[0].artifacts[0].mimeType = 'text';
    },
  };
  for (const [what, mutate] of Object.entries(broken)) {
    it(`rejects ${what}`, () => {
      const log = minimal();
      mutate(log);
      assert.equal(validate(log), false, `${what} should be invalid`);
    });
  }
});

describe('sarif: planlint check --format sarif', function () {
  this.timeout(30000);

  const cases = [
    [
      'weaker targets against national + a city plan file (related locations in another file)',
      ['--upstream', 'national', '--upstream', './city-upstream.txt', 'weaker.md'],
    ],
    ['a folder: missing-domain with its fix, missing targets, a markdown plan', ['folder']],
    ['a clean plan: no results', ['clean.txt']],
    ['the corpus and the mutants (every rule on real plans)', [path.join(FIXTURES, 'corpus'), path.join(FIXTURES, 'mutants')]],
    ['English messages', ['--locale', 'en', 'weaker.md', 'folder']],
  ];
  for (const [what, args] of cases) {
    it(`validates and is consistent: ${what}`, () => {
      const sarif = run(['check', '--format', 'sarif', ...args]);
      const report = run(['check', '--format', 'json', ...args]);
      assert.equal(sarif.code, report.code, 'same exit code as the JSON report');
      assertValid(sarif.out, what);
      assertConsistent(sarif.out, report.out);
      if (args.includes('en')) assert.ok(sarif.out.runs[0].results.some((r) => /is weaker than/.test(r.message.text)));
    });
  }

  it('the corpus run carries results of several rules, with fixes and related locations', () => {
    const { out } = run(['check', '--format', 'sarif', path.join(FIXTURES, 'corpus'), path.join(FIXTURES, 'mutants'), 'folder']);
    const results = out.runs[0].results;
    const rules = new Set(results.map((r) => r.ruleId));
    for (const id of ['missing-domain', 'weaker-target', 'missing-target']) assert.ok(rules.has(id), id);
    assert.ok(
      results.some((r) => r.fixes && r.fixes.length),
      'some fixes',
    );
    assert.ok(
      results.some((r) => r.relatedLocations && r.relatedLocations.length),
      'some related locations',
    );
    assert.ok(
      results.some((r) => r.level === 'note'),
      'info findings become note',
    );
  });

  it('a clean plan gives a valid log with no results and its artifact listed', () => {
    const { code, out } = run(['check', '--format', 'sarif', 'clean.txt']);
    assert.equal(code, 0);
    assert.deepEqual(out.runs[0].results, []);
    assert.deepEqual(
      out.runs[0].artifacts.map((a) => fileURLToPath(a.location.uri)),
      [path.join(FIX, 'clean.txt')],
    );
  });
});
