// Finding and reading environment presets on disk, for the CLI and library users: built-in ones in
// the package's templates/environments/ (beside src/ in the repository, beside dist/ once
// installed: both are one level below the package root), or a user's own file. No YAML parsing
// here, so `--help` can list the built-in names without loading the parser.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { toPosix } from './node-host';

export const BUILT_IN_PRESET_DIR = path.join(__dirname, '..', 'templates', 'environments');

/** Names of the built-in presets, sorted: `dev`, `prod`, `staging`. */
export function builtInPresetNames(): string[] {
  try {
    return fs
      .readdirSync(BUILT_IN_PRESET_DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => f.replace(/\.ya?ml$/, ''))
      .sort();
  } catch {
    return [];
  }
}

/** `--env` takes a built-in name or a path: anything with a slash or a .yaml/.yml ending is a path. */
export function isPresetPath(spec: string): boolean {
  return spec.includes('/') || spec.includes(path.sep) || /\.ya?ml$/.test(spec);
}

export interface PresetSource {
  /** Absolute path with POSIX separators, as diagnostics show it. */
  readonly file: string;
  readonly name: string;
  readonly text: string;
}

/** Reads a preset's text; a plain Error says what is wrong (unknown built-in, missing file). */
export function readPresetSource(spec: string, cwd: string): PresetSource {
  if (!isPresetPath(spec)) {
    const file = path.join(BUILT_IN_PRESET_DIR, `${spec}.yaml`);
    if (!fs.existsSync(file)) throw new Error(`unknown environment "${spec}"; built-in ones are ${builtInPresetNames().join(', ')} (or pass a file: --env ./${spec}.yaml)`);
    return { file: toPosix(file), name: spec, text: fs.readFileSync(file, 'utf8') };
  }
  const file = path.resolve(cwd, spec);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`environment file ${spec} not found or not readable`);
  }
  return { file: toPosix(file), name: path.basename(file).replace(/\.ya?ml$/, ''), text };
}
