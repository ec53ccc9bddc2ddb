// Objects the conversion without an environment does not have but a values change can turn on: a
// HorizontalPodAutoscaler and a PodDisruptionBudget for every Deployment and StatefulSet, an Ingress
// for every Service of a compose service. Made by the same plan helpers and build step as the real
// ones, so `--set web.autoscaling.enabled=true` renders what `convert --autoscale web=…` would; their
// values are values.yaml's defaults (1 to 10 pods at 80% CPU, 1 pod unavailable, path / on any host).

import type { Manifest } from '../../kube/manifest';
import { isScalable, planAutoscaler, planDisruptionBudget, synthesize, type AppPlan, type IngressPlan } from './from-model';

const KINDS = ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Ingress'];

/** The HPA and PDB of each scalable workload of `plan`, and the Ingress of each own Service with a port. */
export function prototypes(plan: AppPlan): Manifest[] {
  const scalable = plan.workloads.filter(isScalable);
  const exposed = new Set((plan.ingresses ?? []).flatMap((i) => i.rules.map((r) => r.serviceName)));
  const services = plan.services.filter((s) => s.service !== undefined && !s.headless && s.ports.length > 0 && !exposed.has(s.metadata.name));
  const ingresses: IngressPlan[] = services.map((s) => ({ metadata: s.metadata, rules: [{ path: '/', serviceName: s.metadata.name, servicePort: s.ports[0].port }] }));
  if (!scalable.length && !ingresses.length) return [];
  const objects = synthesize({
    ...plan,
    commonLabels: undefined,
    commonAnnotations: undefined,
    autoscalers: scalable.map((w) => planAutoscaler(w, { min: 1, max: 10 })),
    disruptionBudgets: scalable.map((w) => planDisruptionBudget(w, {})),
    ingresses: [...(plan.ingresses ?? []), ...ingresses],
  });
  return objects.filter((m) => KINDS.includes(m.kind));
}
