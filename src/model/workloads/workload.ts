// A compose service → its workload: the controller (controller.ts), replicas, placement, rolling
// update, and for a StatefulSet one claim per pod from the named volumes only it mounts.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { awaitedForCompletion, chooseController, listens, parseRestart, restartIntent, type ControllerChoice } from './controller';
import { applyLifecycle } from '../pod/lifecycle';
import { toDns1123Label } from '../base/names';
import { placementOf } from './placement';
import type { ClaimPlan, Container, PodVolume, WorkloadPlan } from '../base/plan';
import { rollingUpdateOf } from './rollout';
import type { SharedStorage } from '../base/objects';
import { applyClaimSettings } from '../storage/claims';
import { applyWorkloadSettings, type ResolvedSettings } from '../settings/workload-settings';

/** `deploy.replicas`, else `scale`, else 1. */
export function replicasOf(service: ComposeService): number {
  const fromDeploy = service.deploy?.replicas;
  if (typeof fromDeploy === 'number') return fromDeploy;
  if (typeof service.scale === 'number') return service.scale;
  return 1;
}

/** Kubernetes counts replicas in an int32 from 0; YAML also reads `.inf`, `-1` and `1e308` as numbers. */
function checkedReplicas(service: ComposeService, ctx: PlanContext): number {
  const n = replicasOf(service);
  if (Number.isInteger(n) && n >= 0 && n <= 2_147_483_647) return n;
  const key = typeof service.deploy?.replicas === 'number' ? ['deploy', 'replicas'] : ['scale'];
  ctx.diags.error('invalid-value', `${n} replicas: Kubernetes takes a whole number from 0 to 2147483647`, ctx.at(ctx.servicePath(service, ...key)));
  return 1;
}

export interface PodParts {
  readonly containers: readonly Container[];
  readonly volumes: readonly PodVolume[];
  readonly mountsReadWriteOnceClaim: boolean;
}

export function workloadFor(service: ComposeService, ctx: PlanContext, pod: PodParts, { settings }: ResolvedSettings, shared?: SharedStorage): WorkloadPlan {
  // Before the StatefulSet's claim templates copy the claims.
  if (shared) applyClaimSettings(service, settings, shared);
  return applyWorkloadSettings(applyLifecycle(controllerWorkload(service, ctx, pod, shared), service, ctx), service, settings);
}

function controllerWorkload(service: ComposeService, ctx: PlanContext, pod: PodParts, shared: SharedStorage | undefined): WorkloadPlan {
  const choice = chooseController(service, {
    statefulCandidate: pod.mountsReadWriteOnceClaim,
    preferStatefulSet: ctx.options.controller === 'statefulset',
    awaitedForCompletion: awaitedForCompletion(service.name, ctx.project),
  });
  reportChoice(service, choice, ctx);
  // A service group's members all plan the group's workload; the host's is kept (service-groups.ts).
  const group = ctx.groupOf(service.name);
  const name = ctx.names.claim(choice.kind, toDns1123Label(group ?? service.name), group !== undefined ? `service group "${group}"` : `service "${service.name}"`, ctx.at(ctx.servicePath(service)));
  const replicas = checkedReplicas(service, ctx);
  const placement = placementOf(service, ctx);
  const base = {
    kind: choice.kind,
    service: service.name,
    metadata: { name, labels: ctx.objectLabels(service.name) },
    selector: ctx.selectorLabels(service.name),
    podLabels: ctx.objectLabels(service.name),
  };
  const podSpec = { containers: pod.containers, volumes: pod.volumes, ...placement };
  switch (choice.kind) {
    case 'Job': {
      const many = replicas > 1 ? { completions: replicas, parallelism: replicas } : {};
      return { ...base, ...many, ...(choice.backoffLimit !== undefined ? { backoffLimit: choice.backoffLimit } : {}), pod: { ...podSpec, restartPolicy: choice.restartPolicy ?? 'OnFailure' } };
    }
    case 'DaemonSet': {
      if (service.deploy?.replicas !== undefined || service.scale !== undefined) {
        ctx.diags.warn('replicas-ignored', `a DaemonSet runs one pod per node; the replica count of "${service.name}" is not used`, ctx.at(ctx.servicePath(service, service.deploy?.replicas !== undefined ? 'deploy' : 'scale')));
      }
      if (pod.mountsReadWriteOnceClaim) {
        ctx.diags.warn('daemonset-shared-claim', `"${service.name}" runs a pod on every node but mounts a ReadWriteOnce claim, which attaches to one node only: the pods on other nodes will not start`, {
          ...ctx.at(ctx.servicePath(service, 'volumes')),
          hint: 'use a ReadWriteMany storage class, or a hostPath for per-node data',
        });
      }
      const rollingUpdate = rollingUpdateOf(service, 'DaemonSet', false, ctx);
      return { ...base, ...(rollingUpdate ? { rollingUpdate } : {}), pod: podSpec };
    }
    case 'StatefulSet': {
      rollingUpdateOf(service, 'StatefulSet', false, ctx);
      const { volumes, templates } = claimTemplates(service, pod.volumes, ctx, shared);
      return { ...base, replicas, ...(templates.length ? { volumeClaimTemplates: templates } : {}), pod: { ...podSpec, volumes } };
    }
    case 'Deployment': {
      // A ReadWriteOnce claim attaches to one node: a rolling update's second pod could never start.
      const recreate = pod.mountsReadWriteOnceClaim;
      const rollingUpdate = rollingUpdateOf(service, 'Deployment', recreate, ctx);
      return { ...base, replicas, ...(recreate ? { strategy: 'Recreate' as const } : {}), ...(rollingUpdate ? { rollingUpdate } : {}), pod: podSpec };
    }
  }
}

