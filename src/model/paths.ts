import * as posixPath from 'node:path/posix';

/** Is `child` the directory `parent` or inside it? URLs (remote build contexts) contain nothing. */
export function isInside(child: string, parent: string | undefined): boolean {
  if (!parent || /^[a-z]+:\/\//.test(parent)) return false;
  const rel = posixPath.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !posixPath.isAbsolute(rel));
}

/** Paths in messages are relative to the project directory when they are inside it. */
export function displayPath(p: string, workingDir: string): string {
  if (/^[a-z]+:\/\//.test(p)) return p;
  const rel = posixPath.relative(workingDir, p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : `./${rel}`;
}
