// The scaling step: AppPlan → AppPlan for one environment. Pure and separate from planning, so one
// plan is scaled per environment. Precedence, highest first (README "Environments and scaling"):
//   CLI flags > the preset's services.<name> > x-k8s in the compose file > compose deploy.* / scale
//   > the preset's top-level defaults > built-in defaults (1 replica, no resources, no HPA or PDB).
// `--replicas N` and a preset's defaults never scale a stateful Deployment above what it has: one
// mounting a ReadWriteOnce claim (a second pod could not attach it) or running a well-known data
// store (each replica would keep its own data behind one Service).

import type { ComposeProject } from '../compose/types';
import { joinPath } from '../common/source-map';
import type { Diagnostics, SourcePos } from '../common/diagnostics';
import { isScalable, planAutoscaler, planDisruptionBudget } from './autoscale';
import { imageRepositoryName, SINGLE_INSTANCE_IMAGES } from './known-images';
import { toDns1123Label } from './names';
import type { ConversionOptions } from './options';
import type { AppPlan, AutoscalerPlan, ClaimPlan, DisruptionBudgetPlan, WorkloadPlan } from './plan';
import { checkRequestsWithinLimits, missingRequests, resolveResources } from './scaling-resources';
import { DEFAULT_AUTOSCALE_REQUESTS, type AutoscaleSpec, type EnvironmentPreset, type PdbSpec, type ServiceScaling } from './scaling-types';
import { xK8sScaling } from './x-k8s-scaling';

type ScalingInput = Pick<ConversionOptions, 'environment' | 'scaling' | 'namespace' | 'pvcSize'>;

export function scalePlan(plan: AppPlan, project: ComposeProject, options: ScalingInput, diags: Diagnostics): AppPlan {
  const preset = options.environment;
  checkServiceNames(project, options, diags);
  checkPodMembers(plan, options, diags);
  const autoscalers: AutoscalerPlan[] = [];
  const budgets: DisruptionBudgetPlan[] = [];
  const workloads = plan.workloads.map((w) => {
    const scaled = scaleWorkload(w, plan, project, options, diags);
    if (scaled.autoscaler) autoscalers.push(scaled.autoscaler);
    if (scaled.budget) budgets.push(scaled.budget);
    return withCommonMetadata(withClaimTemplatesSized(scaled.workload, options, preset), preset);
  });
  const decided = new Set(workloads.map((w) => w.service));
  const namespace = options.namespace ?? preset?.namespace;
  return {
    ...plan,
    ...(namespace ? { namespace } : {}),
    workloads,
    claims: plan.claims.map((c) => sizeClaim(c, options, preset)),
    autoscalers: [...(plan.autoscalers ?? []).filter((a) => !decided.has(a.service)), ...autoscalers],
    disruptionBudgets: [...(plan.disruptionBudgets ?? []).filter((b) => !decided.has(b.service)), ...budgets],
    ...(preset?.labels && Object.keys(preset.labels).length ? { commonLabels: { ...plan.commonLabels, ...preset.labels } } : {}),
    ...(preset?.annotations && Object.keys(preset.annotations).length ? { commonAnnotations: { ...plan.commonAnnotations, ...preset.annotations } } : {}),
  };
}

interface Scaled {
  readonly workload: WorkloadPlan;
  readonly autoscaler?: AutoscalerPlan;
  readonly budget?: DisruptionBudgetPlan;
}

