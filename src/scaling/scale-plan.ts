// The scaling step: AppPlan + environment → AppPlan, from the plan alone (what it needs of the
// compose file, the planner recorded in plan.scalingFacts). Pure and separate from planning, so one
// plan is scaled per environment. Precedence, highest first (README "Environments and scaling"):
//   CLI flags > the preset's services.<name> > x-k8s in the compose file > compose deploy.* / scale
//   > the preset's top-level defaults > built-in defaults (1 replica, no resources, no HPA or PDB).
// `--replicas N` and a preset's defaults never scale a stateful Deployment above what it has: one
// mounting a ReadWriteOnce claim (a second pod could not attach it) or running a well-known data
// store (each replica would keep its own data behind one Service). The environment's labels and
// annotations are kept on the plan (commonLabels, commonAnnotations); kube/ puts them on every object.

import type { Diagnostics, SourcePos } from '../common/diagnostics';
import { joinPath } from '../common/source-map';
import { isScalable, planAutoscaler, planDisruptionBudget } from '../model/workloads/autoscale';
import { toDns1123Label } from '../model/base/names';
import type { ConversionOptions } from '../model/base/options';
import type { AppPlan, AutoscalerPlan, ClaimPlan, DisruptionBudgetPlan, ResourceRequirements, ScalingFacts, WorkloadPlan } from '../model/base/plan';
import { checkRequestsWithinLimits, missingRequests, resolveResources } from './environment-resources';
import { DEFAULT_AUTOSCALE_REQUESTS, type AutoscaleSpec, type EnvironmentPreset, type PdbSpec, type ServiceScaling } from '../model/base/scaling-types';

type ScalingInput = Pick<ConversionOptions, 'environment' | 'scaling' | 'namespace' | 'pvcSize'>;

