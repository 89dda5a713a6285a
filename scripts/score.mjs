#!/usr/bin/env node
// Scores the planlint CLI against hand-labelled plans. A copy of ../shared/tools/score.mjs kept in the
// project (default corpus: test/fixtures/corpus) so that a fresh clone scores without ../shared.
//
//   node ../shared/tools/score.mjs                 # from the project root: the labelled corpus
//   node ../shared/tools/score.mjs --corpus DIR    # another folder of X.txt + X.truth.json
//   node ../shared/tools/score.mjs --mutants ../shared/mutants --originals ../shared/corpus
//        # drafts with injected defects (X.txt + X.expected.json): a removed domain, three
//        # weakened targets, three numbering breaks; each is also checked against its
//        # original (--upstream ORIGINAL) to find the weakened targets
//   add --verbose to list every miss and every unlabelled flag
//
// It runs `node dist/cli.js extract --format json FILE` and
// `node dist/cli.js check --format json [--upstream PATH] FILE` (override with --cli "CMD").
// Last line: one summary line of figures. Exit 0 when it could score, 2 when it could not run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const project = resolve(opt('--project', '.'));
const cli = opt('--cli', 'node dist/cli.js').split(' ');
const corpus = resolve(opt('--corpus', join(here, '..', 'test', 'fixtures', 'corpus')));
const mutants = opt('--mutants', null);
const originals = opt('--originals', null);
const verbose = args.includes('--verbose');

