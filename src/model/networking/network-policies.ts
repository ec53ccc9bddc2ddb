// --network-policies: compose networks → NetworkPolicies, so that pods accept traffic only from pods
// they share a network with, as containers do in compose. One policy per network selects its
// members and admits traffic from its members; policies add up, so a pod on two networks hears
// both. Services without `networks:` are on `default`. Published ports (ports:, an Ingress, a
// NodePort/LoadBalancer Service) are reachable from anywhere, as a published port is on the host.
// A pod whose networks are all `internal: true` cannot reach the outside in compose: its egress is
// limited to its networks' pods and the cluster DNS.

import type { PlanContext } from '../base/context';
import { toDns1123Label } from '../base/names';
import { networkModeOf } from './network-mode';
import { ownServiceOf } from './networking';
import type { NetworkPolicyPlan, ServicePlan, WorkloadPlan } from '../base/plan';
import type { SettingsByService } from '../settings/workload-settings';

export function planNetworkPolicies(ctx: PlanContext, workloads: readonly WorkloadPlan[], services: readonly ServicePlan[], settings: SettingsByService): NetworkPolicyPlan[] {
  if (!ctx.options.networkPolicies) return [];
  const plans: NetworkPolicyPlan[] = [];
  // In this order, so that a name collision is resolved the same way every time.
  const networksOf = podNetworks(ctx, workloads, plans);
  plans.push(...perNetwork(ctx, networksOf), ...internalEgress(ctx, networksOf), ...published(ctx, workloads, services, settings));
  return plans;
}

const podLabel = (ctx: PlanContext, service: string) => ctx.selectorLabels(service)['app.kubernetes.io/name'];
const partOf = (ctx: PlanContext, service: string) => ctx.selectorLabels(service)['app.kubernetes.io/part-of'];
const policyName = (ctx: PlanContext, wanted: string, origin: string, path: string) => ctx.names.claim('NetworkPolicy', toDns1123Label(wanted), origin, ctx.at(path));

/**
 * The networks of each workload's pod, by service (sorted), from its own and its group members'
 * `networks:`. A pod on the node's network is reported and left out; one on no network gets a
 * policy that admits nothing, into `plans`.
 */
function podNetworks(ctx: PlanContext, workloads: readonly WorkloadPlan[], plans: NetworkPolicyPlan[]): Map<string, string[]> {
  const networksOf = new Map<string, string[]>();
  for (const w of [...workloads].sort((a, b) => (a.service < b.service ? -1 : 1))) {
    const service = ctx.project.services[w.service];
    const mode = networkModeOf(service).kind;
    if (mode === 'host') {
      ctx.diags.warn('network-policy-host', `"${w.service}" uses the node's network; NetworkPolicies do not apply to it`, ctx.at(ctx.servicePath(service, 'network_mode')));
      continue;
    }
    if (mode === 'none') {
      // Selected by a policy that admits nothing: no pod reaches it, as with no network in compose.
      plans.push({ metadata: { name: policyName(ctx, `${w.service}-no-network`, `service "${w.service}"`, ctx.servicePath(service)), labels: ctx.objectLabels(w.service) }, services: [podLabel(ctx, w.service)], partOf: partOf(ctx, w.service), ingress: [] });
      continue;
    }
    // A service group's pod is on the networks of all its members (network_mode guests have none of their own).
    const inPod = [service, ...(w.members ?? []).map((m) => ctx.project.services[m]).filter((m) => networkModeOf(m).kind !== 'service')];
    networksOf.set(w.service, [...new Set(inPod.flatMap((s) => (s.networks && Object.keys(s.networks).length ? Object.keys(s.networks) : ['default'])))].sort());
  }
  return networksOf;
}

