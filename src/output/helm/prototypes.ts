// Objects no environment has but a values change can turn on: a HorizontalPodAutoscaler and a
// PodDisruptionBudget for every Deployment and StatefulSet. Made by the same plan helpers and
// build step as the real ones, so `--set web.autoscaling.enabled=true` renders what
// `convert --autoscale web=…` would.

import { synthesize } from '../../build/synth';
import { isScalable, planAutoscaler, planDisruptionBudget } from '../../model/autoscale';
import type { AppPlan } from '../../model/plan';
import type { Manifest } from '../emit';

/** The HPA and PDB of each scalable workload of `plan`, whatever the plan itself asks for. */
export function scalingPrototypes(plan: AppPlan): Manifest[] {
  const scalable = plan.workloads.filter(isScalable);
  if (!scalable.length) return [];
  const objects = synthesize({
    ...plan,
    commonLabels: undefined,
    commonAnnotations: undefined,
    autoscalers: scalable.map((w) => planAutoscaler(w, { min: 1, max: 1 })),
    disruptionBudgets: scalable.map((w) => planDisruptionBudget(w, {})),
  });
  return objects.filter((m) => m.kind === 'HorizontalPodAutoscaler' || m.kind === 'PodDisruptionBudget');
}
