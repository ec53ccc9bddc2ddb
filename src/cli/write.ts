// `-o DIR` for the CLI: write atomically, and turn a refusal or a file-system error into a message
// and the usage exit code instead of a stack trace.

import * as path from 'node:path';
import type { CliIO } from './io';
import { OutputDirError, writeDirectoryAtomically } from '../output/write-dir';

/** Writes `files` into `output` (relative to the working directory); false after reporting why not. */
export function writeOutputDirectory(io: CliIO, output: string, files: ReadonlyMap<string, string>, protect: readonly string[]): boolean {
  try {
    writeDirectoryAtomically(path.resolve(io.cwd, output), files, protect);
    return true;
  } catch (e) {
    if (e instanceof OutputDirError || (e as NodeJS.ErrnoException).code) {
      io.stderr(`compose2k8s: cannot write ${output}: ${(e as Error).message}\n`);
      return false;
    }
    throw e;
  }
}
