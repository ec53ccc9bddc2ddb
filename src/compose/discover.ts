// Which files to load when no -f is given, as docker compose finds them (compose-go cli/options.go):
// COMPOSE_FILE when set (its relative paths against the working directory: absolutePaths); else the
// first of DEFAULT_FILES in the project directory (--project-directory, else the working directory)
// or the nearest parent that has one, plus the first override file beside it (WithDefaultConfigPath).

import * as posixPath from 'node:path/posix';
import type { Diagnostics } from '../common/diagnostics';
import type { Host } from '../common/host';
import { splitComposeFile, type Environment } from './env';

/** In docker compose's order of preference. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** Where to look: the directory the search starts in, and the one COMPOSE_FILE's relative paths mean. */
export interface SearchDirs {
  readonly start: string;
  readonly cwd: string;
}

/**
 * The compose files of a project, or an empty list after reporting why. `env` is the process
 * environment completed with the start directory's .env (where COMPOSE_FILE may be set).
 */
export function discoverComposeFiles({ start, cwd }: SearchDirs, env: Environment, host: Host, diags: Diagnostics): string[] {
  const fromEnv = env.COMPOSE_FILE;
  if (fromEnv) return splitComposeFile(fromEnv, env).map((p) => posixPath.resolve(cwd, p));
  for (let dir = start; ; dir = posixPath.dirname(dir)) {
    const found = DEFAULT_FILES.filter((f) => host.stat(posixPath.join(dir, f)) === 'file');
    if (found.length > 0) {
      if (found.length > 1) {
        diags.note('several-compose-files', `found several compose files in ${dir}: ${found.join(', ')}; using ${found[0]}`, {
          hint: 'remove the ones you do not use, or pick one with -f',
        });
      }
      const override = OVERRIDE_FILES.find((f) => host.stat(posixPath.join(dir, f)) === 'file');
      return [found[0], ...(override ? [override] : [])].map((f) => posixPath.join(dir, f));
    }
    if (dir === posixPath.dirname(dir)) break;
  }
  diags.error('no-compose-file', `no compose file found in ${start} or its parent directories (looked for ${DEFAULT_FILES.join(', ')})`, {
    hint: 'pass one with -f PATH',
  });
  return [];
}
