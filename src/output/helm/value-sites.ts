// The kinds of value site the rule tables (sites.ts, pod-sites.ts) are made of, and the metadata
// every object has: a field rendered from a value, present only when its value is, or a block left
// out when empty; labels and annotations rendered through the chart's helpers; the namespace.

import type { Manifest } from '../../kube/manifest';
import { deepEqual } from '../json-diff';
import { block, dictLiteral, optionalScalar, scalar, type Format, type Path, type Site } from './render';
import { getIn, valuesRef } from './values';

const MANAGED_BY = 'app.kubernetes.io/managed-by';

export interface ValueSite extends Site {
  /** Where its value lives in values.yaml (undefined: the site only renders, as labels do). */
  readonly values?: readonly string[];
  /** The value in a manifest of this object; a map is merged into what other sites read there. */
  readonly read?: (m: Manifest, common: Common) => unknown;
  /**
   * The field once the value is taken out, which must be the same in every environment for the
   * template to render each one exactly (undefined: the field is all value).
   */
  readonly normal?: (m: Manifest, common: Common) => unknown;
}

/** An environment's labels and annotations on every object (global.labels, global.annotations). */
export interface Common {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What the rules know about the object beyond its manifest. */
export interface Owner {
  /** The chart's name, prefix of its helper templates. */
  readonly chart: string;
  /** Values key of the compose service the object belongs to (workload, own Service, HPA, PDB, Ingress). */
  readonly key?: string;
  /** Container name → values key of the compose service it runs (a workload's main container and its pod's members). */
  readonly containers?: ReadonlyMap<string, string>;
  /** The object is the own Service of `key` and not headless: its type is a value. */
  readonly ownService?: boolean;
  /** The labels and annotations the environment of the prototype manifest added (not the object's own). */
  readonly common: Common;
}

/** A field that is always there, rendered from its value: replicas, a claim's size. */
export function valueScalar(path: Path, values: readonly string[], format: Format): ValueSite {
  return { path, values, render: scalar(valuesRef(values), format), read: (m) => getIn(m, path) };
}

/** A field present only when its values map has the key: `nodePort`, `storageClassName`, a PDB bound. */
export function optionalValue(path: Path, parent: readonly string[], name: string, format: Format): ValueSite {
  return { path, values: [...parent, name], render: optionalScalar(valuesRef(parent), name, format), read: (m) => getIn(m, path) };
}

/** A map or list field that is left out when empty: resources, nodeSelector, tolerations, affinity. */
export function blockValue(path: Path, values: readonly string[], empty: unknown): ValueSite {
  return { path, values, render: block(valuesRef(values)), read: (m) => getIn(m, path) ?? empty };
}

/**
 * Labels and annotations: an object's own (from compose), rendered through the chart's helpers that
 * add Helm's labels and global.labels / global.annotations. `namespace` too, where the object has one.
 */
export function metadataSites(m: Manifest, at: Path, owner: Owner, helper: 'labels' | 'podLabels' | 'claimLabels', namespaced: boolean): ValueSite[] {
  const meta = (getIn(m, at) ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const without = (map: Record<string, string> | undefined, keys: readonly string[]) => Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !keys.includes(k)));
  // The object's own: what the prototype has beyond its environment's (and Helm's managed-by).
  const ownLabels = without(meta.labels, [MANAGED_BY, ...Object.keys(owner.common.labels)]);
  const ownAnnotations = without(meta.annotations, Object.keys(owner.common.annotations));
  // In every environment the field must be the object's own with that environment's over them.
  const check = (field: 'labels' | 'annotations', own: Record<string, string>) => (x: Manifest, common: Common) => {
    const actual = without(getIn(x, [...at, field]) as Record<string, string>, field === 'labels' ? [MANAGED_BY] : []);
    return deepEqual(actual, { ...own, ...common[field] }) ? 'own and the environment\'s' : actual;
  };
  const sites: ValueSite[] = [
    {
      path: [...at, 'labels'],
      render: (indent, key) => [`${indent}${key}:`, `${indent}  {{- include "${owner.chart}.${helper}" (dict "context" $ "labels" ${dictLiteral(ownLabels)}) | nindent ${indent.length + 2} }}`],
      normal: check('labels', ownLabels),
    },
  ];
  if (helper !== 'claimLabels') {
    // An Ingress's own annotations are a value (ingress.annotations).
    const ingress = m.kind === 'Ingress' && at.length === 1 && owner.key !== undefined ? [owner.key, 'ingress', 'annotations'] : undefined;
    sites.push({
      path: [...at, 'annotations'],
      render: (indent, key) => [
        `${indent}{{- with include "${owner.chart}.annotations" (dict "context" $ "annotations" ${ingress ? valuesRef(ingress) : dictLiteral(ownAnnotations)}) }}`,
        `${indent}${key}:`,
        `${indent}  {{- . | nindent ${indent.length + 2} }}`,
        `${indent}{{- end }}`,
      ],
      ...(ingress
        ? { values: ingress, read: (x: Manifest, common: Common) => without(getIn(x, [...at, 'annotations']) as Record<string, string>, Object.keys(common.annotations)) }
        : { normal: check('annotations', ownAnnotations) }),
    });
  }
  if (namespaced) sites.push({ path: [...at, 'namespace'], render: scalar(`include "${owner.chart}.namespace" $`, 'string') });
  return sites;
}

