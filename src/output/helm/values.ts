// The values of a chart as data: the key each compose service gets, image references split into
// the parts a user changes (and joined back exactly), and what an environment's values file holds:
// only the keys whose value differs from values.yaml, a removed key as null (Helm deletes a key a
// values file sets to null).

import { deepEqual } from '../json-diff';

export type Values = Record<string, unknown>;

export const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level keys of values.yaml that are not services. */
export const RESERVED_KEYS: readonly string[] = ['global', 'persistence', 'secrets'];

/**
 * The values key of each compose service: its own name (`--set web.replicas=6`), unless that is one
 * of the chart's own keys, which gets `-service` appended (`global` → `global-service`).
 */
export function serviceKeys(services: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set(services);
  for (const s of services) {
    let key = s;
    while (RESERVED_KEYS.includes(key) || (key !== s && taken.has(key))) key = `${key}-service`;
    keys.set(s, key);
    taken.add(key);
  }
  return keys;
}

/** `.Values.web`, or `(index .Values "my-svc")` where the key is not a template identifier. */
export function valuesRef(path: readonly string[]): string {
  let ref = '$.Values';
  for (const key of path) ref = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${ref}.${key}` : `(index ${ref} ${JSON.stringify(key)})`;
  return ref;
}

export interface ImageParts {
  readonly registry?: string;
  readonly repository: string;
  readonly tag: string;
  readonly digest?: string;
}

/**
 * `ghcr.io/acme/web:1.4@sha256:…` → registry ghcr.io, repository acme/web, tag 1.4, digest. The first
 * path component is a registry when it has a `.` or `:` or is `localhost`, as docker reads it.
 * Anything the parts would not give back exactly (a `${VAR}` kept by --no-interpolate in an odd
 * place) stays whole in `repository`.
 */
export function splitImage(image: string): ImageParts {
  const at = image.indexOf('@');
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const name = at < 0 ? image : image.slice(0, at);
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const registry = first && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : undefined;
  const rest = registry ? name.slice(slash + 1) : name;
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  const parts: ImageParts = {
    ...(registry ? { registry } : {}),
    repository: tagged ? rest.slice(0, colon) : rest,
    tag: tagged ? rest.slice(colon + 1) : '',
    ...(digest !== undefined ? { digest } : {}),
  };
  return parts.repository && joinImage(parts) === image ? parts : { repository: image, tag: '' };
}

/** What the chart's image helper renders from the parts (without a global registry). */
export function joinImage(p: ImageParts): string {
  return `${p.registry ? `${p.registry}/` : ''}${p.repository}${p.tag ? `:${p.tag}` : ''}${p.digest !== undefined ? `@${p.digest}` : ''}`;
}

/** Sets `value` at `path` in `tree`, making the maps on the way. */
export function setIn(tree: Values, path: readonly string[], value: unknown): void {
  let at = tree;
  for (const key of path.slice(0, -1)) {
    if (!isMap(at[key])) at[key] = {};
    at = at[key] as Values;
  }
  at[path[path.length - 1]] = value;
}

export function getIn(tree: unknown, path: readonly (string | number)[]): unknown {
  let at = tree;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/**
 * What an environment's values file holds: the keys of `env` whose value differs from `base`, maps
 * compared key by key, lists whole; a key `base` has and `env` lacks is null. A section turned off
 * (`enabled: false`) needs nothing else.
 */
export function valuesDiff(base: Values, env: Values): Values | undefined {
  const out: Values = {};
  if (env.enabled === false && base.enabled !== false) return { enabled: false };
  for (const key of Object.keys(env)) {
    const [from, to] = [base[key], env[key]];
    if (deepEqual(from, to)) continue;
    if (isMap(from) && isMap(to)) {
      const inner = valuesDiff(from, to);
      if (inner) out[key] = inner;
    } else out[key] = to;
  }
  for (const key of Object.keys(base)) if (!(key in env) && !(env.enabled === false)) out[key] = null;
  return Object.keys(out).length ? out : undefined;
}
