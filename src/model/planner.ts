// ComposeProject + options → AppPlan. Pure: no cdk8s, no fs, no process.

import type { ComposeProject } from '../compose/types';
import type { Diagnostics } from '../common/diagnostics';
import type { Host } from '../common/host';
import { mainContainer } from './pod/container';
import { PlanContext } from './base/context';
import { portsOf, planServices, referencedServices, servicePortsFor } from './networking/networking';
import type { ConversionOptions } from './base/options';
import { imageRepositoryName, SINGLE_INSTANCE_IMAGES } from './base/known-images';
import type { AppPlan, ScalingFacts, ServicePortPlan, ServiceScalingFacts, WorkloadPlan } from './base/plan';
import { reportServiceKeys } from './keys/report-keys';
import { storageFor } from './storage/storage';
import { checkMountTargets } from './storage/mount-targets';
import { ProjectObjects, SharedStorage } from './base/objects';
import { withDependencyWaits } from './workloads/depends-on';
import { serviceSettings, withContainerSettings, withPodSettings } from './pod/service-settings';
import { applyNetworkModes } from './networking/network-mode';
import { applyServiceGroups, planServiceGroups } from './workloads/service-groups';
import { networkAliasServices } from './networking/network-aliases';
import { serviceShapes, shapeServices } from './networking/service-shape';
import { planIngresses } from './networking/ingress';
import { planNetworkPolicies } from './networking/network-policies';
import { komposeAutoscalers } from './workloads/autoscale';
import { resolveSettings, type SettingsByService } from './settings/workload-settings';
import { workloadFor } from './workloads/workload';

export function planApp(project: ComposeProject, options: ConversionOptions, host: Host, diags: Diagnostics): AppPlan {
  const ctx = new PlanContext(project, options, host, diags);
  const shared = new SharedStorage();
  const objects = new ProjectObjects();
  const referenced = referencedServices(ctx);
  // First: a group's members carry its name in every label and selector planned from here on.
  const groups = planServiceGroups(ctx);
  const settings = resolveSettings(ctx);
  const workloads: WorkloadPlan[] = [];
  const servicePorts = new Map<string, readonly ServicePortPlan[]>();

  for (const name of Object.keys(project.services).sort()) {
    const service = project.services[name];
    reportServiceKeys(service, ctx);
    // Run by a compose provider plugin, not as a container: reported by the key table, no workload.
    if (service.provider !== undefined) continue;
    const ports = portsOf(service, ctx);
    checkMountTargets(service, ctx);
    const storage = storageFor(service, ctx, shared);
    const own = serviceSettings(service, ctx, objects);
    const main = withContainerSettings(mainContainer(service, ctx, { ports: ports.container, mounts: storage.mounts }), own, storage.volumes);
    const pod = { containers: [main.container], volumes: [...storage.volumes, ...main.volumes], mountsReadWriteOnceClaim: storage.mountsReadWriteOnceClaim };
    workloads.push(withPodSettings(workloadFor(service, ctx, pod, settings.get(name)!, shared), own));
    servicePorts.set(name, servicePortsFor(service, ports, ctx, referenced.get(name)));
  }

  // network_mode: service:x moves containers and ports into x's pod and Service; service groups share a pod.
  const joined = applyServiceGroups(ctx, groups, applyNetworkModes(ctx, workloads, servicePorts), servicePorts);
  const shaped = shapeServices(ctx, planServices(ctx, servicePorts), joined, serviceShapes(settings));
  // depends_on waits need every Service and Job planned.
  const waited = withDependencyWaits(shaped.workloads, shaped.services, ctx);

  return {
    project: project.name,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    workloads: waited.workloads,
    services: [...shaped.services, ...networkAliasServices(ctx, shaped.services)],
    ...nonEmpty('ingresses', planIngresses(ctx, shaped.services, settings)),
    ...nonEmpty('networkPolicies', planNetworkPolicies(ctx, shaped.workloads, shaped.services, settings)),
    ...nonEmpty('autoscalers', komposeAutoscalers(ctx, shaped.workloads, settings)),
    claims: [...shared.claims.values()].filter((c) => c.accessModes.length > 0),
    configMaps: [...shared.configMaps.values(), ...objects.configMaps.values()],
    secrets: [...objects.secrets.values()],
    ...(waited.jobReader ? { jobReader: { metadata: { name: waited.jobReader, labels: ctx.objectLabels() } } } : {}),
    scalingFacts: scalingFacts(ctx, settings),
  };
}

/** What the scaling step reads instead of the project (see ScalingFacts). */
function scalingFacts(ctx: PlanContext, settings: SettingsByService): ScalingFacts {
  const services = Object.fromEntries(
    Object.values(ctx.project.services).map((service) => {
      const repository = service.image ? imageRepositoryName(service.image) : undefined;
      const facts: ServiceScalingFacts = {
        pos: ctx.at(ctx.servicePath(service)).pos,
        composeReplicas: service.deploy?.replicas !== undefined || service.scale !== undefined,
        xK8s: settings.get(service.name)!.scaling,
        ...(repository && SINGLE_INSTANCE_IMAGES.has(repository) ? { dataStore: repository } : {}),
      };
      return [service.name, facts];
    }),
  );
  return { services, volumes: Object.keys(ctx.project.volumes) };
}

/** `{ key: list }` when the list has items, else nothing: plans stay free of empty lists. */
function nonEmpty<K extends string, T>(key: K, list: readonly T[]): { [P in K]?: readonly T[] } {
  return (list.length ? { [key]: list } : {}) as { [P in K]?: readonly T[] };
}