function scaleWorkload(w: WorkloadPlan, plan: AppPlan, project: ComposeProject, options: ScalingInput, diags: Diagnostics): Scaled {
  const service = project.services[w.service];
  const preset = options.environment;
  const cli = options.scaling ?? {};
  const x: ServiceScaling = service ? xK8sScaling(service, project, diags) : {};
  const named: ServiceScaling = preset?.services?.[w.service] ?? {};
  const servicePath = joinPath('services', w.service);
  const at = { path: servicePath, pos: project.sourceMap.get(servicePath) };
  const stateful = statefulReason(w, plan, service?.image);
  const kept = new Set<string>();
  const warnNotScalable = (what: string) =>
    diags.warn('not-scalable', `service "${w.service}" runs as a ${w.kind}, which has no replicas: ${what} is ignored`, at);

  // Replicas.
  const composeReplicas = service && (service.deploy?.replicas !== undefined || service.scale !== undefined) ? w.replicas : undefined;
  const namedReplicas = cli.serviceReplicas?.[w.service] ?? named.replicas;
  const cliNamed = cli.serviceReplicas?.[w.service];
  let refused = 0;
  const globalReplicas = (n: number | undefined): number | undefined => {
    if (n === undefined || !(stateful && n > (w.replicas ?? 1))) return n;
    refused = Math.max(refused, n);
    return undefined;
  };
  let replicas = w.replicas;
  if (!isScalable(w)) {
    if (namedReplicas !== undefined || x.replicas !== undefined) warnNotScalable('replicas');
  } else {
    replicas = cliNamed ?? globalReplicas(cli.replicas) ?? named.replicas ?? x.replicas ?? composeReplicas ?? globalReplicas(preset?.replicas) ?? w.replicas;
    if (refused > (replicas ?? 1)) kept.add(`kept at ${replicas ?? 1} replica${replicas === 1 ? '' : 's'}`);
  }

  // Autoscaling: per-service settings, then the compose file's (x-k8s, or an HPA the planner made).
  const existing = plan.autoscalers?.find((a) => a.service === w.service);
  const fromCompose: AutoscaleSpec | false | undefined = x.autoscale ?? (existing ? { min: existing.minReplicas, max: existing.maxReplicas, cpu: existing.cpuUtilization, memory: existing.memoryUtilization } : undefined);
  const namedAutoscale = cli.autoscale?.[w.service] ?? named.autoscale;
  let autoscale: AutoscaleSpec | false | undefined = namedAutoscale ?? (preset?.autoscale === false ? false : fromCompose);
  if (autoscale === undefined && preset?.autoscale && isScalable(w)) {
    if (stateful) kept.add('not autoscaled');
    else autoscale = preset.autoscale;
  }
  if (autoscale && !isScalable(w)) {
    if (namedAutoscale || fromCompose) warnNotScalable('autoscaling');
    autoscale = undefined;
  }

  // Resources of the main container; an HPA needs requests for the utilisation it targets.
  const [main, ...others] = w.pod.containers;
  let resources = main
    ? resolveResources({
        cli: { requests: cli.requests?.[w.service], limits: cli.limits?.[w.service] },
        presetService: named.resources,
        xK8s: x.resources,
        compose: main.resources,
        presetDefault: preset?.resources,
      })
    : undefined;
  if (autoscale && main) {
    const targets = [...(autoscale.cpu !== undefined || autoscale.memory === undefined ? ['cpu' as const] : []), ...(autoscale.memory !== undefined ? ['memory' as const] : [])];
    const missing = missingRequests(resources, targets);
    if (missing.length) {
      const added = Object.fromEntries(missing.map((r) => [r, DEFAULT_AUTOSCALE_REQUESTS[r]]));
      resources = { ...resources, requests: { ...resources?.requests, ...added } };
      diags.warn('autoscale-default-request', `service "${w.service}" is autoscaled on ${missing.join(' and ')} but requests none; it gets ${missing.map((r) => `${r}: ${added[r]}`).join(', ')}`, {
        ...at,
        hint: `set its requests (--cpu ${w.service}=250m, x-k8s.resources.requests, or the environment's resources)`,
      });
    }
  }
  checkRequestsWithinLimits(resources, w.service, at, diags);

  if (stateful && kept.size) {
    diags.note('stateful-not-scaled', `service "${w.service}" ${stateful}: ${[...kept].join(' and ')} by the environment or --replicas N`, {
      ...at,
      hint: `name the service to scale it anyway (--replicas ${w.service}=3), or run it as a StatefulSet with a volume per replica`,
    });
  }

  let autoscaler: AutoscalerPlan | undefined;
  if (autoscale && isScalable(w)) {
    replicas = Math.min(Math.max(replicas ?? 1, autoscale.min), autoscale.max);
    autoscaler = planAutoscaler(w, autoscale);
  }

  const containers = main ? [{ ...withoutResources(main), ...(resources ? { resources } : {}) }, ...others] : [];
  const workload: WorkloadPlan = { ...w, ...(replicas !== undefined ? { replicas } : {}), pod: { ...w.pod, containers } };
  const budget = disruptionBudget(workload, autoscaler, named.pdb ?? (preset?.pdb === false ? false : x.pdb), preset?.pdb, diags, at);
  return { workload, ...(autoscaler ? { autoscaler } : {}), ...(budget ? { budget } : {}) };
}

