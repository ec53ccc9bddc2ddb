// One compose project, several environments: load and plan once, then scale the plan per
// environment (scalePlan is pure and reads the plan alone). Gives the environment-free base too,
// for Kustomize output.

import { checkClientApplySize } from './apply-size';
import { synthesize } from './kube/synth';
import { Diagnostics, type Diagnostic } from './common/diagnostics';
import type { AppPlan } from './model/base/plan';
import { scalePlan } from './scaling/scale-plan';
import type { EnvironmentPreset } from './model/base/scaling-types';
import type { Manifest } from './kube/manifest';
import { finish, planCompose, type ConvertInput } from './plan-compose';

export interface Variant {
  readonly name: string;
  readonly plan: AppPlan;
  readonly manifests: readonly Manifest[];
}

export interface VariantsResult {
  readonly ok: boolean;
  /** The conversion without an environment (the CLI's scaling flags still apply). */
  readonly base?: Variant;
  readonly variants: readonly Variant[];
  /** Shared ones once; those of one environment only prefixed with its name. */
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

export function convertVariants(input: Omit<ConvertInput, 'environment'> & { readonly environments: readonly EnvironmentPreset[] }): VariantsResult {
  const planned = planCompose({ ...input, environment: undefined });
  const { sources } = planned;
  if (!planned.plan || !planned.unscaled || !planned.project) return { ok: false, variants: [], diagnostics: planned.diagnostics, sources };
  const report = new Report(planned.diagnostics);
  const scaled = input.environments.map((environment) => {
    const diags = new Diagnostics();
    const plan = scalePlan(planned.unscaled!, { ...input, environment }, diags);
    report.add(finish(diags, input.strict), environment.name);
    return { name: environment.name, plan };
  });
  if (report.hasErrors) return { ok: false, variants: [], diagnostics: report.list, sources };
  const base = { name: 'base', plan: planned.plan, manifests: synthesize(planned.plan) };
  const variants = scaled.map(({ name, plan }) => ({ name, plan, manifests: synthesize(plan) }));
  // Sizes once the objects are known; an environment's own labels and annotations can add to them.
  for (const v of [base, ...variants]) {
    const sized = new Diagnostics();
    checkClientApplySize(v.manifests, v.plan, planned.project, sized);
    report.add(finish(sized, input.strict), v === base ? undefined : v.name);
  }
  if (report.hasErrors) return { ok: false, variants: [], diagnostics: report.list, sources };
  return { ok: true, base, variants, diagnostics: report.list, sources };
}

/**
 * The diagnostics of all the conversions: the base's as they are, an environment's prefixed with its
 * name, except those the base gave too. The CLI's scaling flags and the compose file apply to the
 * base and to every environment alike, so what they cause is said once, for all.
 */
class Report {
  readonly list: Diagnostic[];
  private readonly base: Set<string>;

  constructor(base: readonly Diagnostic[]) {
    this.list = [...base];
    this.base = new Set(base.map(key));
  }

  add(diagnostics: readonly Diagnostic[], environment?: string): void {
    for (const d of diagnostics) {
      if (environment === undefined) this.base.add(key(d));
      else if (this.base.has(key(d))) continue;
      this.list.push(environment === undefined ? d : { ...d, message: `environment ${environment}: ${d.message}` });
    }
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

function key(d: Diagnostic): string {
  return JSON.stringify([d.code, d.severity, d.message, d.path, d.pos]);
}
