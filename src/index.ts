// The library: the same conversion as the CLI, as functions and a cdk8s construct.

import { convertWithHost, type ConvertInput, type ConvertResult } from './convert';
import type { Host } from './common/host';
import { nodeHost } from './node-host';

export type LibraryConvertInput = Omit<ConvertInput, 'host'> & {
  /** File access. @default the real file system */
  readonly host?: Host;
};

/** Converts compose files into Kubernetes manifests. Never throws for bad input: see `diagnostics`. */
export function convert(input: LibraryConvertInput): ConvertResult {
  return convertWithHost({ ...input, host: input.host ?? nodeHost() });
}

export { ComposeChart, type ComposeChartProps } from './compose-chart';
export { synthesize, type ConvertInput, type ConvertResult } from './convert';
export { planCompose, type PlanResult } from './plan-compose';
export { loadProject, type LoadOptions, type LoadResult, type ComposeFileInput } from './compose/loader';
export { projectConfig, projectConfigYaml, foldEnvFiles } from './compose/config-output';
export type * from './compose/types';
export { planApp } from './model/planner';
export type * from './model/base/plan';
export type { ConversionOptions, BindMountMode, VolumeMode, ServiceGroupOptions } from './model/base/options';
export { ConversionError, formatDiagnostic, formatDiagnosticShort, type Diagnostic, type SourcePos, type Severity } from './common/diagnostics';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './common/diagnostic-codes';
export { formatReport, summarizeDiagnostics, type ReportDetail } from './common/diagnostic-report';
export { memoryHost, type Host } from './common/host';
export { nodeHost } from './node-host';
export { toYamlStream, toStream, type Encoding } from './output/emit';
export { sortManifests, type Manifest } from './kube/manifest';
// Environments and scaling (README "Environments and scaling").
export { parsePreset, type PresetResult } from './model/settings/preset';
export { loadPreset } from './load-preset';
export { builtInPresetNames, BUILT_IN_PRESET_DIR } from './node-presets';
export { scalePlan } from './scaling/scale-plan';
export type * from './model/base/scaling-types';
export { convertVariants, type Variant, type VariantsResult } from './variants';
export { kustomizeFiles, type KustomizeBase, type KustomizeVariant } from './output/kustomize';
export { helmChartFiles, type HelmChartOptions, type HelmVariant } from './output/helm/chart-files';
// Building the images compose builds (README "Building the images"): the plan as data, run it your own way.
export { planImageBuilds, type ImageBuildOptions, type ImageBuildPlan, type BuildStep, type PlannedImage } from './images/plan-builds';
export { runSteps, type StartStep, type RunOutcome, type RunHooks } from './images/run-steps';
export { formatStep, shellQuote } from './images/shell-quote';
export { BUILDER_ORDER, type Builder, type BuilderName } from './images/builders';
export { LOCAL_CLUSTERS, type LocalCluster } from './images/cluster-load';
export { builtImageName, serviceImage, builtImagePullPolicy, type ImageNaming } from './model/base/built-image';
