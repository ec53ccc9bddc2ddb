// Everything the chart takes from the conversion's model (src/model/) and builder (src/build/), in
// this one file: the rest of src/output/helm/ imports them from here, so moving those folders
// changes only these lines.

export { synthesize } from '../../build/synth';
export { isScalable, planAutoscaler, planDisruptionBudget } from '../../model/autoscale';
export { replaceMarkedSection } from '../../model/key-docs';
export { toDns1123Label } from '../../model/names';
export type { AppPlan, IngressPlan } from '../../model/plan';
