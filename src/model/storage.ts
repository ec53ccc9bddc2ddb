// volumes / tmpfs → pod volumes, PersistentVolumeClaims and ConfigMaps.
//   named volume   → one PersistentVolumeClaim per volume, shared by every service that mounts it
//   anonymous      → emptyDir            tmpfs → emptyDir with medium Memory
//   bind mount     → by --bind-mounts: a file becomes a ConfigMap (mounted with subPath), a directory
//                    an emptyDir, both with a warning saying what is lost

import * as posixPath from 'node:path/posix';
import type { ComposeService, ServiceVolume } from '../compose/types';
import type { PlanContext } from './context';
import { toDns1123Label } from './names';
import { displayPath, isInside } from './paths';
import { DEFAULT_PVC_SIZE } from './options';
import { secretOfFile } from './file-objects';
import { subPathProblem } from './kube-rules';
import { isText, toObjectKey, tooLargeForObject } from './objects';
import { sizeToQuantity } from './quantities';
import type { ClaimPlan, ConfigMapPlan, PodVolume, VolumeMount } from './plan';

export interface PodStorage {
  readonly volumes: readonly PodVolume[];
  readonly mounts: readonly VolumeMount[];
  /** True when the pod mounts a ReadWriteOnce claim: two pods on two nodes cannot both run. */
  readonly mountsReadWriteOnceClaim: boolean;
}

/** Objects shared across services: one claim per named volume, one ConfigMap per bind-mounted file. */
export class SharedStorage {
  readonly claims = new Map<string, ClaimPlan>();
  readonly configMaps = new Map<string, ConfigMapPlan>();
}

export function storageFor(service: ComposeService, ctx: PlanContext, shared: SharedStorage): PodStorage {
  const volumes: PodVolume[] = [];
  const mounts: VolumeMount[] = [];
  let rwo = false;
  const podVolumeNames = new Set<string>();
  const uniqueVolumeName = (wanted: string) => {
    let name = toDns1123Label(wanted);
    for (let n = 2; podVolumeNames.has(name); n++) name = toDns1123Label(`${wanted}-${n}`);
    podVolumeNames.add(name);
    return name;
  };
  const mount = (m: VolumeMount) => mounts.push(m);

  (service.volumes ?? []).forEach((v, i) => {
    const path = ctx.servicePath(service, 'volumes', i);
    const readOnly = v.read_only ? { readOnly: true } : {};
    const subPath = v.volume?.subpath ? { subPath: v.volume.subpath } : {};
    const badSubPath = v.volume?.subpath ? subPathProblem(v.volume.subpath) : undefined;
    if (badSubPath) {
      ctx.diags.error('invalid-value', `subpath ${JSON.stringify(v.volume!.subpath)} ${badSubPath}`, { ...ctx.at(`${path}.volume.subpath`), hint: 'docker refuses it too: name a directory inside the volume' });
      return;
    }
    switch (v.type) {
      case 'volume': {
        if (!v.source) {
          const name = uniqueVolumeName(`anon-${i}`);
          volumes.push({ name, source: { kind: 'emptyDir' } });
          mount({ name, mountPath: v.target, ...readOnly });
          return;
        }
        const claimName = claimFor(v.source, ctx, shared, path);
        const name = uniqueVolumeName(claimName);
        volumes.push({ name, source: { kind: 'claim', claimName, ...readOnly } });
        mount({ name, mountPath: v.target, ...readOnly, ...subPath });
        rwo = true;
        return;
      }
      case 'tmpfs': {
        const name = uniqueVolumeName(`tmpfs-${i}`);
        const sizeLimit = tmpfsSize(v.tmpfs?.size, ctx, `${path}.tmpfs.size`);
        volumes.push({ name, source: { kind: 'emptyDir', medium: 'Memory', ...(sizeLimit ? { sizeLimit } : {}) } });
        mount({ name, mountPath: v.target });
        return;
      }
      case 'bind': {
        const bound = bindMount(service, v, ctx, shared, path);
        if (!bound) return;
        const name = uniqueVolumeName(bound.volumeName);
        volumes.push({ name, source: bound.source });
        mount({ name, mountPath: v.target, ...readOnly, ...(bound.subPath ? { subPath: bound.subPath } : {}) });
        return;
      }
      default:
        ctx.diags.warn('unsupported-volume-type', `volume type "${v.type}" has no Kubernetes equivalent; the mount at ${v.target} is dropped`, ctx.at(path));
    }
  });

  (service.tmpfs ?? []).forEach((entry, i) => {
    // `/run:size=64m,mode=1777`: only the size has a Kubernetes counterpart.
    const [target, options = ''] = entry.split(/:(.*)/s);
    const size = options.split(',').find((o) => o.startsWith('size='))?.slice('size='.length);
    const sizeLimit = tmpfsSize(size, ctx, ctx.servicePath(service, 'tmpfs', i));
    const name = uniqueVolumeName(`tmpfs-${i}`);
    volumes.push({ name, source: { kind: 'emptyDir', medium: 'Memory', ...(sizeLimit ? { sizeLimit } : {}) } });
    mount({ name, mountPath: target });
  });
  return { volumes, mounts, mountsReadWriteOnceClaim: rwo };
}

/** `100m`, `1.5g`, or bytes → a Kubernetes quantity (compose sizes are binary, see quantities.ts). */
function tmpfsSize(size: unknown, ctx: PlanContext, path: string): string | undefined {
  if (size === undefined || size === null) return undefined;
  const quantity = sizeToQuantity(size);
  if (quantity === undefined) ctx.diags.error('invalid-value', `tmpfs size ${JSON.stringify(size)} is not a size`, { ...ctx.at(path), hint: 'e.g. "64m" (MiB) or a number of bytes' });
  return quantity;
}

