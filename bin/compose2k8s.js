#!/usr/bin/env node
'use strict';
// Thin launcher: everything lives in dist/cli.js (built by `npm install` through `prepare`).
require('../dist/cli.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
