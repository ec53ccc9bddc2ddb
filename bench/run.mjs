// `npm run bench`: the whole `compose2k8s` process (node start, loading the CLI, work, output to a
// pipe) against a floor that only parses the same compose file with `yaml` and serialises the same
// output documents; `--help`/`--version` against `node -e 0`. Writes BENCHMARKS.md (the notes below
// its marker are kept). Figures are comparable only within one run: read the ratios.
//
//   node bench/run.mjs [--runs N] [--runs-large N] [--sizes 1,10,100,1000,5000] [--before] [--out FILE]
//
// --before also times tsc's unbundled dist/cli.js, loaded as bin/compose2k8s.js loaded it before the
// bundle (the figures of issue 13's "today" column).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { compareBundle, parityCases } from '../scripts/bundle-parity.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ENTRY, RUNTIME_FILES } = createRequire(import.meta.url)('../bin/load-bundle.js');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', '7'));
/** Fewer runs from this many services on: one run of 5,000 services takes seconds. */
const LARGE = 2000;
const RUNS_LARGE = Number(arg('--runs-large', '3'));
const SIZES = arg('--sizes', '1,10,100,1000,5000').split(',').map(Number);
const BEFORE = args.includes('--before');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'BENCHMARKS.md')));
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/**
 * Every command runs in this environment only: variables such as NODE_EXTRA_CA_CERTS (which makes
 * node read a certificate file at start-up, ~80 ms here) or NODE_OPTIONS would slow both sides and
 * dilute every ratio.
 */
const CLEAN_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir() };

for (const f of [path.relative(ROOT, ENTRY), ...RUNTIME_FILES]) {
  if (!fs.existsSync(path.join(ROOT, f))) {
    console.error(`bench: ${f} not found; run npm run build`);
    process.exit(2);
  }
}

// The bundle must print exactly what the unbundled build prints, or its timings mean nothing.
const cases = parityCases();
const differences = await compareBundle({ cases });
if (differences.length) {
  for (const d of differences) console.error(`bench: the bundle's output differs: ${d}`);
  process.exit(1);
}
console.log(`bundle parity: ${cases.length} command lines byte-identical to the unbundled build`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

// The files the command reads, copied: a build in ./dist during the run does not disturb it, and its
// code cache starts empty.
const pkg = path.join(work, 'pkg');
for (const f of RUNTIME_FILES) fs.cpSync(path.join(ROOT, f), path.join(pkg, f), { recursive: true });
const launcher = path.join(pkg, 'bin', 'compose2k8s.js');
// Before the bundle, bin/compose2k8s.js required tsc's CLI module (ENTRY) and called main().
const unbundled = path.join(work, 'unbundled.js');
fs.writeFileSync(unbundled, `'use strict';\nrequire(${JSON.stringify(ENTRY)}).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`);

// The floor: yaml from the project's own node_modules, the same version the CLI uses.
const floor = path.join(work, 'floor.js');
fs.writeFileSync(
  floor,
  `'use strict';
const fs = require('fs');
const { parse, Document } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'yaml'))});
parse(fs.readFileSync(process.argv[2], 'utf8'));
const docs = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
process.stdout.write(docs.map((d) => new Document(d).toString({ lineWidth: 0 })).join('---\\n'));
`,
);

/** A project of n services, each with ports, a named volume, environment and a healthcheck. */
function generate(n) {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  svc-${i}:`,
      `    image: nginx:1.27`,
      `    ports:`,
      `      - "${8000 + (i % 50000)}:80"`,
      `    volumes:`,
      `      - data-${i}:/var/lib/data`,
      `    environment:`,
      `      LOG_LEVEL: info`,
      `      SERVICE_INDEX: "${i}"`,
      `      UPSTREAM: http://svc-${(i + 1) % n}:80`,
      `    healthcheck:`,
      `      test: ["CMD", "curl", "-f", "http://localhost/"]`,
      `      interval: 10s`,
      `      timeout: 5s`,
      `      retries: 3`,
    );
  }
  lines.push('volumes:');
  for (let i = 0; i < n; i++) lines.push(`  data-${i}: {}`);
  return lines.join('\n') + '\n';
}

/**
 * Runs a command once in the clean environment: wall time (ms) measured here; peak RSS (KiB) and
 * CPU time (user + system, ms, 10 ms resolution) from /usr/bin/time.
 */
