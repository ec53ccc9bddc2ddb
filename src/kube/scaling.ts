// Plan → HorizontalPodAutoscalers (autoscaling/v2) and PodDisruptionBudgets (policy/v1).

import type { Chart } from 'cdk8s';
import type { AppPlan, AutoscalerPlan, DisruptionBudgetPlan } from '../model/base/plan';
import { k8s } from './k8s';
import { KubeHorizontalPodAutoscalerV2, KubePodDisruptionBudget } from './objects';
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
  return new KubeHorizontalPodAutoscalerV2(chart, `hpa-${a.metadata.name}`, {
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
  return new KubePodDisruptionBudget(chart, `pdb-${p.metadata.name}`, {
    metadata: objectMeta(p.metadata, ns),
    spec: {
      selector: { matchLabels: { ...p.selector } },
      ...(p.minAvailable !== undefined ? { minAvailable: intOrString(p.minAvailable) } : {}),
      ...(p.maxUnavailable !== undefined ? { maxUnavailable: intOrString(p.maxUnavailable) } : {}),
    },
  });
}

/** The HPAs and PDBs of the plan. */
export function buildScaling(chart: Chart, plan: AppPlan): void {
  for (const a of plan.autoscalers ?? []) buildAutoscaler(chart, a, plan.namespace);
  for (const p of plan.disruptionBudgets ?? []) buildDisruptionBudget(chart, p, plan.namespace);
}
