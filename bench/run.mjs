// `npm run bench`: the whole CLI process (node start + require + work) against a floor that only
// parses the same compose file with `yaml` and serialises the same output documents.
// Writes BENCHMARKS.md. Figures are comparable only within one run: read the ratios.
//
//   node bench/run.mjs [--runs N] [--dist DIR] [--sizes 1,10,100,1000] [--out FILE]
//
// --dist runs a build other than ./dist (e.g. `npx tsc -p . --outDir /tmp/c2k-dist`), so the
// benchmark can run while others are building into dist/.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', '7'));
const DIST = path.resolve(arg('--dist', path.join(ROOT, 'dist')));
const SIZES = arg('--sizes', '1,10,100,1000').split(',').map(Number);
const OUT = path.resolve(arg('--out', path.join(ROOT, 'BENCHMARKS.md')));
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!fs.existsSync(path.join(DIST, 'cli.js'))) {
  console.error(`bench: ${DIST}/cli.js not found; run npm run build (or pass --dist DIR)`);
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

// The real launcher when benchmarking ./dist; the same two lines pointing at --dist otherwise.
const launcher = DIST === path.join(ROOT, 'dist') ? path.join(ROOT, 'bin', 'compose2k8s.js') : path.join(work, 'compose2k8s.js');
if (launcher.startsWith(work)) {
  fs.writeFileSync(launcher, `'use strict';\nrequire(${JSON.stringify(path.join(DIST, 'cli.js'))}).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`);
}

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
 * Runs a command once: wall time (ms) measured here; peak RSS (KiB) and CPU time (user + system, ms,
 * 10 ms resolution) from /usr/bin/time. CPU time moves less than wall time on a busy machine.
 */
function measure(cmd, cmdArgs, cwd) {
  const full = TIME ? [TIME, ['-f', '%M %U %S', '-o', path.join(work, 'rss'), cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
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

/** Warm-up, then RUNS alternating runs of both commands (so drift hits both alike); medians. */
function compare(a, b, cwd) {
  measure(a[0], a[1], cwd);
  measure(b[0], b[1], cwd);
  const ra = [];
  const rb = [];
  for (let i = 0; i < RUNS; i++) {
    ra.push(measure(a[0], a[1], cwd));
    rb.push(measure(b[0], b[1], cwd));
  }
  return {
    a: { ms: median(ra.map((r) => r.ms)), rss: median(ra.map((r) => r.rss)), cpu: median(ra.map((r) => r.cpu)) },
    b: { ms: median(rb.map((r) => r.ms)), rss: median(rb.map((r) => r.rss)), cpu: median(rb.map((r) => r.cpu)) },
  };
}

const node = process.execPath;
const rows = [];
const cases = [
  ...SIZES.map((n) => ({ name: `generated, ${n} service${n === 1 ? '' : 's'}`, services: n, text: generate(n) })),
  { name: 'examples/seed', services: 2, file: path.join(ROOT, 'examples', 'seed', 'docker-compose.yml') },
];

for (const c of cases) {
  let file = c.file;
  if (!file) {
    const dir = path.join(work, `p${c.services}`);
    fs.mkdirSync(dir);
    file = path.join(dir, 'compose.yaml');
    fs.writeFileSync(file, c.text);
  }
  const cwd = path.dirname(file);
  const cli = [node, [launcher, 'convert', '-f', file]];
  // The floor serialises exactly the documents the CLI printed.
  const { stdout } = measure(cli[0], cli[1], cwd);
  const { parseAllDocuments } = await import(path.join(ROOT, 'node_modules', 'yaml', 'dist', 'index.js'));
  const docs = parseAllDocuments(stdout).map((d) => d.toJS());
  const json = path.join(work, `docs-${rows.length}.json`);
  fs.writeFileSync(json, JSON.stringify(docs));
  const floorCmd = [node, [floor, file, json]];
  const check = measure(floorCmd[0], floorCmd[1], cwd).stdout;
  if (check !== stdout) throw new Error(`${c.name}: the floor's output differs from the CLI's; the comparison would be unfair`);
  const r = compare(cli, floorCmd, cwd);
  rows.push({ name: c.name, services: c.services, docs: docs.length, cli: r.a, floor: r.b });
  console.log(`${c.name.padEnd(28)} cli ${r.a.ms.toFixed(0).padStart(6)} ms ${(r.a.rss / 1024).toFixed(0).padStart(5)} MiB   floor ${r.b.ms.toFixed(0).padStart(6)} ms ${(r.b.rss / 1024).toFixed(0).padStart(5)} MiB   ×${(r.a.ms / r.b.ms).toFixed(2)} (CPU ×${(r.a.cpu / r.b.cpu).toFixed(2)})`);
}

const help = compare([node, [launcher, '--help']], [node, ['-e', '0']], ROOT);
console.log(`${'--help'.padEnd(28)} cli ${help.a.ms.toFixed(0).padStart(6)} ms   node -e 0 ${help.b.ms.toFixed(0)} ms   ×${(help.a.ms / help.b.ms).toFixed(2)}`);

// Linearity: the cost of one more service between the middle sizes and between the largest two, in CPU
// time when measured (wall time on a busy machine swings more than the difference being measured).
// Linear or better: the cost of one more service does not grow with the number of services.
const gen = rows.filter((r) => r.name.startsWith('generated')).sort((a, b) => a.services - b.services);
const cost = (r) => (Number.isNaN(r.cli.cpu) ? r.cli.ms : r.cli.cpu);
const slope = (x, y) => (cost(y) - cost(x)) / (y.services - x.services);
const big = gen.length >= 2 ? slope(gen[gen.length - 2], gen[gen.length - 1]) : NaN;
const small = gen.length >= 3 ? slope(gen[1], gen[gen.length - 2]) : NaN;

const linear = big <= small * 1.5;
const fmtMs = (x) => (Number.isNaN(x) ? 'n/a' : x.toFixed(0));
const fmtMb = (kb) => (Number.isNaN(kb) ? 'n/a' : (kb / 1024).toFixed(0));
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : `${(a / b).toFixed(2)}×`);
const maxConvRatio = Math.max(...rows.map((r) => r.cli.ms / r.floor.ms));
const maxCpuRatio = Math.max(...rows.map((r) => r.cli.cpu / r.floor.cpu));
const helpRatio = help.a.ms / help.b.ms;
const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const md = `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs); edit only the notes at the end. Wall time and peak RSS of the whole
process (node start-up, require, work, output to a pipe), median of ${RUNS} runs after a warm-up, the CLI
and its floor alternating. The **floor** is a node process that only parses the same compose file with
\`yaml\` and serialises the same output documents (read from the CLI's output beforehand; the bench
checks that both print byte-identical YAML). Absolute figures move with the machine; compare ratios.

- date: ${new Date().toISOString().slice(0, 10)}
- machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}
- node: ${process.version}
- load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (other work on the machine slows both columns)
- peak RSS: ${TIME ? '`/usr/bin/time -f %M`' : 'not measured (/usr/bin/time not found)'}

| case | objects | CLI ms | floor ms | time ratio | CLI CPU ms | floor CPU ms | CPU ratio | CLI MiB | floor MiB | memory ratio |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.name} | ${r.docs} | ${fmtMs(r.cli.ms)} | ${fmtMs(r.floor.ms)} | ${ratio(r.cli.ms, r.floor.ms)} | ${fmtMs(r.cli.cpu)} | ${fmtMs(r.floor.cpu)} | ${ratio(r.cli.cpu, r.floor.cpu)} | ${fmtMb(r.cli.rss)} | ${fmtMb(r.floor.rss)} | ${ratio(r.cli.rss, r.floor.rss)} |`).join('\n')}
| \`--help\` vs \`node -e 0\` | – | ${fmtMs(help.a.ms)} | ${fmtMs(help.b.ms)} | ${ratio(help.a.ms, help.b.ms)} | ${fmtMs(help.a.cpu)} | ${fmtMs(help.b.cpu)} | ${ratio(help.a.cpu, help.b.cpu)} | ${fmtMb(help.a.rss)} | ${fmtMb(help.b.rss)} | ${ratio(help.a.rss, help.b.rss)} |

Cost of one more service (${TIME ? 'CPU' : 'wall'} time): ${small.toFixed(2)} ms between ${gen[1]?.services} and ${gen[gen.length - 2]?.services} services, ${big.toFixed(2)} ms between ${gen[gen.length - 2]?.services} and ${gen[gen.length - 1]?.services}${linear ? ' (linear or better)' : ' (grows: worse than linear)'}.

| goal | target | this run |
|---|---|---|
| \`--help\` start-up | ≤ 1.2× \`node -e 0\` | ${helpRatio.toFixed(2)}× ${helpRatio <= 1.2 ? '✓' : '✗'} |
| conversion | ≤ 1.5× the floor at every size | worst ${maxConvRatio.toFixed(2)}× wall, ${maxCpuRatio.toFixed(2)}× CPU ${maxConvRatio <= 1.5 ? '✓' : '✗'} |
| linear in services | cost of one more service does not grow | ${small.toFixed(2)} → ${big.toFixed(2)} ms/service ${linear ? '✓' : '✗'} |
`;
// Notes written by hand (where the time goes, what was tried) survive a re-run below this marker.
const MARKER = '<!-- notes: kept by bench/run.mjs -->';
const previous = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : `${MARKER}\n`;
fs.writeFileSync(OUT, `${md}\n${notes}`);
console.log(`wrote ${path.relative(process.cwd(), OUT) || OUT}`);
