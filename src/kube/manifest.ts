// A Kubernetes object as plain data (what the cdk8s stage makes and output/ writes), and the one
// order objects are applied in: the stream, the file names of -o DIR and Kustomize follow it.

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };

/** Dependencies first: a pod's claim, config and Service exist before the pod does. */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'ServiceAccount',
  'Role',
  'RoleBinding',
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

const RANKS = new Map(KIND_ORDER.map((kind, i) => [kind, i]));

/** A kind's place in KIND_ORDER; kinds it does not list come last. */
export function kindRank(kind: string): number {
  return RANKS.get(kind) ?? KIND_ORDER.length;
}

/** In `kubectl apply` order: by KIND_ORDER, then by kind, then by name. */
export function sortManifests(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort((a, b) => {
    const r = kindRank(a.kind) - kindRank(b.kind);
    if (r !== 0) return r;
    if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}
