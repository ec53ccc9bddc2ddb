// PersistentVolumeClaims of named volumes: one per volume, shared by every service that mounts it,
// of --pvc-size (an environment resizes it later: scaling/); an external volume is a claim that
// exists already. x-k8s.volumeSize / storageClass and kompose.volume.* size the claims a service mounts.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { toDns1123Label } from '../base/names';
import type { SharedStorage } from '../base/objects';
import { DEFAULT_PVC_SIZE } from '../base/options';
import type { ClaimPlan } from '../base/plan';
import type { WorkloadSettings } from '../settings/x-k8s';

/** The claim of a named volume, made on first use; its name. */
export function claimFor(volume: string, ctx: PlanContext, shared: SharedStorage, path: string): string {
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

/** volumeSize / storageClass on the claims of the named volumes a service mounts. */
export function applyClaimSettings(service: ComposeService, s: WorkloadSettings, shared: SharedStorage): void {
  if (!s.volumeSize && !s.storageClass) return;
  for (const v of service.volumes ?? []) {
    if (v.type !== 'volume' || !v.source) continue;
    const claim = shared.claims.get(v.source);
    if (!claim || claim.accessModes.length === 0) continue; // external: not ours to size
    const sized: ClaimPlan = { ...claim, ...(s.volumeSize ? { size: s.volumeSize } : {}), ...(s.storageClass ? { storageClassName: s.storageClass } : {}) };
    shared.claims.set(v.source, sized);
  }
}
