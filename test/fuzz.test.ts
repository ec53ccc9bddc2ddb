// Bad input: mutated compose files (the examples and the corpus) go through the CLI. Each must either
// convert (a sample of the outputs is validated by kubectl in one batch) or exit 1 with diagnostics
// that carry file:line:col: never an internal error, a stack trace or a hang.
// Seeded and bounded: FUZZ_SEED and FUZZ_CASES change the run; a failure names its seed and
// mutations, so `FUZZ_SEED=<seed> FUZZ_CASES=1` replays it. Inputs that broke it live in
// test/fixtures/regressions/ and are replayed on every run.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BUNDLE, kubeValidate, kubeValidateUnavailable, ROOT, SHARED, runCli } from './helpers';
import { hugeCompose, mutate, rng } from './fuzz-mutate';
import { announcedObjects, invariantProblems, type Doc } from './k8s-invariants';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CASES = Number(process.env.FUZZ_CASES ?? 200);
const REGRESSIONS = path.join(ROOT, 'test', 'fixtures', 'regressions');
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Valid compose files to start from: the examples, then the awesome-compose corpus when present. */
function seedFiles(): string[] {
  const dirs = [path.join(ROOT, 'examples'), path.join(SHARED, 'corpus', 'awesome-compose')].filter((d) => fs.existsSync(d));
  return dirs.flatMap((root) =>
    fs
      .readdirSync(root)
      .sort()
      .flatMap((name) => COMPOSE_NAMES.map((f) => path.join(root, name, f)).filter((f) => fs.existsSync(f)).slice(0, 1)),
  );
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in-process, reading the compose text from stdin in `cwd` (so relative paths resolve there). */
const cli = (text: string, cwd: string, command: readonly string[] = ['convert']): Promise<Outcome> => runCli([...command, '-f', '-'], { cwd, stdin: text });

/** Cases take turns through these, so the other paths through the pipeline see bad input too. */
const COMMANDS: readonly (readonly string[])[] = [['convert'], ['convert', '--env', 'prod', '-n', 'shop'], ['convert', '--strict'], ['config']];

const STACK_FRAME = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;
const POSITIONED_ERROR = /^\S[^\n]*:\d+:\d+: error \[[a-z0-9-]+\]/m;
/** formatDiagnosticShort() starts with the severity when a diagnostic has no position. */
const UNPOSITIONED = /^(error|warning) \[/m;

/** What is wrong with an outcome, or undefined when it is one of the two acceptable ones. */
function problem(o: Outcome): string | undefined {
  if (/internal error/i.test(o.stderr)) return 'internal error';
  if (STACK_FRAME.test(o.stderr) || STACK_FRAME.test(o.stdout)) return 'stack trace';
  if (UNPOSITIONED.test(o.stderr)) return 'a diagnostic without file:line:col';
  if (o.code === 0) return o.stdout.trim() === '' ? 'exit 0 with no output' : undefined;
  if (o.code !== 1) return `exit code ${o.code}`;
  if (o.stdout !== '') return 'output written despite errors';
  if (!POSITIONED_ERROR.test(o.stderr)) return 'no error diagnostic with file:line:col';
  return undefined;
}

/**
 * What kubectl's client-side validation lets through but the API server would refuse: the
 * invariants of k8s-invariants.ts, and numbers that are not whole, negative, or too large for the
 * fields they are in (every number we emit is a count, a port, a mode, a uid or seconds).
 */
function outputProblems(o: Outcome): string[] {
  const docs = parseAllDocuments(o.stdout).map((d) => d.toJS({ maxAliasCount: -1 }) as Doc);
  const numbers: string[] = [];
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'number') {
      const max = /replicas|completions|parallelism|Threshold|Port|port/.test(where) ? 2_147_483_647 : Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(v) || v < 0 || v > max) numbers.push(`${where}: ${v}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  for (const d of docs) walk(d, `${d.kind}/${d.metadata?.name}`);
  return [...invariantProblems(docs, announcedObjects(o.stderr)), ...numbers];
}

const describeOutcome = (name: string, text: string, o: Outcome, why: string) =>
  `${name}: ${why} (exit ${o.code})\n--- input (first 600 chars)\n${text.slice(0, 600)}\n--- stderr (first 1500 chars)\n${o.stderr.slice(0, 1500)}`;

describe('fuzz: mutated compose files', () => {
  const seeds = seedFiles();
  const valid = new Map<string, string>();

  it(`${CASES} seeded mutants (seed ${SEED}) convert or fail with positioned diagnostics`, { timeout: 120_000 }, async () => {
    expect(seeds.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let converted = 0;
    let rejected = 0;
    for (let i = 0; i < CASES; i++) {
      // Case i (file, mutation, command) depends on SEED + i alone: FUZZ_SEED=<SEED + i> FUZZ_CASES=1 replays it.
      const r = rng(SEED + i);
      const file = seeds[Math.floor(r() * seeds.length)];
      const original = fs.readFileSync(file, 'utf8');
      const mutant = mutate(original, r);
      const command = COMMANDS[(SEED + i) % COMMANDS.length];
      const name = `#${i} ${command.join(' ')} ${path.relative(path.dirname(ROOT), file)} [${mutant.name}] (FUZZ_SEED=${SEED + i})`;
      const o = await cli(mutant.text, path.dirname(file), command);
      const output = o.code === 0 && command[0] === 'convert' ? outputProblems(o) : [];
      const why = problem(o) ?? (output.length ? `output the API server would refuse: ${output.slice(0, 3).join('; ')}` : undefined);
      if (why) failures.push(describeOutcome(name, mutant.text, o, why));
      else if (o.code === 0) {
        converted++;
        if (command[0] === 'convert' && valid.size < 25 && i % 3 === 0 && o.stdout.length < 20_000) valid.set(`fuzz-${i}`, o.stdout);
      } else rejected++;
    }
    expect(failures.slice(0, 3).join('\n\n')).toBe('');
    // Both outcomes must actually occur, or the mutator has stopped exercising one of them.
    expect(converted).toBeGreaterThan(CASES / 20);
    expect(rejected).toBeGreaterThan(CASES / 20);
  });

  it('the output check catches numbers the API server refuses (replicas: -1, .inf)', () => {
    const doc = (replicas: string) => ({ code: 0, stderr: '', stdout: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n` });
    expect(outputProblems(doc('-1'))).toContain('Deployment/web.spec.replicas: -1');
    expect(outputProblems(doc('.inf'))).toContain('Deployment/web.spec.replicas: Infinity');
    expect(outputProblems(doc('2'))).not.toContain('Deployment/web.spec.replicas: 2');
  });

  it('a multi-megabyte file converts (or fails cleanly) in one piece', { timeout: 120_000 }, async () => {
    const text = hugeCompose(2);
    const o = await cli(text, ROOT);
    expect(problem(o) ?? '').toBe('');
    expect(o.code).toBe(0);
    expect(o.stdout.length).toBeGreaterThan(text.length);
  });

  it('every input in test/fixtures/regressions/ converts or fails with positioned diagnostics', async () => {
    const files = fs.existsSync(REGRESSIONS) ? fs.readdirSync(REGRESSIONS).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    expect(files.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(REGRESSIONS, f), 'utf8');
      const o = await cli(text, REGRESSIONS);
      const why = problem(o);
      if (why) failures.push(describeOutcome(f, text, o, why));
      else if (o.code === 0 && o.stdout.length < 20_000) valid.set(`regression-${f}`, o.stdout);
    }
    expect(failures.join('\n\n')).toBe('');
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`a sample of the converted mutants is accepted by kubectl ${unavailable ? `(${unavailable})` : ''}`, { timeout: 300_000 }, () => {
    expect(valid.size).toBeGreaterThan(0);
    // One stream, so kubectl starts once (kube-validate runs it per file, ~2 s each here).
    const stream = [...valid.values()].map((y) => (y.endsWith('\n') ? y : y + '\n')).join('---\n');
    const { ok, output } = kubeValidate(new Map([['fuzz-sample', stream]]));
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
  });
});

// The real bin: what a user's shell sees, including exit codes and stderr, for a few hostile inputs.
const BIN = path.join(ROOT, 'bin', 'compose2k8s.js');
const built = fs.existsSync(BUNDLE);
describe.skipIf(!built)(`fuzz: through bin/compose2k8s.js ${built ? '' : '(skipped: dist/ not built; npm test builds it)'}`, () => {
  const seeds = seedFiles();
  const inputs = Array.from({ length: 6 }, (_, i) => {
    const r = rng(SEED + 1000 + i);
    const file = seeds[Math.floor(r() * seeds.length)];
    return { name: `bin #${i} (seed ${SEED + 1000 + i})`, cwd: path.dirname(file), text: mutate(fs.readFileSync(file, 'utf8'), r).text };
  });
  it.each(inputs)('$name exits 0 or 1 without a stack trace', ({ cwd, text }) => {
    const p = spawnSync(process.execPath, [BIN, 'convert', '-f', '-'], { cwd, input: text, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH } });
    expect(p.signal).toBeNull();
    const o = { code: p.status ?? -1, stdout: p.stdout, stderr: p.stderr };
    expect(problem(o) ?? '').toBe('');
  });
});
