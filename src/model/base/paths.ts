// Host paths: containment, display in messages, and the files under a directory.

import * as posixPath from 'node:path/posix';
import type { Host } from '../../common/host';
import { isRemoteContext } from '../../compose/paths';

/** Is `child` the directory `parent` or inside it? URLs (remote build contexts) contain nothing. */
export function isInside(child: string, parent: string | undefined): boolean {
  if (!parent || isRemoteContext(parent)) return false;
  const rel = posixPath.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !posixPath.isAbsolute(rel));
}

/** Paths in messages are relative to the project directory when they are inside it. */
export function displayPath(p: string, workingDir: string): string {
  if (isRemoteContext(p)) return p;
  const rel = posixPath.relative(workingDir, p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : `./${rel}`;
}

/** Files under `dir`, subdirectories included, as sorted relative paths; undefined when the host cannot list directories. */
export function filesUnder(dir: string, host: Host): string[] | undefined {
  if (!host.list) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (rel: string) => {
    const abs = rel ? `${dir}/${rel}` : dir;
    const real = host.realPath?.(abs) ?? abs;
    // A link back up the tree would never end.
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of [...(host.list!(abs) ?? [])].sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const kind = host.stat(`${dir}/${child}`);
      if (kind === 'directory') walk(child);
      else if (kind === 'file') out.push(child);
    }
  };
  walk('');
  return out;
}
