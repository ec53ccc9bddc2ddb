// Loading one compose file, in compose-go's order: parse → interpolate (with casts) → one form per
// key (merge shapes) → absolute paths → include → extends. The result is a located tree, ready to
// be merged with the other files.

import * as posixPath from 'node:path/posix';
import type { Diagnostics, SourcePos } from '../diagnostics';
import type { Host } from '../host';
import type { Environment } from './env';
import { applyExtends } from './extends';
import { applyInclude } from './include';
import { interpolateTree } from './interpolate-tree';
import { shapeTree } from './merge';
import { locate, type Node } from './node';
import { isRecord } from './normalize';
import { parseComposeYaml } from './parse';
import { resolveRelativePaths } from './paths';

export interface LoaderContext {
  readonly host: Host;
  readonly diags: Diagnostics;
  /** Text of every file read, for diagnostics with a caret. */
  readonly sources: Map<string, string>;
  /** Unset variables already reported, so each is reported once per project, as compose does. */
  readonly warnedUnset?: Set<string>;
  /** `--no-interpolate`: strings are kept as written; paths of those holding a variable are added here. */
  readonly keptVariables?: Set<string>;
}

/** What a file is loaded with: its variables, the directory its relative paths mean, and its callers. */
export interface FileScope {
  readonly env: Environment;
  readonly dir: string;
  /** Files whose `include` led here, outermost first, to report include cycles. */
  readonly includeChain: readonly string[];
  /** `file#service` pairs whose `extends` led here, to report extends cycles across files. */
  readonly extendsChain: readonly string[];
}

export interface FileRef {
  readonly path: string;
  readonly content?: string;
  /** The node that named this file (an include or extends entry), for "not found" errors. */
  readonly from?: SourcePos;
}

/** Parses, interpolates, shapes and resolves the paths of one file; no include or extends yet. */
export function loadRawFile(ctx: LoaderContext, ref: FileRef, scope: FileScope): Node | undefined {
  const { diags, host } = ctx;
  const text = ref.content ?? (host.stat(ref.path) === 'file' ? host.readFile(ref.path) : undefined);
  if (text === undefined) {
    diags.error('file-not-found', `compose file ${ref.path} not found`, { pos: ref.from, hint: ref.from ? 'check the path, relative to the file that names it' : 'check the -f path' });
    return undefined;
  }
  ctx.sources.set(ref.path, text);
  const file = parseComposeYaml(ref.path, text, diags);
  if (!file) return undefined;
  const start = { file: ref.path, line: 1, col: 1 };
  if (file.value === null || file.value === undefined) {
    diags.error('empty-file', 'empty compose file', { pos: start, hint: 'a compose file needs at least a "services:" mapping' });
    return undefined;
  }
  if (!isRecord(file.value)) {
    diags.error('invalid-file', 'a compose file must be a mapping with a "services" key', { pos: file.sourceMap.get('') ?? start });
    return undefined;
  }
  const value = interpolateTree(file.value, { lookup: (n) => scope.env[n], diags, sourceMap: file.sourceMap, warned: ctx.warnedUnset, kept: ctx.keptVariables });
  const node = shapeTree(locate(value, file.sourceMap, file.mergeTags));
  resolveRelativePaths(node, scope.dir);
  return node;
}

/** A whole file: raw, then its includes imported, then its services' `extends` resolved. */
export function loadComposeFile(ctx: LoaderContext, ref: FileRef, scope: FileScope): Node | undefined {
  const node = loadRawFile(ctx, ref, scope);
  if (!node) return undefined;
  applyInclude(node, ref.path, ctx, scope, loadComposeFile);
  applyExtends(node, ref.path, ctx, scope, loadRawFile);
  return node;
}

/** The directory a file's `extends.file` is relative to. */
export const fileDir = (file: string): string => posixPath.dirname(file);
