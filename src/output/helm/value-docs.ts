// What each value of a chart does, in one table: values.schema.json carries these texts as
// descriptions, and `npm run docs:keys` writes them into the README's Helm section (a test fails
// when that section is stale). `<service>` is a compose service's values key, `<claim>` a claim's name.

import { replaceMarkedSection } from './from-model';

export const HELM_VALUES_START = '<!-- helm-values:start -->';
export const HELM_VALUES_END = '<!-- helm-values:end -->';

export const VALUE_DOCS: readonly (readonly [path: string, description: string])[] = [
  ['global.namespace', 'namespace of every object; empty: the release\'s (`helm install -n NS`). An environment\'s `namespace:` sets it'],
  ['global.createNamespace', 'render the Namespace `global.namespace` (set with it by an environment\'s `namespace:`); false when it exists already or `--create-namespace` makes it'],
  ['global.imageRegistry', 'pull every image from this registry (it replaces or adds the registry part), the init containers\' `busybox` and `kubectl` too: a mirror'],
  ['global.imagePullSecrets', 'names of Secrets added to every pod\'s `imagePullSecrets`'],
  ['global.labels', 'labels on every object and pod template (an environment\'s `labels:`); not the `app.kubernetes.io/*` ones the chart sets'],
  ['global.annotations', 'annotations on every object and pod template (an environment\'s `annotations:`)'],
  ['persistence.<claim>.size', 'size of the PersistentVolumeClaim made for a named volume (`--pvc-size`, an environment\'s `storage`)'],
  ['persistence.<claim>.storageClass', 'its `storageClassName`; empty: the cluster\'s default class'],
  ['secrets.<name>.stringData', 'the values of a Secret made from compose `secrets:`, by key; empty (always, as written): the chart renders no Secret, create it yourself (NOTES.txt says how) or pass them with `--set-file`'],
  ['<service>.image.registry', 'registry of the image (`ghcr.io`); absent for Docker Hub'],
  ['<service>.image.repository', 'the image without registry, tag or digest (`example/shop-api`)'],
  ['<service>.image.tag', 'its tag; empty: none (the image\'s `latest`)'],
  ['<service>.image.digest', 'its digest (`sha256:…`), kept when compose gives one'],
  ['<service>.image.pullPolicy', '`imagePullPolicy` (`Always`, `IfNotPresent`, `Never`); absent: Kubernetes\' default'],
  ['<service>.replicas', 'replicas of a Deployment or StatefulSet'],
  ['<service>.resources.requests', 'requests of the service\'s container (`{cpu: 250m, memory: 256Mi}`)'],
  ['<service>.resources.limits', 'its limits (`{cpu: "1", memory: 1Gi}`)'],
  ['<service>.autoscaling.enabled', 'a HorizontalPodAutoscaler for the Deployment or StatefulSet'],
  ['<service>.autoscaling.minReplicas', 'its lowest number of pods (required when enabled)'],
  ['<service>.autoscaling.maxReplicas', 'its highest number of pods (required when enabled)'],
  ['<service>.autoscaling.targetCPUUtilizationPercentage', 'average CPU use it aims at, in % of the CPU request'],
  ['<service>.autoscaling.targetMemoryUtilizationPercentage', 'average memory use it aims at, in % of the memory request'],
  ['<service>.podDisruptionBudget.enabled', 'a PodDisruptionBudget over the service\'s pods'],
  ['<service>.podDisruptionBudget.minAvailable', 'pods that must stay up (a number or `50%`); when set, maxUnavailable is not used'],
  ['<service>.podDisruptionBudget.maxUnavailable', 'pods that may be down at once (a number or `50%`; values.yaml: 1)'],
  ['<service>.service.type', 'type of the Service named after the compose service: `ClusterIP`, `NodePort` or `LoadBalancer`'],
  ['<service>.service.nodePorts', 'node ports of its ports, by the port\'s name (`{tcp-80: 30080}`), for NodePort and LoadBalancer'],
  ['<service>.ingress.enabled', 'an Ingress to the Service (its first port, path `/`, any host); on when compose asks for one (`kompose.service.expose`, `x-k8s.expose`), else off until set'],
  ['<service>.ingress.className', 'its `ingressClassName`'],
  ['<service>.ingress.annotations', 'its annotations'],
  ['<service>.ingress.hosts', 'one rule per `{host, path}` (no host: every host), to the port it was made for'],
  ['<service>.ingress.tls', 'its `tls` entries (`{hosts, secretName}`)'],
  ['<service>.persistence.<claim>.size', 'size of each pod\'s claim of a StatefulSet (`volumeClaimTemplates`)'],
  ['<service>.persistence.<claim>.storageClass', 'its `storageClassName`'],
  ['<service>.nodeSelector', 'the pod\'s `nodeSelector`'],
  ['<service>.tolerations', 'the pod\'s `tolerations`'],
  ['<service>.affinity', 'the pod\'s `affinity`'],
  ['<service>.env', 'variables added to the container after the compose file\'s (`{LOG_LEVEL: debug}`); a name compose sets already is set twice, the later winning'],
];

/** The description of a values path (`web.image.tag` → `<service>.image.tag`), by the table's pattern. */
export function describeValue(pattern: string): string | undefined {
  return VALUE_DOCS.find(([p]) => p === pattern)?.[1];
}

/** The README table: one row per value. */
export function renderValuesTable(): string {
  return [
    `Generated from \`src/output/helm/value-docs.ts\` by \`npm run docs:keys\`: ${VALUE_DOCS.length} values.`,
    '',
    '| value | what it sets |',
    '|---|---|',
    ...VALUE_DOCS.map(([p, d]) => `| \`${p}\` | ${d.replace(/\|/g, '\\|')} |`),
  ].join('\n');
}

/** The README with the Helm values section replaced; undefined when a marker is missing. */
export function replaceValuesSection(readme: string, table: string = renderValuesTable()): string | undefined {
  return replaceMarkedSection(readme, HELM_VALUES_START, HELM_VALUES_END, table);
}
