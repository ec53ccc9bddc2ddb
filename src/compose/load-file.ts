// Loading one compose file, in compose-go's order: parse → interpolate (with casts) → one form per
// key (merge shapes) → absolute paths → include → extends, for each YAML document of the file. The
// result is one located tree per document, ready to be merged with the other files.

import { isRecord } from '../common/records';
import { applyExtends } from './extends';
import { applyInclude } from './include';
import { interpolateTree } from './interpolate-tree';
import type { FileRef, FileScope, LoaderContext } from './load-context';
import { mergeFiles, shapeTree } from './merge';
import { locate, type Node } from './node';
import { parseComposeDocuments } from './parse';
import { resolveRelativePaths } from './paths';

/**
 * Parses, interpolates, shapes and resolves the paths of one file: one node per YAML document that
 * has content (none for an empty or comment-only file); no include or extends yet.
 */
export function loadRawDocuments(ctx: LoaderContext, ref: FileRef, scope: FileScope): Node[] | undefined {
  const { diags, host } = ctx;
  const text = ref.content ?? (host.stat(ref.path) === 'file' ? host.readFile(ref.path) : undefined);
  if (text === undefined) {
    diags.error('file-not-found', `compose file ${ref.path} not found`, { pos: ref.from, hint: ref.from ? 'check the path, relative to the file that names it' : 'check the -f path' });
    return undefined;
  }
  ctx.sources.set(ref.path, text);
  const docs = parseComposeDocuments(ref.path, text, diags);
  if (!docs) return undefined;
  const nodes: Node[] = [];
  for (const doc of docs) {
    const start = doc.sourceMap.get('') ?? { file: ref.path, line: 1, col: 1 };
    // An explicit `null` document: compose-go refuses it ("empty compose file"), unlike no content.
    if (doc.value === null || doc.value === undefined) {
      diags.error('empty-file', 'empty compose file: the document is null', { pos: start, hint: 'remove the null, or write a mapping such as "services: {}"' });
      return undefined;
    }
    if (!isRecord(doc.value)) {
      diags.error('invalid-file', 'a compose file must be a mapping with a "services" key', { pos: start });
      return undefined;
    }
    const value = interpolateTree(doc.value, { lookup: (n) => scope.env[n], diags, sourceMap: doc.sourceMap, warned: ctx.warnedUnset, kept: ctx.keptVariables });
    const node = shapeTree(locate(value, doc.sourceMap, doc.mergeTags));
    resolveRelativePaths(node, scope.dir);
    nodes.push(node);
  }
  return nodes;
}

/** A file read as the base of `extends`: its documents merged into one tree (an empty file has no services). */
export function loadRawFile(ctx: LoaderContext, ref: FileRef, scope: FileScope): Node | undefined {
  const docs = loadRawDocuments(ctx, ref, scope);
  if (!docs) return undefined;
  return docs.length === 1 ? docs[0] : mergeFiles(docs, ctx.diags);
}

/**
 * A whole file: each document raw, then its includes imported and its services' `extends` resolved,
 * as compose-go does per document. The documents are merged like -f files, in order.
 */
export function loadComposeFile(ctx: LoaderContext, ref: FileRef, scope: FileScope): Node[] | undefined {
  const docs = loadRawDocuments(ctx, ref, scope);
  for (const node of docs ?? []) {
    applyInclude(node, ref.path, ctx, scope, loadComposeFile);
    applyExtends(node, ref.path, ctx, scope, loadRawFile);
  }
  return docs;
}
