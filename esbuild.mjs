// Bundles the CLI, the language server and the VS Code extension into dist/, and copies the
// runtime data next to the bundles: nodejieba's native addon and its HMM model, our user
// dictionary, the built-in baselines (also bundled), the rule docs.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const out = 'dist';
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // nodejieba's JS wrapper requires its .node by a relative path: we load the addon ourselves.
  external: ['vscode', '*.node'],
  define: { 'process.env.PLANLINT_BUNDLED': '"1"' },
};

const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: `${out}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: `${out}/server.js` },
  { entryPoints: ['client/src/extension.ts'], outfile: `${out}/extension.js` },
  // The reviewer deliverables (exceljs, docx): loaded by the CLI and the server only when a report is written.
  // Minified: it is ≈ 3 MB of library code, and parsing it is most of its load time.
  { entryPoints: ['server/src/report/index.ts'], outfile: `${out}/report.js`, minify: true },
  // Library bundles the unit tests require (not shipped in the VSIX).
  { entryPoints: ['server/src/core/index.ts'], outfile: `${out}/core.js` },
  { entryPoints: ['server/src/node/index.ts'], outfile: `${out}/node.js` },
].filter((e) => existsSync(e.entryPoints[0]));
// `node esbuild.mjs cli server` builds only the named bundles (by output name).
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const chosen = only.length ? entries.filter((e) => only.some((n) => e.outfile.endsWith(`/${n}.js`))) : entries;

function copyRuntime() {
  const jiebaDir = dirname(require.resolve('nodejieba/package.json'));
  const addon = join(jiebaDir, 'build', 'Release', 'nodejieba.node');
  if (existsSync(addon)) cpSync(addon, `${out}/native/nodejieba.node`);
  const dictDir = join(jiebaDir, 'submodules', 'cppjieba', 'dict');
  mkdirSync(`${out}/dict`, { recursive: true });
  for (const f of ['hmm_model.utf8']) if (existsSync(join(dictDir, f))) cpSync(join(dictDir, f), `${out}/dict/${f}`);
  if (existsSync('server/data/dict')) cpSync('server/data/dict', `${out}/dict`, { recursive: true });
  if (existsSync('server/data/baselines')) cpSync('server/data/baselines', `${out}/baselines`, { recursive: true });
  if (existsSync('docs/rules')) cpSync('docs/rules', `${out}/docs/rules`, { recursive: true });
}

if (watch) {
  for (const e of chosen) (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(chosen.map((e) => esbuild.build({ ...common, ...e })));
}
copyRuntime();
if (existsSync(`${out}/cli.js`)) chmodSync(`${out}/cli.js`, 0o755);