function reportChoice(service: ComposeService, choice: ControllerChoice, ctx: PlanContext): void {
  if (service.restart !== undefined && !parseRestart(service.restart)) {
    ctx.diags.warn('restart-policy', `restart: ${JSON.stringify(service.restart)} is not a compose restart policy; "${service.name}" runs as a ${choice.kind}`, {
      ...ctx.at(ctx.servicePath(service, 'restart')),
      hint: 'use "no", "always", "on-failure[:N]" or "unless-stopped"',
    });
  }
  const mode = service.deploy?.mode;
  if (mode !== undefined && !['replicated', 'global', 'replicated-job', 'global-job'].includes(String(mode))) {
    ctx.diags.warn('deploy-mode', `deploy.mode ${JSON.stringify(mode)} is not a compose deploy mode; "${service.name}" runs as a ${choice.kind}`, {
      ...ctx.at(ctx.servicePath(service, 'deploy', 'mode')),
      hint: 'use replicated, global, replicated-job or global-job',
    });
  }
  const endpoint = service.deploy?.endpoint_mode;
  if (endpoint !== undefined && endpoint !== 'vip' && endpoint !== 'dnsrr') {
    ctx.diags.warn('endpoint-mode', `deploy.endpoint_mode ${JSON.stringify(endpoint)} is not vip or dnsrr; the Service keeps a cluster IP`, ctx.at(ctx.servicePath(service, 'deploy', 'endpoint_mode')));
  }
  const intent = restartIntent(service);
  const where = byPath(service, choice.by, ctx);
  if (choice.kind === 'Job' && service.deploy?.mode === 'global-job') {
    ctx.diags.warn('global-job', `deploy.mode global-job runs once on every node in Swarm; "${service.name}" becomes one Job that runs once in the cluster`, {
      ...ctx.at(ctx.servicePath(service, 'deploy', 'mode')),
      hint: 'for a task on every node, use a DaemonSet whose container sleeps after the work',
    });
  }
  if (choice.kind === 'Job' && listens(service)) {
    ctx.diags.warn('job-with-ports', `"${service.name}" runs as a Job (from ${choice.by}) but declares ports: a Job's pod is not restarted once it exits`, {
      ...ctx.at(where),
      hint: 'for a long-running server, use restart: always or unless-stopped',
    });
  }
  if (choice.kind === 'Deployment' && intent && intent.condition !== 'always' && choice.by === intent.by) {
    ctx.diags.warn('restart-policy', `${intent.by} asks not to restart "${service.name}" (or only on failure), but it declares ports, so it runs as a Deployment, whose pods always restart`, {
      ...ctx.at(byPath(service, intent.by, ctx)),
      hint: 'for a one-off task, drop its ports (it then runs as a Job), or set x-k8s.controller: job',
    });
  }
  if ((choice.kind === 'Deployment' || choice.kind === 'StatefulSet' || choice.kind === 'DaemonSet') && intent && intent.condition !== 'always' && choice.by !== intent.by) {
    ctx.diags.warn('restart-policy', `${intent.by} asks not to restart "${service.name}", but it runs as a ${choice.kind} (from ${choice.by}), whose pods always restart`, ctx.at(byPath(service, intent.by, ctx)));
  }
}

/** The compose path of the key that chose the controller (`labels.kompose.controller.type` is one label). */
function byPath(service: ComposeService, by: string, ctx: PlanContext): string {
  if (by.startsWith('--')) return ctx.servicePath(service);
  if (by.startsWith('labels.')) return ctx.servicePath(service, 'labels', by.slice('labels.'.length));
  return ctx.servicePath(service, ...by.split('.'));
}

/**
 * A StatefulSet's claims: each named volume that only this service mounts becomes a
 * volumeClaimTemplate (one claim per pod), and its shared claim is not made. A volume other
 * services also mount stays the shared claim, with a warning.
 */
function claimTemplates(service: ComposeService, volumes: readonly PodVolume[], ctx: PlanContext, shared: SharedStorage | undefined): { volumes: PodVolume[]; templates: ClaimPlan[] } {
  const kept: PodVolume[] = [];
  const templates: ClaimPlan[] = [];
  for (const v of volumes) {
    const composeVolume = v.source.kind === 'claim' && shared ? composeVolumeOf(v.source.claimName, shared) : undefined;
    const claim = composeVolume !== undefined ? shared!.claims.get(composeVolume) : undefined;
    if (composeVolume === undefined || !claim || claim.accessModes.length === 0) {
      kept.push(v);
      continue;
    }
    const others = Object.values(ctx.project.services).filter((s) => s.name !== service.name && (s.volumes ?? []).some((m) => m.type === 'volume' && m.source === composeVolume));
    if (others.length > 0) {
      ctx.diags.warn('statefulset-shared-volume', `volume "${composeVolume}" is also mounted by ${others.map((s) => `"${s.name}"`).join(', ')}, so every pod of the StatefulSet "${service.name}" shares one claim instead of getting its own`, {
        ...ctx.at(ctx.servicePath(service, 'volumes')),
        hint: 'give the StatefulSet a volume of its own',
      });
      kept.push(v);
      continue;
    }
    shared!.claims.delete(composeVolume);
    templates.push({ ...claim, metadata: { ...claim.metadata, name: v.name } });
  }
  return { volumes: kept, templates };
}

function composeVolumeOf(claimName: string, shared: SharedStorage): string | undefined {
  for (const [volume, claim] of shared.claims) if (claim.metadata.name === claimName) return volume;
  return undefined;
}
