// Reads user-written settings (an environment preset, a service's x-k8s keys) against tables of
// fields: every unknown key and bad value becomes an error at its file:line:col, with the allowed
// keys or an example as the hint. Readers return undefined for what they refused.

import { isRecord } from '../../common/records';
import { joinPath } from '../../common/source-map';
import type { Diagnostics, SourcePos } from '../../common/diagnostics';
import { dns1123LabelProblem, dns1123SubdomainProblem, labelValueProblem, qualifiedNameProblem, quantityProblem, quantityText, type ResourceName } from '../base/kube-rules';
import type { AutoscaleSpec, PdbSpec, ResourceAmounts, ResourceSpec, ServiceScaling } from '../base/scaling-types';
import { DEFAULT_PDB } from '../base/scaling-types';

/** Reads one value; `key` is the mapping key it was found under, for readers of user-named maps. */
export type FieldReader<T> = (value: unknown, path: string, r: SettingsReader, key?: string) => T | undefined;
export type Fields<T> = { readonly [K in keyof T]-?: FieldReader<T[K]> };

export class SettingsReader {
  constructor(
    private readonly diags: Diagnostics,
    private readonly posOf: (path: string) => SourcePos | undefined,
    /** `environment preset prod` or `x-k8s`, for messages. */
    readonly what: string,
    /** Diagnostic code prefix. */
    private readonly code: 'preset' | 'x-k8s',
  ) {}

  error(path: string, suffix: 'invalid-value' | 'unknown-key', message: string, hint?: string): undefined {
    this.diags.error(`${this.code}-${suffix}`, message, { path, pos: this.posOf(path), ...(hint ? { hint } : {}) });
    return undefined;
  }

  /** A mapping with known keys only; each present key read by its field reader. */
  object<T>(value: unknown, path: string, fields: Fields<T>): Partial<T> | undefined {
    if (!isRecord(value)) return this.error(path, 'invalid-value', `${path ? 'must' : 'the file must'} be a mapping`);
    const out: Partial<T> = {};
    for (const [key, v] of Object.entries(value)) {
      const keyPath = joinPath(path, key);
      const read = (fields as Record<string, FieldReader<unknown> | undefined>)[key];
      if (!read) {
        this.error(keyPath, 'unknown-key', `unknown key "${key}" in ${this.what}`, `allowed here: ${Object.keys(fields).join(', ')}`);
        continue;
      }
      if (v === null || v === undefined) continue;
      const got = read(v, keyPath, this);
      if (got !== undefined) (out as Record<string, unknown>)[key] = got;
    }
    return out;
  }

  /** A mapping of user-chosen names (services, volumes) to values read by `each`. */
  map<T>(value: unknown, path: string, each: FieldReader<T>): Record<string, T> | undefined {
    if (!isRecord(value)) return this.error(path, 'invalid-value', `must be a mapping of names to settings`);
    const out: Record<string, T> = {};
    for (const [key, v] of Object.entries(value)) {
      const got = each(v, joinPath(path, key), this, key);
      if (got !== undefined) out[key] = got;
    }
    return out;
  }
}

export const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): FieldReader<number> =>
  (v, path, r) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : r.error(path, 'invalid-value', `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, not ${JSON.stringify(v)}`);

export const text: FieldReader<string> = (v, path, r) =>
  typeof v === 'string' ? v : r.error(path, 'invalid-value', `must be a string, not ${JSON.stringify(v)}`);

export const dns1123: FieldReader<string> = (v, path, r) =>
  typeof v === 'string' && !dns1123LabelProblem(v)
    ? v
    : r.error(path, 'invalid-value', `must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters), not ${JSON.stringify(v)}`);

/** Names of objects and classes (Secrets, ingress and storage classes): DNS subdomains. */
export const dnsSubdomain: FieldReader<string> = (v, path, r) => {
  const problem = typeof v === 'string' ? dns1123SubdomainProblem(v) : 'must be a string';
  return problem ? r.error(path, 'invalid-value', `${JSON.stringify(v)} ${problem}`) : (v as string);
};

