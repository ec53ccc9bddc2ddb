// The CLI bundle (scripts/build-cli.mjs) and its launcher (bin/): the bundle prints what tsc's
// unbundled build prints; pre-rendered help equals commander's; the V8 code cache is written where
// it may be and a cache that does not belong to the bundle is never used. Needs `npm run build`
// (npm test runs it). Launcher runs happen in a copy of the installed files, with a clean environment.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareBundle, parityCases } from '../scripts/bundle-parity.mjs';
import { ROOT } from './helpers';

const require = createRequire(import.meta.url);
const { ENTRY, RUNTIME_FILES } = require('../bin/load-bundle.js') as { ENTRY: string; RUNTIME_FILES: string[] };
const { renderHelp } = require('../scripts/render-help.cjs') as { renderHelp: (cli: string) => Record<string, { stdout: string; stderr: string; code: number }> };
const HELP_TABLE: Record<string, { stdout: string; stderr: string; code: number }> = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'cli-help.json'), 'utf8'));
const COMPOSE = 'name: demo\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    volumes: [data:/var/lib/data]\nvolumes:\n  data: {}\n';
/** Root ignores file modes: the runs that need a read-only directory drop to nobody. */
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const CACHE = path.join('dist', '.code-cache');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) {
    spawnSync('chmod', ['-R', 'u+w', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-bundle-'));
  fs.chmodSync(dir, mode);
  temps.push(dir);
  return dir;
}

/** The files the command reads (the bundle needs no node_modules), and a compose file. */
function installCopy({ bundle = true } = {}): string {
  const pkg = tempDir();
  for (const f of RUNTIME_FILES) fs.cpSync(path.join(ROOT, f), path.join(pkg, f), { recursive: true });
  if (!bundle) fs.rmSync(path.join(pkg, 'dist', 'cli.bundle.cjs'));
  fs.writeFileSync(path.join(pkg, 'compose.yaml'), COMPOSE);
  spawnSync('chmod', ['-R', 'a+rX', pkg]); // readable by nobody whatever the checkout's umask
  return pkg;
}

/** Runs bin/compose2k8s.js of `pkg` in `pkg` with only PATH (and `env`) set, output to pipes. */
function launch(pkg: string, argv: string[], opts: { env?: Record<string, string>; user?: object } = {}) {
  return spawnSync(process.execPath, [path.join(pkg, 'bin', 'compose2k8s.js'), ...argv], {
    cwd: pkg,
    env: { PATH: process.env.PATH ?? '', ...opts.env },
    encoding: 'utf8',
    ...opts.user,
  });
}

/** The YAML tsc's unbundled build prints for COMPOSE. */
async function expectedYaml(): Promise<string> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  let stdout = '';
  const noop = () => undefined;
  await require(ENTRY).run(['convert'], { cwd: dir, env: {}, stdout: (t: string) => void (stdout += t), stderr: noop, readStdin: async () => '' });
  return stdout;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : []);

/** A copy after one conversion, and the cache file that conversion wrote next to the bundle. */
function convertedCopy(): { pkg: string; file: string } {
  const pkg = installCopy();
  launch(pkg, ['convert']);
  const [file] = cacheFiles(path.join(pkg, CACHE));
  return { pkg, file };
}

describe('the bundle prints what the unbundled build prints', () => {
  it('for every example, fixture and corpus file, through convert, -o, --env, Kustomize, config and bad input', { timeout: 300_000 }, async () => {
    expect(await compareBundle()).toEqual([]);
  });

  it('and the comparison reports a bundle that words one warning differently', async () => {
    const changed = path.join(tempDir(), 'cli.bundle.cjs');
    fs.writeFileSync(changed, fs.readFileSync(path.join(ROOT, 'dist', 'cli.bundle.cjs'), 'utf8').replace('is obsolete, it will be ignored', 'is obsolete; ignored'));
    const seed = parityCases().filter((c) => c.name === 'examples/seed/docker-compose.yml: convert -f docker-compose.yml');
    expect(await compareBundle({ cases: seed, bundle: changed })).toEqual([seed[0].name]);
  });
});

describe('pre-rendered help and version', () => {
  it("are commander's output for a pipe, rendered from the unbundled build", () => {
    expect(HELP_TABLE).toEqual(renderHelp(ENTRY));
  });

  it.each(Object.keys(HELP_TABLE))('compose2k8s %s prints them to a pipe without loading the bundle', (key) => {
    const pkg = installCopy();
    fs.writeFileSync(path.join(pkg, 'dist', 'cli.bundle.cjs'), 'throw new Error("the bundle was loaded");\n');
    const r = launch(pkg, JSON.parse(key));
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.status }).toEqual(HELP_TABLE[key]);
  });
});

/** Why no terminal can be simulated here, or undefined (util-linux's `script` runs a command on a pseudo-terminal). */
const noTerminal = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0 ? undefined : 'skipped: util-linux `script` not found';

