// Lists the message templates the server and CLI localise (ctx.t('…'), t('…'), localize(locale, '…'))
// and those missing from l10n/bundle.l10n.zh-cn.json. `node scripts/l10n-keys.mjs --missing` exits 1 when some are missing.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

export function messageKeys(root = 'server/src') {
  const keys = new Set();
  const re = /(?:\bctx\.t\(|(?<![\w.$])t\(|localize\(\s*[\w.]+\s*,)\s*'((?:[^'\\]|\\.)*)'/g;
  for (const file of walk(root)) {
    const src = readFileSync(file, 'utf8');
    let m;
    while ((m = re.exec(src))) if (/[A-Za-z]{2}/.test(m[1])) keys.add(m[1].replace(/\\'/g, "'").replace(/\\"/g, '"'));
  }
  return [...keys].sort();
}

if (process.argv[1] && process.argv[1].endsWith('l10n-keys.mjs')) {
  const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8'));
  const keys = messageKeys();
  const missing = keys.filter((k) => !(k in zh));
  if (process.argv.includes('--missing')) {
    for (const k of missing) console.log(k);
    process.exit(missing.length ? 1 : 0);
  }
  for (const k of keys) console.log(`${k in zh ? 'ok ' : 'MISSING'}\t${k}`);
}
