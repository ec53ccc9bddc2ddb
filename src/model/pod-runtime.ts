// Runtime settings of a service's pod and container: hostname, extra_hosts, dns, stop_grace_period,
// init, platform, shm_size, tty, stdin_open and pull_policy.

import { isIP } from 'node:net';
import type { ComposeService } from '../compose/types';
import type { PlanContext } from './context';
import { secondsAt } from './durations';
import { toDns1123Label } from './names';
import type { Container, PodSpec, PodVolume, VolumeMount } from './plan';
import { sizeToQuantity } from './quantities';

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

export interface RuntimeParts {
  readonly container: Mutable<Container>;
  readonly pod: Mutable<PodSpec>;
  readonly volumes: readonly PodVolume[];
  readonly mounts: readonly VolumeMount[];
}

const PULL_POLICY: Readonly<Record<string, Container['imagePullPolicy']>> = {
  always: 'Always',
  never: 'Never',
  missing: 'IfNotPresent',
  if_not_present: 'IfNotPresent',
  // "build" rebuilds on every `up`; the cluster cannot build, so pull the pushed image each time.
  build: 'Always',
};

const SHM_VOLUME = 'dshm';

export function runtimeOf(service: ComposeService, ctx: PlanContext): RuntimeParts {
  const container: Mutable<Container> = {};
  const pod: Mutable<PodSpec> = {};
  const volumes: PodVolume[] = [];
  const mounts: VolumeMount[] = [];
  const path = (...keys: (string | number)[]) => ctx.servicePath(service, ...keys);

  if (service.tty === true) container.tty = true;
  if (service.stdin_open === true) container.stdin = true;
  const pull = service.pull_policy;
  if (typeof pull === 'string') {
    const policy = PULL_POLICY[pull] ?? (/^(daily|weekly|every_)/.test(pull) ? 'Always' : undefined);
    if (policy) container.imagePullPolicy = policy;
    if (!PULL_POLICY[pull]) {
      ctx.diags.warn('pull-policy', policy ? `pull_policy "${pull}" becomes Always: Kubernetes has no pull interval` : `pull_policy "${pull}" is not a compose pull policy; it is left out`, ctx.at(path('pull_policy')));
    }
  }

  if (typeof service.hostname === 'string') {
    const wanted = service.hostname.split('.')[0];
    const host = toDns1123Label(wanted);
    pod.hostname = host;
    if (host !== service.hostname) {
      ctx.diags.warn('hostname', `hostname "${service.hostname}" becomes "${host}": a pod's hostname is one DNS label (lowercase letters, digits, "-")`, {
        ...ctx.at(path('hostname')),
        ...(service.hostname.includes('.') ? { hint: 'a domain part needs pod `subdomain` and a headless Service of that name' } : {}),
      });
    }
  }
  if (service.init === true) {
    // The pause container becomes PID 1 and reaps zombies, the job docker's tini does.
    pod.shareProcessNamespace = true;
  }
  const grace = secondsAt(service.stop_grace_period, ctx, path('stop_grace_period'), 'terminationGracePeriodSeconds');
  if (grace !== undefined) pod.terminationGracePeriodSeconds = grace;

  const aliases = hostAliases(service, ctx);
  if (aliases.length) pod.hostAliases = aliases;
  Object.assign(pod, dnsOf(service, ctx));
  const platform = platformSelector(service, ctx);
  if (platform) pod.nodeSelector = platform;

  if (service.shm_size !== undefined && service.shm_size !== null) {
    const size = sizeToQuantity(service.shm_size);
    if (size === undefined) {
      ctx.diags.error('invalid-value', `shm_size ${JSON.stringify(service.shm_size)} is not a size`, { ...ctx.at(path('shm_size')), hint: 'e.g. shm_size: "256m"' });
    } else {
      volumes.push({ name: SHM_VOLUME, source: { kind: 'emptyDir', medium: 'Memory', sizeLimit: size } });
      mounts.push({ name: SHM_VOLUME, mountPath: '/dev/shm' });
    }
  }
  return { container, pod, volumes, mounts };
}

