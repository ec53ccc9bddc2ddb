// The command line, in-process through run(argv, io) with a fake CliIO, plus one run of the real
// bin/compose2k8s.js. Exit codes: 0 converted (warnings allowed), 1 invalid input, 2 usage.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BUNDLE, kubeValidate, kubeValidateUnavailable, ROOT, runCli } from './helpers';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-cli-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(argv: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<Captured> {
  return runCli(argv, { cwd: opts.cwd ?? tmp, env: opts.env, stdin: opts.stdin });
}

/** Writes files under the temp directory; returns the path of the first. */
function write(files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
  }
  return path.join(tmp, Object.keys(files)[0]);
}

const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => (d as { toJS(): any }).toJS());
const SEED = path.join(ROOT, 'examples', 'seed', 'docker-compose.yml');
const STACK_FRAME = /^\s+at /m;

describe('exit 0: converted', () => {
  it('prints the manifests on stdout and the warnings on stderr only', async () => {
    const r = await cli(['convert', '-f', SEED]);
    expect(r.code).toBe(0);
    expect(docs(r.stdout).map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['PersistentVolumeClaim/logvolume01', 'Service/redis', 'Service/web', 'Deployment/redis', 'Deployment/web']);
    expect(r.stderr).toContain('warning [build-image] services.web.build');
    expect(r.stdout).not.toMatch(/warning|hint:/);
  });

  it('finds compose.yaml in the working directory when -f is not given', async () => {
    write({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
    const r = await cli(['convert']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(docs(r.stdout).map((d) => d.kind)).toEqual(['Service', 'Deployment']);
  });

  it('reads the compose file from stdin with -f -', async () => {
    const r = await cli(['convert', '-f', '-', '-p', 'piped'], { stdin: 'services:\n  cache:\n    image: redis:7\n' });
    expect(r.code).toBe(0);
    const service = docs(r.stdout).find((d) => d.kind === 'Service');
    expect(service.metadata.name).toBe('cache');
    expect(service.spec.ports[0].port).toBe(6379);
    expect(service.metadata.labels['app.kubernetes.io/part-of']).toBe('piped');
  });

  it('--namespace emits the Namespace first and sets metadata.namespace on everything else', async () => {
    const r = await cli(['convert', '-f', SEED, '--namespace', 'shop']);
    expect(r.code).toBe(0);
    const all = docs(r.stdout);
    expect(all[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'shop' } });
    for (const d of all.slice(1)) expect(d.metadata.namespace, `${d.kind}/${d.metadata.name}`).toBe('shop');
  });

  it('prints the same bytes twice', async () => {
    const a = await cli(['convert', '-f', SEED]);
    const b = await cli(['convert', '-f', SEED]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
  });
});

describe('exit 1: invalid input', () => {
  it('prints file:line:col, the compose path, the source line and a caret on stderr, and nothing on stdout', async () => {
    write({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports:\n      - "abc"\n' });
    const r = await cli(['convert', '-f', 'compose.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('compose.yaml:5:9: error [invalid-value] services.web.ports[0]: "abc" is not a valid port mapping');
    expect(lines[1]).toBe('   5 |       - "abc"');
    expect(lines[2]).toBe('     |         ^');
    expect(r.stderr).toContain('hint: write "CONTAINER", "HOST:CONTAINER"');
    expect(r.stderr).toMatch(/compose2k8s: 1 error \(1 invalid-value\); nothing was written\n$/);
  });

  it('reports a YAML syntax error with its position', async () => {
    write({ 'compose.yaml': 'services:\n  web:\n    image: [nginx\n' });
    const r = await cli(['convert', '-f', 'compose.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^compose\.yaml:\d+:\d+: error \[yaml-syntax\]/);
  });

  it('--strict turns warnings into errors: exit 1 and nothing on stdout', async () => {
    const r = await cli(['convert', '-f', SEED, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error [build-image]');
    expect(r.stderr).toContain('(--strict)');
  });

  it.each([
    ['tab indentation', 'services:\n\tweb:\n\t\timage: nginx\n'],
    ['a duplicate key', 'services:\n  web:\n    image: a\n    image: b\n'],
    ['services as a list', 'services:\n  - web\n'],
    ['an undefined volume', 'services:\n  db:\n    image: postgres\n    volumes: ["data:/var/lib/postgresql/data"]\n'],
    ['an unterminated ${', 'services:\n  web:\n    image: "nginx:${TAG"\n'],
    ['a required variable', 'services:\n  web:\n    image: "nginx:${TAG:?set TAG to the release}"\n'],
    ['binary garbage', '\u0000\u0001\u0002\u00ff\u00fe{{{:::\n'],
  ])('rejects %s with a located diagnostic and no stack trace', async (_, text) => {
    write({ 'compose.yaml': text });
    const r = await cli(['convert', '-f', 'compose.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^compose\.yaml:\d+:\d+: error \[[a-z-]+\]/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('exit 2: usage errors', () => {
  it('rejects an unknown flag', async () => {
    const r = await cli(['convert', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
    expect(r.stdout).toBe('');
  });

  it('rejects a bad --bind-mounts value, listing the choices', async () => {
    const r = await cli(['convert', '-f', SEED, '--bind-mounts', 'copy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected one of auto, emptyDir, hostPath, configMap, skip');
  });

  it('rejects a missing compose file, naming it', async () => {
    const r = await cli(['convert', '-f', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml not found');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('rejects a directory passed as -f, saying it is a directory', async () => {
    fs.mkdirSync(path.join(tmp, 'somedir'));
    const r = await cli(['convert', '-f', 'somedir']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('compose2k8s: somedir is a directory, not a compose file\n  hint: pass the file inside it, e.g. -f somedir/compose.yaml\n');
  });

  it('rejects an invalid --namespace', async () => {
    const r = await cli(['convert', '-f', SEED, '--namespace', 'Not_Valid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected a DNS-1123 label');
  });

  it('prints help and exits 2 with no arguments', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: compose2k8s');
  });

  it('exits 0 for --help and --version, printing on stdout', async () => {
    const help = await cli(['convert', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--bind-mounts');
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('-o DIR', () => {
  it('writes one file per resource, named in apply order', async () => {
    const r = await cli(['convert', '-f', SEED, '-o', 'k8s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const files = fs.readdirSync(path.join(tmp, 'k8s')).sort();
    expect(files).toHaveLength(5);
    expect(files.map((f) => f.replace(/^\d\d-/, ''))).toEqual([
      'persistentvolumeclaim-logvolume01.yaml',
      'service-redis.yaml',
      'service-web.yaml',
      'deployment-redis.yaml',
      'deployment-web.yaml',
    ]);
    expect(docs(fs.readFileSync(path.join(tmp, 'k8s', files[4]), 'utf8'))[0]).toMatchObject({ kind: 'Deployment', metadata: { name: 'web' } });
    expect(r.stderr).toContain('wrote 5 files to k8s');
  });

  it('writes nothing when the input has an error', async () => {
    write({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["70000"]\n' });
    const r = await cli(['convert', '-f', 'compose.yaml', '-o', 'k8s']);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(tmp, 'k8s'))).toBe(false);
  });

  it('leaves a previous output untouched when the input has an error', async () => {
    write({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
    expect((await cli(['convert', '-f', 'compose.yaml', '-o', 'k8s'])).code).toBe(0);
    const before = fs.readdirSync(path.join(tmp, 'k8s')).sort();
    write({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["abc"]\n' });
    expect((await cli(['convert', '-f', 'compose.yaml', '-o', 'k8s'])).code).toBe(1);
    expect(fs.readdirSync(path.join(tmp, 'k8s')).sort()).toEqual(before);
  });

  it('refuses a directory holding other files, with exit 2', async () => {
    write({ 'src/main.go': 'package main\n' });
    const r = await cli(['convert', '-f', SEED, '-o', 'src']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write src');
    expect(fs.readdirSync(path.join(tmp, 'src'))).toEqual(['main.go']);
  });
});

describe('the real binary', () => {
  const BIN = path.join(ROOT, 'bin', 'compose2k8s.js');
  const built = fs.existsSync(BUNDLE);
  const unavailable = kubeValidateUnavailable();

  it.skipIf(!built || unavailable !== undefined)(
    `converts the seed example into manifests kubectl accepts ${!built ? '(skipped: the CLI bundle is missing; `npm test` builds it first)' : unavailable ? `(${unavailable})` : ''}`,
    () => {
      const r = spawnSync(process.execPath, [BIN, 'convert', '-f', 'examples/seed/docker-compose.yml'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('examples/seed/docker-compose.yml:');
      expect(r.stdout).not.toMatch(STACK_FRAME);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      const { ok, output } = kubeValidate(new Map([['seed', r.stdout]]));
      expect(output).not.toContain('INVALID');
      expect(ok).toBe(true);
    },
  );

  it.skipIf(!built)(`prints no stack trace for bad input ${!built ? '(skipped: the CLI bundle is missing; `npm test` builds it first)' : ''}`, () => {
    write({ 'bad.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["abc"]\n' });
    for (const argv of [['convert', '-f', 'bad.yaml'], ['convert', '-f', '.'], ['convert', '--nope'], ['convert', '-f', 'missing.yaml']]) {
      const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: tmp, encoding: 'utf8' });
      expect(r.status, argv.join(' ')).not.toBe(0);
      expect(r.stdout + r.stderr, argv.join(' ')).not.toMatch(STACK_FRAME);
    }
  });
});
