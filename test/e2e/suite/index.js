// extensionTestsPath of the "dev" suite (the extension loaded from the source folder).
'use strict';
const { runFiles, filesIn } = require('./runner');
const { rootHooks } = require('./helpers');
exports.run = () => runFiles(filesIn(__dirname), { rootHooks });
