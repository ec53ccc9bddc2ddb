// What scales a conversion: the CLI's flags (ScalingOptions), an environment preset
// (EnvironmentPreset, parsed from templates/environments/*.yaml or a user's file) and a service's
// `x-k8s` keys (ServiceScaling). src/scaling/scale-plan.ts resolves them, in the README's precedence, over a plan.

import type { SourceMap } from '../../common/source-map';
import type { Labels } from './plan-pod';

/** Kubernetes quantities, as written (`500m`, `1Gi`). */
export interface ResourceAmounts {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface ResourceSpec {
  readonly requests?: ResourceAmounts;
  readonly limits?: ResourceAmounts;
}

/** A HorizontalPodAutoscaler's bounds and targets (average utilisation, % of the request). */
export interface AutoscaleSpec {
  readonly min: number;
  readonly max: number;
  readonly cpu?: number;
  readonly memory?: number;
}

/** A PodDisruptionBudget's bound: at most one of the two (default maxUnavailable: 1). */
export interface PdbSpec {
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

/** One service's scaling settings from one source (a preset's `services.<name>`, or `x-k8s`). */
export interface ServiceScaling {
  readonly replicas?: number;
  readonly resources?: ResourceSpec;
  /** `false`: no HorizontalPodAutoscaler. */
  readonly autoscale?: AutoscaleSpec | false;
  /** `false`: no PodDisruptionBudget. */
  readonly pdb?: PdbSpec | false;
}

export interface StorageSettings {
  /** storageClassName of every claim that has none. */
  readonly class?: string;
  /** Size of every claim made from a named volume. */
  readonly size?: string;
  /** Sizes by compose volume name; beat `size`. */
  readonly volumes?: Readonly<Record<string, string>>;
}

/**
 * An environment: templates/environments/<name>.yaml or a user's file, parsed by parsePreset().
 * Top-level scaling keys are defaults for services the compose file does not scale itself;
 * `services.<name>` entries beat the compose file.
 */
export interface EnvironmentPreset {
  /** `prod`, or the file's base name. */
  readonly name: string;
  readonly description?: string;
  readonly namespace?: string;
  /** Replicas of each stateless Deployment. */
  readonly replicas?: number;
  /** For main containers that have no resources. */
  readonly resources?: ResourceSpec;
  /** An object: HPA for each stateless Deployment; `false`: no HPA, even those the compose file asks for. */
  readonly autoscale?: AutoscaleSpec | false;
  /** `true`/an object: a PDB for each workload with more than one replica; `false`: none at all. */
  readonly pdb?: PdbSpec | false;
  readonly storage?: StorageSettings;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly services?: Readonly<Record<string, ServiceScaling>>;
  /** Where each key of the preset was written, for diagnostics (`services.web.replicas` → file:line:col). */
  readonly positions?: Pick<SourceMap, 'get'>;
}

/** The CLI's scaling flags; they beat everything else. */
export interface ScalingOptions {
  /** `--replicas N`: every stateless Deployment. */
  readonly replicas?: number;
  /** `--replicas web=3`; beats `replicas` and also scales stateful services. */
  readonly serviceReplicas?: Readonly<Record<string, number>>;
  /** `--cpu web=500m`, `--memory web=1Gi`. */
  readonly requests?: Readonly<Record<string, ResourceAmounts>>;
  /** `--cpu-limit web=1`, `--memory-limit web=2Gi`. */
  readonly limits?: Readonly<Record<string, ResourceAmounts>>;
  /** `--autoscale web=2:10:70`. */
  readonly autoscale?: Readonly<Record<string, AutoscaleSpec>>;
}

/** CPU utilisation target when `--autoscale web=2:10` gives none. */
export const DEFAULT_AUTOSCALE_CPU = 80;
/** Requests set on an autoscaled container that has none, so its HPA can compute utilisation. */
export const DEFAULT_AUTOSCALE_REQUESTS: Readonly<Record<'cpu' | 'memory', string>> = { cpu: '100m', memory: '128Mi' };
/** A PDB's bound when the setting gives none. */
export const DEFAULT_PDB: PdbSpec = { maxUnavailable: 1 };
