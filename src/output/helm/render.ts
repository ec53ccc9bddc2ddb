// A manifest → a Helm template: the manifest's YAML as `-o` writes it, with each value site (a field
// a value sets) replaced by the lines its Site renders. A site is first a marker string at its path;
// after serialising, the marker's line (`key: MARK` or `- key: MARK`) gives the indentation and the
// key, and the site renders the lines that take its place. Every other string is escaped for Go's
// template engine (`{{` → {{`{{`}}), so a config file holding `{{ .x }}` reaches the cluster as written.

import type { Manifest } from '../../kube/manifest';
import { manifestToYaml } from '../emit';

export type Path = readonly (string | number)[];

export interface Site {
  readonly path: Path;
  /** The lines that replace `key: MARK`, indented by `indent`. */
  readonly render: (indent: string, key: string) => string[];
}

const MARK = 'HELMSITE';
const ESCAPED_OPEN = '{{`{{`}}';

/** `text` that Go's template engine renders back as `text`. */
export function escapeTemplate(text: string): string {
  return text.split('{{').join(ESCAPED_OPEN);
}

/** Escaped for the template engine; a list item's `name` first, as people write them (`- name: web`). */
function escapeStrings(value: unknown, inList = false): unknown {
  if (typeof value === 'string') return escapeTemplate(value);
  if (Array.isArray(value)) return value.map((v) => escapeStrings(v, true));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [escapeTemplate(k), escapeStrings(v)] as const);
    const named = inList ? entries.findIndex(([k]) => k === 'name') : -1;
    return Object.fromEntries(named > 0 ? [entries[named], ...entries.filter((_, i) => i !== named)] : entries);
  }
  return value;
}

/** Sets the marker; a field the manifest lacks goes where it sorts, as the manifest's keys do (`name` first). */
function setAt(tree: unknown, path: Path, value: unknown): void {
  let at = tree as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (at[key] === undefined) at[key] = {};
    at = at[key] as Record<string | number, unknown>;
  }
  const key = path[path.length - 1];
  const added = !(key in at);
  at[key] = value;
  if (added && !Array.isArray(at)) {
    const rank = (k: string) => (k === 'name' ? '' : k);
    const sorted = Object.entries(at).sort(([a], [b]) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
    for (const [k] of sorted) delete at[k];
    Object.assign(at, Object.fromEntries(sorted));
  }
}

/** YAML of `value` as lines under `indent` (a block scalar keeps its own indentation relative to it). */
export function yamlLines(value: unknown, indent: string): string[] {
  return manifestToYaml(escapeStrings(value) as Manifest)
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => indent + l);
}

/** `key: MARK` or `- key: MARK`; the keys of sites are plain field names. */
const LINE = new RegExp(`^( *)(- )?([A-Za-z][A-Za-z0-9]*): ${MARK}(\\d+)X$`);

/** The template text of `manifest` with `sites` in place; `condition` wraps the whole object. */
export function renderTemplate(manifest: Manifest, sites: readonly Site[], condition?: string): string {
  const copy = escapeStrings(structuredClone(manifest)) as Manifest;
  sites.forEach((s, i) => setAt(copy, s.path, `${MARK}${i}X`));
  const out: string[] = [];
  for (const line of manifestToYaml(copy).replace(/\n$/, '').split('\n')) {
    if (!line.includes(MARK)) {
      out.push(line);
      continue;
    }
    const m = LINE.exec(line);
    if (!m) throw new Error(`internal error: a Helm value site in an unexpected place: ${line}`);
    const [, indent, dash, key, index] = m;
    const lines = sites[Number(index)].render(dash ? `${indent}  ` : indent, key);
    // `- key: X`: a plain first line keeps the dash; a template action starts after a lone `-`.
    if (dash && !lines[0].trimStart().startsWith('{{')) lines[0] = `${indent}- ${lines[0].trimStart()}`;
    else if (dash) out.push(`${indent}-`);
    out.push(...lines);
  }
  const body = out.join('\n');
  return condition ? `{{- if ${condition} }}\n${body}\n{{- end }}\n` : `${body}\n`;
}

// The shapes a site renders, shared by the site rules.

/** `key: {{ expr }}`, formatted: integers as they are, strings quoted, int-or-string as JSON. */
export function scalar(expr: string, format: Format): Site['render'] {
  return (indent, key) => [`${indent}${key}: {{ ${formatted(expr, format)} }}`];
}

export type Format = 'int' | 'string' | 'json';

function formatted(expr: string, format: Format): string {
  return format === 'int' ? expr : format === 'string' ? `${expr} | quote` : `${expr} | toJson`;
}

/**
 * `key:` only when the values map `parent` sets `name`: a string that is not empty, or any other
 * value that is not null (a 0 counts; an environment's values file removes a key with null, which
 * `helm lint` does not honour, hence `unless`).
 */
export function optionalScalar(parent: string, name: string, format: Format, unless?: string): Site['render'] {
  const value = `(index ${parent} ${JSON.stringify(name)})`;
  const set = format === 'string' ? value : `not (kindIs "invalid" ${value})`;
  // `unless`: a key of the same map that, when set, takes this one's place.
  const test = unless ? `and (${set}) (kindIs "invalid" (index ${parent} ${JSON.stringify(unless)}))` : set;
  return (indent, key) => [`${indent}{{- if ${test} }}`, `${indent}${key}: {{ ${formatted(value, format)} }}`, `${indent}{{- end }}`];
}

/** `key:` with the YAML of a map or list value, left out when it is empty. */
export function block(expr: string): Site['render'] {
  return (indent, key) => [`${indent}{{- with ${expr} }}`, `${indent}${key}:`, `${indent}  {{- toYaml . | nindent ${indent.length + 2} }}`, `${indent}{{- end }}`];
}

/** A list whose items are `literal` (as written) followed by the items the template `extra` adds. */
export function appendList(literal: readonly unknown[], extraLines: (indent: string) => string[], test: string): Site['render'] {
  return (indent, key) =>
    literal.length
      ? [`${indent}${key}:`, ...yamlLines(literal, `${indent}  `), ...extraLines(`${indent}  `)]
      : [`${indent}{{- if ${test} }}`, `${indent}${key}:`, ...extraLines(`${indent}  `), `${indent}{{- end }}`];
}

/** A Go template dict literal of string pairs: `(dict "a" "b")`. */
export function dictLiteral(map: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Inside an action a string literal is not template text: Go's quoting (which JSON's is) is all it needs.
  return pairs.length ? `(dict ${pairs.map(([k, v]) => `${JSON.stringify(k)} ${JSON.stringify(v)}`).join(' ')})` : '(dict)';
}