function claimFor(volume: string, ctx: PlanContext, shared: SharedStorage, path: string): string {
  const existing = shared.claims.get(volume);
  if (existing) return existing.metadata.name;
  const def = ctx.project.volumes[volume] ?? {};
  const volumePath = `volumes.${volume}`;
  if (def.external === true) {
    const name = toDns1123Label(typeof def.name === 'string' ? def.name : volume);
    ctx.diags.warn('external-volume', `external volume "${volume}" is used as the existing PersistentVolumeClaim "${name}", which is not created`, {
      ...ctx.at(volumePath),
      hint: `create the claim "${name}" in the target namespace before applying`,
    });
    shared.claims.set(volume, { metadata: { name, labels: {} }, size: '', accessModes: [] });
    return name;
  }
  if (def.driver !== undefined || def.driver_opts !== undefined) {
    ctx.diags.warn('volume-driver', `volume driver settings of "${volume}" have no Kubernetes equivalent; a PersistentVolumeClaim of the default storage class is used`, {
      ...ctx.at(volumePath),
      hint: 'pick a storage class that provides the same storage',
    });
  }
  const name = ctx.names.claim('PersistentVolumeClaim', toDns1123Label(volume), `volume "${volume}"`, ctx.at(ctx.project.sourceMap.exact(volumePath) ? volumePath : path));
  shared.claims.set(volume, {
    metadata: { name, labels: ctx.objectLabels() },
    size: ctx.options.pvcSize ?? DEFAULT_PVC_SIZE,
    accessModes: ['ReadWriteOnce'],
  });
  return name;
}

interface BoundMount {
  readonly volumeName: string;
  readonly source: PodVolume['source'];
  readonly subPath?: string;
}

function bindMount(service: ComposeService, v: ServiceVolume, ctx: PlanContext, shared: SharedStorage, path: string): BoundMount | undefined {
  const source = v.source ?? '';
  const mode = ctx.options.bindMounts ?? 'auto';
  const shown = displayPath(source, ctx.project.workingDir);
  if (mode === 'skip') {
    ctx.diags.warn('bind-mount-skipped', `bind mount ${shown} → ${v.target} is skipped (--bind-mounts skip)`, ctx.at(path));
    return undefined;
  }
  if (mode === 'hostPath') {
    ctx.diags.warn('bind-mount-host-path', `bind mount ${shown} becomes a hostPath volume: the path must exist on every node that runs "${service.name}"`, {
      ...ctx.at(path),
      hint: 'hostPath ties pods to node contents; prefer --bind-mounts auto for files',
    });
    return { volumeName: `bind-${posixPath.basename(v.target)}`, source: { kind: 'hostPath', path: source } };
  }
  const kind = mode === 'emptyDir' ? undefined : ctx.host.stat(source);
  const secret = kind === 'file' ? secretOfFile(source, ctx) : undefined;
  if (secret !== undefined) {
    // A ConfigMap is readable by anyone who may read ConfigMaps: a secret's file never goes there.
    ctx.diags.warn('bind-mount-secret-file', `bind mount ${shown} → ${v.target} is the file of secret "${secret}" and is not put in a ConfigMap; the mount is left out`, {
      ...ctx.at(path),
      hint: `mount it as a secret: secrets: [{ source: ${secret}, target: ${v.target} }]`,
    });
    return undefined;
  }
  if (kind === 'file') {
    const configMap = configMapForFile(source, ctx, shared, path);
    if (configMap) return { volumeName: configMap.name, source: { kind: 'configMap', configMapName: configMap.name }, subPath: configMap.key };
  } else if (mode === 'auto' && isInside(source, service.build?.context)) {
    ctx.diags.warn('bind-mount-build-context', `bind mount ${shown} → ${v.target} overlays the build context of "${service.name}" for live editing; it is left out, so the pod runs the files built into the image`, {
      ...ctx.at(path),
      hint: 'an emptyDir here would hide the image\'s files; make sure the Dockerfile COPYs them',
    });
    return undefined;
  }
  const what = kind === 'directory' ? 'directory' : kind === 'file' ? 'file' : 'path (not found)';
  ctx.diags.warn('bind-mount-empty-dir', `bind mount of the host ${what} ${shown} becomes an empty emptyDir at ${v.target}: the host's files are not in the pod`, {
    ...ctx.at(path),
    hint: 'bake the files into the image, or use a named volume, a config, or --bind-mounts hostPath',
  });
  return { volumeName: `bind-${posixPath.basename(v.target) || 'root'}`, source: { kind: 'emptyDir' } };
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
  const tooLarge = tooLargeForObject({ [key]: text }, 'ConfigMap', `bind-mounted file ${shown}`);
  if (tooLarge) {
    ctx.diags.warn('bind-mount-too-large', `${tooLarge}; the mount is left out`, { ...ctx.at(path), hint: 'COPY the file into the image in its Dockerfile, or put it on a volume' });
    return undefined;
  }
  const relative = posixPath.relative(ctx.project.workingDir, file);
  const wanted = toDns1123Label(relative.startsWith('..') ? posixPath.basename(file) : relative);
  const name = ctx.names.claim('ConfigMap', wanted, `file ${shown}`, ctx.at(path));
  shared.configMaps.set(file, { metadata: { name, labels: ctx.objectLabels() }, data: { [key]: text }, origin: path });
  return { name, key };
}

