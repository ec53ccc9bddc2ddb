// volumes / tmpfs → pod volumes, PersistentVolumeClaims and ConfigMaps.
//   named volume   → one PersistentVolumeClaim per volume, shared by every service that mounts it
//   anonymous      → emptyDir            tmpfs → emptyDir with medium Memory
//   bind mount     → by --bind-mounts: a file becomes a ConfigMap (mounted with subPath), a directory
//                    an emptyDir (or with configMap, a ConfigMap of its files), with a warning saying what is lost
// --volumes can turn named volumes into emptyDirs, hostPaths or ConfigMaps instead (volume-modes.ts).

import * as posixPath from 'node:path/posix';
import type { ComposeService, ServiceVolume } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { toDns1123Label, uniqueName } from '../base/names';
import { displayPath, filesUnder, isInside } from '../base/paths';
import { secretOfFile } from './file-objects';
import { subPathProblem } from '../base/kube-rules';
import { claimFor } from './claims';
import { isText, toObjectKey, tooLargeForObject, type KeyToPath, type SharedStorage } from '../base/objects';
import { sizeToQuantity } from '../base/compose-sizes';
import { bindMountMode, namedVolumeChoice } from './volume-modes';
import type { PodVolume, VolumeMount } from '../base/plan';

export interface PodStorage {
  readonly volumes: readonly PodVolume[];
  readonly mounts: readonly VolumeMount[];
  /** True when the pod mounts a ReadWriteOnce claim: two pods on two nodes cannot both run. */
  readonly mountsReadWriteOnceClaim: boolean;
}

export function storageFor(service: ComposeService, ctx: PlanContext, shared: SharedStorage): PodStorage {
  const volumes: PodVolume[] = [];
  const mounts: VolumeMount[] = [];
  let rwo = false;
  const podVolumeNames = new Set<string>();
  const uniqueVolumeName = (wanted: string) => {
    const name = uniqueName(toDns1123Label(wanted), (n) => podVolumeNames.has(n));
    podVolumeNames.add(name);
    return name;
  };
  const mount = (m: VolumeMount) => mounts.push(m);
  const memoryVolume = (wanted: string, mountPath: string, sizeLimit: string | undefined) => {
    const name = uniqueVolumeName(wanted);
    volumes.push({ name, source: { kind: 'emptyDir', medium: 'Memory', ...(sizeLimit ? { sizeLimit } : {}) } });
    mount({ name, mountPath });
  };
  const mountBound = (v: ServiceVolume, bound: BoundMount | undefined) => {
    if (!bound) return;
    const name = uniqueVolumeName(bound.volumeName);
    volumes.push({ name, source: bound.source });
    mount({ name, mountPath: v.target, ...(v.read_only ? { readOnly: true } : {}), ...(bound.subPath ? { subPath: bound.subPath } : {}) });
  };

  (service.volumes ?? []).forEach((v, i) => {
    const path = ctx.servicePath(service, 'volumes', i);
    const readOnly = v.read_only ? { readOnly: true } : {};
    if (refusedSubPath(v, ctx, path)) return;
    switch (v.type) {
      case 'volume': {
        if (!v.source) {
          const name = uniqueVolumeName(`anon-${i}`);
          volumes.push({ name, source: { kind: 'emptyDir' } });
          mount({ name, mountPath: v.target, ...readOnly });
          return;
        }
        const bound = namedVolume(service, v, ctx, shared, path);
        mountBound(v, bound);
        if (bound?.source.kind === 'claim') rwo = true;
        return;
      }
      case 'tmpfs':
        memoryVolume(`tmpfs-${i}`, v.target, tmpfsSize(v.tmpfs?.size, ctx, `${path}.tmpfs.size`));
        return;
      case 'bind':
        mountBound(v, bindMount(service, v, ctx, shared, path));
        return;
      default:
        ctx.diags.warn('unsupported-volume-type', `volume type "${v.type}" has no Kubernetes equivalent; the mount at ${v.target} is dropped`, ctx.at(path));
    }
  });

  (service.tmpfs ?? []).forEach((entry, i) => {
    // `/run:size=64m,mode=1777`: only the size has a Kubernetes counterpart.
    const [target, options = ''] = entry.split(/:(.*)/s);
    const size = options.split(',').find((o) => o.startsWith('size='))?.slice('size='.length);
    memoryVolume(`tmpfs-${i}`, target, tmpfsSize(size, ctx, ctx.servicePath(service, 'tmpfs', i)));
  });
  return { volumes, mounts, mountsReadWriteOnceClaim: rwo };
}

