// Reference checks, after normalisation: every name a service uses must be defined somewhere.

import type { Diagnostics } from '../common/diagnostics';
import { joinPath } from '../common/source-map';
import type { ComposeProject } from './types';

/** `svc:alias` → { service, alias }. */
export function parseLink(link: string): { service: string; alias: string } {
  const at = link.indexOf(':');
  return at < 0 ? { service: link, alias: link } : { service: link.slice(0, at), alias: link.slice(at + 1) };
}

/**
 * Services, volumes, networks, secrets and configs named anywhere must exist. `disabled` holds the
 * services turned off by profiles: references to them were already reported by profiles.ts.
 */
export function checkReferences(project: ComposeProject, diags: Diagnostics, disabled: ReadonlySet<string> = new Set()): void {
  const at = (path: string) => ({ path, pos: project.sourceMap.get(path) });
  const known = (svc: string) => svc in project.services || disabled.has(svc);
  for (const [name, service] of Object.entries(project.services)) {
    const base = joinPath('services', name);
    const mode = typeof service.network_mode === 'string' ? /^service:(.*)$/.exec(service.network_mode) : null;
    if (mode && !known(mode[1])) {
      diags.error('undefined-service', `service "${name}" shares the network of undefined service "${mode[1]}"`, at(joinPath(base, 'network_mode')));
    }
    const volumesFrom = Array.isArray(service.volumes_from) ? service.volumes_from : [];
    volumesFrom.forEach((v, i) => {
      const source = String(v).split(':')[0];
      if (source !== 'container' && !known(source)) {
        diags.error('undefined-service', `service "${name}" mounts the volumes of undefined service "${source}"`, at(joinPath(joinPath(base, 'volumes_from'), i)));
      }
    });
    (service.links ?? []).forEach((link, i) => {
      const target = parseLink(link).service;
      if (!known(target)) {
        diags.error('undefined-service', `service "${name}" links to undefined service "${target}"`, at(joinPath(joinPath(base, 'links'), i)));
      }
    });
    for (const dep of Object.keys(service.depends_on ?? {})) {
      if (!known(dep) && service.depends_on![dep].required) {
        diags.error('undefined-service', `service "${name}" depends on undefined service "${dep}"`, at(joinPath(joinPath(base, 'depends_on'), dep)));
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
          diags.error(kind === 'secrets' ? 'undefined-secret' : 'undefined-config', `service "${name}" refers to undefined ${kind.slice(0, -1)} "${ref.source}"`, at(joinPath(joinPath(base, kind), i)));
        }
      });
    }
    const models = service.models && typeof service.models === 'object' ? Object.keys(service.models) : [];
    for (const model of models) {
      if (!(model in (project.models ?? {}))) {
        diags.error('undefined-model', `service "${name}" refers to undefined model "${model}"`, at(joinPath(joinPath(base, 'models'), model)));
      }
    }
    for (const net of Object.keys(service.networks ?? {})) {
      if (net !== 'default' && !(net in project.networks)) {
        diags.error('undefined-network', `service "${name}" refers to undefined network "${net}"`, at(joinPath(joinPath(base, 'networks'), net)));
      }
    }
  }
}

/** depends_on must not loop (docker compose: "dependency cycle detected"); each cycle is reported once. */
export function checkDependencyCycles(project: ComposeProject, diags: Diagnostics): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of Object.keys(project.services[name]?.depends_on ?? {})) {
      if (!(dep in project.services)) continue;
      if (state.get(dep) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const path = joinPath(joinPath(joinPath('services', name), 'depends_on'), dep);
        diags.error('dependency-cycle', `dependency cycle detected: ${cycle.join(' -> ')}`, {
          path,
          pos: project.sourceMap.get(path),
          hint: 'remove one of these depends_on entries',
        });
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(project.services)) if (!state.has(name)) visit(name);
}