/** A PDB for a workload that can lose a pod: more than one replica, or an HPA keeping more than one. */
function disruptionBudget(
  w: WorkloadPlan,
  hpa: AutoscalerPlan | undefined,
  named: PdbSpec | false | undefined,
  fallback: PdbSpec | false | undefined,
  diags: Diagnostics,
  at: { path: string; pos?: SourcePos },
): DisruptionBudgetPlan | undefined {
  const spec = named ?? fallback;
  if (!spec) return undefined;
  const least = hpa ? hpa.minReplicas : (w.replicas ?? 1);
  if (!isScalable(w) || least < 2) {
    if (named) diags.warn('pdb-single-replica', `service "${w.service}" asks for a PodDisruptionBudget but runs ${isScalable(w) ? 'one replica' : `as a ${w.kind}`}; none is made, since it would block every node drain`, at);
    return undefined;
  }
  return planDisruptionBudget(w, spec);
}

function withoutResources<T extends { resources?: unknown }>(c: T): Omit<T, 'resources'> {
  const { resources: _dropped, ...rest } = c;
  return rest;
}

/**
 * Why a Deployment must not be scaled by defaults: it mounts a ReadWriteOnce claim (or one we cannot
 * see, an external one), or it runs a data store whose replicas would not share their data.
 */
function statefulReason(w: WorkloadPlan, plan: AppPlan, image: string | undefined): string | undefined {
  if (w.kind !== 'Deployment') return undefined;
  for (const v of w.pod.volumes) {
    if (v.source.kind !== 'claim') continue;
    const claim = plan.claims.find((c) => c.metadata.name === (v.source as { claimName: string }).claimName);
    if (!claim || claim.accessModes.includes('ReadWriteOnce')) return `mounts the ReadWriteOnce claim "${v.source.claimName}", which a second pod could not attach`;
  }
  const repository = image ? imageRepositoryName(image) : undefined;
  if (repository && SINGLE_INSTANCE_IMAGES.has(repository)) return `runs ${repository}, a data store whose replicas would each keep their own data`;
  return undefined;
}

function withCommonMetadata(w: WorkloadPlan, preset: EnvironmentPreset | undefined): WorkloadPlan {
  const labels = preset?.labels ?? {};
  const annotations = preset?.annotations ?? {};
  if (!Object.keys(labels).length && !Object.keys(annotations).length) return w;
  const podAnnotations = { ...w.podAnnotations, ...annotations };
  // Claims a StatefulSet makes get the labels too (as kustomize's `labels` does), not the annotations.
  const volumeClaimTemplates = w.volumeClaimTemplates?.map((c) => ({ ...c, metadata: { ...c.metadata, labels: { ...c.metadata.labels, ...labels } } }));
  return {
    ...w,
    podLabels: { ...w.podLabels, ...labels },
    ...(Object.keys(podAnnotations).length ? { podAnnotations } : {}),
    ...(volumeClaimTemplates ? { volumeClaimTemplates } : {}),
  };
}

