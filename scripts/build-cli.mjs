#!/usr/bin/env node
// Second step of `npm run build` (after tsc): bundles the CLI for bin/compose2k8s.js.
//   dist/cli.bundle.cjs  tsc's dist/cli.js and everything it requires (cdk8s, the L1 classes, yaml,
//                        commander, the compiled schema) in one minified file: one file to read and
//                        compile instead of ~100 modules to resolve.
//   dist/cli-help.json   what the CLI prints for --help, --version, `help <command>`, … to a pipe
//                        (scripts/render-help.cjs, run on the bundle): the launcher prints it
//                        without loading the bundle.
// The library entry (dist/index.js) and the cdk8s app (dist/cdk8s-app.js) are tsc's output, untouched.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The launcher's own names for these files and for the cache it keeps next to the bundle.
const { ENTRY, BUNDLE, HELP_TABLE, CACHE_DIR_NAME } = require('../bin/load-bundle.js');
const { renderHelp } = require('./render-help.cjs');
const DIST = path.dirname(BUNDLE);

/**
 * tsc's modules find package files from their own directory (`path.join(__dirname, '..',
 * 'templates')`). In one bundle every module would see the bundle's directory instead, so each
 * module's `__dirname`/`__filename` become its original path, relative to the bundle.
 */
const keepModulePaths = {
  name: 'keep-module-paths',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (path.relative(DIST, args.path).startsWith('..')) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      const dir = path.relative(DIST, path.dirname(args.path));
      const file = path.relative(DIST, args.path);
      const at = (rel) => `require("path").join(__dirname, ${JSON.stringify(rel.split(path.sep).join('/'))})`;
      return {
        contents: text.replace(/(?<![.$\w])__dirname\b/g, dir ? at(dir) : '__dirname').replace(/(?<![.$\w])__filename\b/g, at(file)),
        loader: 'js',
      };
    });
  },
};

/**
 * cdk8s ships its own copy of `yaml` (bundledDependencies) and requires all of it at start-up though
 * we never call it. When that copy is the same version as ours, the bundle holds one copy: same
 * code, and yaml keeps no state between calls that cdk8s could change (it passes options per call).
 */
function yamlVersions() {
  const ours = require(path.join(ROOT, 'node_modules', 'yaml', 'package.json')).version;
  const cdk8sCopy = path.join(ROOT, 'node_modules', 'cdk8s', 'node_modules', 'yaml', 'package.json');
  return { ours, cdk8s: fs.existsSync(cdk8sCopy) ? require(cdk8sCopy).version : ours };
}

const oneYaml = {
  name: 'one-yaml',
  setup(build) {
    const cdk8sDir = path.join(ROOT, 'node_modules', 'cdk8s') + path.sep;
    build.onResolve({ filter: /^yaml(\/.*)?$/ }, (args) =>
      args.importer.startsWith(cdk8sDir) ? { path: require.resolve(args.path, { paths: [ROOT] }) } : undefined,
    );
  },
};

async function bundle() {
  if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} not found: run tsc first (npm run build does); if src/cli/main.ts moved, change ENTRY in bin/load-bundle.js`);
  const versions = yamlVersions();
  const sameYaml = versions.ours === versions.cdk8s;
  if (!sameYaml) console.warn(`build-cli: cdk8s bundles yaml ${versions.cdk8s}, we use ${versions.ours}: the bundle keeps both copies`);
  const engine = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node.match(/\d+/)[0];
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${engine}`,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: sameYaml ? [keepModulePaths, oneYaml] : [keepModulePaths],
  });
  // A cache compiled from the previous bundle can never match this one: drop it.
  fs.rmSync(path.join(DIST, CACHE_DIR_NAME), { recursive: true, force: true });
}

await bundle();
fs.writeFileSync(HELP_TABLE, JSON.stringify(renderHelp(BUNDLE), null, 1) + '\n');
