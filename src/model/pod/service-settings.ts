// Gathers the container- and pod-level settings of one service (healthcheck, resources, security,
// runtime, env_file, secrets, configs, labels) and applies them: container settings to the
// service's container before it is placed in a pod, pod settings to its workload afterwards.
// (depends_on waits come last, once every Service is planned: depends-on.ts.)

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { envFromFiles } from '../storage/env-files';
import { fileObjectsOf } from '../storage/file-objects';
import { healthProbes } from './healthcheck';
import { metadataOf, type ServiceMetadata } from './annotations';
import type { ProjectObjects } from '../base/objects';
import type { Container, PodSpec, PodVolume, VolumeMount, WorkloadPlan } from '../base/plan';
import { uniqueName } from '../base/names';
import { runtimeOf } from './pod-runtime';
import { resourcesOf } from './compose-resources';
import { securityOf } from './security';

export interface ServiceSettings {
  readonly container: Partial<Container>;
  readonly pod: Partial<PodSpec>;
  readonly volumes: readonly PodVolume[];
  readonly mounts: readonly VolumeMount[];
  readonly metadata: ServiceMetadata;
}

export function serviceSettings(service: ComposeService, ctx: PlanContext, objects: ProjectObjects): ServiceSettings {
  const runtime = runtimeOf(service, ctx);
  const security = securityOf(service, ctx);
  const resources = resourcesOf(service, ctx);
  const envFrom = envFromFiles(service, ctx, objects);
  const files = fileObjectsOf(service, ctx, objects);
  return {
    container: {
      ...runtime.container,
      ...(envFrom.length ? { envFrom } : {}),
      ...(resources ? { resources } : {}),
      ...healthProbes(service, ctx),
      ...(security.container ? { securityContext: security.container } : {}),
    },
    pod: { ...runtime.pod, ...(security.pod ? { securityContext: security.pod } : {}) },
    volumes: [...runtime.volumes, ...files.volumes],
    mounts: [...runtime.mounts, ...files.mounts],
    metadata: metadataOf(service, ctx),
  };
}

/** The service's container with its settings; `taken` are the pod's other volume names. */
export function withContainerSettings(container: Container, s: ServiceSettings, taken: readonly PodVolume[]): { container: Container; volumes: PodVolume[] } {
  // Rename our volumes away from names the pod already uses (a compose volume called "dshm").
  const used = new Set(taken.map((v) => v.name));
  const renamed = new Map<string, string>();
  const volumes = s.volumes.map((v) => {
    const name = uniqueName(v.name, (n) => used.has(n));
    used.add(name);
    renamed.set(v.name, name);
    return name === v.name ? v : { ...v, name };
  });
  const mounts = s.mounts.map((m) => ({ ...m, name: renamed.get(m.name) ?? m.name }));
  const volumeMounts = [...(container.volumeMounts ?? []), ...mounts];
  return { container: { ...container, ...s.container, ...(volumeMounts.length ? { volumeMounts } : {}) }, volumes };
}

/**
 * Pod-level settings and metadata onto the service's workload. What the workload already says wins:
 * it comes from x-k8s, kompose labels or placement, which are more specific than these keys.
 */
export function withPodSettings(w: WorkloadPlan, s: ServiceSettings): WorkloadPlan {
  const { nodeSelector, securityContext, ...rest } = s.pod;
  const pod: PodSpec = {
    ...rest,
    ...w.pod,
    ...(nodeSelector || w.pod.nodeSelector ? { nodeSelector: { ...nodeSelector, ...w.pod.nodeSelector } } : {}),
    ...(securityContext || w.pod.securityContext ? { securityContext: { ...securityContext, ...w.pod.securityContext } } : {}),
  };
  const annotations = s.metadata.annotations;
  return {
    ...w,
    metadata: {
      ...w.metadata,
      labels: { ...s.metadata.labels, ...w.metadata.labels },
      ...(annotations || w.metadata.annotations ? { annotations: { ...annotations, ...w.metadata.annotations } } : {}),
    },
    ...(annotations || w.podAnnotations ? { podAnnotations: { ...annotations, ...w.podAnnotations } } : {}),
    pod,
  };
}
