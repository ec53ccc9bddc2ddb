// A seeded mutator of compose files for the fuzz test: tree mutations (wrong types, missing keys,
// huge numbers, unicode, deep nesting, reference cycles) and text mutations (alias bombs,
// truncation, stray characters, tags). Deterministic for a seed, so a failure can be replayed.

import { parse, stringify } from 'yaml';

/** mulberry32: small, fast, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -1, 0, 65536, 4294967296, 1.5, Number.MAX_SAFE_INTEGER, -0];
const UNICODE = ['ünïcödé', '服务', '🐳🚀', 'a\u200bb', '\u202eevil', 'x'.repeat(300), 'Ⅻ', 'ß', '\t tab', ' lead', 'trail ', 'new\nline', '', '${UNSET_VAR}', '$$', '${A:?boom}', '${', '../../../etc/passwd', '/etc/passwd', 'C:\\x', 'a:b:c:d', '--', '0x1F', '1e3', '~', 'null', 'true'];
const SCALARS: readonly unknown[] = [null, true, false, 'string', 80, '80', [], {}, ['a', 1, null], { a: { b: 1 } }];

type Json = unknown;

function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  out.push(prefix);
  if (depth > 12) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out, depth + 1));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out, depth + 1);
  return out;
}

function getAt(v: Json, p: readonly (string | number)[]): Json {
  return p.reduce<Json>((o, k) => (o as Record<string | number, Json>)?.[k], v);
}

function setAt(root: Json, p: readonly (string | number)[], value: Json): Json {
  if (p.length === 0) return value;
  const parent = getAt(root, p.slice(0, -1)) as Record<string | number, Json>;
  if (parent && typeof parent === 'object') parent[p[p.length - 1]] = value;
  return root;
}

function deleteAt(root: Json, p: readonly (string | number)[]): Json {
  if (p.length === 0) return {};
  const parent = getAt(root, p.slice(0, -1));
  const k = p[p.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(k), 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, Json>)[k as string];
  return root;
}

function nest(depth: number, r: Rand): Json {
  let v: Json = 'leaf';
  for (let i = 0; i < depth; i++) v = r() < 0.5 ? [v] : { k: v };
  return v;
}

const services = (root: Json): Record<string, Record<string, Json>> | undefined => {
  const s = (root as Record<string, Json> | null)?.services;
  return s && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, Record<string, Json>>) : undefined;
};

/** Tree mutations: each takes the parsed document and returns a changed one. */
const TREE_MUTATIONS: Record<string, (root: Json, r: Rand) => Json> = {
  wrongType: (root, r) => setAt(root, pick(r, paths(root)), structuredClone(pick(r, SCALARS))),
  hugeNumber: (root, r) => setAt(root, pick(r, paths(root)), pick(r, HUGE_NUMBERS)),
  unicode: (root, r) => setAt(root, pick(r, paths(root)), pick(r, UNICODE)),
  unicodeKey: (root, r) => {
    const s = services(root);
    if (!s) return root;
    const name = pick(r, Object.keys(s));
    if (!name) return root;
    s[pick(r, UNICODE)] = s[name];
    delete s[name];
    return root;
  },
  missingKey: (root, r) => deleteAt(root, pick(r, paths(root).filter((p) => p.length > 0)) ?? []),
  deepNesting: (root, r) => setAt(root, pick(r, paths(root)), nest(20 + Math.floor(r() * 60), r)),
  dependsOnCycle: (root, r) => {
    const s = services(root);
    const names = s ? Object.keys(s) : [];
    if (!s || names.length === 0) return root;
    const a = pick(r, names);
    const b = pick(r, names);
    if (s[a] && typeof s[a] === 'object') s[a].depends_on = [b];
    if (s[b] && typeof s[b] === 'object') s[b].depends_on = { [a]: { condition: 'service_healthy' } };
    return root;
  },
  extendsCycle: (root, r) => {
    const s = services(root);
    const names = s ? Object.keys(s) : [];
    if (!s || names.length === 0) return root;
    const a = pick(r, names);
    const b = pick(r, names);
    if (s[a] && typeof s[a] === 'object') s[a].extends = { service: b };
    if (s[b] && typeof s[b] === 'object') s[b].extends = r() < 0.5 ? a : { service: a, file: 'compose.yaml' };
    return root;
  },
  linksToSelf: (root, r) => {
    const s = services(root);
    const names = s ? Object.keys(s) : [];
    if (!s || names.length === 0) return root;
    const a = pick(r, names);
    if (s[a] && typeof s[a] === 'object') s[a].links = [a, `${a}:alias`, 'nowhere'];
    return root;
  },
  undefinedReferences: (root, r) => {
    const s = services(root);
    const names = s ? Object.keys(s) : [];
    if (!s || names.length === 0) return root;
    const a = pick(r, names);
    if (s[a] && typeof s[a] === 'object') {
      s[a].volumes = ['nope:/data', './missing-dir:/m', '/abs:/abs:ro,z'];
      s[a].secrets = ['ghost'];
      s[a].configs = [{ source: 'ghost', target: '/c' }];
      s[a].networks = ['ghostnet'];
      s[a].env_file = ['./missing.env', { path: './opt.env', required: false }];
    }
    return root;
  },
  manyServices: (root, r) => {
    const s = services(root) ?? {};
    const n = 20 + Math.floor(r() * 200);
    for (let i = 0; i < n; i++) s[`gen-${i}`] = { image: 'nginx', ports: [`${1000 + i}:80`], environment: { I: String(i) } };
    (root as Record<string, Json>).services = s;
    return root;
  },
  longString: (root, r) => setAt(root, pick(r, paths(root)), 'x'.repeat(100_000 + Math.floor(r() * 100_000))),
  numericKey: (root, r) => {
    const s = services(root);
    const names = s ? Object.keys(s) : [];
    if (!s || names.length === 0) return root;
    const svc = s[pick(r, names)];
    if (!svc || typeof svc !== 'object' || Array.isArray(svc)) return root;
    const keys = pick(r, NUMERIC_KEYS);
    let at: Record<string, Json> = svc;
    for (const k of keys.slice(0, -1)) {
      if (!at[k] || typeof at[k] !== 'object' || Array.isArray(at[k])) at[k] = {};
      at = at[k] as Record<string, Json>;
    }
    at[keys[keys.length - 1]] = pick(r, EDGE_NUMBERS);
    if (keys[0] === 'healthcheck' && !('test' in at)) at.test = ['CMD', 'true'];
    return root;
  },
  portEdgeCases: (root, r) => {
    const s = services(root);
    const names = s ? Object.keys(s) : [];
    if (!s || names.length === 0) return root;
    const a = pick(r, names);
    if (s[a] && typeof s[a] === 'object')
      s[a].ports = [pick(r, ['0', '65536', '1-65535', '80-79', '::1:80:80', '[::1]:80:80', '80/quic', '1:2:3:4', '-1', 'abc', 80.5, '${P}:80', '8000-8100:80'])];
    return root;
  },
};

