// What the CLI needs from its surroundings (CliIO: tests and scripts pass their own), its exit
// codes, and how it shows a path and a usage error. Every module of cli/ takes these from here.

import * as path from 'node:path';

export const EXIT_OK = 0;
/** Invalid input: an error diagnostic, nothing written. */
export const EXIT_INVALID_INPUT = 1;
/** A wrong command line, a missing file or directory, or output that cannot be written. */
export const EXIT_USAGE = 2;

/** What the CLI needs from its surroundings; tests pass their own. */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
}

/** `compose2k8s: MESSAGE` on stderr; the usage exit code. */
export function usageError(io: CliIO, message: string): number {
  io.stderr(`compose2k8s: ${message}\n`);
  return EXIT_USAGE;
}

/** A path as the user would type it from the working directory; absolute when outside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
