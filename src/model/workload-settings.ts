// A service's cluster settings, resolved once: top-level x-k8s < kompose.* labels < the service's
// x-k8s (maps merge key by key, everything else is replaced), and applied to its workload, its
// claims and its Service.

import type { ComposeService } from '../compose/types';
import type { PlanContext } from './context';
import { komposeSettings } from './kompose';
import { toDns1123Label } from './names';
import { isScalable, planAutoscaler } from './autoscale';
import type { AutoscalerPlan, ClaimPlan, WorkloadPlan } from './plan';
import type { AutoscaleSpec } from './scaling-types';
import type { ServiceShape } from './service-shape';
import type { SharedStorage } from './storage';
import { serviceXK8s, topLevelXK8s, type WorkloadSettings } from './x-k8s';

export interface ResolvedSettings {
  readonly settings: WorkloadSettings;
  /** kompose.hpa.* (x-k8s.autoscale is the scaling step's). */
  readonly autoscale?: AutoscaleSpec;
  /** Compose path that set each setting, for messages. */
  readonly from: Readonly<Partial<Record<keyof WorkloadSettings, string>>>;
}

const cache = new WeakMap<PlanContext, { top: WorkloadSettings; services: Map<string, ResolvedSettings> }>();

const MERGED_MAPS = new Set<keyof WorkloadSettings>(['nodeSelector', 'annotations', 'labels']);

/** The settings of one service; each source read (and its problems reported) once per conversion. */
export function settingsOf(service: ComposeService, ctx: PlanContext): ResolvedSettings {
  let entry = cache.get(ctx);
  if (!entry) cache.set(ctx, (entry = { top: topLevelXK8s(ctx.project, ctx.diags), services: new Map() }));
  const known = entry.services.get(service.name);
  if (known) return known;
  const kompose = komposeSettings(service, ctx);
  const own = serviceXK8s(service, ctx.project, ctx.diags);
  const layers: [WorkloadSettings, (key: string) => string][] = [
    [entry.top, (k) => `x-k8s.${k}`],
    [kompose.settings, () => ctx.servicePath(service, 'labels')],
    [own, (k) => ctx.servicePath(service, 'x-k8s', k)],
  ];
  const settings: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [layer, pathOf] of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof WorkloadSettings, unknown][]) {
      if (value === undefined) continue;
      settings[key] = MERGED_MAPS.has(key) ? { ...(settings[key] as object), ...(value as object) } : value;
      from[key] = pathOf(key);
    }
  }
  const resolved: ResolvedSettings = { settings: settings as WorkloadSettings, ...(kompose.autoscale ? { autoscale: kompose.autoscale } : {}), from };
  entry.services.set(service.name, resolved);
  return resolved;
}

/** Pod scheduling, identity and pull settings, and extra labels and annotations, on a workload. */
export function applyWorkloadSettings(w: WorkloadPlan, service: ComposeService, s: WorkloadSettings): WorkloadPlan {
  const mainName = toDns1123Label(service.name);
  const pullSecrets = [...(w.pod.imagePullSecrets ?? []).map((p) => p.name), ...(s.imagePullSecrets ?? [])];
  const pod = {
    ...w.pod,
    ...(s.nodeSelector ? { nodeSelector: { ...w.pod.nodeSelector, ...s.nodeSelector } } : {}),
    ...(s.tolerations ? { tolerations: s.tolerations } : {}),
    ...(s.serviceAccountName ? { serviceAccountName: s.serviceAccountName } : {}),
    ...(pullSecrets.length ? { imagePullSecrets: [...new Set(pullSecrets)].map((name) => ({ name })) } : {}),
    containers: s.imagePullPolicy ? w.pod.containers.map((c) => (c.name === mainName ? { ...c, imagePullPolicy: s.imagePullPolicy } : c)) : w.pod.containers,
  };
  const labels = s.labels ? { ...s.labels, ...w.metadata.labels } : w.metadata.labels;
  const annotations = s.annotations ? { ...w.metadata.annotations, ...s.annotations } : w.metadata.annotations;
  return {
    ...w,
    metadata: { ...w.metadata, labels, ...(annotations ? { annotations } : {}) },
    podLabels: s.labels ? { ...s.labels, ...w.podLabels } : w.podLabels,
    ...(s.annotations ? { podAnnotations: { ...w.podAnnotations, ...s.annotations } } : {}),
    pod,
  };
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

/** The Service shape a service's settings ask for, if any. */
export function serviceShapeOf(r: ResolvedSettings): ServiceShape | undefined {
  const svc = r.settings.service;
  if (!svc) return undefined;
  return {
    ...(svc.type === 'Headless' ? { headless: true } : svc.type ? { type: svc.type } : {}),
    ...(svc.nodePort !== undefined ? { nodePort: svc.nodePort } : {}),
    ...(svc.annotations ? { annotations: svc.annotations } : {}),
    from: r.from.service ?? '',
  };
}

/** kompose.hpa.* → HorizontalPodAutoscalers for the workloads that can scale; the scaling step adds requests. */
export function komposeAutoscalers(ctx: PlanContext, workloads: readonly WorkloadPlan[]): AutoscalerPlan[] {
  const out: AutoscalerPlan[] = [];
  for (const w of workloads) {
    const service = ctx.project.services[w.service];
    const spec = service ? settingsOf(service, ctx).autoscale : undefined;
    if (!spec) continue;
    if (!isScalable(w)) {
      ctx.diags.warn('kompose-label', `kompose.hpa.*: "${w.service}" runs as a ${w.kind}, which an autoscaler cannot scale; no HorizontalPodAutoscaler is made`, ctx.at(ctx.servicePath(service, 'labels')));
      continue;
    }
    out.push(planAutoscaler(w, spec));
  }
  return out;
}

/** Service shapes asked for by x-k8s.service or kompose.service.type / nodeport.port, by compose service. */
export function serviceShapes(ctx: PlanContext): Map<string, ServiceShape> {
  const shapes = new Map<string, ServiceShape>();
  for (const name of Object.keys(ctx.project.services).sort()) {
    const shape = serviceShapeOf(settingsOf(ctx.project.services[name], ctx));
    if (shape) shapes.set(name, shape);
  }
  return shapes;
}
