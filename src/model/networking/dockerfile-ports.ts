// Ports a locally built image declares with EXPOSE, so a built service that others reach by name
// gets a Service without an `expose:` line — compose's network needs none, Kubernetes does.

import * as posixPath from 'node:path/posix';
import { isRemoteContext } from '../../compose/paths';
import type { ComposeService, Protocol } from '../../compose/types';
import type { Host } from '../../common/host';
import type { KnownPort } from '../base/known-images';

/** EXPOSE lines of the final build stage: `EXPOSE 80 443/tcp 53/udp 8000-8002`. Variables are skipped. */
export function parseExposedPorts(dockerfile: string): KnownPort[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let ports: KnownPort[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (/^FROM\s/i.test(line)) ports = []; // a new stage: only the last one's EXPOSE counts
    const m = /^EXPOSE\s+(.+)$/i.exec(line);
    if (!m) continue;
    for (const word of m[1].split(/\s+/)) {
      const p = /^([0-9]+)(?:-([0-9]+))?(?:\/(tcp|udp|sctp))?$/i.exec(word);
      if (!p) continue;
      const lo = Number(p[1]);
      const hi = p[2] ? Number(p[2]) : lo;
      if (lo < 1 || hi > 65535 || hi < lo || hi - lo > 1000) continue;
      const protocol = (p[3]?.toLowerCase() ?? 'tcp') as Protocol;
      for (let port = lo; port <= hi; port++) {
        if (!ports.some((k) => k.port === port && k.protocol === protocol)) ports.push({ port, protocol });
      }
    }
  }
  return ports;
}

/** The EXPOSEd ports of a service's local Dockerfile, or undefined when there is none to read. */
export function dockerfilePortsOf(service: ComposeService, host: Host): readonly KnownPort[] | undefined {
  const build = service.build;
  if (!build || isRemoteContext(build.context) || typeof build.dockerfile_inline === 'string') {
    return typeof build?.dockerfile_inline === 'string' ? parseExposedPorts(build.dockerfile_inline) : undefined;
  }
  const dockerfile = posixPath.resolve(build.context, build.dockerfile ?? 'Dockerfile');
  const text = host.readFile(dockerfile);
  if (text === undefined) return undefined;
  const ports = parseExposedPorts(text);
  return ports.length > 0 ? ports : undefined;
}
