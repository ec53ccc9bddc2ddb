// Manifests → one multi-document YAML stream, ordered for `kubectl apply -f -`.

import { Document } from 'yaml';

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };

/** Dependencies first: a pod's claim, config and Service exist before the pod does. */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'Ingress',
];

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

export function sortManifests(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort((a, b) => {
    const r = kindRank(a.kind) - kindRank(b.kind);
    if (r !== 0) return r;
    if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

export function manifestToYaml(m: Manifest): string {
  return new Document(m).toString({ lineWidth: 0 });
}

/** The `kubectl apply -f -` stream: documents separated by `---`. */
export function toYamlStream(manifests: readonly Manifest[]): string {
  return manifests.map(manifestToYaml).join('---\n');
}

/** `06-deployment-web.yaml`: the prefix keeps `kubectl apply -f DIR` in dependency order. */
export function manifestFileName(m: Manifest): string {
  const rank = String(kindRank(m.kind)).padStart(2, '0');
  return `${rank}-${m.kind.toLowerCase()}-${m.metadata.name}.yaml`;
}
