// services.*.ports as compose reads them (compose-go types.ParsePortConfig): the short syntax
// `[IP:][HOST:]CONTAINER[/PROTOCOL]` with ranges (`8000-8002:8000-8002` is three ports), and the
// long form. Each parser returns the ports, or why the entry is not one (normalize.ts reports it).

import type { Protocol, ServicePort } from './types';

const PORT_RE = /^(?:(?:\[(?<ip6>[^\]]+)\]|(?<ip>[^:[\]]*?)):)??(?:(?<published>[0-9]*(?:-[0-9]+)?|\$\{[^}]+\}):)?(?<target>[0-9]+(?:-[0-9]+)?)(?:\/(?<proto>[a-z]+))?$/i;

const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

function parseRange(text: string): [number, number] | undefined {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 0 || hi > 65535 || hi < lo) return undefined;
  return [lo, hi];
}

/** The long form `{target, published, host_ip, protocol, mode, name, app_protocol}`. */
export function portOfMapping(item: Record<string, unknown>): ServicePort | string {
  const target = Number(item.target);
  if (!Number.isInteger(target) || target < 1 || target > 65535) return `target port ${JSON.stringify(item.target)} is not a port number (1-65535)`;
  const protocol = String(item.protocol ?? 'tcp').toLowerCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) return `unknown protocol "${item.protocol}"`;
  const port: ServicePort = { target, protocol };
  if (item.published !== undefined && item.published !== null && item.published !== '') {
    port.published = String(item.published);
    if (!parseRange(port.published)) return `published port ${JSON.stringify(item.published)} is not a port number or range`;
  }
  if (typeof item.host_ip === 'string' && item.host_ip) port.host_ip = item.host_ip;
  if (item.mode === 'host' || item.mode === 'ingress') port.mode = item.mode;
  if (typeof item.name === 'string') port.name = item.name;
  if (typeof item.app_protocol === 'string') port.app_protocol = item.app_protocol;
  return port;
}

/** The short syntax: one entry per container port of a range, host ports in step. */
export function portsOfText(text: string): ServicePort[] | string {
  const m = PORT_RE.exec(text.trim());
  if (!m?.groups) return `"${text}" is not a valid port mapping`;
  const g = m.groups;
  const protocol = (g.proto ?? 'tcp').toLowerCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) return `unknown protocol "${g.proto}" in "${text}"`;
  const targets = parseRange(g.target);
  if (!targets || targets[0] === 0) return `container port "${g.target}" in "${text}" is not a port number (1-65535)`;
  const published = g.published ? parseRange(g.published) : undefined;
  if (g.published && !published) return `host port "${g.published}" in "${text}" is not a port number or range`;
  const hostIp = g.ip6 ?? (g.ip || undefined);
  const count = targets[1] - targets[0] + 1;
  if (published && published[1] - published[0] + 1 !== count && count !== 1) return `"${text}" maps ${count} container ports to ${published[1] - published[0] + 1} host ports`;
  const out: ServicePort[] = [];
  for (let k = 0; k < count; k++) {
    const port: ServicePort = { target: targets[0] + k, protocol, mode: 'ingress' };
    if (published) port.published = count === 1 && published[0] !== published[1] ? `${published[0]}-${published[1]}` : String(published[0] + k);
    if (hostIp) port.host_ip = hostIp;
    out.push(port);
  }
  return out;
}
