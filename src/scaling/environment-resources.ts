// A main container's requests and limits, field by field (requests.cpu, limits.memory, …), from the
// first source that sets the field: CLI, the preset's services.<name>, x-k8s, compose deploy.resources.
// The preset's top-level `resources` fills in only for services whose compose file sets none.

import type { Diagnostics } from '../common/diagnostics';
import { parseKubeQuantity } from '../model/base/kube-rules';
import type { ResourceRequirements } from '../model/base/plan';
import type { ResourceAmounts, ResourceSpec } from '../model/base/scaling-types';

type Side = 'requests' | 'limits';
type Resource = 'cpu' | 'memory';
const SIDES: readonly Side[] = ['requests', 'limits'];
const RESOURCES: readonly Resource[] = ['cpu', 'memory'];

export interface ResourceSources {
  readonly cli?: ResourceSpec;
  readonly presetService?: ResourceSpec;
  readonly xK8s?: ResourceSpec;
  /** What the planner put on the container (compose `deploy.resources`, `cpus`, `mem_limit`). */
  readonly compose?: ResourceRequirements;
  readonly presetDefault?: ResourceSpec;
}

function isEmpty(r: ResourceSpec | ResourceRequirements | undefined): boolean {
  return !r || SIDES.every((s) => !r[s] || Object.keys(r[s]!).length === 0);
}

/** Sets a CPU or memory amount (a GPU limit alone still leaves the preset's defaults to apply). */
function setsCpuOrMemory(r: ResourceSpec | ResourceRequirements | undefined): boolean {
  return SIDES.some((s) => RESOURCES.some((res) => (r?.[s] as Record<string, string> | undefined)?.[res] !== undefined));
}

export function resolveResources(src: ResourceSources): ResourceRequirements | undefined {
  const composeGaveAny = setsCpuOrMemory(src.xK8s) || setsCpuOrMemory(src.compose);
  const chain: (ResourceSpec | ResourceRequirements | undefined)[] = [src.cli, src.presetService, src.xK8s, src.compose, composeGaveAny ? undefined : src.presetDefault];
  const out: Record<Side, Record<string, string>> = { requests: {}, limits: {} };
  for (const side of SIDES) {
    // Other resources the compose file set (ephemeral-storage, GPUs) are kept as they are.
    Object.assign(out[side], src.compose?.[side] ?? {});
    for (const res of RESOURCES) {
      for (const source of chain) {
        const v = (source?.[side] as ResourceAmounts | Readonly<Record<string, string>> | undefined)?.[res];
        if (v !== undefined) {
          out[side][res] = v;
          break;
        }
      }
    }
  }
  const result: ResourceRequirements = {
    ...(Object.keys(out.requests).length ? { requests: sortKeys(out.requests) } : {}),
    ...(Object.keys(out.limits).length ? { limits: sortKeys(out.limits) } : {}),
  };
  return isEmpty(result) ? undefined : result;
}

function sortKeys(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The API server refuses a request above its limit; say so here, with the service named. */
export function checkRequestsWithinLimits(r: ResourceRequirements | undefined, service: string, at: { path: string; pos?: import('../common/diagnostics').SourcePos }, diags: Diagnostics): void {
  for (const res of RESOURCES) {
    const req = r?.requests?.[res];
    const lim = r?.limits?.[res];
    if (req === undefined || lim === undefined) continue;
    const rq = parseKubeQuantity(req);
    const lq = parseKubeQuantity(lim);
    if (rq !== undefined && lq !== undefined && rq > lq) {
      diags.error('resources-request-above-limit', `service "${service}": the ${res} request ${req} is above its limit ${lim}; Kubernetes refuses such a pod`, {
        ...at,
        hint: `raise the limit or lower the request (--${res === 'cpu' ? 'cpu' : 'memory'} ${service}=…, --${res}-limit ${service}=…)`,
      });
    }
  }
}

/** Requests an autoscaled container needs for its HPA's targets and lacks (a limit also counts). */
export function missingRequests(r: ResourceRequirements | undefined, targets: readonly Resource[]): Resource[] {
  return targets.filter((res) => r?.requests?.[res] === undefined && r?.limits?.[res] === undefined);
}
