// Files outside the project directory. Compose lets env_file, configs, secrets, bind mounts,
// extends and include point anywhere (`../shared/app.env`, `/etc/ssl/cert.pem`), and so do we: the
// read is allowed, but a file whose content can end up in the manifests (a ConfigMap, a Secret, an
// env var) is named in a warning at the compose key that points there, so a file from outside the
// project never reaches a cluster unnoticed. `--strict` turns the warning into an error.
// One place for loader and planner alike: every read goes through the Host this wraps.

import * as posixPath from 'node:path/posix';
import { joinPath } from './common/source-map';
import type { ComposeProject } from './compose/types';
import type { Diagnostics } from './common/diagnostics';
import type { Host } from './common/host';
import { isInside } from './model/base/paths';

export interface RecordingHost extends Host {
  /** Every path read with readFile, in order, once each. */
  readonly reads: ReadonlySet<string>;
}

/** A Host that reads through `inner` and remembers what it read. */
export function recordReads(inner: Host): RecordingHost {
  const reads = new Set<string>();
  return {
    reads,
    readFile(p) {
      const text = inner.readFile(p);
      if (text !== undefined) reads.add(p);
      return text;
    },
    stat: (p) => inner.stat(p),
    ...(inner.realPath ? { realPath: (p: string) => inner.realPath!(p) } : {}),
    ...(inner.list ? { list: (p: string) => inner.list!(p) } : {}),
  };
}

/** Dockerfiles are read only for their EXPOSE ports: nothing of them reaches the output. */
const HINT_ONLY = /(^|[./-])Dockerfile([.-][^/]*)?$|\.dockerfile$/i;

/**
 * Warns once for each file read from outside `project.workingDir`, except the ones the user named
 * (`-f` compose files, `--env-file`). The warning points at the compose key that refers to the file
 * when one is found, and names the file either way.
 */
export function warnOutsideProject(reads: Iterable<string>, project: ComposeProject, named: Iterable<string>, diags: Diagnostics, host?: Host): void {
  const trusted = new Set([...named].map((f) => posixPath.resolve(project.workingDir, f)));
  // A link inside the project that points out of it (`config.txt -> ~/.aws/credentials`) counts as outside.
  const real = (p: string) => host?.realPath?.(p) ?? p;
  const root = real(project.workingDir);
  const outside = [...reads].filter((f) => !trusted.has(f) && !isInside(real(f), root) && !HINT_ONLY.test(posixPath.basename(f)));
  if (outside.length === 0) return;
  const refs = referencesTo(project, new Set(outside));
  for (const file of outside) {
    const path = refs.get(file);
    const target = real(file);
    const shown = target !== file && isInside(file, project.workingDir) ? `${file} (a link to ${target})` : file;
    diags.warn('outside-project', `read ${shown}, which is outside the project directory ${project.workingDir}`, {
      ...(path !== undefined ? { path, pos: project.sourceMap.get(path) } : {}),
      hint: 'its content can end up in the manifests: move it into the project if it is meant to be deployed (--strict makes this an error)',
    });
  }
}

/** file → the first compose path whose string value names it (absolute, or relative to the project). */
function referencesTo(project: ComposeProject, files: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (v: unknown, path: string, depth: number): void => {
    if (found.size === files.size || depth > 20) return;
    if (typeof v === 'string') {
      if (v.length > 4096 || v.includes('\n')) return;
      const abs = posixPath.resolve(project.workingDir, v);
      if (files.has(abs) && !found.has(abs)) found.set(abs, path);
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, joinPath(path, i), depth + 1));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, joinPath(path, k), depth + 1);
  };
  for (const key of ['services', 'configs', 'secrets'] as const) walk(project[key], key, 0);
  return found;
}
