// Load + plan: compose files → AppPlan and diagnostics. Shared by convert() and the ComposeChart.

import { loadProject, type ComposeFileInput } from './compose/loader';
import { explainKeptVariables } from './compose/interpolate-tree';
import type { ComposeProject } from './compose/types';
import { Diagnostics, type Diagnostic } from './common/diagnostics';
import type { Host } from './common/host';
import type { ConversionOptions } from './model/base/options';
import type { AppPlan } from './model/base/plan';
import { planApp } from './model/planner';
import { scalePlan } from './scaling/scale-plan';
import { recordReads, warnOutsideProject } from './project-boundary';

export interface ConvertInput extends ConversionOptions {
  /** Compose files, merged in order: absolute paths, or `{ path, content }` for text you already have. */
  readonly files: readonly (string | ComposeFileInput)[];
  /** Variables for interpolation. @default {} (the CLI passes the process environment) */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--env-file`. @default `.env` in the project directory, when present */
  readonly envFiles?: readonly string[];
  /** `--profile`: services of these profiles are enabled. @default COMPOSE_PROFILES from `env` */
  readonly profiles?: readonly string[];
  /** `--no-interpolate`: keep `${VAR}` text as written in the compose files. @default false */
  readonly noInterpolate?: boolean;
  /**
   * `--project-directory` (absolute): the base of relative paths in the compose files, where `.env` is
   * read and compose files are found when `files` is empty, and the default project name.
   * @default the directory of the first compose file
   */
  readonly projectDirectory?: string;
  /** Working directory: with no `files` (and no `projectDirectory`), compose files are found here as docker compose finds them. */
  readonly cwd?: string;
  /** File access for the loader and the planner. */
  readonly host: Host;
}

export interface PlanResult {
  /** Set only when no error was found. */
  readonly plan?: AppPlan;
  /** The plan before scalePlan() (environment, scaling flags, x-k8s scaling keys): what variants.ts scales per environment. */
  readonly unscaled?: AppPlan;
  readonly project?: ComposeProject;
  readonly diagnostics: readonly Diagnostic[];
  /** Text of every file read, for printing diagnostics with their source line. */
  readonly sources: ReadonlyMap<string, string>;
}

export function planCompose(input: ConvertInput): PlanResult {
  const diags = new Diagnostics();
  const files: ComposeFileInput[] = input.files.map((f) => (typeof f === 'string' ? { path: f } : f));
  const host = recordReads(input.host);
  const { project, sources, keptVariables } = loadProject({
    files,
    env: input.env ?? {},
    envFiles: input.envFiles,
    projectName: input.projectName,
    profiles: input.profiles,
    noInterpolate: input.noInterpolate,
    cwd: input.cwd,
    projectDirectory: input.projectDirectory,
    host,
    diags,
  });
  if (project && !diags.hasErrors && Object.keys(project.services).length === 0) {
    // An empty stream makes `kubectl apply -f -` fail with no reason given; say why here instead.
    diags.error('no-services', 'the project has no services to convert', {
      path: 'services',
      pos: project.sourceMap.get('services') ?? (files[0] ? { file: files[0].path, line: 1, col: 1 } : undefined),
      hint: 'define a service under "services:", or enable its profile with --profile NAME',
    });
  }
  if (!project || diags.hasErrors) return { project, diagnostics: finish(diags, input.strict), sources };
  const unscaled = planApp(project, input, host, diags);
  warnOutsideProject(host.reads, project, [...files.map((f) => f.path), ...(input.envFiles ?? [])], diags, host);
  // Scaling is its own pure step over the plan, so variants.ts can scale one plan per environment.
  const plan = scalePlan(unscaled, input, diags);
  if (keptVariables) explainKeptVariables(diags, keptVariables);
  const diagnostics = finish(diags, input.strict);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { project, diagnostics, sources, ...(ok ? { plan, unscaled } : {}) };
}

/** `--strict`: every warning becomes an error; notes stay notes (docker compose does the same there). */
export function finish(diags: Diagnostics, strict: boolean | undefined): Diagnostic[] {
  if (!strict) return diags.list;
  return diags.list.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const, message: `${d.message} (--strict)` } : d));
}