function measure([cmd, cmdArgs], cwd) {
  const full = TIME ? [TIME, ['-f', '%M %U %S', '-o', path.join(work, 'rss'), cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, env: CLEAN_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const [rss, user, sys] = TIME ? fs.readFileSync(path.join(work, 'rss'), 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, rss, cpu: (user + sys) * 1000, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One warm-up each, then `runs` rounds running every command once in turn (drift hits all alike); medians. */
function compare(commands, cwd, runs) {
  for (const c of commands) measure(c, cwd);
  const all = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, k) => all[k].push(measure(c, cwd)));
  return all.map((rs) => ({ ms: median(rs.map((r) => r.ms)), rss: median(rs.map((r) => r.rss)), cpu: median(rs.map((r) => r.cpu)) }));
}

const node = process.execPath;
const cli = (argv) => [node, [launcher, ...argv]];
const before = (argv) => [node, [unbundled, ...argv]];

// The code cache is written by the first conversion after install, as a user's first one would: here
// the seed example's, before anything is timed.
const seedFile = path.join(ROOT, 'examples', 'seed', 'docker-compose.yml');
measure(cli(['convert', '-f', seedFile]), path.dirname(seedFile));
const cacheDir = path.join(pkg, 'dist', '.code-cache');
const cacheWritten = fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).length > 0;

const rows = [];
const conversions = [
  ...SIZES.map((n) => ({ name: `generated, ${n.toLocaleString('en')} service${n === 1 ? '' : 's'}`, services: n, text: generate(n) })),
  { name: 'examples/seed', services: 2, file: seedFile },
];
for (const c of conversions) {
  let file = c.file;
  if (!file) {
    const dir = path.join(work, `p${c.services}`);
    fs.mkdirSync(dir);
    file = path.join(dir, 'compose.yaml');
    fs.writeFileSync(file, c.text);
  }
  const cwd = path.dirname(file);
  const convert = ['convert', '-f', file];
  // The floor serialises exactly the documents the CLI printed.
  const { stdout } = measure(cli(convert), cwd);
  const { parseAllDocuments } = await import(path.join(ROOT, 'node_modules', 'yaml', 'dist', 'index.js'));
  const docs = parseAllDocuments(stdout).map((d) => d.toJS());
  const json = path.join(work, `docs-${rows.length}.json`);
  fs.writeFileSync(json, JSON.stringify(docs));
  const floorCmd = [node, [floor, file, json]];
  if (measure(floorCmd, cwd).stdout !== stdout) throw new Error(`${c.name}: the floor's output differs from the CLI's; the comparison would be unfair`);
  const [a, b, old] = compare([cli(convert), floorCmd, ...(BEFORE ? [before(convert)] : [])], cwd, c.services >= LARGE ? RUNS_LARGE : RUNS);
  rows.push({ name: c.name, services: c.services, docs: docs.length, cli: a, floor: b, before: old, runs: c.services >= LARGE ? RUNS_LARGE : RUNS });
  console.log(`${c.name.padEnd(28)} cli ${a.ms.toFixed(0).padStart(6)} ms ${(a.rss / 1024).toFixed(0).padStart(5)} MiB   floor ${b.ms.toFixed(0).padStart(6)} ms ${(b.rss / 1024).toFixed(0).padStart(5)} MiB   ×${(a.ms / b.ms).toFixed(2)} (CPU ×${(a.cpu / b.cpu).toFixed(2)})${old ? `   unbundled ×${(old.ms / b.ms).toFixed(2)}` : ''}`);
}

const starts = ['--help', '--version'].map((flag) => {
  const [a, b, old] = compare([cli([flag]), [node, ['-e', '0']], ...(BEFORE ? [before([flag])] : [])], ROOT, RUNS);
  console.log(`${flag.padEnd(28)} cli ${a.ms.toFixed(0).padStart(6)} ms   node -e 0 ${b.ms.toFixed(0)} ms   ×${(a.ms / b.ms).toFixed(2)}${old ? `   unbundled ×${(old.ms / b.ms).toFixed(2)}` : ''}`);
  return { name: `\`${flag}\` vs \`node -e 0\``, docs: '–', cli: a, floor: b, before: old, runs: RUNS };
});

// Growth: the cost of one more service between sizes, wall and CPU time (CPU moves less when other
// work shares the machine). Linear: the cost between the two largest sizes is at most 1.5× the cost
// between the two before.
const gen = rows.filter((r) => r.name.startsWith('generated')).sort((a, b) => a.services - b.services);
const slope = (x, y, k) => (y.cli[k] - x.cli[k]) / (y.services - x.services);
const steps = gen.slice(1).map((y, i) => ({ from: gen[i].services, to: y.services, ms: slope(gen[i], y, 'ms'), cpu: slope(gen[i], y, 'cpu') })).filter((s) => s.from >= 100);
const linear = steps.length >= 2 && steps[steps.length - 1].cpu <= steps[steps.length - 2].cpu * 1.5;

const fmtMs = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(0));
const fmtMb = (kb) => (Number.isNaN(kb) ? 'n/a' : (kb / 1024).toFixed(0));
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : `${(a / b).toFixed(2)}×`);
const row = (r) =>
  `| ${r.name} | ${r.docs} | ${fmtMs(r.cli.ms)} | ${fmtMs(r.floor.ms)} | **${ratio(r.cli.ms, r.floor.ms)}** | ${fmtMs(r.cli.cpu)} | ${fmtMs(r.floor.cpu)} | ${ratio(r.cli.cpu, r.floor.cpu)} | ${fmtMb(r.cli.rss)} | ${fmtMb(r.floor.rss)} | ${ratio(r.cli.rss, r.floor.rss)} |${BEFORE ? ` ${fmtMs(r.before.ms)} | ${ratio(r.before.ms, r.floor.ms)} |` : ''}`;
