// `--format kustomize`: base/ holds the environment-free conversion and its kustomization.yaml;
// overlays/<env>/ holds only what the environment changes, so that `kubectl kustomize
// overlays/<env>` gives exactly the objects `convert --env <env>` gives:
//   namespace, labels, annotations → kustomize's own `namespace`, `labels`, `commonAnnotations`
//   objects only the environment has (HPA, PDB, Namespace) → resources of the overlay
//   every other difference (replicas, resources, storage) → a JSON patch per object
// With `-j` the resources and patches are .json files; kustomization.yaml stays YAML, the only
// name kustomize looks for (JSON is YAML to kustomize, so it reads the rest as they are).
// Kustomize applies patches before those transformers, so each patch is computed against the
// environment's object with the transformers' work taken out.

import type { Labels } from '../model/base/plan';
import type { Manifest } from '../kube/manifest';
import { encode, manifestFileName, manifestToYaml, type Encoding } from './emit';
import { jsonDiff } from './json-diff';

export interface KustomizeVariant {
  readonly name: string;
  readonly manifests: readonly Manifest[];
  /** The environment's plan: namespace, commonLabels, commonAnnotations. */
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
}

export interface KustomizeBase {
  readonly manifests: readonly Manifest[];
  readonly namespace?: string;
}

const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
const keyOf = (m: Manifest) => `${m.kind}/${m.metadata.name}`;
/** Quoted as kubectl's YAML 1.1 reader needs (a Service named `on` must stay a string). */
const toYaml = (v: unknown) => manifestToYaml(v as Manifest);

/** Relative path → file content, for writeDirectoryAtomically(). */
export function kustomizeFiles(base: KustomizeBase, variants: readonly KustomizeVariant[], encoding: Encoding = 'yaml'): Map<string, string> {
  const files = new Map<string, string>();
  const baseNames = base.manifests.map((m) => manifestFileName(m, { encoding }));
  base.manifests.forEach((m, i) => files.set(`base/${baseNames[i]}`, encode(m, encoding)));
  files.set('base/kustomization.yaml', toYaml({ ...KUSTOMIZATION, resources: baseNames }));
  const byKey = new Map(base.manifests.map((m) => [keyOf(m), m]));

  for (const v of variants) {
    const dir = `overlays/${v.name}`;
    const setsNamespace = v.namespace !== undefined && v.namespace !== base.namespace;
    const resources: string[] = ['../../base'];
    const patches: Record<string, unknown>[] = [];
    const present = new Set<string>();
    for (const m of v.manifests) {
      present.add(keyOf(m));
      const wanted = withoutTransforms(m, v, setsNamespace);
      const from = byKey.get(keyOf(m));
      if (!from) {
        const name = manifestFileName(m, { encoding });
        files.set(`${dir}/${name}`, encode(wanted, encoding));
        resources.push(name);
        continue;
      }
      const ops = jsonDiff(from, wanted);
      if (ops.length === 0) continue;
      const name = `patch-${m.kind.toLowerCase()}-${m.metadata.name}.${encoding}`;
      files.set(`${dir}/${name}`, encode(ops, encoding));
      patches.push({ path: name, target: { kind: m.kind, name: m.metadata.name } });
    }
    for (const m of base.manifests) {
      if (present.has(keyOf(m))) continue;
      patches.push({ patch: toYaml({ $patch: 'delete', apiVersion: m.apiVersion, kind: m.kind, metadata: { name: m.metadata.name } }) });
    }
    const labels = Object.keys(v.labels ?? {}).length ? [{ pairs: { ...v.labels }, includeTemplates: true }] : undefined;
    const annotations = Object.keys(v.annotations ?? {}).length ? { ...v.annotations } : undefined;
    files.set(
      `${dir}/kustomization.yaml`,
      toYaml({
        ...KUSTOMIZATION,
        ...(setsNamespace ? { namespace: v.namespace } : {}),
        resources,
        ...(labels ? { labels } : {}),
        ...(annotations ? { commonAnnotations: annotations } : {}),
        ...(patches.length ? { patches } : {}),
      }),
    );
  }
  return files;
}

/** Where kustomize's `labels` (includeTemplates) and `commonAnnotations` put their keys. */
const TEMPLATE_PATHS: readonly (readonly string[])[] = [
  ['spec', 'template', 'metadata'],
  ['spec', 'jobTemplate', 'metadata'],
  ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
];

/** The manifest as it must be before kustomize's namespace/labels/annotations transformers run. */
function withoutTransforms(m: Manifest, v: KustomizeVariant, setsNamespace: boolean): Manifest {
  const copy = structuredClone(m) as Manifest;
  if (setsNamespace) delete copy.metadata.namespace;
  const metas: Record<string, unknown>[] = [copy.metadata as Record<string, unknown>];
  for (const path of TEMPLATE_PATHS) {
    const meta = path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), copy);
    if (meta && typeof meta === 'object') metas.push(meta as Record<string, unknown>);
  }
  for (const meta of metas) {
    strip(meta, 'labels', v.labels);
    strip(meta, 'annotations', v.annotations);
  }
  // kustomize's `labels` also label a StatefulSet's claim templates; `commonAnnotations` do not.
  const claimTemplates = (copy as { spec?: { volumeClaimTemplates?: { metadata?: Record<string, unknown> }[] } }).spec?.volumeClaimTemplates;
  for (const t of claimTemplates ?? []) if (t.metadata) strip(t.metadata, 'labels', v.labels);
  return copy;
}

function strip(meta: Record<string, unknown>, field: 'labels' | 'annotations', keys: Labels | undefined): void {
  const map = meta[field] as Record<string, string> | undefined;
  if (!map || !keys) return;
  for (const k of Object.keys(keys)) delete map[k];
  if (Object.keys(map).length === 0) delete meta[field];
}
