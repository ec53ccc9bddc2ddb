// A hand-made AppPlan for the kube/ tests: the build stage is tested from a plan alone, with no
// compose file and no planner in between.

import type { AppPlan, WorkloadPlan } from '../../src/model/base/plan';

const labels = (service: string) => ({ 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': 'shop' });

export function workload(service: string, extra: Partial<WorkloadPlan> = {}): WorkloadPlan {
  return {
    kind: 'Deployment',
    metadata: { name: service, labels: labels(service) },
    service,
    selector: { 'app.kubernetes.io/name': service },
    podLabels: labels(service),
    pod: { containers: [{ name: service, image: `${service}:1`, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }], volumes: [] },
    ...extra,
  };
}

/** Two services, a claim, a ConfigMap and a Secret, each under a name that sorts apart from its kind. */
export function shopPlan(extra: Partial<AppPlan> = {}): AppPlan {
  return {
    project: 'shop',
    workloads: [workload('web'), workload('api', { replicas: 2 })],
    services: [
      { metadata: { name: 'web', labels: labels('web') }, service: 'web', type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
    ],
    claims: [{ metadata: { name: 'data', labels: labels('api') }, size: '1Gi', accessModes: ['ReadWriteOnce'] }],
    configMaps: [{ metadata: { name: 'web-env', labels: labels('web') }, data: { MODE: 'shop' } }],
    secrets: [{ metadata: { name: 'api-token', labels: labels('api') }, stringData: { token: 's3cret' } }],
    scalingFacts: { services: {}, volumes: [] },
    ...extra,
  };
}
