// Reference checks, after normalisation: every name a service uses must be defined somewhere.

import type { Diagnostics } from '../diagnostics';
import { joinPath } from './source-map';
import type { ComposeProject } from './types';

/** `svc:alias` → { service, alias }. */
export function parseLink(link: string): { service: string; alias: string } {
  const at = link.indexOf(':');
  return at < 0 ? { service: link, alias: link } : { service: link.slice(0, at), alias: link.slice(at + 1) };
}

export function checkReferences(project: ComposeProject, diags: Diagnostics): void {
  const at = (path: string) => ({ path, pos: project.sourceMap.get(path) });
  for (const [name, service] of Object.entries(project.services)) {
    const base = joinPath('services', name);
    (service.links ?? []).forEach((link, i) => {
      const target = parseLink(link).service;
      if (!(target in project.services)) {
        diags.error('undefined-service', `service "${name}" links to undefined service "${target}"`, at(joinPath(joinPath(base, 'links'), i)));
      }
    });
    for (const dep of Object.keys(service.depends_on ?? {})) {
      if (!(dep in project.services) && service.depends_on![dep].required) {
        diags.error('undefined-service', `service "${name}" depends on undefined service "${dep}"`, at(joinPath(base, 'depends_on')));
      }
    }
    (service.volumes ?? []).forEach((v, i) => {
      if (v.type === 'volume' && v.source && !(v.source in project.volumes)) {
        diags.error('undefined-volume', `service "${name}" refers to undefined volume "${v.source}"`, {
          ...at(joinPath(joinPath(base, 'volumes'), i)),
          hint: `declare it under the top-level "volumes:" key: volumes: { ${v.source}: {} }`,
        });
      }
    });
    for (const kind of ['secrets', 'configs'] as const) {
      (service[kind] ?? []).forEach((ref, i) => {
        if (!(ref.source in project[kind])) {
          diags.error(`undefined-${kind.slice(0, -1)}`, `service "${name}" refers to undefined ${kind.slice(0, -1)} "${ref.source}"`, at(joinPath(joinPath(base, kind), i)));
        }
      });
    }
    for (const net of Object.keys(service.networks ?? {})) {
      if (net !== 'default' && !(net in project.networks)) {
        diags.error('undefined-network', `service "${name}" refers to undefined network "${net}"`, at(joinPath(joinPath(base, 'networks'), net)));
      }
    }
  }
}
