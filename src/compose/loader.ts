// The compose loader, in compose-go's order. Per file (load-file.ts): parse → interpolate → one
// form per key → absolute paths → include → extends. Then: merge the files (merge.ts) → empty
// strings (empty-values.ts) → the project directory as the default build context → schema check →
// project name → short → long syntax → `environment: [FOO]` from the environment → profiles →
// reference checks.

import * as posixPath from 'node:path/posix';
import type { Diagnostics } from '../common/diagnostics';
import type { Host } from '../common/host';
import { discoverComposeFiles } from './discover';
import { applyEmptyStrings } from './empty-values';
import { splitProfiles, withEnvFiles } from './env';
import { explainKeptVariables } from './interpolate-tree';
import type { FileScope, LoaderContext } from './load-context';
import { loadComposeFile } from './load-file';
import { mergeFiles } from './merge';
import { defaultBuildContexts } from './paths';
import { type Node, unlocate } from './node';
import { isRecord } from '../common/records';
import { SERVICE_RULES } from './normalize';
import { applyProfiles } from './profiles';
import { checkDependencyCycles, checkReferences } from './references';
import { validateSchema } from './schema';
import { joinPath, SourceMap } from '../common/source-map';
import type { ComposeProject, ComposeService } from './types';

export interface ComposeFileInput {
  /** Absolute path (POSIX separators); `-` style stdin input uses a path in the working directory. */
  readonly path: string;
  /** The file's text; when absent it is read through the host. */
  readonly content?: string;
}

export interface LoadOptions {
  /**
   * Files to merge, in order. When empty and `projectDirectory` or `cwd` is set, they are found as
   * docker compose finds them: COMPOSE_FILE, else compose.yaml, … in the project directory or a parent.
   */
  readonly files: readonly ComposeFileInput[];
  /** Variables for interpolation (the process environment, as the CLI passes it). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `-p`: beats COMPOSE_PROJECT_NAME, which beats `name:` in the file. */
  readonly projectName?: string;
  /**
   * `--project-directory` (absolute): the base of relative paths (bind mounts, build contexts,
   * env_file, configs/secrets files, include, extends), where `.env` is read and compose files are
   * found, and the default project name. @default the directory of the first compose file
   */
  readonly projectDirectory?: string;
  /** `--env-file` (absolute, or relative to the project directory); default `.env` in the project directory. */
  readonly envFiles?: readonly string[];
  /** `--profile`; when absent, COMPOSE_PROFILES from the environment. */
  readonly profiles?: readonly string[];
  /** `--no-interpolate`: keep `${VAR}` (and `$$`) as written in the compose files. `.env` and env_file values are still read. */
  readonly noInterpolate?: boolean;
  /** Working directory: COMPOSE_FILE's relative paths, and where compose files are found when there is no project directory. */
  readonly cwd?: string;
  readonly host: Host;
  readonly diags: Diagnostics;
}

export interface LoadResult {
  readonly project?: ComposeProject;
  readonly sources: ReadonlyMap<string, string>;
  /** Services left out by profiles. */
  readonly disabledServices?: readonly string[];
  /** With `noInterpolate`: the compose paths whose value holds a `${VAR}` kept as written. */
  readonly keptVariables?: ReadonlySet<string>;
}

/** Compose's project-name normalisation: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}

/** The -f files, or the ones docker compose would find (COMPOSE_FILE from the environment or the start directory's .env). */
function composeFiles(opts: LoadOptions, sources: Map<string, string>): ComposeFileInput[] {
  const start = opts.projectDirectory ?? opts.cwd;
  if (opts.files.length > 0 || !start) {
    if (opts.files.length === 0) opts.diags.error('no-compose-file', 'no compose file given', { hint: 'pass one with -f compose.yaml' });
    return [...opts.files];
  }
  const env = withEnvFiles({ base: opts.env, files: (opts.envFiles ?? []).map((f) => posixPath.resolve(start, f)), defaultDir: start, host: opts.host, diags: opts.diags, sources });
  return discoverComposeFiles({ start, cwd: opts.cwd ?? start }, env, opts.host, opts.diags).map((path) => ({ path }));
}