export const quantity =
  (resource: ResourceName): FieldReader<string> =>
  (v, path, r) => {
    const problem = quantityProblem(resource, v);
    return problem ? r.error(path, 'invalid-value', `${problem}`) : quantityText(v as string | number);
  };

/** An int-or-percent bound of a PodDisruptionBudget: `1` or `"50%"`. */
const intOrPercent: FieldReader<number | string> = (v, path, r) => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^(100|[1-9]?[0-9])%$/.test(v)) return v;
  return r.error(path, 'invalid-value', `must be a whole number or a percentage such as "50%", not ${JSON.stringify(v)}`);
};

/** Set by compose2k8s itself; the selectors rely on the first two. */
const RESERVED_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by'];

/**
 * labels (values ≤ 63 chars of the label alphabet), annotations (any string value), or a
 * nodeSelector (labels a node has, so compose2k8s's own may be named too).
 */
export const metadataMap =
  (kind: 'labels' | 'annotations' | 'nodeSelector'): FieldReader<Record<string, string>> =>
  (v, path, r) =>
    r.map(v, path, (value, p, rr, key = '') => {
      const keyProblem = qualifiedNameProblem(kind === 'annotations' ? key.toLowerCase() : key);
      if (keyProblem) return rr.error(p, 'invalid-value', `${kind} key "${key}": ${keyProblem}`);
      if (kind !== 'nodeSelector' && RESERVED_LABELS.includes(key)) return rr.error(p, 'invalid-value', `${kind} key "${key}" is set by compose2k8s and used in selectors`);
      const s = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
      if (typeof s !== 'string') return rr.error(p, 'invalid-value', `must be a string`);
      const valueProblem = kind === 'annotations' ? undefined : labelValueProblem(s);
      return valueProblem ? rr.error(p, 'invalid-value', `label value ${JSON.stringify(s)} ${valueProblem}`) : s;
    });

const amounts: FieldReader<ResourceAmounts> = (v, path, r) => r.object<ResourceAmounts>(v, path, { cpu: quantity('cpu'), memory: quantity('memory') });

export const resources: FieldReader<ResourceSpec> = (v, path, r) => r.object<ResourceSpec>(v, path, { requests: amounts, limits: amounts });

export const autoscale: FieldReader<AutoscaleSpec | false> = (v, path, r) => {
  if (v === false) return false;
  const got = r.object<AutoscaleSpec>(v, path, { min: int(1), max: int(1), cpu: int(1, 1000), memory: int(1, 1000) });
  if (!got) return undefined;
  if (got.min === undefined || got.max === undefined) return r.error(path, 'invalid-value', `needs both min and max (or false for no autoscaling)`, 'e.g. { min: 2, max: 10, cpu: 70 }');
  if (got.min > got.max) return r.error(path, 'invalid-value', `min ${got.min} is above max ${got.max}`);
  return got as AutoscaleSpec;
};

export const pdb: FieldReader<PdbSpec | false> = (v, path, r) => {
  if (v === false) return false;
  if (v === true) return DEFAULT_PDB;
  const got = r.object<PdbSpec>(v, path, { minAvailable: intOrPercent, maxUnavailable: intOrPercent });
  if (!got) return undefined;
  if (got.minAvailable !== undefined && got.maxUnavailable !== undefined) return r.error(path, 'invalid-value', `set minAvailable or maxUnavailable, not both`);
  return got.minAvailable === undefined && got.maxUnavailable === undefined ? DEFAULT_PDB : got;
};

/** The scaling keys a service can set, in a preset's `services.<name>` and in its compose `x-k8s`. */
export const SERVICE_SCALING_FIELDS: Fields<ServiceScaling> = { replicas: int(0), resources, autoscale, pdb };
