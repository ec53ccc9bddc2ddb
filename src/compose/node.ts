// A compose tree whose nodes carry their own source position (and merge tag). Merging, extends and
// include move whole subtrees between files; with positions on the nodes nothing has to be
// re-keyed by path, and every value still points at the file:line:col that set it.

import type { SourcePos } from '../common/diagnostics';
import type { MergeTag } from './parse';
import { joinPath, SourceMap } from '../common/source-map';

export type Scalar = string | number | boolean | null;

interface Base {
  pos?: SourcePos;
  /** `!reset` / `!override` on this node in the file it came from; consumed by the merge. */
  tag?: MergeTag;
}
export interface MapNode extends Base {
  kind: 'map';
  entries: Map<string, Node>;
}
export interface SeqNode extends Base {
  kind: 'seq';
  items: Node[];
}
export interface ScalarNode extends Base {
  kind: 'scalar';
  value: Scalar;
}
export type Node = MapNode | SeqNode | ScalarNode;

export const mapNode = (entries: Iterable<[string, Node]> = [], pos?: SourcePos): MapNode => ({ kind: 'map', entries: new Map(entries), pos });
export const seqNode = (items: Node[] = [], pos?: SourcePos): SeqNode => ({ kind: 'seq', items, pos });
export const scalarNode = (value: Scalar, pos?: SourcePos): ScalarNode => ({ kind: 'scalar', value, pos });

export const isMapNode = (n: Node | undefined): n is MapNode => n?.kind === 'map';
export const isSeqNode = (n: Node | undefined): n is SeqNode => n?.kind === 'seq';
export const isScalarNode = (n: Node | undefined): n is ScalarNode => n?.kind === 'scalar';
export const isNull = (n: Node | undefined): boolean => n === undefined || (n.kind === 'scalar' && n.value === null);

/** A scalar's text as compose sees it (`80` and `"80"` alike), or undefined for collections and null. */
export function scalarText(n: Node | undefined): string | undefined {
  return n?.kind === 'scalar' && n.value !== null ? String(n.value) : undefined;
}

/** Plain parsed data + its source map + its merge tags → a located tree. */
export function locate(value: unknown, sourceMap: SourceMap, mergeTags: ReadonlyMap<string, MergeTag> = new Map(), path = ''): Node {
  const pos = sourceMap.exact(path);
  const tag = mergeTags.get(path);
  let node: Node;
  if (Array.isArray(value)) node = seqNode(value.map((v, i) => locate(v, sourceMap, mergeTags, joinPath(path, i))), pos);
  else if (value !== null && typeof value === 'object') {
    node = mapNode(
      Object.entries(value).map(([k, v]) => [k, locate(v, sourceMap, mergeTags, joinPath(path, k))]),
      pos,
    );
  } else node = scalarNode(value === undefined ? null : (value as Scalar), pos);
  if (tag) node.tag = tag;
  return node;
}

/** A located tree → plain data and a source map keyed by compose path. */
export function unlocate(node: Node, sourceMap = new SourceMap(), path = ''): { value: unknown; sourceMap: SourceMap } {
  if (node.pos) sourceMap.set(path, node.pos);
  let value: unknown;
  if (node.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of node.entries) out[k] = unlocate(v, sourceMap, joinPath(path, k)).value;
    value = out;
  } else if (node.kind === 'seq') value = node.items.map((v, i) => unlocate(v, sourceMap, joinPath(path, i)).value);
  else value = node.value;
  return { value, sourceMap };
}

/** A deep copy, so that one subtree used twice (extends, aliases) is never mutated through the other. */
export function cloneNode(node: Node): Node {
  if (node.kind === 'map') return { ...node, entries: new Map([...node.entries].map(([k, v]) => [k, cloneNode(v)])) };
  if (node.kind === 'seq') return { ...node, items: node.items.map(cloneNode) };
  return { ...node };
}

/** The node at `segments` below `node`, if any. */
export function nodeAt(node: Node | undefined, ...segments: string[]): Node | undefined {
  let n = node;
  for (const s of segments) n = isMapNode(n) ? n.entries.get(s) : undefined;
  return n;
}