export function loadProject(opts: LoadOptions): LoadResult {
  const { diags, host } = opts;
  const sources = new Map<string, string>();
  const files = composeFiles(opts, sources);
  if (files.length === 0 || diags.hasErrors) return { sources };
  const projectDir = opts.projectDirectory ?? posixPath.dirname(files[0].path);
  const envFiles = (opts.envFiles ?? []).map((f) => posixPath.resolve(projectDir, f));
  const env = withEnvFiles({ base: opts.env, files: envFiles, defaultDir: projectDir, host, diags, sources });
  const kept = opts.noInterpolate ? new Set<string>() : undefined;
  const ctx: LoaderContext = { host, diags, sources, warnedUnset: new Set(), keptVariables: kept };
  const result = (r: LoadResult): LoadResult => {
    if (kept) explainKeptVariables(diags, kept);
    return kept ? { ...r, keptVariables: kept } : r;
  };
  const scope: FileScope = { env, dir: projectDir, includeChain: [], extendsChain: [] };

  const nodes: Node[] = [];
  for (const input of files) nodes.push(...(loadComposeFile(ctx, { path: input.path, content: input.content }, scope) ?? []));
  if (diags.hasErrors) return result({ sources });
  const mergedNode = mergeFiles(nodes, diags);
  applyEmptyStrings(mergedNode, diags);
  defaultBuildContexts(mergedNode, projectDir);
  if (diags.hasErrors) return result({ sources });
  const merged = unlocate(mergedNode);
  const root = merged.value as Record<string, unknown>;
  if (Object.keys(root).length === 0) {
    // Empty or comment-only files load as nothing (an override left for later); only a project
    // that is empty as a whole is an error, as in compose-go (loader.go: `len(dict) == 0`).
    diags.error('empty-file', files.length > 1 ? 'empty compose project: every compose file is empty' : 'empty compose file', {
      pos: { file: files[0].path, line: 1, col: 1 },
      hint: 'a compose file needs at least a "services:" mapping',
    });
    return result({ sources });
  }
  if (!validateSchema(root, merged.sourceMap, diags)) return result({ sources });
  if ('version' in root) {
    diags.note('obsolete-version', 'the attribute "version" is obsolete, it will be ignored', { path: 'version', pos: merged.sourceMap.get('version'), hint: 'remove it to avoid confusion' });
  }

  const project = buildProject(root, merged.sourceMap, { ...opts, projectName: opts.projectName ?? (env.COMPOSE_PROJECT_NAME || undefined) }, projectDir, sources);
  if (!project) return result({ sources });
  project.environment = env;
  resolveEnvironment(project, env);
  const active = opts.profiles ?? splitProfiles(env.COMPOSE_PROFILES);
  const disabled = applyProfiles(project, active, diags);
  checkReferences(project, diags, new Set(disabled));
  checkDependencyCycles(project, diags);
  return result({ project, sources, disabledServices: disabled });
}

/** `environment: [FOO]` (no value) takes FOO from the environment, as `docker compose config` shows it. */
function resolveEnvironment(project: ComposeProject, env: Readonly<Record<string, string | undefined>>): void {
  for (const service of Object.values(project.services)) {
    for (const [k, v] of Object.entries(service.environment ?? {})) {
      if (v === null && env[k] !== undefined) service.environment![k] = env[k]!;
    }
  }
}

/**
 * The project's name. An explicit name (-p, COMPOSE_PROJECT_NAME, name:) must already be valid, as
 * docker compose requires; only the directory name is normalised. Undefined (reported) if invalid.
 */
