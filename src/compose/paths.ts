// Relative paths become absolute while each file is loaded, against the directory compose uses for
// that file: the project directory for -f files, the extended file's directory for `extends.file`,
// the include's project_directory for included files. After that, merging can move values between
// files without changing what they point at (compose-go loader/paths.go does the same).

import * as posixPath from 'node:path/posix';
import { isMapNode, isSeqNode, type Node, scalarNode, scalarText } from './node';

/** Remote build contexts and other non-paths that must be kept as written. */
const NOT_A_PATH = /^([a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|docker-image:\/\/|service:|oci-layout:\/\/)/i;

/** A build context that is a URL (git or an archive) or a builder's own reference, not a directory: kept as written (compose-go paths/context.go). */
export function isRemoteContext(context: string): boolean {
  return NOT_A_PATH.test(context);
}

/** Resolves `p` against `dir`; `~` (the docker host user's home) and remote references are kept. */
export function resolvePath(p: string, dir: string): string {
  if (p === '' || p.startsWith('~') || NOT_A_PATH.test(p)) return p;
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')) return p; // absolute: kept as written, like compose-go
  return posixPath.resolve(dir, p.replace(/\\/g, '/'));
}

/** `src:dst:mode` → parts, keeping a Windows drive letter (`C:\\data`) inside its part. */
export function splitVolumeSpec(text: string): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const drive = /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
    const at = rest.indexOf(':', drive);
    if (at < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
    if (rest === '') parts.push('');
  }
  return parts;
}

type Fix = (node: Node, dir: string) => Node;

const plainPath: Fix = (n, dir) => {
  const t = scalarText(n);
  return t === undefined || n.kind !== 'scalar' || typeof n.value !== 'string' ? n : { ...n, value: resolvePath(t, dir) };
};

/** A field of a mapping, or the scalar itself (env_file: `a.env` or `{path: a.env}`). */
const scalarOrField =
  (field: string): Fix =>
  (n, dir) => {
    if (isMapNode(n) && n.entries.has(field)) n.entries.set(field, plainPath(n.entries.get(field)!, dir));
    return isMapNode(n) ? n : plainPath(n, dir);
  };

/** A volume: `./src:/dst:ro` (only sources that start with `.` are paths) or `{type: bind, source}`. */
const volume: Fix = (n, dir) => {
  if (isMapNode(n)) {
    if (scalarText(n.entries.get('type')) === 'bind' && n.entries.has('source')) n.entries.set('source', plainPath(n.entries.get('source')!, dir));
    return n;
  }
  const text = scalarText(n);
  if (text === undefined) return n;
  const parts = splitVolumeSpec(text);
  if (parts.length < 2 || !parts[0].startsWith('.')) return n;
  return { ...n, value: [resolvePath(parts[0], dir), ...parts.slice(1)].join(':') } as Node;
};

/**
 * build: a context that is a path; an empty one is the directory itself (compose-go joins "" to it).
 * A missing one is filled in only once a project is complete (below).
 */
const build: Fix = (n, dir) => {
  if (!isMapNode(n)) return n;
  const ctx = n.entries.get('context');
  if (ctx) n.entries.set('context', scalarText(ctx) === '' ? scalarNode(dir, ctx.pos) : plainPath(ctx, dir));
  const extra = n.entries.get('additional_contexts');
  if (isMapNode(extra)) for (const [k, v] of extra.entries) extra.entries.set(k, plainPath(v, dir));
  return n;
};

const each =
  (fix: Fix): Fix =>
  (n, dir) => {
    if (isSeqNode(n)) n.items = n.items.map((item) => fix(item, dir));
    return n;
  };

const SERVICE_PATHS: Readonly<Record<string, Fix>> = {
  build,
  env_file: each(scalarOrField('path')),
  label_file: each(plainPath),
  volumes: each(volume),
};
const TOP_LEVEL_FILES = ['secrets', 'configs'];

/** Makes every relative path in a shaped file tree absolute against `dir`, in place. */
export function resolveRelativePaths(root: Node, dir: string): void {
  if (!isMapNode(root)) return;
  const services = root.entries.get('services');
  if (isMapNode(services)) {
    for (const service of services.entries.values()) {
      if (!isMapNode(service)) continue;
      for (const [key, fix] of Object.entries(SERVICE_PATHS)) {
        const v = service.entries.get(key);
        if (v) service.entries.set(key, fix(v, dir));
      }
      const watch = service.entries.get('develop');
      const rules = isMapNode(watch) ? watch.entries.get('watch') : undefined;
      if (isSeqNode(rules)) for (const r of rules.items) if (isMapNode(r) && r.entries.has('path')) r.entries.set('path', plainPath(r.entries.get('path')!, dir));
    }
  }
  for (const section of TOP_LEVEL_FILES) {
    const s = root.entries.get(section);
    if (!isMapNode(s)) continue;
    for (const def of s.entries.values()) if (isMapNode(def) && def.entries.has('file')) def.entries.set('file', plainPath(def.entries.get('file')!, dir));
  }
}

/**
 * `build:` without a context means the project directory: the one owner of that default. It runs on
 * a whole merged project (the loaded one, and each included project, which has its own directory,
 * before it joins the including one), since a context may come from another file of the project.
 */
export function defaultBuildContexts(root: Node, dir: string): void {
  const services = isMapNode(root) ? root.entries.get('services') : undefined;
  if (!isMapNode(services)) return;
  for (const service of services.entries.values()) {
    const b = isMapNode(service) ? service.entries.get('build') : undefined;
    if (isMapNode(b) && !b.entries.has('context')) b.entries.set('context', scalarNode(dir, b.pos));
  }
}
