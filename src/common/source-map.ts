// Compose paths (`services.web.ports[0]`), the key of every diagnostic, and where each path came
// from in the files (SourceMap), so that a diagnostic can point at file:line:col.

import type { SourcePos } from './diagnostics';

/** A compose path segment: a mapping key or a sequence index. */
export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `services.web.ports[0]`; keys that are not plain are quoted: `services["my.app"]`. */
export function joinPath(parent: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`;
  if (!PLAIN_KEY.test(segment)) return `${parent}[${JSON.stringify(segment)}]`;
  return parent ? `${parent}.${segment}` : segment;
}

export function pathOf(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((p, s) => joinPath(p, s), '');
}

/** Removes the last segment of a path: `a.b[0]` → `a.b`, `a.b` → `a`, `a` → ``. */
export function parentPath(path: string): string {
  const m = /(\[[^\]]*\]|\.?[A-Za-z0-9_-]+)$/.exec(path);
  if (!m || m.index === 0) return '';
  return path.slice(0, m.index);
}

/**
 * Where each compose path came from. Lookups fall back to the nearest ancestor, so a diagnostic
 * about a value the loader synthesised (a default, an expanded port range) still points at the line
 * the user wrote.
 */
export class SourceMap {
  private readonly positions = new Map<string, SourcePos>();

  set(path: string, pos: SourcePos): void {
    this.positions.set(path, pos);
  }

  /** The exact position recorded for `path`, if any. */
  exact(path: string): SourcePos | undefined {
    return this.positions.get(path);
  }

  /** The position of `path` or of its nearest recorded ancestor. */
  get(path: string): SourcePos | undefined {
    let p = path;
    for (;;) {
      const pos = this.positions.get(p);
      if (pos || p === '') return pos;
      p = parentPath(p);
    }
  }

  /** Copies every position recorded under `from` (inclusive) to the same relative path under `to`. */
  copyTree(source: SourceMap, from: string, to: string): void {
    for (const [path, pos] of source.positions) {
      if (path === from) this.positions.set(to, pos);
      else if (isUnder(path, from)) this.positions.set(joinRest(to, path.slice(from.length)), pos);
    }
  }

  /** Copies every position of `other` (used when one file's map becomes the project's). */
  addAll(other: SourceMap): void {
    for (const [path, pos] of other.positions) this.positions.set(path, pos);
  }

  get size(): number {
    return this.positions.size;
  }
}

/** Is `path` equal to `root` or below it? The empty root holds everything. */
function isUnder(path: string, root: string): boolean {
  if (root === '') return true;
  return path === root || (path.startsWith(root) && (path[root.length] === '.' || path[root.length] === '['));
}

/** `to` + the rest of a path after its old root; a root-level rest (`a.b`) needs a dot under a non-empty `to`. */
function joinRest(to: string, rest: string): string {
  if (to === '' && rest.startsWith('.')) return rest.slice(1);
  if (to !== '' && rest !== '' && rest[0] !== '.' && rest[0] !== '[') return `${to}.${rest}`;
  return to + rest;
}
