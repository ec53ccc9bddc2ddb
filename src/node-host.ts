import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Host } from './common/host';

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
        return fs.realpathSync(p).split(path.sep).join('/');
      } catch {
        return undefined;
      }
    },
  };
}
