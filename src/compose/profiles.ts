// Profiles (spec 15-profiles.md): a service with `profiles:` is off unless one of them is active
// (`--profile P`, repeatable; else COMPOSE_PROFILES; `*` turns on all). A service without profiles
// is always on. An active service that needs a disabled one is an error, as in docker compose.

import type { Diagnostics } from '../common/diagnostics';
import { parseLink } from './references';
import { joinPath } from '../common/source-map';
import type { ComposeProject, ComposeService } from './types';

export function isEnabled(service: ComposeService, active: readonly string[]): boolean {
  const profiles = service.profiles ?? [];
  return profiles.length === 0 || active.includes('*') || profiles.some((p) => active.includes(p));
}

/** Removes the disabled services from the project; returns their names. */
export function applyProfiles(project: ComposeProject, active: readonly string[], diags: Diagnostics): string[] {
  const disabled = Object.values(project.services).filter((s) => !isEnabled(s, active));
  for (const s of disabled) delete project.services[s.name];
  const off = new Map(disabled.map((s) => [s.name, s]));
  const report = (user: string, target: string, path: string, how: string) => {
    const profiles = off.get(target)!.profiles ?? [];
    diags.error('disabled-service', `service "${user}" ${how} service "${target}", which is disabled by its profiles (${profiles.join(', ')})`, {
      path,
      pos: project.sourceMap.get(path),
      hint: `enable it with ${profiles.map((p) => `--profile ${p}`).join(' or ')}, or give "${user}" the same profile`,
    });
  };
  for (const [name, service] of Object.entries(project.services)) {
    const base = joinPath('services', name);
    for (const [dep, spec] of Object.entries(service.depends_on ?? {})) {
      if (off.has(dep) && spec.required) report(name, dep, joinPath(joinPath(base, 'depends_on'), dep), 'depends on');
    }
    (service.links ?? []).forEach((link, i) => {
      const target = parseLink(link).service;
      if (off.has(target)) report(name, target, joinPath(joinPath(base, 'links'), i), 'links to');
    });
    const mode = typeof service.network_mode === 'string' ? /^service:(.+)$/.exec(service.network_mode) : null;
    if (mode && off.has(mode[1])) report(name, mode[1], joinPath(base, 'network_mode'), 'shares the network of');
  }
  return disabled.map((s) => s.name);
}
