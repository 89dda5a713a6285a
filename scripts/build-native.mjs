#!/usr/bin/env node
// `npm ci`'s postinstall: builds nodejieba's native addon from source, offline and quietly.
//
// nodejieba's own install script (`npx @mapbox/node-pre-gyp install --fallback-to-build`) first tries to
// download a prebuilt binary from GitHub, which cannot work here; package.json's allowScripts turns that
// script off ("nodejieba": false) and this one compiles the addon directly with node-gyp (the one npm
// ships), against the running Node's own headers (no header download either). Needs g++, make and
// python3 (scripts/setup.sh --apt-only installs them). One line of output when it works; the build log
// when it does not. Also: `node scripts/build-native.mjs --force` rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const t0 = Date.now();
const fail = (msg) => {
  console.error(`build-native: ${msg}`);
  process.exit(1);
};

let dir;
try {
  dir = dirname(require.resolve('nodejieba/package.json'));
} catch {
  fail('nodejieba is not installed (run npm ci)');
}
const addon = join(dir, 'build', 'Release', 'nodejieba.node');
if (existsSync(addon) && !process.argv.includes('--force')) process.exit(0);

const missing = ['g++', 'make', 'python3'].filter(
  (t) => spawnSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' }).status !== 0,
);
if (missing.length) {
  fail(
    `nodejieba's addon builds from source and needs ${missing.join(', ')}: run scripts/setup.sh --apt-only (or apt-get install -y g++ make python3), then npm ci again`,
  );
}

// node-gyp: the one npm runs lifecycle scripts with, else npm's own copy beside this Node
const prefix = dirname(dirname(process.execPath));
const nodeGyp = [
  process.env.npm_config_node_gyp,
  join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].find((p) => p && existsSync(p));
if (!nodeGyp) fail('node-gyp not found (it comes with npm): run this through npm ci');

// the running Node's headers (Debian's nodejs ships them in /usr/include/node); without them node-gyp would download
const nodedir = process.env.npm_config_nodedir || (existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : '');
if (!nodedir)
  fail(
    `Node's headers not found in ${join(prefix, 'include', 'node')}: set npm_config_nodedir to a folder with include/node/node.h`,
  );

const r = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodedir}`, '--jobs=max', '--loglevel=error'], {
  cwd: dir,
  encoding: 'utf8',
  env: { ...process.env, npm_config_loglevel: 'error' },
});
if (r.status !== 0 || !existsSync(addon)) {
  process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-60).join('\n') + '\n');
  fail(`node-gyp rebuild in ${dir} failed (exit ${r.status})`);
}
console.log(`build-native: nodejieba's addon built from source in ${((Date.now() - t0) / 1000).toFixed(0)} s (${addon})`);
