// A compose service → its controller. Deployment for now; Jobs, DaemonSets and StatefulSets come
// from restart / deploy.mode / options.

import type { ComposeService } from '../compose/types';
import type { PlanContext } from './context';
import { toDns1123Label } from './names';
import type { Container, PodVolume, WorkloadPlan } from './plan';

/** `deploy.replicas`, else `scale`, else 1. */
export function replicasOf(service: ComposeService): number {
  const fromDeploy = service.deploy?.replicas;
  if (typeof fromDeploy === 'number') return fromDeploy;
  if (typeof service.scale === 'number') return service.scale;
  return 1;
}

export function workloadFor(
  service: ComposeService,
  ctx: PlanContext,
  pod: { containers: readonly Container[]; volumes: readonly PodVolume[]; mountsReadWriteOnceClaim: boolean },
): WorkloadPlan {
  const name = ctx.names.claim('Deployment', toDns1123Label(service.name), `service "${service.name}"`, ctx.at(ctx.servicePath(service)));
  const replicas = replicasOf(service);
  return {
    kind: 'Deployment',
    service: service.name,
    metadata: { name, labels: ctx.objectLabels(service.name) },
    selector: ctx.selectorLabels(service.name),
    podLabels: ctx.objectLabels(service.name),
    replicas,
    // A ReadWriteOnce claim attaches to one node: a rolling update's second pod could never start.
    ...(pod.mountsReadWriteOnceClaim ? { strategy: 'Recreate' as const } : {}),
    pod: { containers: pod.containers, volumes: pod.volumes },
  };
}
