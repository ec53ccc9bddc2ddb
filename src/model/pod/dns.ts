// Name resolution of a service's pod: dns, dns_search, dns_opt → dnsConfig (and dnsPolicy None when
// nameservers are given), extra_hosts → hostAliases. Every value is checked against what the API
// server accepts (kube-rules.ts): what docker refuses too is an error, what only Kubernetes refuses
// is left out with a warning. Host names compare case-insensitively, so they are lowercased quietly.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { dns1123SubdomainProblem, dnsSearchProblem, ipProblem, LIMITS } from '../base/kube-rules';
import type { PodSpec } from '../base/plan';

type DnsParts = Pick<PodSpec, 'dnsPolicy' | 'dnsConfig' | 'hostAliases'>;

export function dnsOf(service: ComposeService, ctx: PlanContext): DnsParts {
  const aliases = hostAliases(service, ctx);
  return { ...dnsConfigOf(service, ctx), ...(aliases.length ? { hostAliases: aliases } : {}) };
}

/** dns, dns_search, dns_opt: lists (one string was made a list by merge-rules.ts SHAPES). */
const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** dns → nameservers: an address docker cannot parse fails the container there too, so it is an error. */
function nameservers(service: ComposeService, ctx: PlanContext): string[] {
  const valid = listOf(service.dns).flatMap((entry, i) => {
    const ip = entry.trim();
    const problem = ipProblem(ip);
    if (!problem) return [ip];
    ctx.diags.error('invalid-value', `dns server ${JSON.stringify(entry)} ${problem}`, { ...ctx.at(ctx.servicePath(service, 'dns', i)), hint: 'docker refuses it too when the container starts; write the resolver\'s IP address, or remove the entry' });
    return [];
  });
  if (valid.length > LIMITS.dnsNameservers) {
    ctx.diags.warn('dns-servers', `Kubernetes allows at most ${LIMITS.dnsNameservers} nameservers; ${valid.slice(LIMITS.dnsNameservers).join(', ')} left out`, ctx.at(ctx.servicePath(service, 'dns')));
  }
  return valid.slice(0, LIMITS.dnsNameservers);
}

/** dns_search → searches: DNS subdomains (a trailing dot allowed), at most 32 and 2,048 characters. */
function searches(service: ComposeService, ctx: PlanContext): string[] {
  const out: string[] = [];
  listOf(service.dns_search).forEach((entry, i) => {
    const search = entry.trim().toLowerCase();
    const problem = dnsSearchProblem(search);
    const full = out.length >= LIMITS.dnsSearchPaths || [...out, search].join(' ').length > LIMITS.dnsSearchListChars;
    if (!problem && !full) return void out.push(search);
    const why = problem ? `it ${problem}` : `Kubernetes allows at most ${LIMITS.dnsSearchPaths} search domains of ${LIMITS.dnsSearchListChars} characters in all`;
    ctx.diags.warn('dns-search', `search domain ${JSON.stringify(entry)} is left out: ${why}`, ctx.at(ctx.servicePath(service, 'dns_search', i)));
  });
  return out;
}

/** dns_opt → options: `ndots:2` → { name: ndots, value: "2" }; an option needs a name. */
function options(service: ComposeService, ctx: PlanContext): { name: string; value?: string }[] {
  return listOf(service.dns_opt).flatMap((o, i) => {
    const sep = o.indexOf(':');
    const option = sep < 0 ? { name: o.trim() } : { name: o.slice(0, sep).trim(), value: o.slice(sep + 1) };
    if (option.name) return [option];
    ctx.diags.warn('dns-option', `dns option ${JSON.stringify(o)} has no name; it is left out`, ctx.at(ctx.servicePath(service, 'dns_opt', i)));
    return [];
  });
}

function dnsConfigOf(service: ComposeService, ctx: PlanContext): Pick<PodSpec, 'dnsPolicy' | 'dnsConfig'> {
  const servers = nameservers(service, ctx);
  const search = searches(service, ctx);
  const opts = options(service, ctx);
  if (!servers.length && !search.length && !opts.length) return {};
  if (servers.length) {
    ctx.diags.warn('dns-policy-none', 'dns servers become dnsPolicy: None, so cluster DNS is not used and Service names do not resolve in this pod (docker\'s embedded DNS keeps resolving them)', {
      ...ctx.at(ctx.servicePath(service, 'dns')),
      hint: 'drop dns: to keep Service names resolving, or point the cluster DNS (CoreDNS forward) at these servers',
    });
  }
  return {
    ...(servers.length ? { dnsPolicy: 'None' as const } : {}),
    dnsConfig: { ...(servers.length ? { nameservers: servers } : {}), ...(search.length ? { searches: search } : {}), ...(opts.length ? { options: opts } : {}) },
  };
}

/**
 * extra_hosts: `["host:ip", "host=ip", "v6host:::1", "h=[::1]"]` (the mapping form `{ host: ip |
 * [ips] }` was made such a list by merge-rules.ts SHAPES) → hostAliases grouped by IP.
 */
function hostAliases(service: ComposeService, ctx: PlanContext): { ip: string; hostnames: string[] }[] {
  const entries = listOf(service.extra_hosts).map((s, i) => {
    const sep = s.includes('=') ? s.indexOf('=') : s.indexOf(':');
    return { host: sep < 0 ? s : s.slice(0, sep), ip: sep < 0 ? '' : s.slice(sep + 1), path: ctx.servicePath(service, 'extra_hosts', i) };
  });
  const byIp = new Map<string, string[]>();
  for (const e of entries) {
    const ip = e.ip.trim().replace(/^\[(.*)\]$/, '$1');
    const host = e.host.trim().toLowerCase();
    if (ip === 'host-gateway') {
      ctx.diags.warn('host-gateway', `extra host "${e.host}" points at host-gateway, which has no Kubernetes equivalent; it is left out`, { ...ctx.at(e.path), hint: 'reach the node through a Service or its IP instead' });
      continue;
    }
    if (ipProblem(ip)) {
      ctx.diags.error('invalid-value', `extra host "${e.host}" has no valid IP address (${JSON.stringify(e.ip)})`, { ...ctx.at(e.path), hint: 'write "HOST:IP" or "HOST=IP", e.g. "db.local=10.0.0.5"' });
      continue;
    }
    const problem = dns1123SubdomainProblem(host);
    if (problem) {
      ctx.diags.warn('extra-host-name', `extra host "${e.host}" is left out: a pod's host alias ${problem}`, { ...ctx.at(e.path), hint: 'use a name of letters, digits, "-" and "." (no "_")' });
      continue;
    }
    const hosts = byIp.get(ip) ?? [];
    if (!hosts.includes(host)) hosts.push(host);
    byIp.set(ip, hosts);
  }
  return [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
}
