// Where interpolation values come from, with compose's precedence: the process environment first,
// then `--env-file` files (later files win over earlier ones), by default `.env` in the project
// directory. The same rule gives an included project its variables: the including project's
// environment first, then the include's env_file (default: .env in its project_directory).

import * as posixPath from 'node:path/posix';
import type { Diagnostics, SourcePos } from '../common/diagnostics';
import type { Host } from '../common/host';
import { DotenvError, parseDotenv } from './dotenv';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface EnvFilesInput {
  /** Values that win over every file (the process environment, or the including project's). */
  readonly base: Environment;
  /** Absolute paths; when empty, `.env` in `defaultDir` is read if it exists. */
  readonly files: readonly string[];
  readonly defaultDir: string;
  readonly host: Host;
  readonly diags: Diagnostics;
  readonly sources: Map<string, string>;
  /** Where the files were named (an include's env_file), for "not found" errors. */
  readonly from?: SourcePos;
}

/** The base environment completed with the values of the env files. */
export function withEnvFiles(input: EnvFilesInput): Record<string, string | undefined> {
  const { base, host, diags } = input;
  const explicit = input.files.length > 0;
  const files = explicit ? input.files : [posixPath.join(input.defaultDir, '.env')];
  const fromFiles: Record<string, string> = {};
  for (const file of files) {
    const text = host.stat(file) === 'file' ? host.readFile(file) : undefined;
    if (text === undefined) {
      if (explicit) diags.error('env-file-missing', `env file ${file} not found`, { pos: input.from, hint: input.from ? 'check the env_file path' : 'check the --env-file path' });
      continue;
    }
    // Not added to `sources`: a diagnostic would print the line, and .env lines hold passwords.
    try {
      for (const e of parseDotenv(text, (n) => base[n] ?? fromFiles[n])) fromFiles[e.key] = e.value;
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      diags.error('env-file-syntax', e.message, { pos: { file, line: e.line, col: e.col } });
    }
  }
  const env: Record<string, string | undefined> = { ...base };
  for (const [k, v] of Object.entries(fromFiles)) if (env[k] === undefined) env[k] = v;
  return env;
}

/** COMPOSE_FILE's separator: COMPOSE_PATH_SEPARATOR, else ':' as on Linux and macOS. */
export function splitComposeFile(value: string, env: Environment): string[] {
  const sep = env.COMPOSE_PATH_SEPARATOR || ':';
  return value.split(sep).filter((p) => p !== '');
}

/** COMPOSE_PROFILES: comma-separated, blanks ignored. */
export function splitProfiles(value: string | undefined): string[] {
  return (value ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}
