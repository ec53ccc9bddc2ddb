// Plan → HorizontalPodAutoscalers (autoscaling/v2), PodDisruptionBudgets (policy/v1) and the
// environment's common labels and annotations on every object.

import { ApiObject, type Chart } from 'cdk8s';
import type { AppPlan, AutoscalerPlan, DisruptionBudgetPlan } from '../model/plan';
import { k8s } from './k8s';
import { intOrString, objectMeta } from './pod';

export function buildAutoscaler(chart: Chart, a: AutoscalerPlan, ns: string | undefined): k8s.KubeHorizontalPodAutoscalerV2 {
  const metric = (name: 'cpu' | 'memory', averageUtilization: number): k8s.MetricSpecV2 => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization } },
  });
  const metrics = [
    ...(a.cpuUtilization !== undefined ? [metric('cpu', a.cpuUtilization)] : []),
    ...(a.memoryUtilization !== undefined ? [metric('memory', a.memoryUtilization)] : []),
  ];
  return new k8s.KubeHorizontalPodAutoscalerV2(chart, `hpa-${a.metadata.name}`, {
    metadata: objectMeta(a.metadata, ns),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: a.target.kind, name: a.target.name },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      ...(metrics.length ? { metrics } : {}),
    },
  });
}

export function buildDisruptionBudget(chart: Chart, p: DisruptionBudgetPlan, ns: string | undefined): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(chart, `pdb-${p.metadata.name}`, {
    metadata: objectMeta(p.metadata, ns),
    spec: {
      selector: { matchLabels: { ...p.selector } },
      ...(p.minAvailable !== undefined ? { minAvailable: intOrString(p.minAvailable) } : {}),
      ...(p.maxUnavailable !== undefined ? { maxUnavailable: intOrString(p.maxUnavailable) } : {}),
    },
  });
}

/** HPAs, PDBs, then the common labels/annotations on every object built so far (call last). */
export function buildScaling(chart: Chart, plan: AppPlan): void {
  for (const a of plan.autoscalers ?? []) buildAutoscaler(chart, a, plan.namespace);
  for (const p of plan.disruptionBudgets ?? []) buildDisruptionBudget(chart, p, plan.namespace);
  const labels = Object.entries(plan.commonLabels ?? {});
  const annotations = Object.entries(plan.commonAnnotations ?? {});
  if (!labels.length && !annotations.length) return;
  // Object metadata only: pod templates get them from WorkloadPlan.podLabels/podAnnotations.
  for (const obj of chart.node.findAll().filter(ApiObject.isApiObject)) {
    for (const [k, v] of labels) obj.metadata.addLabel(k, v);
    for (const [k, v] of annotations) obj.metadata.addAnnotation(k, v);
  }
}
