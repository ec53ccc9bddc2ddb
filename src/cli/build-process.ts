// What `compose2k8s build` needs from the machine: executables on PATH, which docker builder is
// there, and running a planned step as a child process. Only the CLI uses it.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Builder, BuilderName } from '../images/builders';
import type { StartStep } from '../images/run-steps';

type Env = Readonly<Record<string, string | undefined>>;

/** Whether `executable` is a file that can run, in one of the directories of PATH. */
export function isOnPath(executable: string, env: Env): boolean {
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  return (env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) =>
      extensions.some((ext) => {
        const file = path.join(dir, executable + ext);
        try {
          fs.accessSync(file, fs.constants.X_OK);
          return fs.statSync(file).isFile();
        } catch {
          return false;
        }
      }),
    );
}

/**
 * How `name` builds: docker with its buildx plugin (`docker buildx version` succeeds) builds as
 * docker compose does, with BuildKit; without it, with the classic builder. A docker that cannot be
 * asked (not installed, for --dry-run) is taken to have buildx, as every current docker does.
 */
export function builderOf(name: BuilderName, env: Env, cwd: string): Builder {
  if (name !== 'docker') return name;
  const probe = spawnSync('docker', ['buildx', 'version'], { cwd, env: { ...env }, stdio: 'ignore', timeout: 60_000 });
  return probe.error || probe.status === 0 ? 'buildx' : 'docker';
}

/** Runs a step as a child process in `cwd`, its output passed on; resolves when it exits. */
export function startStep(env: Env, cwd: string): StartStep {
  return (step, onOutput) =>
    new Promise((resolve) => {
      const [file, ...args] = step.argv;
      const child = spawn(file, args, {
        cwd,
        env: { ...env, ...step.env },
        stdio: [step.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      child.stdout?.setEncoding('utf8').on('data', onOutput);
      child.stderr?.setEncoding('utf8').on('data', onOutput);
      child.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code === 'ENOENT' ? `${file} was not found on PATH` : e.message }));
      child.on('close', (code, signal) => resolve(code === null ? { error: `killed by ${signal}` } : { code }));
      if (step.stdin !== undefined) child.stdin?.end(step.stdin);
    });
}
