// `include` (spec 14-include.md, compose-go loader/include.go): each entry loads another compose
// project (short syntax: a path; long syntax: path (one or a list, merged like -f files),
// project_directory, env_file) and imports its resources. A resource the including file defines
// too is merged, the including file's definition over the included one, by the -f merge rules
// (compose-go importResource → override.MergeYaml, since compose-go#835; docker compose 2.24 to at
// least 2.38 refused it as "conflicts with imported resource"). An include that leads back to an
// including file is an error.

import * as posixPath from 'node:path/posix';
import type { SourcePos } from '../common/diagnostics';
import { withEnvFiles } from './env';
import type { FileRef, FileScope, LoaderContext } from './load-context';
import { mergeFiles, mergeNodes } from './merge';
import { isMapNode, isSeqNode, mapNode, type MapNode, type Node, scalarText } from './node';
import { defaultBuildContexts, resolvePath } from './paths';

type LoadFile = (ctx: LoaderContext, ref: FileRef, scope: FileScope) => Node[] | undefined;

/** The resources an included project brings. */
const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'] as const;

interface IncludeEntry {
  paths: string[];
  projectDirectory: string;
  envFiles: string[];
  pos?: SourcePos;
}

const strings = (n: Node | undefined): string[] | undefined => {
  if (n === undefined) return [];
  const one = scalarText(n);
  if (one !== undefined) return [one];
  if (!isSeqNode(n)) return undefined;
  const all = n.items.map(scalarText);
  return all.every((s): s is string => s !== undefined) ? all : undefined;
};

function readEntry(n: Node, dir: string): IncludeEntry | undefined {
  const paths = strings(isMapNode(n) ? n.entries.get('path') : n);
  const envFiles = strings(isMapNode(n) ? n.entries.get('env_file') : undefined);
  const projectDir = isMapNode(n) ? scalarText(n.entries.get('project_directory')) : undefined;
  if (!paths || paths.length === 0 || !envFiles) return undefined; // the schema check reports the shape
  const abs = paths.map((p) => resolvePath(p, dir));
  return {
    paths: abs,
    projectDirectory: projectDir ? resolvePath(projectDir, dir) : posixPath.dirname(abs[0]),
    envFiles: envFiles.map((p) => resolvePath(p, dir)),
    pos: n.pos,
  };
}

/** Imports every `include` of `root` (a loaded file) into it, in place, and removes the key. */
export function applyInclude(root: Node, file: string, ctx: LoaderContext, scope: FileScope, loadFile: LoadFile): void {
  if (!isMapNode(root)) return;
  const include = root.entries.get('include');
  if (!include) return;
  root.entries.delete('include');
  if (!isSeqNode(include)) {
    ctx.diags.error('invalid-include', '"include" must be a list of paths or of {path, project_directory, env_file}', { path: 'include', pos: include.pos });
    return;
  }
  const chain = [...scope.includeChain, file];
  include.items.forEach((item, i) => {
    const entry = readEntry(item, scope.dir);
    if (!entry) {
      ctx.diags.error('invalid-include', 'an include entry is a path, or a mapping with "path" (a path or a list of paths)', { path: `include[${i}]`, pos: item.pos });
      return;
    }
    const looping = entry.paths.find((p) => chain.includes(p));
    if (looping) {
      const names = [...chain.slice(chain.indexOf(looping)), looping].map((p) => posixPath.basename(p)).join(' → ');
      ctx.diags.error('include-cycle', `include cycle: ${names}`, { path: `include[${i}]`, pos: entry.pos, hint: 'a file cannot include, directly or not, a file that includes it' });
      return;
    }
    const env = withEnvFiles({ base: scope.env, files: entry.envFiles, defaultDir: entry.projectDirectory, host: ctx.host, diags: ctx.diags, sources: ctx.sources, from: entry.pos });
    const inner: FileScope = { env, dir: entry.projectDirectory, includeChain: chain, extendsChain: [] };
    const loaded = entry.paths.map((p) => loadFile(ctx, { path: p, from: entry.pos }, inner));
    if (loaded.some((n) => n === undefined)) return;
    const project = mergeFiles(loaded.flat() as Node[], ctx.diags);
    defaultBuildContexts(project, entry.projectDirectory);
    importResources(root, project, ctx);
  });
}

function importResources(root: MapNode, imported: Node, ctx: LoaderContext): void {
  if (!isMapNode(imported)) return;
  for (const section of SECTIONS) {
    const from = imported.entries.get(section);
    if (!isMapNode(from)) continue;
    let into = root.entries.get(section);
    if (!isMapNode(into)) {
      into = mapNode([], into?.pos ?? from.pos);
      root.entries.set(section, into);
    }
    for (const [name, def] of from.entries) {
      const own = (into as MapNode).entries.get(name);
      (into as MapNode).entries.set(name, own ? mergeNodes(def, own, [section, name], ctx.diags) : def);
    }
  }
}