/** One policy per network: its members admit traffic from its members. */
function perNetwork(ctx: PlanContext, networksOf: ReadonlyMap<string, readonly string[]>): NetworkPolicyPlan[] {
  const members = new Map<string, string[]>();
  for (const [service, nets] of networksOf) for (const n of nets) members.set(n, [...(members.get(n) ?? []), service]);
  return [...members.keys()].sort().map((network) => {
    const names = members.get(network)!;
    const def = ctx.project.networks[network] ?? {};
    const path = ctx.project.sourceMap.exact(`networks.${network}`) ? `networks.${network}` : ctx.servicePath(ctx.project.services[names[0]]);
    if (def.external === true) {
      ctx.diags.warn('network-policy-external', `external network "${network}" is treated as a network of this project only: pods of other projects on it cannot reach these pods`, {
        ...ctx.at(path),
        hint: 'add a NetworkPolicy rule for the other project\'s pods (by namespace or label) if they must',
      });
    }
    if (def.internal === true) {
      const open = names.filter((n) => !networksOf.get(n)!.every((m) => ctx.project.networks[m]?.internal === true));
      if (open.length) {
        ctx.diags.warn('network-policy-internal', `internal network "${network}": ${open.map((n) => `"${n}"`).join(', ')} ${open.length === 1 ? 'is' : 'are'} also on a network that is not internal, so ${open.length === 1 ? 'it keeps' : 'they keep'} access to the outside, as in compose`, ctx.at(path));
      }
    }
    const labels = [...new Set(names.map((n) => podLabel(ctx, n)))];
    return { metadata: { name: policyName(ctx, `${network}-network`, `network "${network}"`, path), labels: ctx.objectLabels() }, services: labels, partOf: partOf(ctx, names[0]), ingress: [{ fromServices: labels }] };
  });
}

/** A pod whose networks are all internal reaches only their pods (and the cluster DNS). */
function internalEgress(ctx: PlanContext, networksOf: ReadonlyMap<string, readonly string[]>): NetworkPolicyPlan[] {
  const plans: NetworkPolicyPlan[] = [];
  for (const [name, nets] of [...networksOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!nets.every((n) => ctx.project.networks[n]?.internal === true)) continue;
    const peers = [...new Set([...networksOf].filter(([, theirs]) => theirs.some((n) => nets.includes(n))).map(([peer]) => peer))].sort();
    plans.push({
      metadata: { name: policyName(ctx, `${name}-internal`, `service "${name}"`, ctx.servicePath(ctx.project.services[name])), labels: ctx.objectLabels(name) },
      services: [podLabel(ctx, name)],
      partOf: partOf(ctx, name),
      ingress: [],
      egress: { toServices: peers.map((p) => podLabel(ctx, p)) },
    });
  }
  return plans;
}

/** Published ports are reachable from anywhere, as a published port is on the host. */
function published(ctx: PlanContext, workloads: readonly WorkloadPlan[], services: readonly ServicePlan[], settings: SettingsByService): NetworkPolicyPlan[] {
  return workloads.flatMap((w) => {
    const ports = publishedPorts(w.service, ctx, services, settings);
    if (!ports.length || networkModeOf(ctx.project.services[w.service]).kind === 'host') return [];
    const name = policyName(ctx, `${w.service}-published`, `service "${w.service}"`, ctx.servicePath(ctx.project.services[w.service]));
    return [{ metadata: { name, labels: ctx.objectLabels(w.service) }, services: [podLabel(ctx, w.service)], partOf: partOf(ctx, w.service), ingress: [{ ports }] }];
  });
}

/** Container ports reachable from outside the networks: published ports, and all ports of exposed Services. */
function publishedPorts(name: string, ctx: PlanContext, services: readonly ServicePlan[], settings: SettingsByService): { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[] {
  const service = ctx.project.services[name];
  const out = new Map<string, { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }>();
  const add = (port: number, protocol: 'TCP' | 'UDP' | 'SCTP') => out.set(`${port}/${protocol}`, { port, protocol });
  // Every ports: entry is published on the host, on a random port when none is given.
  for (const p of service.ports ?? []) add(p.target, p.protocol.toUpperCase() as 'TCP');
  const own = ownServiceOf(services, name);
  if (own && (own.type !== 'ClusterIP' || settings.get(name)!.settings.expose)) for (const p of own.ports) add(p.targetPort, p.protocol);
  return [...out.values()].sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : 1));
}
