// ports / expose / links → container ports and ClusterIP Services. Every service that others can
// reach by name gets a Service named after it, as compose's default network resolves service names.

import { parseLink } from '../../compose/references';
import type { ComposeService, Protocol } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { dockerfilePortsOf } from './dockerfile-ports';
import { knownPortsOf } from '../base/known-images';
import { portNumberProblem } from '../base/kube-rules';
import { portName, toDns1035Label } from '../base/names';
import type { ContainerPort, ServicePlan, ServicePortPlan } from '../base/plan';

const K8S_PROTOCOL = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' } as const;

export interface ServicePorts {
  readonly container: readonly ContainerPort[];
  readonly service: readonly ServicePortPlan[];
}

/** Ports a service listens on: `ports` (published → port, target → targetPort), then `expose`. */
export function portsOf(service: ComposeService, ctx: PlanContext): ServicePorts {
  const container = new Map<string, ContainerPort>();
  const exposed = new Map<string, ServicePortPlan>();
  const add = (target: number, published: number, protocol: Protocol) => {
    const proto = K8S_PROTOCOL[protocol];
    const ckey = `${target}/${proto}`;
    if (!container.has(ckey)) container.set(ckey, { containerPort: target, protocol: proto });
    const skey = `${published}/${proto}`;
    if (!exposed.has(skey)) exposed.set(skey, { name: portName(protocol, published), port: published, targetPort: target, protocol: proto });
  };
  (service.ports ?? []).forEach((p, i) => {
    const published = p.published ? Number(p.published.split('-')[0]) : p.target;
    if (p.host_ip) {
      ctx.diags.warn('port-host-ip', `host IP ${p.host_ip} of this port cannot be expressed by a ClusterIP Service; the port is served on every cluster address`, {
        ...ctx.at(ctx.servicePath(service, 'ports', i)),
        hint: 'restrict access with a NetworkPolicy, or drop the host IP',
      });
    }
    add(p.target, published > 0 ? published : p.target, p.protocol);
  });
  (service.expose ?? []).forEach((e, i) => {
    const [range, proto = 'tcp'] = e.toLowerCase().split('/');
    const [lo, hi = lo] = range.split('-').map(Number);
    const problem = portNumberProblem(lo) ?? portNumberProblem(hi);
    if (problem) return ctx.diags.error('invalid-value', `exposed port "${e}" is not a port number: a port ${problem}`, { ...ctx.at(ctx.servicePath(service, 'expose', i)), hint: 'docker refuses it too' });
    for (let port = lo; port <= hi; port++) add(port, port, proto as Protocol);
  });
  return { container: [...container.values()], service: [...exposed.values()] };
}

/** Services that others name through `links` or `depends_on`, with the path of one such reference. */
export function referencedServices(ctx: PlanContext): Map<string, string> {
  const refs = new Map<string, string>();
  for (const svc of Object.values(ctx.project.services)) {
    (svc.links ?? []).forEach((l, i) => {
      const target = parseLink(l).service;
      if (!refs.has(target)) refs.set(target, ctx.servicePath(svc, 'links', i));
    });
    for (const [dep, spec] of Object.entries(svc.depends_on ?? {})) {
      // Waiting for a run to complete (a Job) needs no connection to it.
      if (spec.condition === 'service_completed_successfully') continue;
      if (!refs.has(dep)) refs.set(dep, ctx.servicePath(svc, 'depends_on', dep));
    }
  }
  return refs;
}

/**
 * The ports of a service's Service: its own, else a well-known image's, else none (with a warning
 * when another service reaches it by name).
 */
export function servicePortsFor(service: ComposeService, ports: ServicePorts, ctx: PlanContext, referencedAt: string | undefined): readonly ServicePortPlan[] {
  if (ports.service.length > 0) return ports.service;
  // A Dockerfile's EXPOSE says more about a built image than its name does.
  const known = dockerfilePortsOf(service, ctx.host) ?? knownPortsOf(service.image);
  if (known) {
    return known.map((k) => ({ name: portName(k.protocol, k.port), port: k.port, targetPort: k.port, protocol: K8S_PROTOCOL[k.protocol] }));
  }
  if (referencedAt) {
    ctx.diags.warn('unknown-port', `service "${service.name}" is reached by name from ${referencedAt} but declares no port, and its image's port is not known (no EXPOSE in a local Dockerfile, not a well-known image); no Kubernetes Service is made for it`, {
      ...ctx.at(ctx.servicePath(service)),
      hint: `add the port it listens on: expose: ["PORT"] under services.${service.name}`,
    });
  }
  return [];
}

/**
 * The Service made for compose service `name`, not a link or network alias of it. (Several can
 * select the same pods: the members of a service group each keep their own.)
 */
export function ownServiceOf<S extends ServicePlan>(services: readonly S[], name: string): S | undefined {
  return services.find((s) => s.service === name);
}

/** One ClusterIP Service per service with ports, plus one per link alias (`links: [db:database]`). */
export function planServices(ctx: PlanContext, portsByService: ReadonlyMap<string, readonly ServicePortPlan[]>): ServicePlan[] {
  const plans: ServicePlan[] = [];
  for (const [name, ports] of portsByService) {
    if (ports.length === 0) continue;
    const service = ctx.project.services[name];
    const k8sName = ctx.names.claim('Service', toDns1035Label(name), `service "${name}"`, ctx.at(ctx.servicePath(service)));
    if (k8sName !== name) {
      ctx.diags.warn('renamed-host', `service "${name}" is reachable as "${k8sName}" in Kubernetes (Service names allow only lowercase letters, digits and "-")`, {
        ...ctx.at(ctx.servicePath(service)),
        hint: `update clients that connect to "${name}", or rename the service to "${k8sName}"`,
      });
    }
    plans.push({ metadata: { name: k8sName, labels: ctx.objectLabels(name) }, service: name, type: 'ClusterIP', selector: ctx.selectorLabels(name), ports });
  }
  for (const service of Object.values(ctx.project.services)) {
    (service.links ?? []).forEach((link, i) => {
      const { service: target, alias } = parseLink(link);
      const ports = portsByService.get(target);
      if (alias === target || !ports || ports.length === 0) return;
      const path = ctx.servicePath(service, 'links', i);
      const aliasName = toDns1035Label(alias);
      if (ctx.names.isTaken('Service', aliasName)) {
        const existing = plans.find((p) => p.metadata.name === aliasName);
        if (existing && existing.selector['app.kubernetes.io/name'] === ctx.selectorLabels(target)['app.kubernetes.io/name']) return;
        ctx.diags.warn('alias-collision', `link alias "${alias}" is already the name of another Service; "${service.name}" cannot reach "${target}" as "${alias}"`, { ...ctx.at(path), hint: 'choose an alias no service uses' });
        return;
      }
      ctx.names.claim('Service', aliasName, `link alias "${alias}"`, ctx.at(path));
      plans.push({ metadata: { name: aliasName, labels: ctx.objectLabels(target) }, type: 'ClusterIP', selector: ctx.selectorLabels(target), ports });
    });
  }
  return plans;
}