/** extra_hosts: `["host:ip", "host=ip", "v6host:::1", "h=[::1]"]` or `{ host: ip | [ips] }` → hostAliases grouped by IP. */
function hostAliases(service: ComposeService, ctx: PlanContext): { ip: string; hostnames: string[] }[] {
  const raw = service.extra_hosts;
  const entries: { host: string; ip: string; path: string }[] = [];
  const base = ctx.servicePath(service, 'extra_hosts');
  if (Array.isArray(raw)) {
    raw.forEach((item, i) => {
      const s = String(item);
      const sep = s.includes('=') ? s.indexOf('=') : s.indexOf(':');
      entries.push({ host: sep < 0 ? s : s.slice(0, sep), ip: sep < 0 ? '' : s.slice(sep + 1), path: ctx.servicePath(service, 'extra_hosts', i) });
    });
  } else if (raw && typeof raw === 'object') {
    for (const [host, ips] of Object.entries(raw)) {
      for (const ip of Array.isArray(ips) ? ips : [ips]) entries.push({ host, ip: String(ip ?? ''), path: ctx.servicePath(service, 'extra_hosts', host) });
    }
  }
  const byIp = new Map<string, string[]>();
  for (const e of entries) {
    const ip = e.ip.trim().replace(/^\[(.*)\]$/, '$1');
    if (ip === 'host-gateway') {
      ctx.diags.warn('host-gateway', `extra host "${e.host}" points at host-gateway, which has no Kubernetes equivalent; it is left out`, { ...ctx.at(e.path), hint: 'reach the node through a Service or its IP instead' });
      continue;
    }
    if (!isIP(ip)) {
      ctx.diags.error('invalid-value', `extra host "${e.host}" has no valid IP address (${JSON.stringify(e.ip)})`, { ...ctx.at(e.path ?? base), hint: 'write "HOST:IP" or "HOST=IP", e.g. "db.local=10.0.0.5"' });
      continue;
    }
    const hosts = byIp.get(ip) ?? [];
    if (!hosts.includes(e.host.trim())) hosts.push(e.host.trim());
    byIp.set(ip, hosts);
  }
  return [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
}

/** dns / dns_search / dns_opt → dnsConfig; nameservers need dnsPolicy None, which drops cluster DNS. */
function dnsOf(service: ComposeService, ctx: PlanContext): Mutable<PodSpec> {
  let nameservers = (service.dns as string[] | undefined) ?? [];
  const searches = (service.dns_search as string[] | undefined) ?? [];
  const options = ((service.dns_opt as string[] | undefined) ?? []).map((o) => {
    const sep = o.indexOf(':');
    return sep < 0 ? { name: o } : { name: o.slice(0, sep), value: o.slice(sep + 1) };
  });
  if (!nameservers.length && !searches.length && !options.length) return {};
  if (nameservers.length > 3) {
    ctx.diags.warn('dns-servers', `Kubernetes allows at most 3 nameservers; ${nameservers.slice(3).join(', ')} left out`, ctx.at(ctx.servicePath(service, 'dns')));
    nameservers = nameservers.slice(0, 3);
  }
  if (nameservers.length) {
    ctx.diags.warn('dns-policy-none', 'dns servers become dnsPolicy: None, so cluster DNS is not used and Service names do not resolve in this pod (docker\'s embedded DNS keeps resolving them)', {
      ...ctx.at(ctx.servicePath(service, 'dns')),
      hint: 'drop dns: to keep Service names resolving, or point the cluster DNS (CoreDNS forward) at these servers',
    });
  }
  return {
    ...(nameservers.length ? { dnsPolicy: 'None' as const } : {}),
    dnsConfig: { ...(nameservers.length ? { nameservers } : {}), ...(searches.length ? { searches } : {}), ...(options.length ? { options } : {}) },
  };
}

/** `linux/arm64/v8` → nodeSelector on the well-known labels kubernetes.io/os and kubernetes.io/arch. */
function platformSelector(service: ComposeService, ctx: PlanContext): Record<string, string> | undefined {
  if (typeof service.platform !== 'string') return undefined;
  const [os, arch, variant] = service.platform.toLowerCase().split('/');
  const path = ctx.servicePath(service, 'platform');
  if (!os || !/^[a-z0-9]+$/.test(os) || (arch !== undefined && !/^[a-z0-9_]+$/.test(arch))) {
    ctx.diags.error('invalid-value', `platform "${service.platform}" is not OS[/ARCH[/VARIANT]]`, { ...ctx.at(path), hint: 'e.g. platform: linux/amd64' });
    return undefined;
  }
  if (variant && !(arch === 'arm64' && variant === 'v8')) {
    ctx.diags.warn('platform-variant', `variant "${variant}" of platform "${service.platform}" cannot be selected: nodes are labelled by OS and architecture only`, ctx.at(path));
  }
  return { 'kubernetes.io/os': os, ...(arch ? { 'kubernetes.io/arch': arch } : {}) };
}
