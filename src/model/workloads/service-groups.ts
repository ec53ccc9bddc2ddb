// --service-group-mode (Kompose's flag): several compose services in one pod, grouped as Kompose groups them.
//   label  → the services whose `kompose.service.group` label has the same value; the workload is
//            named after the value (Kompose's cmd/convert.go; its healthcheck fixture: mongo and
//            mysql labelled "my-group" → Deployment "my-group", each keeping its own Service)
//   volume → the services that share a named volume or a bind-mounted host path, transitively; the
//            workload is named --service-group-name, else its members' names joined by "-" (Kompose's
//            service-group fixture: librenms and dispatcher share ./librenms → "librenms-dispatcher")
// Members come dependencies first (depends_on), then by name; the pod's host is the first (or the
// StatefulSet among Deployments). Containers move into its pod through pod-join.ts, the mechanism of
// network_mode: service:x. Unlike network_mode, each member keeps its own Service, selecting the
// group's pods, so clients still reach it by its own name, as Kompose keeps them.
// What one pod cannot do as compose did is reported: two members listening on one port (they share
// one network), different controllers, different replicas (the most wins), a healthcheck (the pod is
// ready only when every container is), depends_on between members (depends-on.ts).

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { hasHealthcheck } from '../pod/healthcheck';
import { KOMPOSE_GROUP_LABEL } from '../settings/kompose';
import { toDns1123Label } from '../base/names';
import { networkModeOf, podOwner } from '../networking/network-mode';
import type { ServicePortPlan, WorkloadPlan } from '../base/plan';
import { joinPod } from '../pod/pod-join';


export interface ServiceGroup {
  /** The workload's name (a DNS-1123 label). */
  readonly name: string;
  /** Dependencies first, then by name. */
  readonly members: readonly string[];
}

/** The groups --service-group-mode asks for; their members' pods carry the group's name from here on. */
export function planServiceGroups(ctx: PlanContext): ServiceGroup[] {
  const opts = ctx.options.serviceGroups;
  if (!opts) return [];
  const sets = opts.mode === 'label' ? byLabel(ctx) : byVolume(ctx);
  if (opts.name !== undefined && sets.length > 1) {
    ctx.diags.error('service-group-name', `--service-group-name names one group, but shared volumes make ${sets.length}: ${sets.map((s) => s.members.join(' + ')).join('; ')}`, {
      hint: 'leave --service-group-name out (each group is named after its members), or use --service-group-mode label to name each group',
    });
  }
  return sets.map(({ name, members, path }) => {
    const ordered = dependenciesFirst(members, ctx);
    const wanted = name ?? opts.name ?? ordered.join('-');
    const k8sName = toDns1123Label(wanted);
    if (k8sName !== wanted) {
      ctx.diags.warn('service-group-renamed', `service group "${wanted}" is named "${k8sName}" in Kubernetes (workload names allow only lowercase letters, digits and "-")`, { ...ctx.at(path ?? ctx.servicePath(ctx.project.services[ordered[0]])), hint: `name the group "${k8sName}"` });
    }
    ctx.groupPods(k8sName, ordered);
    return { name: k8sName, members: ordered };
  });
}

/** Services a group may take: those with a pod of their own (no provider, no network_mode: service:). */
function groupable(ctx: PlanContext): ComposeService[] {
  return Object.keys(ctx.project.services)
    .sort()
    .map((n) => ctx.project.services[n])
    .filter((s) => s.provider === undefined && networkModeOf(s).kind !== 'service');
}

