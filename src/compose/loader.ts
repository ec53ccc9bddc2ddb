// The compose loader, in compose-go's order. Per file: parse → interpolate → merge into the
// project. Then once: normalise (short → long syntax) → reference checks.

import * as posixPath from 'node:path/posix';
import type { Diagnostics } from '../diagnostics';
import type { Host } from '../host';
import { DotenvError, parseDotenv } from './dotenv';
import { interpolateTree } from './interpolate-tree';
import { mergeFiles } from './merge';
import { isRecord, SERVICE_RULES } from './normalize';
import { parseComposeYaml, type ParsedFile } from './parse';
import { checkReferences } from './references';
import { joinPath, SourceMap } from './source-map';
import type { ComposeProject, ComposeService } from './types';

export interface ComposeFileInput {
  /** Absolute path (POSIX separators); `-` style stdin input uses a path in the working directory. */
  readonly path: string;
  /** The file's text; when absent it is read through the host. */
  readonly content?: string;
}

export interface LoadOptions {
  readonly files: readonly ComposeFileInput[];
  /** Variables for interpolation (the process environment, as the CLI passes it). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `-p`: beats `name:` in the file. */
  readonly projectName?: string;
  /** Project directory; defaults to the first file's directory. */
  readonly projectDirectory?: string;
  /** `--env-file`; defaults to `.env` in the project directory when it exists. */
  readonly envFiles?: readonly string[];
  readonly host: Host;
  readonly diags: Diagnostics;
}

export interface LoadResult {
  readonly project?: ComposeProject;
  readonly sources: ReadonlyMap<string, string>;
}

/** Compose's project-name normalisation: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}

/** Reads `.env`-style files; process variables win over file values, as in compose. */
function loadEnvironment(opts: LoadOptions, projectDir: string, sources: Map<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...opts.env };
  const explicit = opts.envFiles && opts.envFiles.length > 0;
  const files = explicit ? opts.envFiles!.map((f) => posixPath.resolve(projectDir, f)) : [posixPath.join(projectDir, '.env')];
  const fromFiles: Record<string, string> = {};
  for (const file of files) {
    const text = opts.host.readFile(file);
    if (text === undefined) {
      if (explicit) opts.diags.error('env-file-missing', `env file ${file} not found`, { hint: 'check the --env-file path' });
      continue;
    }
    sources.set(file, text);
    try {
      for (const e of parseDotenv(text, (n) => opts.env[n] ?? fromFiles[n])) fromFiles[e.key] = e.value;
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      opts.diags.error('env-file-syntax', e.message, { pos: { file, line: e.line, col: e.col } });
    }
  }
  for (const [k, v] of Object.entries(fromFiles)) if (env[k] === undefined) env[k] = v;
  return env;
}

export function loadProject(opts: LoadOptions): LoadResult {
  const { diags, host } = opts;
  const sources = new Map<string, string>();
  if (opts.files.length === 0) {
    diags.error('no-compose-file', 'no compose file given', { hint: 'pass one with -f compose.yaml' });
    return { sources };
  }
  const projectDir = opts.projectDirectory ?? posixPath.dirname(opts.files[0].path);
  const env = loadEnvironment(opts, projectDir, sources);
  const lookup = (name: string) => env[name];

  const parsed: ParsedFile[] = [];
  for (const input of opts.files) {
    const text = input.content ?? host.readFile(input.path);
    if (text === undefined) {
      diags.error('file-not-found', `compose file ${input.path} not found`, { hint: 'check the -f path' });
      continue;
    }
    sources.set(input.path, text);
    const file = parseComposeYaml(input.path, text, diags);
    if (!file) continue;
    if (!isRecord(file.value)) {
      diags.error('invalid-file', 'a compose file must be a mapping with a "services" key', { pos: file.sourceMap.get('') ?? { file: input.path, line: 1, col: 1 } });
      continue;
    }
    const value = interpolateTree(file.value, { lookup, diags, sourceMap: file.sourceMap });
    parsed.push({ ...file, value });
  }
  if (diags.hasErrors || parsed.length === 0) return { sources };

  const merged = mergeFiles(parsed, diags);
  const project = buildProject(merged.value as Record<string, unknown>, merged.sourceMap, opts, projectDir, sources);
  if (!project) return { sources };
  checkReferences(project, diags);
  return { project, sources };
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

  const rawName = opts.projectName ?? (typeof root.name === 'string' && root.name ? root.name : posixPath.basename(projectDir));
  const name = normalizeProjectName(rawName);
  if (!name) {
    diags.error('invalid-project-name', `project name "${rawName}" has no usable characters`, {
      path: 'name',
      pos: sourceMap.get('name'),
      hint: 'name the project with -p NAME (lowercase letters, digits, "-" and "_")',
    });
    return undefined;
  }

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
    services[serviceName] = normalizeService(serviceName, def ?? {}, { diags, sourceMap, workingDir: projectDir, path });
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
    extensions,
    sourceMap,
    sources,
  };
}

function normalizeService(
  name: string,
  def: Record<string, unknown>,
  ctx: { diags: Diagnostics; sourceMap: SourceMap; workingDir: string; path: string },
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
  if (out.image === undefined && out.build === undefined) {
    ctx.diags.error('missing-image', `service "${name}" has neither an image nor a build section`, {
      path: ctx.path,
      pos: ctx.sourceMap.get(ctx.path),
      hint: 'add "image: NAME" or "build: ."',
    });
  }
  return out;
}
