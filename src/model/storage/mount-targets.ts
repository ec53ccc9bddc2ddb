// Where a service's compose mounts land in its container: volumes, tmpfs, secrets and configs, by
// target. Docker refuses two mounts at one target ("duplicate mount point"), and the API server
// refuses two volumeMounts with one mountPath (ValidateVolumeMounts): an error at the second one.

import * as posixPath from 'node:path/posix';
import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { targetOf } from './file-objects';

export interface MountTarget {
  readonly target: string;
  /** The compose path of the mount. */
  readonly path: string;
}

/** Every compose mount of the service with its target, normalised as docker compares them. */
export function mountTargets(service: ComposeService, ctx: PlanContext): MountTarget[] {
  const at = (...keys: (string | number)[]) => ctx.servicePath(service, ...keys);
  return [
    ...(service.volumes ?? []).map((v, i) => ({ target: v.target, path: at('volumes', i) })),
    ...(service.tmpfs ?? []).map((entry, i) => ({ target: entry.split(':')[0], path: at('tmpfs', i) })),
    ...(service.secrets ?? []).map((ref, i) => ({ target: targetOf('secrets', ref), path: at('secrets', i) })),
    ...(service.configs ?? []).map((ref, i) => ({ target: targetOf('configs', ref), path: at('configs', i) })),
  ].map((m) => ({ ...m, target: posixPath.normalize(m.target).replace(/(.)\/$/, '$1') }));
}

export function checkMountTargets(service: ComposeService, ctx: PlanContext): void {
  const first = new Map<string, string>();
  for (const m of mountTargets(service, ctx)) {
    const earlier = first.get(m.target);
    if (earlier === undefined) first.set(m.target, m.path);
    else ctx.diags.error('duplicate-mount', `${m.target} is already mounted by ${earlier}`, { ...ctx.at(m.path), hint: 'docker refuses two mounts at one path too; give each its own target' });
  }
}
