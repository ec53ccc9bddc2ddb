// Fake docker, podman, nerdctl, buildah, kind, minikube and k3d for the tests of `compose2k8s build`:
// small node scripts written into a temp directory that becomes the whole PATH. Each records its
// argv (and what it read on stdin, and the variables a build secret reads) as one JSON line, and can
// be told to fail through the environment the CLI passes on.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ALL_TOOLS = ['docker', 'podman', 'nerdctl', 'buildah', 'kind', 'minikube', 'k3d'] as const;
export type Tool = (typeof ALL_TOOLS)[number];

export interface Call {
  readonly argv: string[];
  readonly stdin?: string;
  /** FAKE_SHOW_VAR's value in the command's environment, when FAKE_SHOW_VAR is set. */
  readonly shown?: string;
}

const SCRIPT = `
const fs = require('fs');
const path = require('path');
const argv = [path.basename(process.argv[1]), ...process.argv.slice(2)];
let stdin = '';
try { stdin = fs.readFileSync(0, 'utf8'); } catch {}
const shown = process.env.FAKE_SHOW_VAR ? process.env[process.env.FAKE_SHOW_VAR] : undefined;
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ argv, ...(stdin ? { stdin } : {}), ...(shown !== undefined ? { shown } : {}) }) + '\\n');
const line = argv.join(' ');
if (line === 'docker buildx version') process.exit(process.env.FAKE_NO_BUILDX ? 1 : 0);
if (process.env.FAKE_FAIL && line.includes(process.env.FAKE_FAIL)) {
  console.log('#1 [internal] load build definition from Dockerfile');
  console.error('#5 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2');
  console.error('ERROR: failed to solve: exit code: 2');
  process.exit(2);
}
console.log('ok: ' + argv[0]);
`;

export interface FakeTools {
  /** The directory of the fakes: the PATH to give the CLI. */
  readonly bin: string;
  /** Where the fakes record their calls. */
  readonly log: string;
  /** The environment for the CLI: PATH = the fakes only, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** The calls recorded so far, in order. */
  calls(): Call[];
  /** The command lines recorded so far, `docker buildx version` probes left out. */
  lines(): string[];
  remove(): void;
}

/** Writes the `tools` asked for into a fresh directory. */
export function fakeTools(tools: readonly Tool[] = ALL_TOOLS): FakeTools {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-fakes-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls.jsonl');
  fs.writeFileSync(log, '');
  for (const tool of tools) {
    fs.writeFileSync(path.join(bin, tool), `#!${process.execPath}\n${SCRIPT}`, { mode: 0o755 });
  }
  const calls = (): Call[] =>
    fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Call);
  return {
    bin,
    log,
    env: (extra = {}) => ({ PATH: bin, FAKE_LOG: log, TMPDIR: dir, ...extra }),
    calls,
    lines: () => calls().map((c) => c.argv.join(' ')).filter((l) => l !== 'docker buildx version'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
