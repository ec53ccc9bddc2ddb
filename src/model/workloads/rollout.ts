// deploy.update_config → the rolling update of a Deployment or DaemonSet. Swarm replaces
// `parallelism` tasks at a time, stopping the old ones first (stop-first) or starting the new ones
// first (start-first); Kubernetes bounds the same with maxUnavailable and maxSurge.
// delay, monitor, failure_action and max_failure_ratio are reported by the key table.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import type { WorkloadKind, WorkloadPlan } from '../base/plan';

export type RollingUpdate = NonNullable<WorkloadPlan['rollingUpdate']>;

export function rollingUpdateOf(service: ComposeService, kind: WorkloadKind, recreate: boolean, ctx: PlanContext): RollingUpdate | undefined {
  const config = service.deploy?.update_config as { parallelism?: unknown; order?: unknown } | undefined;
  if (!config || (config.parallelism === undefined && config.order === undefined)) return undefined;
  const path = ctx.servicePath(service, 'deploy', 'update_config');
  if (kind !== 'Deployment' && kind !== 'DaemonSet') {
    ctx.diags.warn('update-config-ignored', `update_config is not applied: a ${kind} has no rolling update of this kind`, ctx.at(path));
    return undefined;
  }
  if (recreate) {
    ctx.diags.warn('update-config-ignored', `update_config is not applied: "${service.name}" mounts a ReadWriteOnce claim, so it is replaced with strategy Recreate (a second pod could not attach the claim)`, {
      ...ctx.at(path),
      hint: 'use a ReadWriteMany storage class, or --controller statefulset',
    });
    return undefined;
  }
  const p = config.parallelism ?? 1;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) {
    ctx.diags.warn('update-config-ignored', `update_config.parallelism ${JSON.stringify(p)} is not a whole number; the rolling update keeps Kubernetes' defaults`, ctx.at(`${path}.parallelism`));
    return undefined;
  }
  // parallelism 0 means "all at once".
  const batch: number | string = p === 0 ? '100%' : p;
  const startFirst = config.order === 'start-first';
  return startFirst ? { maxSurge: batch, maxUnavailable: 0 } : { maxUnavailable: batch, maxSurge: 0 };
}
