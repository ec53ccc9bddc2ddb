// What convert and config share: the loader flags (-f, -p, --project-directory, --env-file,
// --profile, --no-interpolate) read into the loader's input, --verbose, and the flag parsers.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { IMAGE_TAG } from '../model/base/built-image';
import { toPosix } from '../node-host';
import type { CliIO } from './io';

/** An image tag (build --tag, convert --image-tag). */
export function imageTag(value: string): string {
  if (!IMAGE_TAG.test(value)) throw new InvalidArgumentError('expected an image tag: letters, digits, "_", "." and "-", at most 128 characters, not starting with "." or "-"');
  return value;
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return value as T;
  };
}

/** The loader flags, shared by convert and config. */
export interface LoaderFlags {
  file?: string[];
  projectName?: string;
  projectDirectory?: string;
  envFile?: string[];
  profile?: string[];
  /** Commander's negated `--no-interpolate`: false when given. */
  interpolate?: boolean;
}

export const PROJECT_DIRECTORY_HELP = 'base of relative paths in the compose files, where .env is read and compose files are found (default: the first compose file\'s directory)';

export function verboseOption(): Option {
  return new Option('--verbose', 'print every diagnostic in full (by default, repeats of one code under one service print as one)').conflicts('quiet');
}

/**
 * The -f files (stdin for "-"); an empty list lets the loader find them as docker compose does
 * (COMPOSE_FILE, compose.yaml, … in the project or working directory or a parent). Undefined: a
 * named file or the project directory is missing.
 */
export async function requestedFiles(flags: LoaderFlags, io: CliIO): Promise<{ path: string; content?: string }[] | undefined> {
  const files: { path: string; content?: string }[] = [];
  for (const f of flags.file ?? []) {
    if (f === '-') files.push({ path: toPosix(path.join(io.cwd, '<stdin>')), content: await io.readStdin() });
    else files.push({ path: toPosix(path.resolve(io.cwd, f)) });
  }
  if (flags.projectDirectory !== undefined && !fs.statSync(path.resolve(io.cwd, flags.projectDirectory), { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr(`compose2k8s: project directory ${flags.projectDirectory} not found\n  hint: check the --project-directory path, relative to the current directory\n`);
    return undefined;
  }
  for (const f of files) {
    if (f.content === undefined && !fs.existsSync(f.path)) {
      io.stderr(`compose2k8s: compose file ${path.relative(io.cwd, f.path) || f.path} not found\n  hint: check the -f path\n`);
      return undefined;
    }
    if (f.content === undefined && fs.statSync(f.path).isDirectory()) {
      io.stderr(`compose2k8s: ${path.relative(io.cwd, f.path) || f.path} is a directory, not a compose file\n  hint: pass the file inside it, e.g. -f ${path.join(path.relative(io.cwd, f.path) || '.', 'compose.yaml')}\n`);
      return undefined;
    }
  }
  return files;
}

/** Loader options from the flags both commands share. */
export function loaderInput(flags: LoaderFlags, io: CliIO) {
  return {
    env: io.env,
    cwd: toPosix(io.cwd),
    projectDirectory: flags.projectDirectory === undefined ? undefined : toPosix(path.resolve(io.cwd, flags.projectDirectory)),
    envFiles: flags.envFile?.map((f) => toPosix(path.resolve(io.cwd, f))),
    projectName: flags.projectName,
    profiles: flags.profile,
    noInterpolate: flags.interpolate === false,
  };
}