function projectName(root: Record<string, unknown>, sourceMap: SourceMap, opts: LoadOptions, projectDir: string): string | undefined {
  const { diags } = opts;
  const fromFile = typeof root.name === 'string' && root.name ? root.name : undefined;
  const explicit = opts.projectName ?? fromFile;
  const name = explicit ?? normalizeProjectName(posixPath.basename(projectDir));
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
    const inFile = opts.projectName === undefined && fromFile !== undefined;
    diags.error('invalid-project-name', `invalid project name "${explicit ?? posixPath.basename(projectDir)}": must consist only of lowercase letters, digits, "-" and "_", and start with a letter or digit`, {
      ...(inFile ? { path: 'name', pos: sourceMap.get('name') } : {}),
      hint: explicit !== undefined ? `use "${normalizeProjectName(explicit) || 'my-project'}"` : 'name the project with -p NAME',
    });
    return undefined;
  }
  return name;
}

function buildProject(
  root: Record<string, unknown>,
  sourceMap: SourceMap,
  opts: LoadOptions,
  projectDir: string,
  sources: Map<string, string>,
): ComposeProject | undefined {
  const { diags } = opts;
  const section = (key: string): Record<string, Record<string, unknown>> => {
    const v = root[key];
    if (v === undefined || v === null) return {};
    if (!isRecord(v)) {
      diags.error('invalid-value', `"${key}" must be a mapping`, { path: key, pos: sourceMap.get(key) });
      return {};
    }
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, isRecord(item) ? item : {}]));
  };

  const name = projectName(root, sourceMap, opts, projectDir);
  if (name === undefined) return undefined;

  const rawServices = root.services;
  if (rawServices !== undefined && rawServices !== null && !isRecord(rawServices)) {
    diags.error('invalid-value', '"services" must be a mapping of service names to definitions', { path: 'services', pos: sourceMap.get('services') });
    return undefined;
  }
  const services: Record<string, ComposeService> = {};
  for (const [serviceName, def] of Object.entries(rawServices ?? {})) {
    const path = joinPath('services', serviceName);
    if (def !== null && !isRecord(def)) {
      diags.error('invalid-value', `service "${serviceName}" must be a mapping`, { path, pos: sourceMap.get(path) });
      continue;
    }
    services[serviceName] = normalizeService(serviceName, def ?? {}, { diags, sourceMap, path });
  }

  const extensions = Object.fromEntries(Object.entries(root).filter(([k]) => k.startsWith('x-')));
  return {
    name,
    workingDir: projectDir,
    services,
    volumes: section('volumes'),
    networks: section('networks'),
    secrets: section('secrets'),
    configs: section('configs'),
    ...(root.models !== undefined ? { models: section('models') } : {}),
    extensions,
    sourceMap,
    sources,
  };
}

function normalizeService(
  name: string,
  def: Record<string, unknown>,
  ctx: { diags: Diagnostics; sourceMap: SourceMap; path: string },
): ComposeService {
  const out: ComposeService = { name };
  for (const [key, value] of Object.entries(def)) {
    const rule = SERVICE_RULES[key];
    const path = joinPath(ctx.path, key);
    const v = rule ? rule(value, { ...ctx, path }) : value;
    if (v !== undefined) out[key] = v;
  }
  if (typeof out.image !== 'string' && out.image !== undefined) {
    const path = joinPath(ctx.path, 'image');
    ctx.diags.error('invalid-value', 'image must be a string', { path, pos: ctx.sourceMap.get(path) });
    delete out.image;
  }
  // A `provider:` service is run by a plugin and needs neither (compose-go checkConsistency).
  if (out.image === undefined && out.build === undefined && out.provider === undefined) {
    ctx.diags.error('missing-image', `service "${name}" has neither an image nor a build section`, {
      path: ctx.path,
      pos: ctx.sourceMap.get(ctx.path),
      hint: 'add "image: NAME" or "build: ."',
    });
  }
  return out;
}
