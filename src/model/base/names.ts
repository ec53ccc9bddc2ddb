// Kubernetes names from compose names. Names are ours and readable, never hashed: compose's
// `my_app` becomes `my-app`, and two compose names that end up equal are reported, not merged.

import type { Diagnostics, SourcePos } from '../../common/diagnostics';
import { LIMITS } from './kube-rules';

const MAX_NAME = LIMITS.dnsLabelChars;

/** The app.kubernetes.io/managed-by label of every object compose2k8s makes. */
export const MANAGED_BY = 'compose2k8s';

/** DNS-1123 label: lowercase alphanumerics and '-', starting and ending with an alphanumeric. */
export function toDns1123Label(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return s || 'x';
}

/** DNS-1035 label (Service names): as DNS-1123, and starting with a letter. */
export function toDns1035Label(name: string): string {
  const s = toDns1123Label(name);
  return /^[a-z]/.test(s) ? s : toDns1123Label(`s-${s}`);
}

/** Label values: up to 63 characters of [A-Za-z0-9._-], starting and ending with an alphanumeric. */
export function toLabelValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, MAX_NAME).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * `wanted`, else `wanted-2`, `wanted-3`, …: the first name that `taken` does not hold, cut so that
 * the suffix still fits in a DNS label. The one rule for names unique within a pod (its volumes,
 * its containers), where there is nothing to report: the names are ours.
 */
export function uniqueName(wanted: string, taken: (name: string) => boolean): string {
  let name = wanted;
  for (let n = 2; taken(name); n++) name = `${wanted.slice(0, MAX_NAME - String(n).length - 1)}-${n}`;
  return name;
}

/** IANA service name for ports: ≤ 15 characters, lowercase, at least one letter. */
export function portName(protocol: string, port: number): string {
  return `${protocol.toLowerCase()}-${port}`;
}

/**
 * Hands out names per Kubernetes kind and reports collisions: the second compose name that
 * sanitises to a taken name gets a numeric suffix and a warning.
 */
export class NameRegistry {
  private readonly taken = new Map<string, Map<string, string>>();

  constructor(private readonly diags: Diagnostics) {}

  claim(kind: string, wanted: string, origin: string, at: { path?: string; pos?: SourcePos } = {}): string {
    let names = this.taken.get(kind);
    if (!names) this.taken.set(kind, (names = new Map()));
    const owner = names.get(wanted);
    if (owner === undefined || owner === origin) {
      names.set(wanted, origin);
      return wanted;
    }
    let n = 2;
    let candidate = `${wanted.slice(0, MAX_NAME - 4)}-${n}`;
    while (names.has(candidate) && names.get(candidate) !== origin) candidate = `${wanted.slice(0, MAX_NAME - 4)}-${++n}`;
    names.set(candidate, origin);
    this.diags.warn('name-collision', `${kind} name "${wanted}" for ${origin} is already taken by ${owner}; using "${candidate}"`, {
      ...at,
      hint: 'rename one of them so their Kubernetes names differ',
    });
    return candidate;
  }

  isTaken(kind: string, name: string): boolean {
    return this.taken.get(kind)?.has(name) ?? false;
  }
}
