// Merging compose trees: several `-f` files, an `extends` base under the service that extends it,
// and included files. Defaults: mappings merge key by key, sequences append, scalars are replaced;
// `!reset` removes a value, `!override` replaces it whole; the exceptions live in merge-rules.ts.
// Nodes keep their positions, so after merging each value still points at the file that set it.

import type { Diagnostics } from '../diagnostics';
import { MERGES, SHAPES, UNIQUE, type Indexer, type Merger, type Shape } from './merge-rules';
import { isMapNode, isNull, isSeqNode, mapNode, type MapNode, type Node, seqNode } from './node';

type Table<T> = ReadonlyArray<readonly [string, T]>;
const compile = <T>(table: Table<T>) => table.map(([p, v]) => [p.split('.'), v] as const);
const SHAPE_PATTERNS = compile<Shape>(SHAPES);
const MERGE_PATTERNS = compile<Merger>(MERGES);
const UNIQUE_PATTERNS = compile<Indexer>(UNIQUE);

function lookup<T>(table: ReadonlyArray<readonly [string[], T]>, segs: readonly string[]): T | undefined {
  for (const [pattern, v] of table) {
    if (pattern.length === segs.length && pattern.every((p, i) => p === '*' || p === segs[i])) return v;
  }
  return undefined;
}

const describe = (n: Node): string => (n.kind === 'map' ? 'a mapping' : n.kind === 'seq' ? 'a list' : 'a single value');

/** Brings the equivalent forms of a tree to one form (see SHAPES), in place, top-down. */
export function shapeTree(node: Node, segs: string[] = []): Node {
  const shape = lookup(SHAPE_PATTERNS, segs);
  const n = shape ? shape(node) : node;
  if (n !== node && node.tag) n.tag = node.tag;
  if (n.kind === 'map') for (const [k, v] of n.entries) n.entries.set(k, shapeTree(v, [...segs, k]));
  else if (n.kind === 'seq') n.items = n.items.map((v) => shapeTree(v, [...segs, '*']));
  return n;
}

/** Removes `!reset` nodes and clears `!override` marks in a subtree that had nothing to merge with. */
export function dropTags(node: Node): Node {
  if (node.kind === 'map') {
    const out = mapNode([], node.pos);
    for (const [k, v] of node.entries) if (v.tag !== '!reset') out.entries.set(k, dropTags(v));
    return out;
  }
  if (node.kind === 'seq') return seqNode(node.items.filter((v) => v.tag !== '!reset').map(dropTags), node.pos);
  return node.tag ? { ...node, tag: undefined } : node;
}

/**
 * Merges `over` onto `base` at the path `segs` (used to find the rules). Both trees should be
 * shaped first. Conflicts (a mapping over a list) are errors at the overriding node.
 */
export function mergeNodes(base: Node | undefined, over: Node, segs: readonly string[], diags: Diagnostics): Node {
  if (base === undefined || isNull(base)) return dropTags(over);
  if (over.tag === '!override') return dropTags(over);
  const mergeMaps = (a: MapNode, b: MapNode) => mergeMappings(a, b, segs, diags);
  const special = lookup(MERGE_PATTERNS, segs);
  if (special) return dropTags(special(base, dropTags(over), mergeMaps));
  if (isNull(over)) return base.kind === 'scalar' ? over : base;
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over);
  if (base.kind === 'seq' && over.kind === 'seq') return seqNode([...base.items, ...(dropTags(over) as typeof over).items], base.pos);
  if (base.kind === 'scalar' && over.kind === 'scalar') return dropTags(over);
  diags.error('merge-conflict', `cannot merge: ${describe(over)} cannot override ${describe(base)}`, {
    path: segs.join('.'),
    pos: over.pos,
    hint: `${base.pos ? `the earlier value is at ${base.pos.file}:${base.pos.line}:${base.pos.col}; ` : ''}use the same form in both files, or tag this one !override`,
  });
  return base;
}

function mergeMappings(base: MapNode, over: MapNode, segs: readonly string[], diags: Diagnostics): MapNode {
  const out = mapNode(base.entries, base.pos);
  for (const [k, v] of over.entries) {
    if (v.tag === '!reset') out.entries.delete(k);
    else out.entries.set(k, mergeNodes(out.entries.get(k), v, [...segs, k], diags));
  }
  return out;
}

/**
 * Keeps one item per key in the sequences listed in UNIQUE (ports, volumes by target, ...): a later
 * item replaces the earlier one where the earlier one stood, as compose does.
 */
export function enforceUnique(node: Node, segs: string[] = []): Node {
  if (isMapNode(node)) {
    for (const [k, v] of node.entries) node.entries.set(k, enforceUnique(v, [...segs, k]));
    return node;
  }
  if (!isSeqNode(node)) return node;
  const indexer = lookup(UNIQUE_PATTERNS, segs);
  if (!indexer) {
    node.items = node.items.map((v) => enforceUnique(v, [...segs, '*']));
    return node;
  }
  const items: Node[] = [];
  const at = new Map<string, number>();
  for (const item of node.items) {
    const key = indexer(item);
    const j = at.get(key);
    if (j === undefined) {
      at.set(key, items.length);
      items.push(enforceUnique(item, [...segs, '*']));
    } else items[j] = enforceUnique(item, [...segs, '*']);
  }
  node.items = items;
  return node;
}

/** Merges whole files in order onto an empty project (so `!reset` in the first file works too). */
export function mergeFiles(files: readonly Node[], diags: Diagnostics): Node {
  let merged: Node = mapNode();
  for (const f of files) merged = mergeNodes(merged, f, [], diags);
  return enforceUnique(merged);
}