function byLabel(ctx: PlanContext): { name: string; members: string[]; path: string }[] {
  const groups = new Map<string, { name: string; members: string[]; path: string }>();
  const eligible = new Set(groupable(ctx));
  for (const service of Object.values(ctx.project.services)) {
    const value = service.labels?.[KOMPOSE_GROUP_LABEL];
    if (value === undefined || String(value).trim() === '') continue;
    const path = ctx.servicePath(service, 'labels', KOMPOSE_GROUP_LABEL);
    if (!eligible.has(service)) {
      ctx.diags.warn('service-group-label', `"${service.name}" runs in the pod of another service (network_mode) or by a provider, so its ${KOMPOSE_GROUP_LABEL} label is not used`, ctx.at(path));
      continue;
    }
    const name = String(value).trim();
    const group = groups.get(name) ?? { name, members: [], path };
    group.members.push(service.name);
    groups.set(name, group);
  }
  return [...groups.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Services sharing a named volume or a bind-mounted host path, transitively; groups of two or more. */
function byVolume(ctx: PlanContext): { name?: string; members: string[]; path?: string }[] {
  const services = groupable(ctx);
  const parent = new Map(services.map((s) => [s.name, s.name]));
  const root = (n: string): string => (parent.get(n) === n ? n : root(parent.get(n)!));
  const firstUser = new Map<string, string>();
  for (const service of Object.values(ctx.project.services)) {
    // A network_mode guest's volumes are its pod's.
    const pod = podOwner(service.name, ctx);
    if (pod === undefined || !parent.has(pod)) continue;
    for (const v of service.volumes ?? []) {
      if ((v.type !== 'volume' && v.type !== 'bind') || !v.source) continue;
      const key = `${v.type}:${v.source}`;
      const other = firstUser.get(key);
      if (other === undefined) firstUser.set(key, pod);
      else parent.set(root(pod), root(other));
    }
  }
  const sets = new Map<string, string[]>();
  for (const s of services) sets.set(root(s.name), [...(sets.get(root(s.name)) ?? []), s.name]);
  return [...sets.values()].filter((m) => m.length > 1).map((members) => ({ members }));
}

/** depends_on order within the group: a member comes after the members it depends on; ties by name. */
function dependenciesFirst(members: readonly string[], ctx: PlanContext): string[] {
  const left = [...members].sort();
  const out: string[] = [];
  while (left.length) {
    const deps = (n: string) => Object.keys(ctx.project.services[n].depends_on ?? {});
    const i = Math.max(0, left.findIndex((n) => !deps(n).some((d) => left.includes(d))));
    out.push(...left.splice(i, 1));
  }
  return out;
}

/** Joins each group's workloads into the pod of its host, reporting what one pod cannot keep. */
export function applyServiceGroups(ctx: PlanContext, groups: readonly ServiceGroup[], workloads: readonly WorkloadPlan[], servicePorts: ReadonlyMap<string, readonly ServicePortPlan[]>): WorkloadPlan[] {
  const byService = new Map(workloads.map((w) => [w.service, w]));
  for (const group of groups) {
    const planned = group.members.flatMap((m) => (byService.has(m) ? [byService.get(m)!] : []));
    const host = hostOf(planned, ctx);
    if (!host) continue;
    checkPorts(group, servicePorts, ctx);
    if (group.members.length > 1) reportHealthchecks(group, ctx);
    let pod = host;
    for (const guest of planned) {
      if (guest === host) continue;
      pod = joinPod(pod, guest, ctx, { code: 'service-group-pod-settings', path: ctx.servicePath(ctx.project.services[guest.service]) });
      byService.delete(guest.service);
    }
    byService.set(host.service, withMostReplicas(pod, planned, ctx));
  }
  return workloads.filter((w) => byService.has(w.service)).map((w) => byService.get(w.service)!);
}

/** The first member, or the StatefulSet among Deployments; undefined (reported) when the controllers cannot share a pod. */
function hostOf(planned: readonly WorkloadPlan[], ctx: PlanContext): WorkloadPlan | undefined {
  const kinds = new Set(planned.map((w) => w.kind));
  if (kinds.size === 2 && kinds.has('Deployment') && kinds.has('StatefulSet')) return planned.find((w) => w.kind === 'StatefulSet');
  if (kinds.size <= 1) return planned[0];
  const first = planned[0];
  const other = planned.find((w) => w.kind !== first.kind)!;
  ctx.diags.error('service-group-controller', `"${other.service}" runs as a ${other.kind} and "${first.service}" as a ${first.kind}, but a pod has one controller`, {
    ...ctx.at(ctx.servicePath(ctx.project.services[other.service])),
    hint: 'give them the same restart policy and deploy.mode, or leave one out of the group',
  });
  return undefined;
}

/** Containers of one pod share its network: two members cannot listen on one port. */
function checkPorts(group: ServiceGroup, servicePorts: ReadonlyMap<string, readonly ServicePortPlan[]>, ctx: PlanContext): void {
  const taken = new Map<string, string>();
  for (const member of group.members) {
    const service = ctx.project.services[member];
    for (const p of servicePorts.get(member) ?? []) {
      const key = `${p.targetPort}/${p.protocol}`;
      const other = taken.get(key);
      if (other === undefined) {
        taken.set(key, member);
        continue;
      }
      const declared = [service, ctx.project.services[other]].every((s) => (s.ports?.length ?? 0) + (s.expose?.length ?? 0) > 0);
      const at = { ...ctx.at(ctx.servicePath(service, ...(service.ports?.length ? ['ports'] : service.expose?.length ? ['expose'] : []))), hint: 'change the port one of them listens on, or leave one out of the group' };
      const message = `"${member}" and "${other}" both listen on ${key} in the pod of group "${group.name}", whose containers share one network: the second cannot bind it`;
      // A port only inferred from the image (redis 6379) may be configured away; a declared one is not.
      if (declared) ctx.diags.error('service-group-port-clash', message, at);
      else ctx.diags.warn('service-group-inferred-port-clash', message, at);
    }
  }
}

function reportHealthchecks(group: ServiceGroup, ctx: PlanContext): void {
  for (const member of group.members) {
    const service = ctx.project.services[member];
    if (!hasHealthcheck(service)) continue;
    const others = group.members.filter((m) => m !== member).map((m) => `"${m}"`).join(', ');
    ctx.diags.warn('service-group-healthcheck', `the healthcheck of "${member}" is its container's readinessProbe: while it fails, the pod of group "${group.name}" is not ready, so the Services of ${others} route no traffic to it either`, {
      ...ctx.at(ctx.servicePath(service, 'healthcheck')),
      hint: `leave "${member}" out of the group if ${others} must stay reachable while it is unhealthy`,
    });
  }
}

/** One pod, one replica count: the most any member asks for, so that none runs fewer (the others are reported). */
function withMostReplicas(pod: WorkloadPlan, planned: readonly WorkloadPlan[], ctx: PlanContext): WorkloadPlan {
  const counts = planned.filter((w) => w.replicas !== undefined);
  if (counts.length === 0) return pod;
  const most = Math.max(...counts.map((w) => w.replicas!));
  for (const w of counts) {
    if (w.replicas === most) continue;
    const service = ctx.project.services[w.service];
    const key = service.deploy?.replicas !== undefined ? ['deploy', 'replicas'] : service.scale !== undefined ? ['scale'] : [];
    ctx.diags.warn('service-group-replicas', `"${w.service}" asks for ${w.replicas} replica${w.replicas === 1 ? '' : 's'}, but its group's pod runs ${most}, the most a member asks for`, {
      ...ctx.at(ctx.servicePath(service, ...key)),
      hint: 'give the members of a group the same replicas, or leave this one out',
    });
  }
  return { ...pod, replicas: most };
}
