// The Host on disk: the one place the core's file access meets node:fs, and where the operating
// system's paths become the POSIX paths the core takes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Host } from './common/host';

/** An operating system path with POSIX separators, as the core takes paths and diagnostics show them. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The Host backed by the real file system, for the CLI and for library users by default. */
export function nodeHost(): Host {
  return {
    readFile(p) {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    stat(p) {
      try {
        const s = fs.statSync(p);
        return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : undefined;
      } catch {
        return undefined;
      }
    },
    list(p) {
      try {
        return fs.readdirSync(p);
      } catch {
        return undefined;
      }
    },
    realPath(p) {
      try {
        return toPosix(fs.realpathSync(p));
      } catch {
        return undefined;
      }
    },
  };
}
