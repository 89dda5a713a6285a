// The TypeScript source files under a folder, recursively (the l10n key scan and the tests that parse the
// sources: core purity, error messages). CommonJS, so that both require() and import can load it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Every `.ts` file below `dir`, depth first, in directory order. */
function tsFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) tsFiles(p, out);
    else if (entry.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

module.exports = { tsFiles };
