// Objects too large for client-side `kubectl apply` (the README's `| kubectl apply -f -`): it keeps a
// copy of each object, as JSON, in the kubectl.kubernetes.io/last-applied-configuration annotation,
// and the API server refuses an object whose annotations pass 262,144 bytes, failing that object of
// the stream. Measured on the manifests as emitted (kube-rules.ts computes what kubectl writes) and
// reported at the compose key that made the object, with the remedy: server-side apply keeps no copy.

import type { ComposeProject } from './compose/types';
import { joinPath } from './common/source-map';
import { Diagnostics } from './common/diagnostics';
import { clientApplyAnnotationBytes, LIMITS } from './model/base/kube-rules';
import { toLabelValue } from './model/base/names';
import type { AppPlan } from './model/base/plan';
import type { Manifest } from './kube/manifest';

export const CLIENT_APPLY_TOO_LARGE = 'client-apply-too-large' as const;

/** `Kind/name` → the compose path of the key that made the object. */
function origins(plan: AppPlan, project: ComposeProject): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of plan.configMaps) if (c.origin) out.set(`ConfigMap/${c.metadata.name}`, c.origin);
  for (const s of plan.secrets) if (s.origin) out.set(`Secret/${s.metadata.name}`, s.origin);
  for (const w of plan.workloads) if (project.services[w.service]) out.set(`${w.kind}/${w.metadata.name}`, joinPath('services', w.service));
  return out;
}

/** The compose path for an object no plan entry names: its service, by the name label, else `services`. */
function serviceOf(m: Manifest, project: ComposeProject): string {
  const label = (m.metadata as { labels?: Record<string, string> }).labels?.['app.kubernetes.io/name'];
  const service = Object.keys(project.services).find((s) => toLabelValue(s) === label);
  return service === undefined ? 'services' : joinPath('services', service);
}

/** A warning for every object client-side `kubectl apply` cannot store, into `diags`. */
export function checkClientApplySize(manifests: readonly Manifest[], plan: AppPlan, project: ComposeProject, diags: Diagnostics): void {
  const from = origins(plan, project);
  for (const m of manifests) {
    const total = clientApplyAnnotationBytes(m);
    if (total <= LIMITS.annotationBytes) continue;
    const path = from.get(`${m.kind}/${m.metadata.name}`) ?? serviceOf(m, project);
    const n = (x: number) => x.toLocaleString('en-US');
    diags.warn(CLIENT_APPLY_TOO_LARGE, `${m.kind} "${m.metadata.name}" is too large for client-side \`kubectl apply\`: the copy of it that kubectl keeps in the last-applied-configuration annotation would make ${n(total)} bytes of annotations, over the ${n(LIMITS.annotationBytes)} the API server allows, so \`kubectl apply -f -\` fails for it`, {
      path,
      pos: project.sourceMap.get(path),
      hint: `apply with server-side apply, which keeps no such copy: \`kubectl apply --server-side -f -\` (or shrink it by ${n(total - LIMITS.annotationBytes)} bytes)`,
    });
  }
}