const byName = (name) => [...rows, ...starts].find((r) => r.name === name);
const goal = (label, target, r, limit, key = 'ms') => {
  if (!r) return `| ${label} | ${target} | not measured |`;
  const x = r.cli[key] / r.floor[key];
  return `| ${label} | ${target} | ${x.toFixed(2)}× ${x <= limit ? '✓' : '✗'} |`;
};
const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const md = `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs); edit only the notes at the end.

## Method

- **What is timed**: the whole process, as a user runs it: \`node bin/compose2k8s.js convert -f FILE\`
  (node start-up, loading the CLI bundle with its code cache, the conversion, YAML to a pipe), from
  a copy of the files it reads (${RUNTIME_FILES.map((f) => `\`${f}\``).join(', ')}). Its code cache is written by one conversion of examples/seed
  before anything is timed, as a user's first conversion writes it${cacheWritten ? '' : ' (**this run: no cache was written**)'}.
- **The floor** of a conversion is a node process that only parses the same compose file with \`yaml\`
  and serialises the same output documents (read from the CLI's output beforehand; the bench checks
  that both print byte-identical YAML). The floor of \`--help\`/\`--version\` is \`node -e 0\`.
- **Clean environment**: every command runs with only \`PATH\` and \`HOME\` set (\`env -i\`): variables
  such as \`NODE_EXTRA_CA_CERTS\` (node reads the certificate file at every start-up) or
  \`NODE_OPTIONS\` would add the same cost to both sides and shrink every ratio.
- **Alternating, medians**: one warm-up of each command, then ${RUNS} rounds (${RUNS_LARGE} from ${LARGE.toLocaleString('en')} services on) that run the
  CLI and its floor${BEFORE ? ' and the unbundled build' : ''} in turn, so drift on the machine hits all alike; the table shows medians.
- **Measured**: wall time here; peak RSS and CPU time (user + system, 10 ms resolution) with
  ${TIME ? '`/usr/bin/time -f "%M %U %S"`' : 'nothing (/usr/bin/time not found)'}. Absolute figures move with the machine: compare ratios,
  and measure on a quiet machine (other work slows both columns, not always alike).
- **Parity first**: before timing, the bundle's output is compared byte for byte with the unbundled
  build's (scripts/bundle-parity.mjs, also run by \`npm test\`): ${cases.length} command lines over the examples,
  the fixtures and ../shared/corpus.${BEFORE ? '\n- **Unbundled**: tsc\'s `dist/cli.js` required by a two-line launcher, as before the bundle (issue 13\'s "today").' : ''}

## This run

- date: ${new Date().toISOString().slice(0, 10)}
- machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}
- node: ${process.version}
- load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}

| case | objects | CLI ms | floor ms | time ratio | CLI CPU ms | floor CPU ms | CPU ratio | CLI MiB | floor MiB | memory ratio |${BEFORE ? ' unbundled ms | unbundled ratio |' : ''}
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${BEFORE ? '---:|---:|' : ''}
${[...rows, ...starts].map(row).join('\n')}

Cost of one more service: ${steps.length ? steps.map((s) => `${s.from.toLocaleString('en')} → ${s.to.toLocaleString('en')} services: ${s.ms.toFixed(2)} ms wall, ${s.cpu.toFixed(2)} ms CPU`).join('; ') : 'not measured (needs two sizes from 100 services up)'}.

| goal (issue 13) | target | this run |
|---|---|---|
${goal('1 service', '≤ 1.1× the floor', byName('generated, 1 service'), 1.1)}
${goal('examples/seed', '≤ 1.1× the floor', byName('examples/seed'), 1.1)}
${goal('1,000 services', '≤ 1.3× the floor', byName('generated, 1,000 services'), 1.3)}
${goal('`--help`', '≤ 1.2× `node -e 0`', starts[0], 1.2)}
${goal('`--version`', '≤ 1.2× `node -e 0`', starts[1], 1.2)}
${goal('memory at 1 service', '≤ 1.2× the floor', byName('generated, 1 service'), 1.2, 'rss')}
| linear in services | cost of one more service does not grow (≤ 1.5× between the last two steps, CPU) | ${steps.length < 2 ? 'not measured' : `${steps.map((s) => s.cpu.toFixed(2)).join(' → ')} ms/service ${linear ? '✓' : '✗'}`} |
`;
// Notes written by hand (where the time goes, what was tried) survive a re-run below this marker.
const MARKER = '<!-- notes: kept by bench/run.mjs -->';
const previous = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : `${MARKER}\n`;
fs.writeFileSync(OUT, `${md}\n${notes}`);
console.log(`wrote ${path.relative(process.cwd(), OUT) || OUT}`);