/** Keys whose numbers reach the manifests (counts, ports, seconds, modes), for numericKey. */
const NUMERIC_KEYS: readonly (readonly string[])[] = [
  ['scale'], ['deploy', 'replicas'], ['deploy', 'update_config', 'parallelism'], ['deploy', 'restart_policy', 'max_attempts'],
  ['deploy', 'resources', 'limits', 'cpus'], ['deploy', 'resources', 'limits', 'memory'], ['deploy', 'resources', 'reservations', 'cpus'],
  ['healthcheck', 'retries'], ['healthcheck', 'interval'], ['healthcheck', 'timeout'], ['healthcheck', 'start_period'],
  ['stop_grace_period'], ['pids_limit'], ['shm_size'], ['cpu_shares'], ['mem_limit'], ['cpus'], ['ulimits', 'nofile'],
  ['x-k8s', 'replicas'], ['x-k8s', 'autoscale', 'min'], ['x-k8s', 'autoscale', 'max'], ['x-k8s', 'autoscale', 'target'],
];
const EDGE_NUMBERS: readonly unknown[] = [...HUGE_NUMBERS, Infinity, -Infinity, NaN, -5, '-1', '1e400', '0.0001', '1_000'];

/** Text mutations: on the YAML text itself. */
const TEXT_MUTATIONS: Record<string, (text: string, r: Rand) => string> = {
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  flipChar: (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + pick(r, [':', '-', '[', '{', '"', "'", '\t', '&', '*', '!', '%', '@', '`', '|', '>', '#', '\u0000', '\uFEFF', '\r']) + t.slice(i + 1);
  },
  aliasBomb: () =>
    [
      'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'x-g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'x-h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'services:',
      '  web:',
      '    image: nginx',
      '    command: *h',
    ].join('\n'),
  mergeKeyBomb: () => {
    const lines = ['x-0: &m0 {a: 1}'];
    for (let i = 1; i < 30; i++) lines.push(`x-${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: ${i}}`);
    lines.push('services:', '  web:', '    image: nginx', '    labels:', `      <<: *m29`);
    return lines.join('\n');
  },
  selfAlias: () => 'services: &s\n  web:\n    image: nginx\n    extends: *s\n',
  tags: (t, r) => t.replace(/: /, `: ${pick(r, ['!reset ', '!override ', '!!binary ', '!!str ', '!!int ', '!custom ', '!!set ', '!!omap '])}`),
  // Deeper than a tree mutation can build: flow collections nested thousands of levels.
  deepFlow: (t, r) => {
    const depth = 100 + Math.floor(r() * 5000);
    const open = r() < 0.5 ? '[' : '{a: ';
    const close = open === '[' ? ']' : '}';
    return t.replace(/image: (\S+)/, `image: ${open.repeat(depth)}x${close.repeat(depth)}`);
  },
  deepBlock: (t, r) => {
    const depth = 100 + Math.floor(r() * 400);
    const body = Array.from({ length: depth }, (_, i) => `${' '.repeat(6 + 2 * i)}k${i}:`).join('\n');
    return t.replace(/^(\s+)image: (\S+)$/m, `$1image: $2\n$1labels:\n${body} end`);
  },
  multiDocument: (t) => `${t}\n---\n${t}`,
  bom: (t) => `\uFEFF${t}`,
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  tabs: (t) => t.replace(/^( +)/m, '\t'),
  duplicateKey: (t) => t.replace(/^services:\n(\s+)(\S+):/m, 'services:\n$1$2:\n$1  image: a\n$1$2:'),
  notAMapping: (_, r) => pick(r, ['', '   ', '# only a comment', '- a\n- b', 'just a string', '42', 'null', '~', '[]', '{}', 'services:', 'services: []', 'services: 7', 'version: "3"']),
  interpolation: (t, r) => t.replace(/image: (\S+)/, `image: ${pick(r, ['${IMG:?image required}', '${IMG', '${IMG:-${X:-${Y:-nginx}}}', '$${ESCAPED}', '${1BAD}', '${A-}', '${A:+x}'])}`),
};

