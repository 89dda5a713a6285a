// Lists the message templates the server and CLI localise (ctx.t('…'), t('…'), message('…'), the CLI's fail('…'), localize(locale, '…'))
// and those missing from l10n/bundle.l10n.zh-cn.json. `node scripts/l10n-keys.mjs --missing` exits 1 when some are missing.
import { readFileSync } from 'node:fs';
import { tsFiles as walk } from './lib/ts-files.js';

export function messageKeys(roots = ['server/src', 'client/src']) {
  const keys = new Set();
  for (const root of roots) collect(root, keys);
  return [...keys].sort();
}

function collect(root, keys) {
  const re =
    /(?:\bctx\.t\(|(?<![\w.$])t\(|(?<![\w.$])message\(|(?<![\w.$])fail\(|l10n\.t\(|localize\(\s*[\w.]+\s*,)\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;
  for (const file of walk(root)) {
    const src = readFileSync(file, 'utf8');
    let m;
    while ((m = re.exec(src))) if (/[A-Za-z]{2}/.test(m[2]) && !m[2].includes('${')) keys.add(unescape(m[2]));
    // the server's message table (lsp/messages.ts): `key: 'English template',`
    if (file.endsWith('messages.ts')) for (const t of src.matchAll(/^\s+\w+: '((?:[^'\\]|\\.)*)',$/gm)) keys.add(unescape(t[1]));
  }
}

function unescape(s) {
  return s.replace(/\\'/g, "'").replace(/\\"/g, '"');
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
