// YAML text → plain data with a position for every compose path, one document or several, within
// PARSE_LIMITS (alias bombs and deep nesting are refused, not expanded).

import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node as YamlNode,
  parseAllDocuments,
  parseDocument,
  visit,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import type { Tags } from 'yaml/dist/schema/tags';
import type { Diagnostics } from '../common/diagnostics';
import { joinPath, SourceMap } from '../common/source-map';

/** Compose's merge-control tags (compose spec, 13-merge.md). */
export type MergeTag = '!reset' | '!override';

/** A compose file parsed to plain data, with where every node came from. */
export interface ParsedFile {
  readonly file: string;
  readonly value: unknown;
  readonly sourceMap: SourceMap;
  /** Paths carrying `!reset` or `!override`, for the merge step. */
  readonly mergeTags: ReadonlyMap<string, MergeTag>;
}

/** Limits that keep hostile input (alias bombs, absurd nesting) from hanging or crashing us. */
export const PARSE_LIMITS = {
  /** Nodes produced after alias expansion; a billion-laughs document stops here. */
  maxNodes: 2_000_000,
  /** Nodes produced by expanding aliases and merge keys: real files reuse a few small anchors. */
  maxAliasNodes: 100_000,
  maxDepth: 200,
};

// The tags only mark nodes; their values are read as plain scalars, sequences and mappings.
const passThrough = (tag: MergeTag): Tags => [
  { tag, resolve: (v: string) => v, identify: () => false },
  { tag, collection: 'seq', nodeClass: YAMLSeq, resolve: (v: unknown) => v, identify: () => false },
  { tag, collection: 'map', nodeClass: YAMLMap, resolve: (v: unknown) => v, identify: () => false },
];
const CUSTOM_TAGS: Tags = [...passThrough('!reset'), ...passThrough('!override')];

class TooLarge extends Error {}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true, customTags: CUSTOM_TAGS, strict: true } as const;

/**
 * Parses a YAML text that holds one document (an environment preset), keeping a source position for
 * every node. YAML errors become diagnostics with line and column; undefined when it cannot be used.
 */
export function parseComposeYaml(file: string, text: string, diags: Diagnostics): ParsedFile | undefined {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  } catch (e) {
    diags.error('yaml-syntax', `cannot parse YAML: ${(e as Error).message}`, { pos: { file, line: 1, col: 1 } });
    return undefined;
  }
  if (!reportYamlErrors(file, text, [doc], lineCounter, diags)) return undefined;
  return toParsedFile(file, doc, lineCounter, diags);
}

/**
 * Parses a compose file: every YAML document in it, in order, as docker compose loads them (each one
 * a layer merged over the previous ones, compose-go loader.go loadYamlFile). Documents without
 * content (an empty file, only comments, a bare `---`) are left out, so such a file gives [].
 */
export function parseComposeDocuments(file: string, text: string, diags: Diagnostics): ParsedFile[] | undefined {
  const lineCounter = new LineCounter();
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  } catch (e) {
    diags.error('yaml-syntax', `cannot parse YAML: ${(e as Error).message}`, { pos: { file, line: 1, col: 1 } });
    return undefined;
  }
  const docs = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
  if (!reportYamlErrors(file, text, docs, lineCounter, diags)) return undefined;
  const out: ParsedFile[] = [];
  for (const doc of docs.filter((d) => !isEmptyDocument(d))) {
    const one = toParsedFile(file, doc, lineCounter, diags);
    if (!one) return undefined;
    out.push(one);
  }
  return out;
}

/** No content at all: not even an explicit `null` or `~` (which compose-go refuses as an empty file). */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.source === '' && !c.tag && !c.anchor);
}

/** Reports every YAML error of the documents; false when there was one. */
function reportYamlErrors(file: string, text: string, docs: readonly Document.Parsed[], lineCounter: LineCounter, diags: Diagnostics): boolean {
  let ok = true;
  for (const err of docs.flatMap((d) => d.errors)) {
    ok = false;
    const opening = unclosedFlowStart(text, err.message, err.pos[0]);
    const { line, col } = lineCounter.linePos(opening ?? err.pos[0]);
    diags.error('yaml-syntax', cleanYamlMessage(err.message), {
      pos: { file, line, col },
      ...(opening !== undefined ? { hint: `this "${text[opening]}" is never closed: close it on the same line, or indent its continuation lines further than the key` } : {}),
    });
  }
  return ok;
}

/**
 * Walks one document into plain data, recording each compose path's position and merge tags. It
 * counts nodes as it goes (aliases included), throwing TooLarge past PARSE_LIMITS.
 */
class DocumentWalker {
  readonly sourceMap = new SourceMap();
  readonly mergeTags = new Map<string, MergeTag>();
  private nodes = 0;
  private aliasNodes = 0;
  private expanding = 0;
  // Built on the first alias only: most compose files have none, and the walk costs a full pass.
  private aliasTargets: Map<Alias, YamlNode> | undefined;

