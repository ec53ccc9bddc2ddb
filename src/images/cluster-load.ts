// `compose2k8s build --load kind|minikube|k3d`: the commands that put a built image into the nodes
// of a local cluster, so its pods start from it without a registry (with imagePullPolicy
// IfNotPresent, which convert gives such images: src/model/base/built-image.ts).

export type LocalCluster = 'kind' | 'minikube' | 'k3d';

export const LOCAL_CLUSTERS: readonly LocalCluster[] = ['kind', 'minikube', 'k3d'];

interface ClusterTool {
  /** Loads an image from the local docker daemon. */
  readonly image: readonly string[];
  /** Loads a docker-format archive (a file). */
  readonly archive: readonly string[];
  /** The flag naming a cluster other than the tool's default one (`kind`, `minikube`, `k3s-default`). */
  readonly clusterFlag: string;
}

const TOOLS: Readonly<Record<LocalCluster, ClusterTool>> = {
  kind: { image: ['kind', 'load', 'docker-image'], archive: ['kind', 'load', 'image-archive'], clusterFlag: '--name' },
  minikube: { image: ['minikube', 'image', 'load'], archive: ['minikube', 'image', 'load'], clusterFlag: '--profile' },
  k3d: { image: ['k3d', 'image', 'import'], archive: ['k3d', 'image', 'import'], clusterFlag: '--cluster' },
};

/**
 * The command loading `source` into `tool`'s cluster: an image name held by the docker daemon, or
 * (`archive`) the path of an image archive, for builders other than docker.
 */
export function loadCommand(tool: LocalCluster, source: { image: string } | { archive: string }, cluster: string | undefined): string[] {
  const t = TOOLS[tool];
  const head = 'image' in source ? [...t.image, source.image] : [...t.archive, source.archive];
  return [...head, ...(cluster ? [t.clusterFlag, cluster] : [])];
}
