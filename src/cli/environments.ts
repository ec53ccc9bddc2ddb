// The CLI's environments: reading --env presets, `compose2k8s envs`, and writing one directory per
// environment or Kustomize base + overlays. Loaded only when a conversion or `envs` runs.

import { NOTHING_WRITTEN, printDiagnostics, printSummary, type ReportFlags } from './report';
import type { ScalingFlags } from './scaling';
import { type CliIO, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE } from './io';
import type { Diagnostic } from '../common/diagnostics';
import { parsePreset } from '../model/settings/preset';
import type { EnvironmentPreset } from '../model/base/scaling-types';
import { BUILT_IN_PRESET_DIR, builtInPresetNames, readPresetSource } from '../node-presets';

export interface LoadedEnvironments {
  readonly presets: readonly EnvironmentPreset[];
  /** Preset file → text, for printing diagnostics with their source line. */
  readonly sources: ReadonlyMap<string, string>;
  /** What reading them found, printed with the conversion's. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The --env presets, parsed; an exit code when one cannot be read or is invalid (already reported). */
export function loadEnvironments(specs: readonly string[], io: CliIO, flags: ReportFlags): LoadedEnvironments | number {
  const presets: EnvironmentPreset[] = [];
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const spec of specs) {
    let source;
    try {
      source = readPresetSource(spec, io.cwd);
    } catch (e) {
      io.stderr(`compose2k8s: ${(e as Error).message}\n  hint: compose2k8s envs lists the built-in environments\n`);
      return EXIT_USAGE;
    }
    if (presets.some((p) => p.name === source.name)) {
      io.stderr(`compose2k8s: environment "${source.name}" is given twice; each needs its own name (the file's base name)\n`);
      return EXIT_USAGE;
    }
    sources.set(source.file, source.text);
    const parsed = parsePreset(source.file, source.text, source.name);
    diagnostics.push(...parsed.diagnostics.list);
    if (parsed.preset) presets.push(parsed.preset);
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(io, diagnostics, sources, flags);
    printSummary(io, diagnostics, NOTHING_WRITTEN);
    return EXIT_INVALID_INPUT;
  }
  return { presets, sources, diagnostics };
}

/** `compose2k8s envs`: each built-in preset with its description. */
export function listEnvironments(io: CliIO): number {
  for (const name of builtInPresetNames()) {
    const source = readPresetSource(name, io.cwd);
    const { preset } = parsePreset(source.file, source.text, name);
    io.stdout(`${name.padEnd(10)} ${preset?.description ?? '(invalid preset: run convert --env ' + name + ' to see why)'}\n`);
  }
  io.stdout(`\nUse one with \`convert --env NAME\`. To write your own, copy one of ${BUILT_IN_PRESET_DIR}/NAME.yaml and pass \`--env ./FILE.yaml\`.\n`);
  return EXIT_OK;
}

/**
 * Several environments, `--format kustomize` or `--format helm`: one conversion scaled per
 * environment, written under DIR as DIR/<env>/ (complete sets), DIR/base/ + DIR/overlays/<env>/,
 * or a chart with a values-<env>.yaml per environment.
 */
export async function runVariants(
  input: Omit<import('../plan-compose').ConvertInput, 'environment'>,
  flags: ScalingFlags & ReportFlags & { output?: string; encoding: import('../output/emit').Encoding },
  envs: LoadedEnvironments,
  io: CliIO,
): Promise<number> {
  if (!flags.output) {
    io.stderr(`compose2k8s: ${flags.format === 'yaml' || !flags.format ? 'several --env' : `--format ${flags.format}`} writes a directory${flags.format === 'helm' ? ' (a chart)' : ' per environment'}; pass -o DIR\n`);
    return EXIT_USAGE;
  }
  if (flags.format === 'helm' && flags.encoding === 'json') {
    io.stderr('compose2k8s: --format helm writes YAML templates; -j does not apply to it\n');
    return EXIT_USAGE;
  }
  const { convertVariants } = await import('../variants');
  const { writeOutputDirectory } = await import('./write');

  const result = convertVariants({ ...input, environments: envs.presets });
  const diagnostics = [...envs.diagnostics, ...result.diagnostics];
  printDiagnostics(io, diagnostics, [...result.sources, ...envs.sources], flags);
  if (!result.ok || !result.base) {
    printSummary(io, diagnostics, NOTHING_WRITTEN);
    return EXIT_INVALID_INPUT;
  }
  const { files, written: what } = await (OUTPUT_FORMATS[flags.format ?? 'yaml'])(result.base, result.variants, flags);
  const written = writeOutputDirectory(io, flags.output, files, [...result.sources.keys()]);
  printSummary(io, diagnostics, written ? `wrote ${files.size} files to ${flags.output} (${what})` : NOTHING_WRITTEN);
  return written ? EXIT_OK : EXIT_USAGE;
}

type VariantFlags = Parameters<typeof runVariants>[1];
type Variant = import('../variants').Variant;

/** One output format of several environments: its files (path under -o → content) and what the summary says was written. */
type OutputFormat = (base: Variant, variants: readonly Variant[], flags: VariantFlags) => Promise<{ files: ReadonlyMap<string, string>; written: string }>;

const environmentNames = (variants: readonly Variant[]) => variants.map((v) => v.name).join(', ');

/** --format: each output's module is loaded only when it is asked for. */
const OUTPUT_FORMATS: Readonly<Record<NonNullable<VariantFlags['format']>, OutputFormat>> = {
  // DIR/<env>/: one complete set of files per environment.
  yaml: async (_base, variants, flags) => {
    const { encode, manifestFileName } = await import('../output/emit');
    const files = new Map(variants.flatMap((v) => v.manifests.map((m) => [`${v.name}/${manifestFileName(m, { encoding: flags.encoding })}`, encode(m, flags.encoding)] as const)));
    return { files, written: environmentNames(variants) };
  },
  kustomize: async (base, variants, flags) => {
    const { kustomizeFiles } = await import('../output/kustomize');
    const files = kustomizeFiles(
      { manifests: base.manifests, namespace: base.plan.namespace },
      variants.map((v) => ({ name: v.name, manifests: v.manifests, namespace: v.plan.namespace, labels: v.plan.commonLabels, annotations: v.plan.commonAnnotations })),
      flags.encoding,
    );
    return { files, written: `base and overlays: ${environmentNames(variants) || 'none'}` };
  },
  helm: async (base, variants, flags) => {
    const { helmChartFiles } = await import('../output/helm/chart-files');
    const files = helmChartFiles(base, variants, { version: flags.chartVersion, appVersion: flags.appVersion });
    return { files, written: `a chart, values for: ${environmentNames(variants) || 'no environment'}` };
  },
};