  constructor(
    private readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  toPlain(node: unknown, path: string, depth: number, keyOffset?: number): unknown {
    if (++this.nodes > PARSE_LIMITS.maxNodes || depth > PARSE_LIMITS.maxDepth) throw new TooLarge();
    if (this.expanding > 0 && ++this.aliasNodes > PARSE_LIMITS.maxAliasNodes) throw new TooLarge();
    if (isAlias(node)) {
      const target = (this.aliasTargets ??= anchorIndex(this.doc)).get(node as Alias);
      if (!target) return null;
      this.recordPos(node as Alias, path, keyOffset);
      this.expanding++;
      try {
        return this.toPlain(target, path, depth + 1, keyOffset ?? (node as Alias).range?.[0]);
      } finally {
        this.expanding--;
      }
    }
    if (node === null || node === undefined) return null;
    const n = node as YamlNode;
    this.recordPos(n, path, keyOffset);
    if (n.tag === '!reset' || n.tag === '!override') this.mergeTags.set(path, n.tag);
    if (isScalar(n)) return scalarValue(n as Scalar);
    if (isSeq(n)) return (n as YAMLSeq).items.map((item, i) => this.toPlain(item, joinPath(path, i), depth + 1));
    if (isMap(n)) return this.mapToPlain(n as YAMLMap, path, depth);
    return null;
  }

  private mapToPlain(map: YAMLMap, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as YamlNode | null;
      if (isScalar(key) && (key.value === '<<' || (key as Scalar).source === '<<' || typeof key.value === 'symbol')) {
        // Merge key: explicit keys win over merged ones, earlier merged maps over later ones.
        const sources = isSeq(pair.value) ? (pair.value as YAMLSeq).items : [pair.value];
        for (const src of sources) {
          const merged = this.toPlain(src, path, depth + 1);
          if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
            for (const [k, v] of Object.entries(merged)) if (!(k in out)) out[k] = v;
          }
        }
        continue;
      }
      const keyText = keyToString(key);
      const childPath = joinPath(path, keyText);
      const keyStart = (key as YamlNode | null)?.range?.[0];
      out[keyText] = this.toPlain(pair.value, childPath, depth + 1, keyStart);
    }
    return out;
  }

  private recordPos(n: YamlNode, path: string, keyOffset: number | undefined): void {
    // Scalars point at the value; collections at their key (where the reader's eye goes).
    const offset = isScalar(n) || keyOffset === undefined ? n.range?.[0] : keyOffset;
    if (offset === undefined || this.sourceMap.exact(path)) return;
    const { line, col } = this.lineCounter.linePos(offset);
    this.sourceMap.set(path, { file: this.file, line, col });
  }
}

/** One parsed document → plain data with positions; undefined (after reporting) when it is too large. */
function toParsedFile(file: string, doc: Document.Parsed, lineCounter: LineCounter, diags: Diagnostics): ParsedFile | undefined {
  const walker = new DocumentWalker(file, doc, lineCounter);
  try {
    const value = walker.toPlain(doc.contents, '', 0);
    if (doc.contents && !walker.sourceMap.exact('')) walker.sourceMap.set('', { file, line: 1, col: 1 });
    return { file, value, sourceMap: walker.sourceMap, mergeTags: walker.mergeTags };
  } catch (e) {
    if (e instanceof TooLarge) {
      diags.error(
        'yaml-too-large',
        `the document expands to more than ${PARSE_LIMITS.maxNodes} nodes (${PARSE_LIMITS.maxAliasNodes} through aliases and merge keys) or nests deeper than ${PARSE_LIMITS.maxDepth} levels`,
        { pos: { file, line: 1, col: 1 }, hint: 'check for aliases that refer to other aliases many times over' },
      );
      return undefined;
    }
    throw e;
  }
}

/**
 * Every alias → the node it refers to (the last anchor of that name before it), in one pass.
 * Alias.resolve() walks the whole document per call, which made an alias bomb take minutes
 * before reaching PARSE_LIMITS.
 */
function anchorIndex(doc: Document.Parsed): Map<Alias, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function scalarValue(s: Scalar): unknown {
  const v = s.value;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && !Number.isFinite(v) && s.source && /^[0-9]/.test(s.source)) return s.source;
  return v;
}

function keyToString(key: YamlNode | null): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return String((key as Scalar).value);
  return String(key);
}

/**
 * yaml reports an unclosed `[` or `{` where it gave up, often the next key or the end of the file;
 * the user needs the bracket itself. Scans back for the unmatched opener (quotes are not parsed: a
 * best effort that falls back to yaml's own position).
 */
function unclosedFlowStart(text: string, message: string, offset: number): number | undefined {
  const m = /^Flow (sequence|map) .*end with a ([\]}])/.exec(message);
  if (!m) return undefined;
  const close = m[2];
  const open = close === ']' ? '[' : '{';
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open && depth-- === 0) return i;
  }
  return undefined;
}

/** yaml's messages end with a position suffix we already print in our own format. */
function cleanYamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
