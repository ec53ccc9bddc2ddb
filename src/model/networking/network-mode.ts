// network_mode → the pod's network. `service:x` shares x's network namespace, which in Kubernetes
// means being a container of x's pod: the service's containers and volumes move into x's workload
// (pod-join.ts) and its ports onto x's Service. `host` → hostNetwork (with a warning: the pod binds node ports).
// `none` and `container:NAME` are reported.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import type { ServicePortPlan, WorkloadPlan } from '../base/plan';
import { joinPod } from '../pod/pod-join';

export type NetworkMode = { kind: 'service'; target: string } | { kind: 'container'; name: string } | { kind: 'host' } | { kind: 'none' } | { kind: 'default' };

export function networkModeOf(service: ComposeService): NetworkMode {
  const mode = service.network_mode;
  if (typeof mode !== 'string' || mode === '' || mode === 'bridge' || mode === 'default') return { kind: 'default' };
  if (mode === 'host') return { kind: 'host' };
  if (mode === 'none') return { kind: 'none' };
  if (mode.startsWith('service:')) return { kind: 'service', target: mode.slice('service:'.length) };
  if (mode.startsWith('container:')) return { kind: 'container', name: mode.slice('container:'.length) };
  // A named network (network_mode: mynet) behaves like joining that network.
  return { kind: 'default' };
}

/** The service whose pod `name` ends up in, following `service:` chains; undefined on a cycle or a missing service. */
export function podOwner(name: string, ctx: PlanContext): string | undefined {
  const seen = new Set<string>();
  let current = name;
  for (;;) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    const service = ctx.project.services[current];
    if (!service) return undefined;
    const mode = networkModeOf(service);
    if (mode.kind !== 'service') return current;
    current = mode.target;
  }
}

/** Applies every service's network_mode to the workloads and Service ports planned so far. */
export function applyNetworkModes(ctx: PlanContext, workloads: readonly WorkloadPlan[], servicePorts: Map<string, readonly ServicePortPlan[]>): WorkloadPlan[] {
  const byService = new Map(workloads.map((w) => [w.service, w]));
  const joined = new Set<string>();
  for (const name of [...byService.keys()].sort()) {
    const service = ctx.project.services[name];
    const mode = networkModeOf(service);
    const path = ctx.servicePath(service, 'network_mode');
    switch (mode.kind) {
      case 'host': {
        ctx.diags.warn('network-mode-host', `"${name}" uses the node's network (hostNetwork): its ports are bound on the node, so two of its pods cannot run on one node`, {
          ...ctx.at(path),
          hint: 'drop network_mode: host unless the service must see the node\'s interfaces; a Service reaches it either way',
        });
        const w = byService.get(name)!;
        byService.set(name, { ...w, pod: { ...w.pod, hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } });
        break;
      }
      case 'none':
        ctx.diags.warn('network-mode-none', `network_mode: none is not converted: every pod has a network interface in Kubernetes`, {
          ...ctx.at(path),
          hint: 'with --network-policies, a service on no network accepts traffic from no pod',
        });
        break;
      case 'container':
        ctx.diags.warn('network-mode-container', `network_mode: container:${mode.name} is not converted: it names a container outside the project`, {
          ...ctx.at(path),
          hint: 'make that container a service of this project and use network_mode: service:NAME',
        });
        break;
      case 'service': {
        const owner = podOwner(name, ctx);
        if (!owner) {
          ctx.diags.error('network-mode-target', `network_mode: service:${mode.target} does not lead to a service (missing, or a cycle)`, { ...ctx.at(path), hint: 'name a service of this project' });
          break;
        }
        joined.add(name);
        break;
      }
    }
  }
  for (const name of [...joined].sort()) {
    const owner = podOwner(name, ctx)!;
    const host = byService.get(owner)!;
    const path = ctx.servicePath(ctx.project.services[name], 'network_mode');
    byService.set(owner, joinPod(host, byService.get(name)!, ctx, { code: 'network-mode-pod-settings', path }));
    byService.delete(name);
    const ports = mergePorts(servicePorts.get(owner) ?? [], servicePorts.get(name) ?? [], name, owner, ctx);
    servicePorts.set(owner, ports);
    servicePorts.delete(name);
    ctx.diags.warn('network-mode-service', `"${name}" shares the network of "${owner}", so it runs as a container in ${host.kind} "${host.metadata.name}"'s pod and is reached through "${owner}"'s Service`, {
      ...ctx.at(path),
      hint: `clients that connect to "${name}" by name must connect to "${owner}"`,
    });
  }
  return workloads.filter((w) => byService.has(w.service)).map((w) => byService.get(w.service)!);
}

function mergePorts(host: readonly ServicePortPlan[], guest: readonly ServicePortPlan[], name: string, owner: string, ctx: PlanContext): ServicePortPlan[] {
  const out = [...host];
  for (const p of guest) {
    const clash = out.find((h) => h.port === p.port && h.protocol === p.protocol);
    if (clash) {
      if (clash.targetPort !== p.targetPort) {
        ctx.diags.warn('network-mode-port-clash', `port ${p.port}/${p.protocol} of "${name}" is already a port of "${owner}"'s Service; it is left out`, ctx.at(ctx.servicePath(ctx.project.services[name], 'ports')));
      }
      continue;
    }
    out.push(out.some((h) => h.name === p.name) ? { ...p, name: `${p.name}-2`.slice(0, 15) } : p);
  }
  return out;
}
