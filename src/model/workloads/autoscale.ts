// A workload + bounds → the plans of its HorizontalPodAutoscaler and PodDisruptionBudget. Shared by
// the scaling step and the planner, which makes the autoscalers kompose.hpa.* labels ask for.

import type { PlanContext } from '../base/context';
import type { AutoscalerPlan, DisruptionBudgetPlan, WorkloadPlan } from '../base/plan';
import { DEFAULT_AUTOSCALE_CPU, type AutoscaleSpec, type PdbSpec } from '../base/scaling-types';
import type { SettingsByService } from '../settings/workload-settings';

/** Only these controllers have a scale subresource an HPA can drive. */
export function isScalable(w: WorkloadPlan): w is WorkloadPlan & { kind: 'Deployment' | 'StatefulSet' } {
  return w.kind === 'Deployment' || w.kind === 'StatefulSet';
}

/** Named after the workload; CPU utilisation defaults to DEFAULT_AUTOSCALE_CPU when no target is given. */
export function planAutoscaler(w: WorkloadPlan & { kind: 'Deployment' | 'StatefulSet' }, spec: AutoscaleSpec): AutoscalerPlan {
  const noTarget = spec.cpu === undefined && spec.memory === undefined;
  return {
    metadata: { name: w.metadata.name, labels: w.metadata.labels },
    service: w.service,
    target: { kind: w.kind, name: w.metadata.name },
    minReplicas: spec.min,
    maxReplicas: spec.max,
    ...(noTarget ? { cpuUtilization: DEFAULT_AUTOSCALE_CPU } : spec.cpu !== undefined ? { cpuUtilization: spec.cpu } : {}),
    ...(spec.memory !== undefined ? { memoryUtilization: spec.memory } : {}),
  };
}

/** Over exactly the workload's pods (its selector). */
export function planDisruptionBudget(w: WorkloadPlan, spec: PdbSpec): DisruptionBudgetPlan {
  return {
    metadata: { name: w.metadata.name, labels: w.metadata.labels },
    service: w.service,
    selector: w.selector,
    ...(spec.minAvailable !== undefined ? { minAvailable: spec.minAvailable } : { maxUnavailable: spec.maxUnavailable ?? 1 }),
  };
}

/** kompose.hpa.* → HorizontalPodAutoscalers for the workloads that can scale; the scaling step adds requests. */
export function komposeAutoscalers(ctx: PlanContext, workloads: readonly WorkloadPlan[], settings: SettingsByService): AutoscalerPlan[] {
  const out: AutoscalerPlan[] = [];
  for (const w of workloads) {
    const service = ctx.project.services[w.service];
    const spec = service ? settings.get(w.service)?.autoscale : undefined;
    if (!spec) continue;
    if (!isScalable(w)) {
      ctx.diags.warn('kompose-label', `kompose.hpa.*: "${w.service}" runs as a ${w.kind}, which an autoscaler cannot scale; no HorizontalPodAutoscaler is made`, ctx.at(ctx.servicePath(service, 'labels')));
      continue;
    }
    out.push(planAutoscaler(w, spec));
  }
  return out;
}