function run(sub, file, extra = []) {
  const [cmd, ...pre] = cli;
  let out;
  try {
    out = execFileSync(cmd, [...pre, sub, '--format', 'json', ...extra, file], {
      cwd: project,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // `check` exits 1 when it found errors: its output still counts.
    if (e.status === 1 && e.stdout) out = e.stdout;
    else
      throw new Error(`${cli.join(' ')} ${sub} ${basename(file)} failed: ${(e.stderr || e.message).slice(0, 300)}`, { cause: e });
  }
  return JSON.parse(out);
}

const normUnit = (u) =>
  String(u ?? '')
    .replace('％', '%')
    .trim();
const sameNumber = (a, b) => Math.abs(Number(a) - Number(b)) < 1e-9;
function findingsOf(checkJson) {
  const files = checkJson.files ?? [checkJson];
  return files.flatMap((f) => f.findings ?? []);
}

// One-to-one matching of labelled targets to extracted ones: same value, kind and unit,
// same line (or within 2 lines for sentences split across lines), compatible year.
function matchTargets(truthTargets, got) {
  const used = new Set();
  const hits = [];
  for (const pass of [0, 2]) {
    truthTargets.forEach((t, ti) => {
      if (hits.some((h) => h.ti === ti)) return;
      const gi = got.findIndex(
        (g, i) =>
          !used.has(i) &&
          Math.abs(g.line - t.line) <= pass &&
          sameNumber(g.value, t.value) &&
          g.kind === t.kind &&
          normUnit(g.unit) === normUnit(t.unit) &&
          (t.year == null || g.year == null || g.year === t.year),
      );
      if (gi >= 0) {
        used.add(gi);
        hits.push({ ti, gi });
      }
    });
  }
  return { hits, used };
}

const pct = (a, b) => (b === 0 ? 'n/a' : (a / b).toFixed(3));

function scoreCorpus(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .sort();
  const tot = { dT: 0, dG: 0, dHit: 0, tT: 0, tHit: 0, tG: 0, tFP: 0, nT: 0, nHit: 0, nFP: 0, mdFP: 0, docs: 0 };
  for (const tf of files) {
    const truth = JSON.parse(readFileSync(join(dir, tf), 'utf8'));
    const doc = join(dir, tf.replace(/\.truth\.json$/, '.txt'));
    const ex = run('extract', doc);
    const ck = run('check', doc);
    tot.docs++;
    // domains: same domain at the same heading line
    const gotDomains = ex.domains ?? [];
    const dHit = truth.domains.filter((d) => gotDomains.some((g) => g.domain === d.domain && g.line === d.heading_line)).length;
    tot.dT += truth.domains.length;
    tot.dG += gotDomains.length;
    tot.dHit += dHit;
    // targets: borderline ones are optional; table rows count as right but are not required
    const required = truth.indicators.filter((t) => !t.borderline);
    const optional = [...truth.indicators.filter((t) => t.borderline), ...(truth.table_indicators ?? [])];
    const got = ex.targets ?? [];
    const m1 = matchTargets(required, got);
    const rest = got.filter((_, i) => !m1.used.has(i));
    const m2 = matchTargets(optional, rest);
    const fp = rest.length - m2.hits.length;
    tot.tT += required.length;
    tot.tHit += m1.hits.length;
    tot.tG += got.length;
    tot.tFP += fp;
    // numbering: a numbering-* finding on the issue's line or a related line; kind "other" is optional
    const numbering = findingsOf(ck).filter((f) => String(f.rule).startsWith('numbering-'));
    const issues = truth.numbering_issues;
    const linesOf = (i) => [i.line, ...(i.related_lines ?? []), ...(i.group_lines ?? [])];
    const nRequired = issues.filter((i) => i.kind !== 'other');
    const nHit = nRequired.filter((i) => numbering.some((f) => [i.line, ...(i.related_lines ?? [])].includes(f.line))).length;
    const known = new Set(issues.flatMap(linesOf));
    const nFP = numbering.filter((f) => !known.has(f.line)).length;
    tot.nT += nRequired.length;
    tot.nHit += nHit;
    tot.nFP += nFP;
    // missing-domain on a plan whose labels say the domain is there: a false error
    const present = new Set(truth.domains.map((d) => d.domain));
    const mdFalse = findingsOf(ck).filter((f) => f.rule === 'missing-domain' && present.has(f.domain)).length;
    tot.mdFP += mdFalse;
    console.log(
      `${tf.replace('.truth.json', '')}: domains ${dHit}/${truth.domains.length} (got ${gotDomains.length})` +
        ` | targets ${m1.hits.length}/${required.length} found, ${fp} not in the labels (got ${got.length})` +
        ` | numbering ${nHit}/${nRequired.length} found, ${nFP} unlabelled flags` +
        (mdFalse ? ` | ${mdFalse} false missing-domain` : ''),
    );
    if (verbose) {
      required.forEach((t, ti) => {
        if (!m1.hits.some((h) => h.ti === ti))
          console.log(`  missed target L${t.line} ${t.indicator} ${t.kind} ${t.value}${t.unit}`);
      });
      rest.forEach((g, i) => {
        if (!m2.hits.some((h) => h.gi === i))
          console.log(`  extra target L${g.line} ${g.indicator ?? ''} ${g.kind} ${g.value}${g.unit ?? ''}`);
      });
      nRequired.forEach((i) => {
        if (!numbering.some((f) => [i.line, ...(i.related_lines ?? [])].includes(f.line)))
          console.log(`  missed numbering L${i.line} ${i.kind}: ${i.detail}`);
      });
      numbering.forEach((f) => {
        if (!known.has(f.line)) console.log(`  unlabelled ${f.rule} L${f.line}: ${f.message}`);
      });
    }
  }
  console.log(
    `score: docs=${tot.docs} domains_recall=${pct(tot.dHit, tot.dT)} domains_precision=${pct(tot.dHit, tot.dG)}` +
      ` targets_recall=${pct(tot.tHit, tot.tT)} targets_precision=${pct(tot.tG - tot.tFP, tot.tG)}` +
      ` numbering_recall=${pct(tot.nHit, tot.nT)} numbering_unlabelled_per_doc=${(tot.nFP / Math.max(1, tot.docs)).toFixed(1)}` +
      ` missing_domain_false=${tot.mdFP}`,
  );
}

function scoreMutants(dir, origDir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort();
  const tot = { n: 0, dom: 0, domT: 0, domFP: 0, weak: 0, weakT: 0, weakFP: 0, num: 0, numT: 0 };
  for (const ef of files) {
    const exp = JSON.parse(readFileSync(join(dir, ef), 'utf8'));
    const doc = join(dir, exp.mutant_file ?? ef.replace(/\.expected\.json$/, '.txt'));
    const orig = origDir ? join(origDir, exp.seed_file) : null;
    const plain = findingsOf(run('check', doc));
    const inj = exp.injected ?? {};
    tot.n++;
    let line = basename(doc) + ':';
    if (inj.missing_domain) {
      tot.domT++;
      const ok = plain.some(
        (f) =>
          f.rule === 'missing-domain' &&
          (f.domain === inj.missing_domain.domain || String(f.message).includes(inj.missing_domain.label)),
      );
      if (ok) tot.dom++;
      line += ` missing-domain ${ok ? 'found' : 'MISSED'}`;
    }
    const removed = inj.missing_domain ? inj.missing_domain.domain : null;
    const domFalse = plain.filter(
      (f) =>
        f.rule === 'missing-domain' && f.domain !== removed && !(removed && String(f.message).includes(inj.missing_domain.label)),
    ).length;
    tot.domFP += domFalse;
    if (domFalse) line += ` | ${domFalse} false missing-domain`;
    for (const b of inj.numbering_breaks ?? []) {
      tot.numT++;
      const ok = plain.some(
        (f) => String(f.rule).startsWith('numbering-') && [b.line, ...(b.related_lines ?? [])].includes(f.line),
      );
      if (ok) tot.num++;
      else line += ` | MISSED numbering ${b.kind}@${b.line}`;
    }
    if (orig && existsSync(orig) && inj.weakened_indicators) {
      let vs = [];
      try {
        vs = findingsOf(run('check', doc, ['--upstream', orig])).filter((f) => f.rule === 'weaker-target');
      } catch (e) {
        line += ` | the original as upstream failed: ${String(e.message).slice(0, 160)}`;
      }
      const want = inj.weakened_indicators.map((w) => w.line);
      for (const w of inj.weakened_indicators) {
        tot.weakT++;
        if (vs.some((f) => f.line === w.line)) tot.weak++;
        else line += ` | MISSED weaker@${w.line} ${w.indicator}`;
      }
      const extra = vs.filter((f) => !want.includes(f.line)).length;
      tot.weakFP += extra;
      if (extra) line += ` | ${extra} weaker-target flags on unchanged targets`;
    }
    console.log(line);
  }
  console.log(
    `mutants: drafts=${tot.n} missing_domain=${tot.dom}/${tot.domT} missing_domain_false=${tot.domFP} weaker_found=${tot.weak}/${tot.weakT}` +
      ` weaker_false=${tot.weakFP} numbering_found=${tot.num}/${tot.numT}`,
  );
}

if (!existsSync(join(project, cli[1] ?? ''))) {
  console.log(`score: cannot run: ${cli.join(' ')} not found under ${project} (build first)`);
  process.exit(2);
}
try {
  if (mutants) scoreMutants(resolve(mutants), originals ? resolve(originals) : null);
  else scoreCorpus(corpus);
} catch (e) {
  console.log(`score: cannot run: ${e.message}`);
  process.exit(2);
}
