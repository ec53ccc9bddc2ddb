// Everything the chart takes from the conversion's model (src/model/) and builder (src/kube/), in
// this one file: the rest of src/output/helm/ imports them from here, so moving those folders
// changes only these lines.

export { synthesize } from '../../kube/synth';
export { isScalable, planAutoscaler, planDisruptionBudget } from '../../model/workloads/autoscale';
export { replaceMarkedSection } from '../../model/keys/key-docs';
export { toDns1123Label } from '../../model/base/names';
export type { AppPlan, IngressPlan } from '../../model/base/plan';
