// Rule tables keyed by compose path (`services.*.ports`), as a trie: a walk over a tree follows the
// trie alongside and only descends where some rule can apply, and finds the rule for a node in O(1).
// `*` matches any one mapping key or sequence index; an exact key wins over `*`.

export interface PathTrie<T> {
  value?: T;
  exact: Map<string, PathTrie<T>>;
  any?: PathTrie<T>;
}

export function pathTrie<T>(table: ReadonlyArray<readonly [string, T]>): PathTrie<T> {
  const root: PathTrie<T> = { exact: new Map() };
  for (const [pattern, v] of table) {
    let t = root;
    for (const seg of pattern.split('.')) {
      if (seg === '*') t = t.any ??= { exact: new Map() };
      else {
        if (!t.exact.has(seg)) t.exact.set(seg, { exact: new Map() });
        t = t.exact.get(seg)!;
      }
    }
    t.value = v;
  }
  return root;
}

/** The trie below `t` for a mapping key, or for a sequence item when `seg` is undefined. */
export function stepTrie<T>(t: PathTrie<T> | undefined, seg: string | undefined): PathTrie<T> | undefined {
  if (t === undefined) return undefined;
  return seg === undefined ? t.any : (t.exact.get(seg) ?? t.any);
}

/** The trie at a whole path (`['services', 'web']`), or undefined when no rule lies below it. */
export function trieAt<T>(t: PathTrie<T>, segs: readonly string[]): PathTrie<T> | undefined {
  let at: PathTrie<T> | undefined = t;
  for (const s of segs) at = stepTrie(at, s);
  return at;
}
