// convert(): compose files in, Kubernetes manifests and diagnostics out. Pure: every outside read
// goes through the Host, every problem into the diagnostics.

import { checkClientApplySize } from './apply-size';
import type { ComposeProject } from './compose/types';
import { Diagnostics, type Diagnostic } from './common/diagnostics';
import type { AppPlan } from './model/base/plan';
import { synthesize } from './kube/synth';
import type { Manifest } from './kube/manifest';
import { toYamlStream } from './output/emit';
import { finish, planCompose, type ConvertInput } from './plan-compose';

export type { ConvertInput } from './plan-compose';

export interface ConvertResult {
  /** False when any error was found; `manifests` is then empty. */
  readonly ok: boolean;
  readonly manifests: readonly Manifest[];
  /** The manifests as one YAML stream for `kubectl apply -f -`; empty when not ok. */
  readonly yaml: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Text of every file read, for printing diagnostics with their source line. */
  readonly sources: ReadonlyMap<string, string>;
  readonly project?: ComposeProject;
  readonly plan?: AppPlan;
}

export function convertWithHost(input: ConvertInput): ConvertResult {
  const planned = planCompose(input);
  const { plan, project, sources } = planned;
  if (!plan || !project) return { ok: false, manifests: [], yaml: '', diagnostics: planned.diagnostics, sources, project };
  const manifests = synthesize(plan);
  // Sizes are known once the objects are: checked on the manifests as they will be applied.
  const sized = new Diagnostics();
  checkClientApplySize(manifests, plan, project, sized);
  const diagnostics = [...planned.diagnostics, ...finish(sized, input.strict)];
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, manifests: [], yaml: '', diagnostics, sources, project };
  return { ok: true, manifests, yaml: toYamlStream(manifests), diagnostics, sources, project, plan };
}

export { synthesize };