export interface Mutant {
  readonly name: string;
  readonly text: string;
}

/** One mutant of `text`: one to three mutations, tree and text alike. */
export function mutate(text: string, r: Rand): Mutant {
  const names: string[] = [];
  let current = text;
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    if (r() < 0.6) {
      const name = pick(r, Object.keys(TREE_MUTATIONS));
      try {
        const tree: Json = parse(current, { maxAliasCount: 1000, logLevel: 'silent' });
        if (tree === null || typeof tree !== 'object') continue;
        // Aliases can make the tree cyclic; stringify then overflows and the round is skipped.
        current = stringify(TREE_MUTATIONS[name](tree, r), { lineWidth: 0, aliasDuplicateObjects: false });
        names.push(name);
      } catch {
        continue;
      }
    } else {
      const name = pick(r, Object.keys(TEXT_MUTATIONS));
      names.push(name);
      current = TEXT_MUTATIONS[name](current, r);
    }
  }
  return { name: names.join('+') || 'unchanged', text: current };
}

/** A few megabytes of compose: many services with long values. */
export function hugeCompose(megabytes: number): string {
  const lines = ['services:\n'];
  let size = 0;
  for (let i = 0; size < megabytes * 1_000_000; i++) {
    const block = `  s${i}:\n    image: nginx\n    environment:\n      BLOB: "${'b'.repeat(2000)}"\n    ports: ["${(i % 60000) + 1}:80"]\n`;
    lines.push(block);
    size += block.length;
  }
  return lines.join('');
}
