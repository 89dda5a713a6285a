// extensionTestsPath of the "vsix" suite (the extension installed from dist/planlint.vsix).
'use strict';
const { runFiles, filesIn } = require('../suite/runner');
exports.run = () => runFiles(filesIn(__dirname));
