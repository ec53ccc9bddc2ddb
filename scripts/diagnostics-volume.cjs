#!/usr/bin/env node
// Measures how much the CLI prints on stderr: runs the built CLI (dist/, `npm run build` first)
// in-process over every compose file of ../shared/corpus, examples/ and test/fixtures/, and over a
// generated project with hundreds of pass-through variables and many repeated warnings, and prints
// the stderr line counts of the worst cases and the totals.
//
//   node scripts/diagnostics-volume.cjs [--before DIR] [--top N] [--keep DIR] [-- ARGS...]
//
// --before DIR compares with another build (e.g. main's dist/ copied to .measure-before/dist inside
// the repository, so that it finds node_modules): the worst cases of that build, before → after;
// --keep writes the generated project to DIR and keeps it; ARGS after `--` are added to every
// command line of this build (e.g. -- --verbose).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ENTRY } = require('../bin/load-bundle.js');

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const COMPOSE_NAME = /^(docker-)?compose([.-][^/]*)?\.ya?ml$/;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const extraArgs = process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [];

/** Every YAML file under dir (recursively) that `keep` accepts, sorted. */
function yamlFiles(dir, keep) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(p, keep);
      return /\.ya?ml$/.test(e.name) && !e.name.startsWith('expected') && keep(p) ? [p] : [];
    });
}

// Variable names as real projects have them: a prefix and a word, several hundred of them.
const PREFIXES = ['AMPLITUDE', 'ANALYTICS', 'API', 'APP', 'AUTH', 'AWS', 'CACHE', 'DB', 'MAIL', 'OAUTH', 'REDIS', 'S3', 'SENTRY', 'SMTP', 'STRIPE'];
const WORDS = ['ID', 'KEY', 'SECRET', 'URL', 'HOST', 'PORT', 'USER', 'PASSWORD', 'REGION', 'BUCKET', 'TOKEN', 'TIMEOUT', 'ENABLED', 'LEVEL', 'NAME', 'PATH', 'DSN', 'SCRIPT_URLS', 'ENDPOINT', 'MODE'];
const NAMES = PREFIXES.flatMap((p) => WORDS.map((w) => `${p}_${w}`));

/** A project as large self-hosted stacks are: pass-through environments, directory mounts, ${VAR}s. */
function writeSyntheticProject(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const lines = ['version: "3.8"', 'services:', '  app:', '    build: .', '    ports: ["8080:8080"]', '    environment:'];
  for (const name of NAMES) lines.push(`      - ${name}`);
  lines.push('  worker:', '    image: ${REGISTRY}/worker:${TAG}', '    environment:');
  for (const name of NAMES.slice(0, 120)) lines.push(`      - ${name}`);
  for (let i = 1; i <= 12; i++) {
    lines.push(`  plugin${i}:`, `    image: registry.example.com/plugin${i}:\${PLUGIN${i}_TAG}`, '    restart: on-failure:3', '    oom_kill_disable: true', '    volumes:');
    for (const sub of ['data', 'logs', 'cache']) {
      fs.mkdirSync(path.join(dir, `plugin${i}`, sub), { recursive: true });
      lines.push(`      - ./plugin${i}/${sub}:/srv/${sub}`);
    }
    lines.push('    environment:', `      - PLUGIN${i}_LICENSE`, `      - PLUGIN${i}_ENDPOINT=\${PLUGIN${i}_ENDPOINT}`);
  }
  fs.writeFileSync(path.join(dir, 'compose.yaml'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\n');
  return path.join(dir, 'compose.yaml');
}

async function stderrLines(run, command, file, args) {
  let stderr = '';
  const io = { cwd: path.dirname(file), env: {}, stdout: () => {}, stderr: (t) => void (stderr += t), readStdin: async () => '' };
  const code = await run([command, '-f', path.basename(file), ...args], io);
  return { code, lines: stderr === '' ? 0 : stderr.replace(/\n$/, '').split('\n').length };
}

/** Lines of stderr of convert and config over every file: `file command` → { code, lines }. */
/** The CLI module of a build: ENTRY's place in that dist/, or cli.js in a build from before src/cli/. */
function cliModule(dist) {
  const current = path.resolve(ROOT, dist, path.relative(path.join(ROOT, 'dist'), ENTRY));
  return fs.existsSync(current) ? current : path.resolve(ROOT, dist, 'cli.js');
}

async function measure(dist, files, synthetic, args) {
  const { run } = require(cliModule(dist));
  const rows = new Map();
  for (const file of [...files, synthetic]) {
    const shown = file === synthetic ? 'synthetic project (generated)' : path.relative(ROOT, file);
    for (const command of ['convert', 'config']) rows.set(`${command}  ${shown}`, await stderrLines(run, command, file, args));
  }
  return rows;
}

async function main() {
  const keep = option('--keep');
  const synthDir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-synthetic-'));
  const synthetic = writeSyntheticProject(synthDir);
  const files = [
    ...yamlFiles(path.join(CORPUS, 'awesome-compose'), (p) => COMPOSE_NAME.test(path.basename(p))),
    ...yamlFiles(path.join(CORPUS, 'compose-spec'), () => true),
    ...yamlFiles(path.join(ROOT, 'examples'), (p) => COMPOSE_NAME.test(path.basename(p))),
    ...yamlFiles(path.join(ROOT, 'test', 'fixtures'), (p) => path.basename(path.dirname(p)) === 'regressions' || COMPOSE_NAME.test(path.basename(p))),
  ];
  const after = await measure('dist', files, synthetic, extraArgs);
  const before = option('--before') ? await measure(option('--before'), files, synthetic, []) : undefined;
  if (!keep) fs.rmSync(synthDir, { recursive: true, force: true });

  const sum = (rows) => [...rows.values()].reduce((n, r) => n + r.lines, 0);
  const worst = (rows, real) => Math.max(...[...rows].filter(([k]) => !real || !k.includes('synthetic')).map(([, r]) => r.lines));
  const ranked = [...(before ?? after)].sort(([a, x], [b, y]) => y.lines - x.lines || (a < b ? -1 : 1));
  process.stdout.write(`${files.length + 1} projects, ${after.size} runs\n\n${before ? 'before  ' : ''} after  exit  command  file\n`);
  for (const [key] of ranked.slice(0, Number(option('--top', '12')))) {
    const b = before ? `${String(before.get(key).lines).padStart(6)}  ` : '';
    process.stdout.write(`${b}${String(after.get(key).lines).padStart(6)}  ${String(after.get(key).code).padStart(4)}  ${key}\n`);
  }
  const figures = (rows) => `${sum(rows)} lines in all, at most ${worst(rows, true)} for one corpus file, example or fixture, ${worst(rows, false)} with the synthetic project`;
  if (before) process.stdout.write(`\nbefore: ${figures(before)}\n`);
  process.stdout.write(`${before ? '' : '\n'}after:  ${figures(after)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
