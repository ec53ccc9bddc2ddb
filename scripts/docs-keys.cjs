#!/usr/bin/env node
// `npm run docs:keys`: rewrites README.md's key table (between <!-- keys:start --> and
// <!-- keys:end -->) from src/model/keys/service-keys.ts, and its Helm values table (between
// <!-- helm-values:start --> and <!-- helm-values:end -->) from src/output/helm/value-docs.ts. Runs the TypeScript sources directly, through
// the compiler's transpileModule, so it needs no build and no extra dependency.

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

const { replaceKeySection, KEYS_START, KEYS_END } = require('../src/model/keys/key-docs.ts');
const { replaceValuesSection, HELM_VALUES_START, HELM_VALUES_END } = require('../src/output/helm/value-docs.ts');

const readmePath = path.join(__dirname, '..', 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
let updated = readme;
for (const [replace, start, end] of [[replaceKeySection, KEYS_START, KEYS_END], [replaceValuesSection, HELM_VALUES_START, HELM_VALUES_END]]) {
  updated = replace(updated);
  if (updated === undefined) {
    process.stderr.write(`docs:keys: README.md has no ${start} … ${end} section\n`);
    process.exit(1);
  }
}
if (updated === readme) {
  process.stdout.write('docs:keys: README.md is up to date\n');
} else {
  fs.writeFileSync(readmePath, updated);
  process.stdout.write('docs:keys: README.md tables rewritten\n');
}