/** A StatefulSet's per-pod claims follow the environment's storage settings like shared ones. */
function withClaimTemplatesSized(w: WorkloadPlan, options: ScalingInput, preset: EnvironmentPreset | undefined): WorkloadPlan {
  return w.volumeClaimTemplates ? { ...w, volumeClaimTemplates: w.volumeClaimTemplates.map((c) => sizeClaim(c, options, preset)) } : w;
}

function sizeClaim(c: ClaimPlan, options: ScalingInput, preset: EnvironmentPreset | undefined): ClaimPlan {
  const storage = preset?.storage;
  if (!storage) return c;
  const byVolume = Object.entries(storage.volumes ?? {}).find(([volume]) => toDns1123Label(volume) === c.metadata.name)?.[1];
  const size = options.pvcSize ?? byVolume ?? storage.size ?? c.size;
  const storageClassName = c.storageClassName ?? storage.class;
  return { ...c, size, ...(storageClassName ? { storageClassName } : {}) };
}

/**
 * A service whose containers run in another service's pod (network_mode: service:, a service group)
 * has no workload of its own to scale: the pod's scaling is its host's. Naming it is reported.
 */
function checkPodMembers(plan: AppPlan, options: ScalingInput, diags: Diagnostics): void {
  const hostOf = new Map(plan.workloads.flatMap((w) => (w.members ?? []).map((m) => [m, w.service] as const)));
  const cli = options.scaling ?? {};
  const named: [string, readonly string[]][] = [
    ['--replicas', Object.keys(cli.serviceReplicas ?? {})],
    ['--cpu/--memory', Object.keys(cli.requests ?? {})],
    ['--cpu-limit/--memory-limit', Object.keys(cli.limits ?? {})],
    ['--autoscale', Object.keys(cli.autoscale ?? {})],
    [`environment ${options.environment?.name ?? ''}`.trim(), Object.keys(options.environment?.services ?? {})],
  ];
  for (const [by, names] of named) {
    for (const name of names.filter((n) => hostOf.has(n))) {
      diags.warn('scaled-pod-member', `${by} names "${name}", whose containers run in the pod of "${hostOf.get(name)}": scaling applies to a pod's host only, so this is not applied`, {
        hint: `name "${hostOf.get(name)}" instead`,
      });
    }
  }
}

/** Every service a flag or the preset names must exist: a typo would otherwise change nothing, silently. */
function checkServiceNames(project: ComposeProject, options: ScalingInput, diags: Diagnostics): void {
  const known = Object.keys(project.services);
  const hint = `services in this project: ${known.sort().join(', ') || 'none'}`;
  const cli = options.scaling ?? {};
  const flags: [string, Readonly<Record<string, unknown>> | undefined][] = [
    ['--replicas', cli.serviceReplicas],
    ['--cpu/--memory', cli.requests],
    ['--cpu-limit/--memory-limit', cli.limits],
    ['--autoscale', cli.autoscale],
  ];
  for (const [flag, byService] of flags) {
    for (const name of Object.keys(byService ?? {})) {
      if (!(name in project.services)) diags.error('unknown-service', `${flag} names service "${name}", which this project does not have`, { hint });
    }
  }
  const preset = options.environment;
  for (const name of Object.keys(preset?.services ?? {})) {
    if (!(name in project.services)) {
      const path = joinPath('services', name);
      diags.warn('preset-unknown-service', `environment ${preset!.name} sets service "${name}", which this project does not have`, { path, pos: preset!.positions?.get(path), hint });
    }
  }
  for (const volume of Object.keys(preset?.storage?.volumes ?? {})) {
    if (!(volume in project.volumes)) {
      const path = joinPath(joinPath('storage', 'volumes'), volume);
      diags.warn('preset-unknown-volume', `environment ${preset!.name} sizes volume "${volume}", which this project does not have`, { path, pos: preset!.positions?.get(path) });
    }
  }
}
