// Gathers the container- and pod-level settings of one service (healthcheck, resources, security,
// runtime, env_file, secrets, configs, labels) and applies them: container settings to the
// service's container before it is placed in a pod, pod settings to its workload afterwards.

import type { ComposeService } from '../compose/types';
import type { PlanContext } from './context';
import { dependencyWaits, jobReaderName } from './depends-on';
import { envFromFiles } from './env-files';
import { fileObjectsOf } from './file-objects';
import { healthProbes } from './healthcheck';
import { metadataOf, type ServiceMetadata } from './annotations';
import type { ProjectObjects } from './objects';
import type { Container, PodSpec, PodVolume, ServicePlan, VolumeMount, WorkloadPlan } from './plan';
import { toDns1123Label } from './names';
import { runtimeOf } from './pod-runtime';
import { resourcesOf } from './resources';
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
    let name = v.name;
    for (let n = 2; used.has(name); n++) name = `${v.name}-${n}`;
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

/**
 * depends_on waits, once every workload and Service is planned, for every service whose containers
 * run in the pod (one init container per dependency); also says whether Jobs are read.
 */
export function withDependencyWaits(workloads: readonly WorkloadPlan[], services: readonly ServicePlan[], ctx: PlanContext): { workloads: WorkloadPlan[]; jobReader?: string } {
  let readsJobs = false;
  const out = workloads.map((w) => {
    if (!ctx.project.services[w.service]) return w;
    const inPod = [w.service, ...(w.members ?? [])];
    const each = inPod.map((m) => dependencyWaits(m, ctx, { services, workloads }, new Set(inPod)));
    const initContainers = [...new Map(each.flatMap((e) => e.initContainers).map((c) => [c.name, c])).values()];
    const waits = { initContainers, serviceAccountName: each.find((e) => e.serviceAccountName)?.serviceAccountName };
    if (!waits.initContainers.length) return w.pod.initContainers?.length ? { ...w, pod: { ...w.pod, initContainers: namedApart(w.pod.initContainers, w.pod.containers) } } : w;
    // An account the user chose (kompose.serviceaccount-name, x-k8s) stays; it needs to read Jobs.
    const own = w.pod.serviceAccountName;
    if (waits.serviceAccountName && own) {
      ctx.diags.warn('wait-service-account', `"${w.service}" runs as service account "${own}", which its init containers use to wait for Jobs: grant it get, list and watch on jobs (Role "${jobReaderName(ctx)}" has them)`, {
        ...ctx.at(ctx.servicePath(ctx.project.services[w.service], 'depends_on')),
        hint: `kubectl create rolebinding ${own}-job-reader --role=${jobReaderName(ctx)} --serviceaccount=NAMESPACE:${own}`,
      });
    }
    if (waits.serviceAccountName) readsJobs = true;
    return {
      ...w,
      pod: {
        ...w.pod,
        initContainers: namedApart([...waits.initContainers, ...(w.pod.initContainers ?? [])], w.pod.containers),
        ...(waits.serviceAccountName && !own ? { serviceAccountName: waits.serviceAccountName } : {}),
      },
    };
  });
  return { workloads: out, ...(readsJobs ? { jobReader: jobReaderName(ctx) } : {}) };
}

/**
 * Init containers renamed apart from the pod's containers and from each other (a service named
 * "wait-for-db" that waits for db): the API server refuses a name used twice in a pod.
 */
function namedApart(init: readonly Container[], containers: readonly Container[]): Container[] {
  const taken = new Set(containers.map((c) => c.name));
  return init.map((c) => {
    let name = c.name;
    for (let n = 2; taken.has(name); n++) name = toDns1123Label(`${c.name}-${n}`);
    taken.add(name);
    return name === c.name ? c : { ...c, name };
  });
}