/** A volume's subpath that leaves the volume: docker refuses it too, so it is an error. */
function refusedSubPath(v: ServiceVolume, ctx: PlanContext, path: string): boolean {
  const problem = v.volume?.subpath ? subPathProblem(v.volume.subpath) : undefined;
  if (problem) ctx.diags.error('invalid-value', `subpath ${JSON.stringify(v.volume!.subpath)} ${problem}`, { ...ctx.at(`${path}.volume.subpath`), hint: 'docker refuses it too: name a directory inside the volume' });
  return Boolean(problem);
}

/** `100m`, `1.5g`, or bytes → a Kubernetes quantity (compose sizes are binary, see compose-sizes.ts). */
function tmpfsSize(size: unknown, ctx: PlanContext, path: string): string | undefined {
  if (size === undefined || size === null) return undefined;
  const quantity = sizeToQuantity(size);
  if (quantity === undefined) ctx.diags.error('invalid-value', `tmpfs size ${JSON.stringify(size)} is not a size`, { ...ctx.at(path), hint: 'e.g. "64m" (MiB) or a number of bytes' });
  return quantity;
}

/** A named volume: its claim, or what --volumes makes of it (volume-modes.ts). */
function namedVolume(service: ComposeService, v: ServiceVolume, ctx: PlanContext, shared: SharedStorage, path: string): BoundMount | undefined {
  const volume = v.source!;
  const subPath = v.volume?.subpath ? { subPath: v.volume.subpath } : {};
  const choice = namedVolumeChoice(volume, ctx, path, shared.reportedVolumes);
  if (choice.kind === 'emptyDir') return { volumeName: volume, source: { kind: 'emptyDir', standsFor: `volume:${volume}` }, ...subPath };
  // Docker mounts a bind volume's device as a bind mount; a subpath is a directory inside it.
  if (choice.kind === 'bind') return bindMount(service, { ...v, type: 'bind', source: posixPath.join(choice.device, v.volume?.subpath ?? '') }, ctx, shared, path, choice.mode);
  const claimName = claimFor(volume, ctx, shared, path);
  return { volumeName: claimName, source: { kind: 'claim', claimName, ...(v.read_only ? { readOnly: true } : {}) }, ...subPath };
}

interface BoundMount {
  readonly volumeName: string;
  readonly source: PodVolume['source'];
  readonly subPath?: string;
}

/** `mode`: the bind-mount mode, unless a named volume's own (--volumes) applies. */
function bindMount(service: ComposeService, v: ServiceVolume, ctx: PlanContext, shared: SharedStorage, path: string, mode = bindMountMode(ctx.options)): BoundMount | undefined {
  const source = v.source ?? '';
  const shown = displayPath(source, ctx.project.workingDir);
  if (mode === 'skip') {
    ctx.diags.note('bind-mount-skipped', `bind mount ${shown} → ${v.target} is skipped (--bind-mounts skip)`, { ...ctx.at(path), item: `${shown} → ${v.target}` });
    return undefined;
  }
  if (mode === 'hostPath') {
    ctx.diags.warn('bind-mount-host-path', `bind mount ${shown} becomes a hostPath volume: the path must exist on every node that runs "${service.name}"`, {
      ...ctx.at(path),
      item: shown,
      hint: 'hostPath ties pods to node contents; prefer --bind-mounts auto for files',
    });
    return { volumeName: `bind-${posixPath.basename(v.target)}`, source: { kind: 'hostPath', path: source } };
  }
  const kind = ctx.host.stat(source);
  // --bind-mounts emptyDir: every bind mount, files too, becomes an emptyDir.
  const asFile = kind === 'file' && mode !== 'emptyDir';
  const secret = asFile ? secretOfFile(source, ctx) : undefined;
  if (secret !== undefined) {
    // A ConfigMap is readable by anyone who may read ConfigMaps: a secret's file never goes there.
    ctx.diags.warn('bind-mount-secret-file', `bind mount ${shown} → ${v.target} is the file of secret "${secret}" and is not put in a ConfigMap; the mount is left out`, {
      ...ctx.at(path),
      hint: `mount it as a secret: secrets: [{ source: ${secret}, target: ${v.target} }]`,
    });
    return undefined;
  }
  if (asFile) {
    const configMap = configMapForFile(source, ctx, shared, path);
    if (configMap) return { volumeName: configMap.name, source: { kind: 'configMap', configMapName: configMap.name }, subPath: configMap.key };
  } else if (kind === 'directory' && mode === 'configMap') {
    const configMap = configMapForDirectory(source, ctx, shared, path);
    if (configMap) return { volumeName: configMap.name, source: { kind: 'configMap', configMapName: configMap.name, ...(configMap.items ? { items: configMap.items } : {}) } };
  } else if (mode === 'auto' && isInside(source, service.build?.context)) {
    ctx.diags.warn('bind-mount-build-context', `bind mount ${shown} → ${v.target} overlays the build context of "${service.name}" for live editing; it is left out, so the pod runs the files built into the image`, {
      ...ctx.at(path),
      item: `${shown} → ${v.target}`,
      hint: 'an emptyDir here would hide the image\'s files; make sure the Dockerfile COPYs them',
    });
    return undefined;
  }
  const what = kind === 'directory' ? 'directory' : kind === 'file' ? 'file' : 'path (not found)';
  ctx.diags.warn('bind-mount-empty-dir', `bind mount of the host ${what} ${shown} becomes an empty emptyDir at ${v.target}: the host's files are not in the pod`, {
    ...ctx.at(path),
    item: `${shown} → ${v.target}`,
    hint: 'bake the files into the image, or use a named volume, a config, --bind-mounts configMap (the files in a ConfigMap) or --bind-mounts hostPath',
  });
  return { volumeName: `bind-${posixPath.basename(v.target) || 'root'}`, source: { kind: 'emptyDir', standsFor: `bind:${source}` } };
}

