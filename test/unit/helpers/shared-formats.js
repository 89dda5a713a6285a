// Where the format fixtures are: ../shared/formats beside the project checkout (or
// PLANLINT_FORMATS_DIR), else the same files committed under test/fixtures/formats/jinlin, so that a
// clone without ../shared runs the format tests too.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..', '..');

const SHARED_FORMATS = [
  process.env.PLANLINT_FORMATS_DIR,
  path.resolve(ROOT, '..', 'shared', 'formats'),
  path.resolve(ROOT, '..', '..', 'shared', 'formats'),
  path.join(ROOT, 'test', 'fixtures', 'formats', 'jinlin'),
]
  .filter(Boolean)
  .find((d) => fs.existsSync(d));

module.exports = { SHARED_FORMATS };
