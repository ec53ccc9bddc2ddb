// Merging compose trees: several `-f` files, an `extends` base under the service that extends it,
// and included files. Defaults: mappings merge key by key, sequences append, scalars are replaced;
// `!reset` removes a value, `!override` replaces it whole; the exceptions live in merge-rules.ts.
// Nodes keep their positions, so after merging each value still points at the file that set it.

import type { Diagnostics } from '../common/diagnostics';
import { MERGES, SHAPES, UNIQUE, type Indexer, type Merger, type Shape } from './merge-rules';
import { type PathTrie, pathTrie, stepTrie, trieAt } from './path-trie';
import { isMapNode, isNull, isSeqNode, mapNode, type MapNode, type Node, seqNode } from './node';

const SHAPE_TRIE = pathTrie<Shape>(SHAPES);
const MERGE_TRIE = pathTrie<Merger>(MERGES);
const UNIQUE_TRIE = pathTrie<Indexer>(UNIQUE);
const EMPTY: Trie<never> = { exact: new Map() };
const step = stepTrie;
type Trie<T> = PathTrie<T>;

const describe = (n: Node): string => (n.kind === 'map' ? 'a mapping' : n.kind === 'seq' ? 'a list' : 'a single value');

/** Brings the equivalent forms of a tree to one form (see SHAPES), in place, top-down. */
export function shapeTree(node: Node, t: Trie<Shape> | undefined = SHAPE_TRIE): Node {
  if (!t) return node;
  const n = t.value ? t.value(node) : node;
  if (n !== node && node.tag) n.tag = node.tag;
  if (n.kind === 'map') {
    for (const [k, v] of n.entries) {
      const next = step(t, k);
      if (next) n.entries.set(k, shapeTree(v, next));
    }
  } else if (n.kind === 'seq' && t.any) n.items = n.items.map((v) => shapeTree(v, t.any));
  return n;
}

/** Removes `!reset` nodes and clears `!override` marks, in place, in a subtree that had nothing to merge with. */
export function dropTags(node: Node): Node {
  node.tag = undefined;
  if (node.kind === 'map') {
    for (const [k, v] of node.entries) {
      if (v.tag === '!reset') node.entries.delete(k);
      else dropTags(v);
    }
  } else if (node.kind === 'seq') {
    if (node.items.some((v) => v.tag === '!reset')) node.items = node.items.filter((v) => v.tag !== '!reset');
    node.items.forEach(dropTags);
  }
  return node;
}

/**
 * Merges `over` onto `base` at the path `segs` (for messages, and to find the rules when `t` is not
 * given). Both trees should be shaped first. Conflicts (a mapping over a list) are errors at the
 * overriding node. `over` is consumed: its nodes become part of the result.
 */
export function mergeNodes(base: Node | undefined, over: Node, segs: readonly string[], diags: Diagnostics, t: Trie<Merger> = cursor(segs)): Node {
  if (base === undefined || isNull(base)) return dropTags(over);
  if (over.tag === '!override') return dropTags(over);
  const mergeMaps = (a: MapNode, b: MapNode) => mergeMappings(a, b, segs, diags, t);
  if (t.value) return dropTags(t.value(base, dropTags(over), mergeMaps));
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

const cursor = (segs: readonly string[]): Trie<Merger> => trieAt(MERGE_TRIE, segs) ?? EMPTY;

function mergeMappings(base: MapNode, over: MapNode, segs: readonly string[], diags: Diagnostics, t: Trie<Merger>): MapNode {
  const out = mapNode(base.entries, base.pos);
  for (const [k, v] of over.entries) {
    if (v.tag === '!reset') out.entries.delete(k);
    else out.entries.set(k, mergeNodes(out.entries.get(k), v, [...segs, k], diags, step(t, k) ?? EMPTY));
  }
  return out;
}

/**
 * Keeps one item per key in the sequences listed in UNIQUE (ports, volumes by target, ...): a later
 * item replaces the earlier one where the earlier one stood, as compose does.
 */
export function enforceUnique(node: Node, t: Trie<Indexer> | undefined = UNIQUE_TRIE): Node {
  if (!t) return node;
  if (isMapNode(node)) {
    for (const [k, v] of node.entries) {
      const next = step(t, k);
      if (next) node.entries.set(k, enforceUnique(v, next));
    }
    return node;
  }
  if (!isSeqNode(node)) return node;
  const indexer = t.value;
  if (!indexer) {
    if (t.any) node.items = node.items.map((v) => enforceUnique(v, t.any));
    return node;
  }
  const items: Node[] = [];
  const at = new Map<string, number>();
  for (const item of node.items) {
    const key = indexer(item);
    const j = at.get(key);
    const kept = enforceUnique(item, t.any);
    if (j === undefined) {
      at.set(key, items.length);
      items.push(kept);
    } else items[j] = kept;
  }
  node.items = items;
  return node;
}

/** Merges whole files in order onto an empty project (so `!reset` in the first file works too). */
export function mergeFiles(files: readonly Node[], diags: Diagnostics): Node {
  let merged: Node = mapNode();
  for (const f of files) merged = mergeNodes(merged, f, [], diags, MERGE_TRIE);
  return enforceUnique(merged);
}
