// The library: the same conversion as the CLI, as functions and a cdk8s construct.

import { convertWithHost, type ConvertInput, type ConvertResult } from './convert';
import type { Host } from './host';
import { nodeHost } from './node-host';

export type LibraryConvertInput = Omit<ConvertInput, 'host'> & {
  /** File access. @default the real file system */
  readonly host?: Host;
};

/** Converts compose files into Kubernetes manifests. Never throws for bad input: see `diagnostics`. */
export function convert(input: LibraryConvertInput): ConvertResult {
  return convertWithHost({ ...input, host: input.host ?? nodeHost() });
}

export { ComposeChart, type ComposeChartProps } from './build/chart';
export { synthesize, type ConvertInput, type ConvertResult } from './convert';
export { planCompose, type PlanResult } from './plan-compose';
export { loadProject, type LoadOptions, type LoadResult, type ComposeFileInput } from './compose/loader';
export { projectConfig, projectConfigYaml, foldEnvFiles } from './compose/config-output';
export type * from './compose/types';
export { planApp } from './model/planner';
export type * from './model/plan';
export type { ConversionOptions, BindMountMode, VolumeMode, ServiceGroupOptions } from './model/options';
export { ConversionError, formatDiagnostic, formatDiagnosticShort, type Diagnostic, type SourcePos, type Severity } from './diagnostics';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes';
export { formatReport, summarizeDiagnostics, type ReportDetail } from './diagnostic-report';
export { memoryHost, type Host } from './host';
export { nodeHost } from './node-host';
export { toYamlStream, toStream, sortManifests, type Manifest, type Encoding } from './output/emit';
// Environments and scaling (README "Environments and scaling").
export { parsePreset, type PresetResult } from './model/preset';
export { loadPreset } from './load-preset';
export { builtInPresetNames, BUILT_IN_PRESET_DIR } from './node-presets';
export { scalePlan } from './model/scaling';
export type * from './model/scaling-types';
export { convertVariants, type Variant, type VariantsResult } from './variants';
export { kustomizeFiles, type KustomizeBase, type KustomizeVariant } from './output/kustomize';
export { helmChartFiles, type HelmChartOptions, type HelmVariant } from './output/helm/chart-files';
