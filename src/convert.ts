// convert(): compose files in, Kubernetes manifests and diagnostics out. Pure: every outside read
// goes through the Host, every problem into the diagnostics.

import * as posixPath from 'node:path/posix';
import { App } from 'cdk8s';
import { ComposeChart } from './build/chart';
import { loadProject, type ComposeFileInput } from './compose/loader';
import type { ComposeProject } from './compose/types';
import { Diagnostics, type Diagnostic } from './diagnostics';
import type { Host } from './host';
import type { ConversionOptions } from './model/options';
import type { AppPlan } from './model/plan';
import { planApp } from './model/planner';
import { sortManifests, toYamlStream, type Manifest } from './output/emit';

export interface ConvertInput extends ConversionOptions {
  /** Compose files, merged in order: absolute paths, or `{ path, content }` for text you already have. */
  readonly files: readonly (string | ComposeFileInput)[];
  /** Variables for interpolation. @default {} (the CLI passes the process environment) */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--env-file`. @default `.env` in the project directory, when present */
  readonly envFiles?: readonly string[];
  /** File access for the loader and the planner. */
  readonly host: Host;
}

export interface ConvertResult {
  /** False when any error was found; `manifests` is then empty. */
  readonly ok: boolean;
  readonly manifests: readonly Manifest[];
  /** The manifests as one YAML stream for `kubectl apply -f -`; empty when not ok. */
  readonly yaml: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Text of every file read, for printing diagnostics with their source line. */
  readonly sources: ReadonlyMap<string, string>;
  readonly project?: ComposeProject;
  readonly plan?: AppPlan;
}

export function convertWithHost(input: ConvertInput): ConvertResult {
  const diags = new Diagnostics();
  const files: ComposeFileInput[] = input.files.map((f) => (typeof f === 'string' ? { path: f } : f));
  const { project, sources } = loadProject({
    files,
    env: input.env ?? {},
    envFiles: input.envFiles,
    projectName: input.projectName,
    host: input.host,
    diags,
  });
  const fail = (extra: Partial<ConvertResult> = {}): ConvertResult => ({ ok: false, manifests: [], yaml: '', diagnostics: finish(diags, input.strict), sources, ...extra });
  if (!project || diags.hasErrors) return fail({ project });
  const plan = planApp(project, input, input.host, diags);
  const diagnostics = finish(diags, input.strict);
  if (diagnostics.some((d) => d.severity === 'error')) return fail({ project, plan });
  const manifests = synthesize(plan);
  return { ok: true, manifests, yaml: toYamlStream(manifests), diagnostics, sources, project, plan };
}

/** Plan → sorted manifests, through the ComposeChart. */
export function synthesize(plan: AppPlan): Manifest[] {
  const app = new App({ outdir: posixPath.join('/', 'nonexistent') });
  const chart = new ComposeChart(app, plan.project, { plan });
  return sortManifests(chart.toJson() as Manifest[]);
}

/** `--strict`: every warning becomes an error. */
function finish(diags: Diagnostics, strict: boolean | undefined): Diagnostic[] {
  if (!strict) return diags.list;
  return diags.list.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const, message: `${d.message} (--strict)` } : d));
}