export function scalePlan(plan: AppPlan, options: ScalingInput, diags: Diagnostics): AppPlan {
  const preset = options.environment;
  checkServiceNames(plan.scalingFacts, options, diags);
  checkPodMembers(plan, options, diags);
  const autoscalers: AutoscalerPlan[] = [];
  const budgets: DisruptionBudgetPlan[] = [];
  const workloads = plan.workloads.map((w) => {
    const scaled = scaleWorkload(w, plan, options, diags);
    if (scaled.autoscaler) autoscalers.push(scaled.autoscaler);
    if (scaled.budget) budgets.push(scaled.budget);
    return withClaimTemplatesSized(scaled.workload, options, preset);
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

/** One workload's settings from every source, and where to report about them. */
interface WorkloadScaling {
  readonly w: WorkloadPlan;
  readonly options: ScalingInput;
  /** x-k8s of its compose service. */
  readonly x: ServiceScaling;
  /** The preset's `services.<name>`. */
  readonly named: ServiceScaling;
  readonly at: { path: string; pos?: SourcePos };
  /** Why defaults must not scale it (statefulReason), if they must not. */
  readonly stateful?: string;
  /** The autoscaling the planner made (kompose.hpa.* labels). */
  readonly planned?: AutoscaleSpec;
  /** What the defaults were refused (`kept at 1 replica`, `not autoscaled`), for one note. */
  readonly kept: Set<string>;
  readonly diags: Diagnostics;
}

function scaleWorkload(w: WorkloadPlan, plan: AppPlan, options: ScalingInput, diags: Diagnostics): Scaled {
  const facts = plan.scalingFacts.services[w.service];
  const path = joinPath('services', w.service);
  const s: WorkloadScaling = {
    w,
    options,
    x: facts?.xK8s ?? {},
    named: options.environment?.services?.[w.service] ?? {},
    at: { path, pos: facts?.pos },
    stateful: statefulReason(w, plan, facts?.dataStore),
    planned: plannedAutoscale(plan, w.service),
    kept: new Set(),
    diags,
  };
  let replicas = replicasOf(s, facts?.composeReplicas ?? false);
  const autoscale = autoscaleOf(s);
  const [main, ...others] = w.pod.containers;
  const resources = main ? resourcesOf(s, main.resources, autoscale) : undefined;
  if (s.stateful && s.kept.size) {
    diags.note('stateful-not-scaled', `service "${w.service}" ${s.stateful}: ${[...s.kept].join(' and ')} by the environment or --replicas N`, {
      ...s.at,
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
  const preset = options.environment;
  const budget = disruptionBudget(workload, autoscaler, s.named.pdb ?? (preset?.pdb === false ? false : s.x.pdb), preset?.pdb, diags, s.at);
  return { workload, ...(autoscaler ? { autoscaler } : {}), ...(budget ? { budget } : {}) };
}

function warnNotScalable(s: WorkloadScaling, what: string): void {
  s.diags.warn('not-scalable', `service "${s.w.service}" runs as a ${s.w.kind}, which has no replicas: ${what} is ignored`, s.at);
}

/** Replicas by precedence; a default above a stateful workload's own count is refused (into `kept`). */
function replicasOf(s: WorkloadScaling, composeReplicas: boolean): number | undefined {
  const { w, x, named } = s;
  const cli = s.options.scaling ?? {};
  if (!isScalable(w)) {
    if ((cli.serviceReplicas?.[w.service] ?? named.replicas) !== undefined || x.replicas !== undefined) warnNotScalable(s, 'replicas');
    return w.replicas;
  }
  let refused = 0;
  const byDefault = (n: number | undefined): number | undefined => {
    if (n === undefined || !(s.stateful && n > (w.replicas ?? 1))) return n;
    refused = Math.max(refused, n);
    return undefined;
  };
  const fromCompose = composeReplicas ? w.replicas : undefined;
  const replicas = cli.serviceReplicas?.[w.service] ?? byDefault(cli.replicas) ?? named.replicas ?? x.replicas ?? fromCompose ?? byDefault(s.options.environment?.replicas) ?? w.replicas;
  if (refused > (replicas ?? 1)) s.kept.add(`kept at ${replicas ?? 1} replica${replicas === 1 ? '' : 's'}`);
  return replicas;
}

/** Autoscaling: per-service settings, then the compose file's (x-k8s, or an HPA the planner made), then the preset's default. */
function autoscaleOf(s: WorkloadScaling): AutoscaleSpec | undefined {
  const { w, options } = s;
  const preset = options.environment;
  const fromCompose: AutoscaleSpec | false | undefined = s.x.autoscale ?? s.planned;
  const namedAutoscale = options.scaling?.autoscale?.[w.service] ?? s.named.autoscale;
  let autoscale: AutoscaleSpec | false | undefined = namedAutoscale ?? (preset?.autoscale === false ? false : fromCompose);
  if (autoscale === undefined && preset?.autoscale && isScalable(w)) {
    if (s.stateful) s.kept.add('not autoscaled');
    else autoscale = preset.autoscale;
  }
  if (autoscale && !isScalable(w)) {
    if (namedAutoscale || fromCompose) warnNotScalable(s, 'autoscaling');
    return undefined;
  }
  return autoscale || undefined;
}

function plannedAutoscale(plan: AppPlan, service: string): AutoscaleSpec | undefined {
  const a = plan.autoscalers?.find((x) => x.service === service);
  return a ? { min: a.minReplicas, max: a.maxReplicas, cpu: a.cpuUtilization, memory: a.memoryUtilization } : undefined;
}

/** The main container's resources; an HPA needs requests for the utilisation it targets. */
function resourcesOf(s: WorkloadScaling, compose: ResourceRequirements | undefined, autoscale: AutoscaleSpec | undefined): ResourceRequirements | undefined {
  const { w } = s;
  const cli = s.options.scaling ?? {};
  let resources = resolveResources({
    cli: { requests: cli.requests?.[w.service], limits: cli.limits?.[w.service] },
    presetService: s.named.resources,
    xK8s: s.x.resources,
    compose,
    presetDefault: s.options.environment?.resources,
  });
  if (autoscale) {
    const targets = [...(autoscale.cpu !== undefined || autoscale.memory === undefined ? ['cpu' as const] : []), ...(autoscale.memory !== undefined ? ['memory' as const] : [])];
    const missing = missingRequests(resources, targets);
    if (missing.length) {
      const added = Object.fromEntries(missing.map((r) => [r, DEFAULT_AUTOSCALE_REQUESTS[r]]));
      resources = { ...resources, requests: { ...resources?.requests, ...added } };
      s.diags.warn('autoscale-default-request', `service "${w.service}" is autoscaled on ${missing.join(' and ')} but requests none; it gets ${missing.map((r) => `${r}: ${added[r]}`).join(', ')}`, {
        ...s.at,
        hint: `set its requests (--cpu ${w.service}=250m, x-k8s.resources.requests, or the environment's resources)`,
      });
    }
  }
  checkRequestsWithinLimits(resources, w.service, s.at, s.diags);
  return resources;
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
function statefulReason(w: WorkloadPlan, plan: AppPlan, dataStore: string | undefined): string | undefined {
  if (w.kind !== 'Deployment') return undefined;
  for (const v of w.pod.volumes) {
    if (v.source.kind !== 'claim') continue;
    const claim = plan.claims.find((c) => c.metadata.name === (v.source as { claimName: string }).claimName);
    if (!claim || claim.accessModes.includes('ReadWriteOnce')) return `mounts the ReadWriteOnce claim "${v.source.claimName}", which a second pod could not attach`;
  }
  if (dataStore) return `runs ${dataStore}, a data store whose replicas would each keep their own data`;
  return undefined;
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
function checkServiceNames(facts: ScalingFacts, options: ScalingInput, diags: Diagnostics): void {
  const hint = `services in this project: ${Object.keys(facts.services).sort().join(', ') || 'none'}`;
  const cli = options.scaling ?? {};
  const flags: [string, Readonly<Record<string, unknown>> | undefined][] = [
    ['--replicas', cli.serviceReplicas],
    ['--cpu/--memory', cli.requests],
    ['--cpu-limit/--memory-limit', cli.limits],
    ['--autoscale', cli.autoscale],
  ];
  for (const [flag, byService] of flags) {
    for (const name of Object.keys(byService ?? {})) {
      if (!(name in facts.services)) diags.error('unknown-service', `${flag} names service "${name}", which this project does not have`, { hint });
    }
  }
  const preset = options.environment;
  for (const name of Object.keys(preset?.services ?? {})) {
    if (!(name in facts.services)) {
      const path = joinPath('services', name);
      diags.warn('preset-unknown-service', `environment ${preset!.name} sets service "${name}", which this project does not have`, { path, pos: preset!.positions?.get(path), hint });
    }
  }
  for (const volume of Object.keys(preset?.storage?.volumes ?? {})) {
    if (!facts.volumes.includes(volume)) {
      const path = joinPath(joinPath('storage', 'volumes'), volume);
      diags.warn('preset-unknown-volume', `environment ${preset!.name} sizes volume "${volume}", which this project does not have`, { path, pos: preset!.positions?.get(path) });
    }
  }
}
