// --volumes (Kompose's flag): what a named volume becomes, and the bind-mount mode it implies.
//   persistentVolumeClaim (default) → the claim storage.ts makes
//   emptyDir  → an emptyDir: the data lasts as long as the pod (reported once per volume)
//   hostPath  → for a volume whose driver_opts bind a host directory (`type: none, o: bind,
//               device: DIR`, docker's local driver), that directory, as a bind mount of it would
//               be; any other named volume has no host path and stays a claim (reported). Kompose
//               mounts the compose file's own directory for every such volume instead.
//   configMap → for such a volume, the directory's files in a ConfigMap, as a bind mount of it
//               would be; any other has no files on the host and stays a claim (reported). Kompose
//               stops with an error there.
// Bind mounts follow --volumes emptyDir / hostPath / configMap unless --bind-mounts is given.
// External volumes are claims that exist already: --volumes does not change them.

import * as posixPath from 'node:path/posix';
import type { CodeOf } from '../../common/diagnostic-codes';
import type { PlanContext } from '../base/context';
import type { BindMountMode, ConversionOptions } from '../base/options';
import { isRecord } from '../../common/records';

/** `--bind-mounts`, else what `--volumes` implies for bind mounts, else `auto`. */
export function bindMountMode(options: ConversionOptions): BindMountMode {
  if (options.bindMounts) return options.bindMounts;
  return options.volumes === 'emptyDir' || options.volumes === 'hostPath' || options.volumes === 'configMap' ? options.volumes : 'auto';
}

/** The host directory a named volume binds (`driver: local`, `driver_opts: { o: bind, device: DIR }`). */
export function bindDeviceOf(def: Record<string, unknown>, projectDir: string): string | undefined {
  if (def.driver !== undefined && def.driver !== 'local') return undefined;
  const opts = isRecord(def.driver_opts) ? def.driver_opts : undefined;
  if (!opts || typeof opts.device !== 'string' || opts.device === '') return undefined;
  if (!String(opts.o ?? '').split(',').map((o) => o.trim()).includes('bind')) return undefined;
  return posixPath.resolve(projectDir, opts.device);
}

export type NamedVolumeChoice = { readonly kind: 'claim' } | { readonly kind: 'emptyDir' } | { readonly kind: 'bind'; readonly device: string; readonly mode: 'hostPath' | 'configMap' };

/**
 * What the named volume `volume` becomes under `--volumes`, reported once per volume (`reported`
 * remembers which were). `path` is the mount that asks, for volumes not declared at top level.
 */
export function namedVolumeChoice(volume: string, ctx: PlanContext, path: string, reported: Set<string>): NamedVolumeChoice {
  const mode = ctx.options.volumes ?? 'persistentVolumeClaim';
  const def = ctx.project.volumes[volume] ?? {};
  if (mode === 'persistentVolumeClaim' || def.external === true) return { kind: 'claim' };
  const at = ctx.at(ctx.project.sourceMap.exact(`volumes.${volume}`) ? `volumes.${volume}` : path);
  const report = (code: CodeOf<'warning'>, message: string, hint: string) => {
    if (reported.has(volume)) return;
    reported.add(volume);
    ctx.diags.warn(code, message, { ...at, hint });
  };
  if (mode === 'emptyDir') {
    const users = Object.values(ctx.project.services).filter((s) => (s.volumes ?? []).some((m) => m.type === 'volume' && m.source === volume));
    const shared = users.length > 1 ? `; ${users.map((s) => `"${s.name}"`).join(', ')} share it only while they run in one pod` : '';
    report('volume-empty-dir', `named volume "${volume}" becomes an emptyDir (--volumes emptyDir): its data lasts only as long as the pod${shared}`, 'drop --volumes emptyDir to keep it in a PersistentVolumeClaim');
    return { kind: 'emptyDir' };
  }
  const device = bindDeviceOf(def, ctx.project.workingDir);
  if (device !== undefined) return { kind: 'bind', device, mode };
  const what = mode === 'hostPath' ? 'has no host directory to mount' : 'has no files on the host to put in a ConfigMap';
  report(
    mode === 'hostPath' ? 'volume-no-host-path' : 'volume-no-host-files',
    `named volume "${volume}" ${what} (--volumes ${mode}), so it stays a PersistentVolumeClaim`,
    `bind it to a host directory (driver_opts: { type: none, o: bind, device: /srv/${volume} }), or bind-mount the directory in the service`,
  );
  return { kind: 'claim' };
}
