// ComposeProject + options → AppPlan. Pure: no cdk8s, no fs, no process.

import type { ComposeProject } from '../compose/types';
import type { Diagnostics } from '../diagnostics';
import type { Host } from '../host';
import { mainContainer } from './container';
import { PlanContext } from './context';
import { portsOf, planServices, referencedServices, servicePortsFor } from './networking';
import type { ConversionOptions } from './options';
import type { AppPlan, ServicePortPlan, WorkloadPlan } from './plan';
import { reportServiceKeys } from './report-keys';
import { SharedStorage, storageFor } from './storage';
import { applyNetworkModes } from './network-mode';
import { shapeServices } from './service-shape';
import { workloadFor } from './workload';

export function planApp(project: ComposeProject, options: ConversionOptions, host: Host, diags: Diagnostics): AppPlan {
  const ctx = new PlanContext(project, options, host, diags);
  const shared = new SharedStorage();
  const referenced = referencedServices(ctx);
  const workloads: WorkloadPlan[] = [];
  const servicePorts = new Map<string, readonly ServicePortPlan[]>();

  for (const name of Object.keys(project.services).sort()) {
    const service = project.services[name];
    reportServiceKeys(service, ctx);
    const ports = portsOf(service, ctx);
    const storage = storageFor(service, ctx, shared);
    const container = mainContainer(service, ctx, { ports: ports.container, mounts: storage.mounts });
    workloads.push(workloadFor(service, ctx, { containers: [container], volumes: storage.volumes, mountsReadWriteOnceClaim: storage.mountsReadWriteOnceClaim }, shared));
    servicePorts.set(name, servicePortsFor(service, ports, ctx, referenced.get(name)));
  }

  // network_mode: service:x moves containers and ports into x's pod and Service.
  const joined = applyNetworkModes(ctx, workloads, servicePorts);
  const shaped = shapeServices(ctx, planServices(ctx, servicePorts), joined, new Map());

  return {
    project: project.name,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    workloads: shaped.workloads,
    services: shaped.services,
    claims: [...shared.claims.values()].filter((c) => c.accessModes.length > 0),
    configMaps: [...shared.configMaps.values()],
    secrets: [],
  };
}