describe('the launcher', () => {
  it.skipIf(noTerminal !== undefined)(`leaves --help on a terminal to commander, which wraps it to the terminal's width ${noTerminal ?? ''}`, () => {
    const launcher = path.join(ROOT, 'bin', 'compose2k8s.js');
    const r = spawnSync('script', ['-qc', `stty cols 50; ${JSON.stringify(process.execPath)} ${JSON.stringify(launcher)} --help`, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.stdout.replace(/\r/g, '').split('\n')).toContain('Convert Docker Compose projects into Kubernetes');
  });


  it('says how to build when the bundle is missing', () => {
    const r = launch(installCopy({ bundle: false }), ['convert']);
    expect(r.stderr).toMatch(/^compose2k8s: not built yet; run `npm install`/);
  });

  it('runs a conversion from the installed files alone, printing what the unbundled build prints', async () => {
    expect(launch(installCopy(), ['convert']).stdout).toBe(await expectedYaml());
  });
});

describe('the V8 code cache', () => {
  it('is written next to the bundle after a conversion', () => {
    const { pkg } = convertedCopy();
    expect(cacheFiles(path.join(pkg, CACHE))).toHaveLength(1);
  });

  it('is not written by a run that converts nothing', () => {
    const pkg = installCopy();
    launch(pkg, ['config']);
    expect(cacheFiles(path.join(pkg, CACHE))).toEqual([]);
  });

  it('is read, not rewritten, by the next conversion', () => {
    const { pkg, file } = convertedCopy();
    const before = fs.statSync(file).mtimeMs;
    launch(pkg, ['convert']);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it('that was corrupted is ignored: the conversion prints the right YAML', async () => {
    const { pkg, file } = convertedCopy();
    const data = fs.readFileSync(file);
    for (let i = data.indexOf(10) + 1000; i < data.length; i += 997) data[i] ^= 0xff;
    fs.writeFileSync(file, data);
    expect(launch(pkg, ['convert']).stdout).toBe(await expectedYaml());
  });

  it('that was corrupted is replaced by one the next conversion uses', () => {
    const { pkg, file } = convertedCopy();
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([good.subarray(0, good.length - 100), Buffer.alloc(100)]));
    launch(pkg, ['convert']);
    const repaired = fs.statSync(file).mtimeMs;
    launch(pkg, ['convert']);
    expect(fs.statSync(file).mtimeMs).toBe(repaired);
  });

  it('whose checksum matches but that V8 rejects is ignored: the conversion prints the right YAML', async () => {
    const { pkg, file } = convertedCopy();
    const header = fs.readFileSync(file, 'latin1').split('\n')[0].split(' ');
    const garbage = Buffer.alloc(4096, 7);
    header[header.length - 1] = sha256(garbage);
    fs.writeFileSync(file, Buffer.concat([Buffer.from(header.join(' ') + '\n', 'latin1'), garbage]));
    expect(launch(pkg, ['convert']).stdout).toBe(await expectedYaml());
  });

  it('made for another bundle is never used, even one of the same length under this bundle\'s name', () => {
    const { pkg, file } = convertedCopy();
    const bundle = path.join(pkg, 'dist', 'cli.bundle.cjs');
    // One word changed in code the cached conversion ran, same length: V8's own check of a cache
    // compares the source's length only, and would run the old code.
    const source = fs.readFileSync(bundle, 'utf8');
    const changed = source.replace('(run compose2k8s --help for usage)', '(see compose2k8s --help for usage)');
    fs.writeFileSync(bundle, changed);
    fs.renameSync(file, file.replace(/cli-[0-9a-f]+/, `cli-${sha256(changed).slice(0, 16)}`));
    const r = launch(pkg, ['convert', '--bogus']);
    expect({ sameLength: changed.length === source.length, stderr: r.stderr }).toEqual({ sameLength: true, stderr: expect.stringContaining('(see compose2k8s --help for usage)') });
  });

  it.skipIf(process.platform === 'win32')('goes to $XDG_CACHE_HOME/compose2k8s when the install directory is read-only', () => {
    const pkg = installCopy();
    const xdg = tempDir(0o777);
    fs.chmodSync(path.join(pkg, 'dist'), 0o555);
    launch(pkg, ['convert'], { env: { XDG_CACHE_HOME: xdg }, user: AS_NOBODY });
    expect(cacheFiles(path.join(xdg, 'compose2k8s'))).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('goes to ~/.cache/compose2k8s when the install directory is read-only and XDG_CACHE_HOME is unset', () => {
    const pkg = installCopy();
    const home = tempDir(0o777);
    fs.chmodSync(path.join(pkg, 'dist'), 0o555);
    launch(pkg, ['convert'], { env: { HOME: home }, user: AS_NOBODY });
    expect(cacheFiles(path.join(home, '.cache', 'compose2k8s'))).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('is skipped when nothing is writable, and the conversion still succeeds', async () => {
    const pkg = installCopy();
    const home = tempDir(0o555);
    fs.chmodSync(path.join(pkg, 'dist'), 0o555);
    const r = launch(pkg, ['convert'], { env: { HOME: home }, user: AS_NOBODY });
    expect({ code: r.status, stdout: r.stdout, cached: [...cacheFiles(path.join(pkg, CACHE)), ...cacheFiles(path.join(home, '.cache'))] }).toEqual({ code: 0, stdout: await expectedYaml(), cached: [] });
  });
});