function configMapForFile(file: string, ctx: PlanContext, shared: SharedStorage, path: string): { name: string; key: string } | undefined {
  const key = toObjectKey(posixPath.basename(file));
  const existing = shared.configMaps.get(file);
  if (existing) return { name: existing.metadata.name, key };
  const text = ctx.host.readFile(file);
  const shown = displayPath(file, ctx.project.workingDir);
  if (text === undefined || !isText(text)) {
    ctx.diags.warn('bind-mount-binary', `bind-mounted file ${shown} is not UTF-8 text and cannot go into a ConfigMap`, { ...ctx.at(path), hint: 'bake it into the image' });
    return undefined;
  }
  const name = storeConfigMap(file, 'file', { [key]: text }, ctx, shared, path);
  return name === undefined ? undefined : { name, key };
}

/** Names and keeps the ConfigMap made from a host file or directory; undefined (reported) when it is too large. */
function storeConfigMap(source: string, what: 'file' | 'directory', data: Record<string, string>, ctx: PlanContext, shared: SharedStorage, path: string): string | undefined {
  const shown = displayPath(source, ctx.project.workingDir);
  const tooLarge = tooLargeForObject(data, 'ConfigMap', `bind-mounted ${what} ${shown}`);
  if (tooLarge) {
    ctx.diags.warn('bind-mount-too-large', `${tooLarge}; the mount is left out`, { ...ctx.at(path), hint: `COPY the ${what} into the image in its Dockerfile, or put it on a volume` });
    return undefined;
  }
  const relative = posixPath.relative(ctx.project.workingDir, source);
  const wanted = toDns1123Label(relative.startsWith('..') || relative === '' ? posixPath.basename(source) : relative);
  const name = ctx.names.claim('ConfigMap', wanted, `${what} ${shown}`, ctx.at(path));
  shared.configMaps.set(source, { metadata: { name, labels: ctx.objectLabels() }, data, origin: path });
  return name;
}

/**
 * `--bind-mounts configMap`: a directory's files, subdirectories included, as one ConfigMap mounted
 * in its place (read-only, as every ConfigMap volume is). A nested or renamed file gets an item
 * mapping its key back to its path. Binary files and the files of secrets are left out (reported).
 */
function configMapForDirectory(dir: string, ctx: PlanContext, shared: SharedStorage, path: string): { name: string; items?: KeyToPath[] } | undefined {
  const existing = shared.configMaps.get(dir);
  if (existing) return { name: existing.metadata.name, ...(shared.directoryItems.has(dir) ? { items: shared.directoryItems.get(dir) } : {}) };
  const shown = displayPath(dir, ctx.project.workingDir);
  const files = filesUnder(dir, ctx.host);
  if (!files) return undefined;
  const data: Record<string, string> = {};
  const items: KeyToPath[] = [];
  const left: string[] = [];
  for (const rel of files) {
    const text = ctx.host.readFile(`${dir}/${rel}`);
    const secret = secretOfFile(`${dir}/${rel}`, ctx);
    if (text === undefined || !isText(text) || secret !== undefined) {
      left.push(secret !== undefined ? `${rel} (the file of secret "${secret}")` : rel);
      continue;
    }
    let key = toObjectKey(rel);
    for (let n = 2; key in data; n++) key = toObjectKey(`${rel}_${n}`);
    data[key] = text;
    items.push({ key, path: rel });
  }
  if (left.length) {
    ctx.diags.warn('bind-mount-left-out', `bind-mounted directory ${shown}: ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} not UTF-8 text or a secret's file, and left out of its ConfigMap`, { ...ctx.at(path), hint: 'bake binary files into the image; mount secrets with secrets:' });
  }
  const name = storeConfigMap(dir, 'directory', data, ctx, shared, path);
  if (name === undefined) return undefined;
  // Without items every key is a file of the same name; items are needed once one differs.
  if (!items.some((i) => i.key !== i.path)) return { name };
  shared.directoryItems.set(dir, items);
  return { name, items };
}

