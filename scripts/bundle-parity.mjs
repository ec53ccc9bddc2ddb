#!/usr/bin/env node
// The CLI bundle (dist/cli.bundle.cjs, loaded as bin/compose2k8s.js loads it) must print exactly
// what tsc's unbundled CLI module (ENTRY) prints: same stdout, stderr, exit code and written files, byte for
// byte, for the examples, the fixtures and ../shared/corpus, through convert (stdout, -o, --env prod,
// Kustomize), config and bad input. Both run in this process, one command line after the other.
// Used by test/bundle.test.ts and bench/run.mjs; `node scripts/bundle-parity.mjs` runs it alone.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ENTRY, BUNDLE, loadBundle } = require('../bin/load-bundle.js');
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** Replaced by a fresh output path in each run. */
const OUT = '{out}';

/** The compose file of each folder under `dir` (examples, fixtures). */
function projectFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((name) => COMPOSE_NAMES.map((f) => path.join(dir, name, f)).find((f) => fs.existsSync(f)) ?? []);
}

/** Every YAML file below `dir`, sorted. */
function yamlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The command lines compared, each run in its compose file's directory with an empty environment. */
export function parityCases(root = ROOT) {
  const projects = [...projectFiles(path.join(root, 'examples')), ...projectFiles(path.join(root, 'test', 'fixtures'))];
  const inputs = [...projects, ...yamlFiles(path.join(root, 'test', 'fixtures', 'regressions')), ...yamlFiles(path.join(root, '..', 'shared', 'corpus'))];
  const at = (file, argv) => ({ name: `${path.relative(root, file)}: ${argv.join(' ')}`, cwd: path.dirname(file), argv });
  const seed = path.join(root, 'examples', 'seed', 'docker-compose.yml');
  return [
    ...inputs.flatMap((f) => [at(f, ['convert', '-f', path.basename(f)]), at(f, ['config', '-f', path.basename(f)])]),
    ...projects.flatMap((f) => [
      at(f, ['convert', '-f', path.basename(f), '-o', OUT]),
      at(f, ['convert', '-f', path.basename(f), '--env', 'prod']),
      at(f, ['convert', '-f', path.basename(f), '--env', 'dev', '--env', 'prod', '--format', 'kustomize', '-o', OUT]),
      at(f, ['config', '-f', path.basename(f), '--format', 'json']),
      at(f, ['config', '-f', path.basename(f), '-o', OUT]),
    ]),
    ...[['--help'], ['--version'], ['convert', '--help'], ['envs'], ['convert', '--bogus'], ['convert', '--pvc-size', 'lots'], ['nope'], ['convert', '-f', 'missing.yaml'], ['convert', '--env', 'nosuch']].map((argv) => at(seed, argv)),
    { ...at(seed, ['convert', '-f', '-']), stdin: fs.readFileSync(seed, 'utf8') },
    { name: 'a directory without a compose file: convert', cwd: os.tmpdir(), argv: ['convert'] },
  ];
}

/** Every file below `out` (a directory from convert -o, a file from config -o) with its content; undefined when none. */
function readTree(out) {
  if (!fs.existsSync(out)) return undefined;
  if (fs.statSync(out).isFile()) return { '.': fs.readFileSync(out, 'latin1') };
  const files = {};
  for (const f of fs.readdirSync(out, { recursive: true }).map(String).sort()) {
    const full = path.join(out, f);
    if (fs.statSync(full).isFile()) files[f] = fs.readFileSync(full, 'latin1');
  }
  return files;
}

/** Runs one command line through `cli.run` with captured output; -o writes to `out`, read back and removed. */
async function runCase(cli, c, out) {
  let stdout = '';
  let stderr = '';
  const io = { cwd: c.cwd, env: {}, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => c.stdin ?? '' };
  const code = await cli.run(c.argv.map((a) => (a === OUT ? out : a)), io);
  const files = readTree(out);
  fs.rmSync(out, { recursive: true, force: true });
  return JSON.stringify({ code, stdout, stderr, files });
}

/**
 * Runs every case through both builds; resolves to the names of the cases whose results differ
 * (none when the bundle is faithful). `bundle` defaults to the one `npm run build` writes.
 */
export async function compareBundle({ cases = parityCases(), bundle = BUNDLE } = {}) {
  const unbundled = require(ENTRY);
  const bundled = loadBundle({ bundle }).exports;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-parity-'));
  try {
    const out = path.join(work, 'out');
    const differences = [];
    for (const c of cases) {
      const a = await runCase(unbundled, c, out);
      const b = await runCase(bundled, c, out);
      if (a !== b) differences.push(c.name);
    }
    return differences;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cases = parityCases();
  const differences = await compareBundle({ cases });
  for (const d of differences) console.error(`differs: ${d}`);
  console.log(`bundle parity: ${cases.length - differences.length} of ${cases.length} command lines byte-identical`);
  process.exitCode = differences.length ? 1 : 0;
}
