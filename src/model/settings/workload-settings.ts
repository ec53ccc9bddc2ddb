// A service's cluster settings, resolved once per conversion: top-level x-k8s < kompose.* labels <
// the service's x-k8s (maps merge key by key, everything else is replaced), and applied to its
// workload. The planner passes them to the steps that read them: claims (claims.ts), the Service's
// shape (service-shape.ts), Ingresses, NetworkPolicies and kompose.hpa.* autoscalers.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { komposeSettings } from './kompose';
import { toDns1123Label } from '../base/names';
import type { WorkloadPlan } from '../base/plan';
import type { AutoscaleSpec, ServiceScaling } from '../base/scaling-types';
import { serviceXK8s, topLevelXK8s, type WorkloadSettings } from './x-k8s';

export interface ResolvedSettings {
  readonly settings: WorkloadSettings;
  /** kompose.hpa.* (x-k8s.autoscale is the scaling step's). */
  readonly autoscale?: AutoscaleSpec;
  /** The service's x-k8s scaling keys, checked, for the scaling step (the planner records them on the plan). */
  readonly scaling: ServiceScaling;
  /** Compose path that set each setting, for messages. */
  readonly from: Readonly<Partial<Record<keyof WorkloadSettings, string>>>;
}

/** Each compose service's settings, by name. */
export type SettingsByService = ReadonlyMap<string, ResolvedSettings>;

const MERGED_MAPS = new Set<keyof WorkloadSettings>(['nodeSelector', 'annotations', 'labels']);

/** The settings of every service, each source read (and its problems reported) once per conversion. */
export function resolveSettings(ctx: PlanContext): SettingsByService {
  const top = topLevelXK8s(ctx.project, ctx.diags);
  return new Map(Object.keys(ctx.project.services).sort().map((name) => [name, resolveOne(ctx.project.services[name], top, ctx)]));
}

function resolveOne(service: ComposeService, top: WorkloadSettings, ctx: PlanContext): ResolvedSettings {
  const kompose = komposeSettings(service, ctx);
  const { settings: own, scaling } = serviceXK8s(service, ctx.project, ctx.diags);
  const layers: [WorkloadSettings, (key: string) => string][] = [
    [top, (k) => `x-k8s.${k}`],
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
  return { settings: settings as WorkloadSettings, ...(kompose.autoscale ? { autoscale: kompose.autoscale } : {}), scaling, from };
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
