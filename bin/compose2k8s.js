#!/usr/bin/env node
'use strict';
// The compose2k8s command. Help and version for a pipe come pre-rendered from dist/cli-help.json
// (nothing else loaded); a terminal gets commander's, which wraps to its width. Everything else
// runs the CLI bundle dist/cli.bundle.cjs. `npm install` builds both (through `prepare`).
const fs = require('fs');
const { BUNDLE, HELP_TABLE, loadBundle } = require('./load-bundle.js');

const argv = process.argv.slice(2);

/** Prints the pre-rendered output for this command line when there is one; false otherwise. */
function printPrerendered() {
  if (process.stdout.isTTY) return false;
  let table;
  try {
    table = JSON.parse(fs.readFileSync(HELP_TABLE, 'utf8'));
  } catch {
    return false;
  }
  const hit = table[JSON.stringify(argv)];
  if (!hit || (hit.stderr && process.stderr.isTTY)) return false;
  process.stdout.write(hit.stdout);
  process.stderr.write(hit.stderr);
  process.exitCode = hit.code;
  return true;
}

if (!printPrerendered()) {
  if (!fs.existsSync(BUNDLE)) {
    process.stderr.write('compose2k8s: not built yet; run `npm install` (or `npm run build`) in ' + require('path').resolve(__dirname, '..') + '\n');
    process.exit(2);
  }
  const cli = loadBundle();
  cli.exports.main(argv).then((code) => {
    process.exitCode = code;
    // The cache is worth most when it holds the conversion's code, not only the start-up's.
    if (code === 0 && argv[0] === 'convert') cli.saveCache();
  });
}
