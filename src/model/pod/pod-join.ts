// One pod for several compose services: a service's containers, init containers and volumes move
// into another service's workload. Used by network_mode: service:x (network-mode.ts) and by
// --service-group-mode (service-groups.ts). Pod-level settings (scheduling, DNS, security
// context…) are the host's: the guest's that differ are reported, not merged.

import type { CodeOf } from '../../common/diagnostic-codes';
import type { PlanContext } from '../base/context';
import { uniqueName } from '../base/names';
import type { PodVolume, WorkloadPlan } from '../base/plan';

/** How a join is reported: the code of the lost-settings warning and where it points. */
export interface JoinReport {
  readonly code: CodeOf<'warning'>;
  readonly path: string;
}

/** `host`'s workload with `guest`'s containers added; `guest` is listed among its members. */
export function joinPod(host: WorkloadPlan, guest: WorkloadPlan, ctx: PlanContext, report: JoinReport): WorkloadPlan {
  const volumes = mergeVolumes(host.pod.volumes, guest.pod.volumes);
  const lost = Object.keys(guest.pod).filter((k) => !['containers', 'volumes', 'initContainers'].includes(k) && JSON.stringify((guest.pod as unknown as Record<string, unknown>)[k]) !== JSON.stringify((host.pod as unknown as Record<string, unknown>)[k]));
  if (lost.length) {
    ctx.diags.warn(report.code, `"${guest.service}" runs in the pod of "${host.service}", whose pod settings apply: its own ${lost.sort().join(', ')} ${lost.length === 1 ? 'is' : 'are'} not used`, {
      ...ctx.at(report.path),
      hint: `set them on "${host.service}"`,
    });
  }
  // The guest's ReadWriteOnce claim now holds the host's pod to one node too.
  const recreate = host.kind === 'Deployment' && guest.strategy === 'Recreate' ? { strategy: 'Recreate' as const, rollingUpdate: undefined } : {};
  return {
    ...host,
    ...recreate,
    members: [...(host.members ?? []), guest.service, ...(guest.members ?? [])],
    pod: {
      ...host.pod,
      containers: [...host.pod.containers, ...guest.pod.containers.map((c) => ({ ...c, ...(c.volumeMounts ? { volumeMounts: c.volumeMounts.map((m) => ({ ...m, name: volumes.renamed.get(m.name) ?? m.name })) } : {}) }))],
      ...(host.pod.initContainers || guest.pod.initContainers ? { initContainers: [...(host.pod.initContainers ?? []), ...(guest.pod.initContainers ?? [])] } : {}),
      volumes: volumes.all,
    },
  };
}

/** Pod volumes of both; a guest's volume that names the same source is shared, a clashing name renamed. */
function mergeVolumes(host: readonly PodVolume[], guest: readonly PodVolume[]): { all: PodVolume[]; renamed: Map<string, string> } {
  const all = [...host];
  const renamed = new Map<string, string>();
  for (const v of guest) {
    // An emptyDir is the container's own, unless it stands for a named volume or a host path.
    const same = all.find((h) => JSON.stringify(h.source) === JSON.stringify(v.source) && (v.source.kind !== 'emptyDir' || v.source.standsFor !== undefined));
    if (same) {
      renamed.set(v.name, same.name);
      continue;
    }
    const name = uniqueName(v.name, (n) => all.some((h) => h.name === n));
    if (name !== v.name) renamed.set(v.name, name);
    all.push({ ...v, name });
  }
  return { all, renamed };
}
