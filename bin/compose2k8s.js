#!/usr/bin/env node
'use strict';
// Thin launcher: everything lives in dist/cli.js, built by `npm install` (through `prepare`).
let cli;
try {
  cli = require('../dist/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli.js')) {
    process.stderr.write('compose2k8s: not built yet; run `npm install` (or `npm run build`) in ' + require('path').resolve(__dirname, '..') + '\n');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
