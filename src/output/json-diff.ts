// The JSON Patch (RFC 6902) that turns one manifest into another: what a Kustomize overlay holds.
// Maps are diffed key by key; a list that changed length is replaced whole (a list's items have no
// identity JSON Patch could use, and replacing keeps the patch correct).

import { isRecord } from '../common/records';

export type PatchOp =
  | { readonly op: 'add' | 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

/** `/` and `~` in keys (label keys have `/`) are escaped as RFC 6901 says. */
export function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function jsonDiff(from: unknown, to: unknown, path = ''): PatchOp[] {
  if (deepEqual(from, to)) return [];
  if (isRecord(from) && isRecord(to)) {
    const ops: PatchOp[] = [];
    for (const k of Object.keys(from)) if (!(k in to)) ops.push({ op: 'remove', path: pointer(path, k) });
    for (const [k, v] of Object.entries(to)) {
      if (!(k in from)) ops.push({ op: 'add', path: pointer(path, k), value: v });
      else ops.push(...jsonDiff(from[k], v, pointer(path, k)));
    }
    return ops;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return from.flatMap((x, i) => jsonDiff(x, to[i], pointer(path, i)));
  }
  return [{ op: 'replace', path, value: to }];
}
