// One compose project, several environments: load and plan once, then scale the plan per
// environment (scalePlan is pure). Gives the environment-free base too, for Kustomize output.

import { checkClientApplySize } from './apply-size';
import { synthesize } from './kube/synth';
import { Diagnostics, type Diagnostic } from './common/diagnostics';
import type { AppPlan } from './model/plan';
import { scalePlan } from './model/scaling';
import type { EnvironmentPreset } from './model/scaling-types';
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
  const diagnostics = [...planned.diagnostics];
  const seen = new Set(diagnostics.map(key));
  const scaled: { name: string; plan: AppPlan }[] = [];
  for (const environment of input.environments) {
    const diags = new Diagnostics();
    const plan = scalePlan(planned.unscaled, planned.project, { ...input, environment }, diags);
    for (const d of finish(diags, input.strict)) {
      if (seen.has(key(d))) continue;
      const own = { ...d, message: `environment ${environment.name}: ${d.message}` };
      if (!seen.has(key(own))) diagnostics.push(own);
      seen.add(key(own));
    }
    scaled.push({ name: environment.name, plan });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, variants: [], diagnostics, sources };
  const base = { name: 'base', plan: planned.plan, manifests: synthesize(planned.plan) };
  const variants = scaled.map(({ name, plan }) => ({ name, plan, manifests: synthesize(plan) }));
  // Sizes once the objects are known; an environment's own labels and annotations can add to them.
  for (const v of [base, ...variants]) {
    const sized = new Diagnostics();
    checkClientApplySize(v.manifests, v.plan, planned.project, sized);
    for (const d of finish(sized, input.strict)) {
      const own = v === base ? d : { ...d, message: `environment ${v.name}: ${d.message}` };
      if (seen.has(key(d)) || seen.has(key(own))) continue;
      diagnostics.push(own);
      seen.add(key(own));
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, variants: [], diagnostics, sources };
  return { ok: true, base, variants, diagnostics, sources };
}

function key(d: Diagnostic): string {
  return JSON.stringify([d.code, d.severity, d.message, d.path, d.pos]);
}
