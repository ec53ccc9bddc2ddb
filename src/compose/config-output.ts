// `compose2k8s config`: the resolved project as `docker compose config` prints it, so a user sees
// exactly what the converter saw. Beyond the loaded project it adds what docker compose adds when
// printing: each service joins the `default` network unless it names networks or a network_mode,
// and networks, volumes, secrets and configs get their engine name `<project>_<key>`.

import * as posixPath from 'node:path/posix';
import { stringify } from 'yaml';
import type { Diagnostics } from '../common/diagnostics';
import { DotenvError, parseDotenv } from './dotenv';
import { joinPath } from '../common/source-map';
import type { ComposeProject, ComposeService } from './types';

type Plain = Record<string, unknown>;

const sortKeys = (o: Plain): Plain => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Keys first in this order (docker compose prints Go struct fields in declaration order), then the rest. */
const ordered = (o: unknown, order: readonly string[]): unknown => {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return o;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
};
const PORT_ORDER = ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'];
const VOLUME_ORDER = ['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs', 'image'];
const DEPENDS_ORDER = ['condition', 'restart', 'required'];
const BUILD_ORDER = ['context', 'dockerfile', 'dockerfile_inline'];
const RESOURCE_ORDER = ['name'];

function serviceConfig(service: ComposeService): Plain {
  const { name: _name, ...rest } = service;
  const out: Plain = { ...rest };
  if (out.networks === undefined && out.network_mode === undefined) out.networks = { default: null };
  if (Array.isArray(out.ports)) out.ports = out.ports.map((p) => ordered(p, PORT_ORDER));
  if (Array.isArray(out.volumes)) out.volumes = out.volumes.map((v) => ordered(v, VOLUME_ORDER));
  if (out.build) out.build = ordered(out.build, BUILD_ORDER);
  if (out.depends_on) out.depends_on = sortKeys(Object.fromEntries(Object.entries(out.depends_on as Plain).map(([k, v]) => [k, ordered(v, DEPENDS_ORDER)])));
  for (const key of ['environment', 'labels', 'annotations']) if (out[key] && typeof out[key] === 'object') out[key] = sortKeys(out[key] as Plain);
  // Empty lists and maps the loader filled in are not printed, as docker compose omits empty values.
  for (const [k, v] of Object.entries(out)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)) delete out[k];
  }
  return sortKeys(out);
}

/** Top-level resources: external ones are named by their key, others `<project>_<key>`, unless `name:` says. */
function resources(project: ComposeProject, section: Record<string, Record<string, unknown>>): Plain {
  const out: Plain = {};
  for (const key of Object.keys(section).sort()) {
    const def = section[key] ?? {};
    const name = typeof def.name === 'string' ? def.name : def.external === true ? key : `${project.name}_${key}`;
    out[key] = ordered(sortKeys({ ...def, name }), RESOURCE_ORDER);
  }
  return out;
}

/** The project in docker compose's `config` layout, as plain data (for `--format json` and tests). */
export function projectConfig(project: ComposeProject): Plain {
  const services = Object.fromEntries(
    Object.keys(project.services)
      .sort()
      .map((n) => [n, serviceConfig(project.services[n])]),
  );
  const usesDefault = Object.values(services).some((s) => s.networks && typeof s.networks === 'object' && 'default' in (s.networks as Plain));
  const networks = { ...project.networks };
  if (usesDefault && !networks.default) networks.default = {};
  const out: Plain = { name: project.name, services };
  if (Object.keys(networks).length > 0) out.networks = resources(project, networks);
  if (Object.keys(project.volumes).length > 0) out.volumes = resources(project, project.volumes);
  if (Object.keys(project.secrets).length > 0) out.secrets = resources(project, project.secrets);
  if (Object.keys(project.configs).length > 0) out.configs = resources(project, project.configs);
  if (project.models && Object.keys(project.models).length > 0) out.models = project.models;
  for (const [k, v] of Object.entries(project.extensions)) out[k] = v;
  return out;
}

/**
 * What docker compose config does with `env_file:` (compose-go ResolveServicesEnvironment with
 * discardEnvFiles): each file's variables become `environment:` entries, later files winning and the
 * service's own `environment:` winning over all, and `env_file:` is dropped. The converter itself keeps
 * env_file (each file becomes a ConfigMap), so this is for printing only. Returns a new project.
 */
export function foldEnvFiles(project: ComposeProject, readFile: (path: string) => string | undefined, diags: Diagnostics): ComposeProject {
  const env = project.environment ?? {};
  // A secret's file used as an env file is not printed: its values stay out of every output, as in convert.
  const secretFiles = new Map<string, string>();
  for (const [secret, def] of Object.entries(project.secrets)) {
    if (typeof def.file === 'string') secretFiles.set(posixPath.resolve(project.workingDir, def.file), secret);
  }
  const services: Record<string, ComposeService> = {};
  for (const [name, service] of Object.entries(project.services)) {
    if (!service.env_file?.length) {
      services[name] = service;
      continue;
    }
    const fromFiles: Record<string, string> = {};
    service.env_file.forEach((ref, i) => {
      const at = joinPath(joinPath(joinPath('services', name), 'env_file'), i);
      const secret = secretFiles.get(ref.path);
      if (secret !== undefined) {
        diags.warn('env-file-secret-file', `env file ${ref.path} is the file of secret "${secret}"; its values are not printed`, { path: at, pos: project.sourceMap.get(at) });
        return;
      }
      const text = readFile(ref.path);
      if (text === undefined) {
        if (ref.required) diags.error('env-file-missing', `env file ${ref.path} not found`, { path: at, pos: project.sourceMap.get(at), hint: 'create it, or mark it optional: env_file: [{ path: …, required: false }]' });
        return;
      }
      try {
        for (const e of parseDotenv(text, (k) => env[k])) fromFiles[e.key] = e.value;
      } catch (e) {
        if (!(e instanceof DotenvError)) throw e;
        diags.error('env-file-syntax', e.message, { pos: { file: ref.path, line: e.line, col: e.col } });
      }
    });
    const { env_file: _dropped, ...rest } = service;
    services[name] = { ...rest, environment: { ...fromFiles, ...(service.environment ?? {}) } };
  }
  return { ...project, services };
}

/** `$` → `$$` in every string, as docker compose prints them, so the output loads again unchanged. */
function escapeDollars(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\$/g, '$$$$');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}

/**
 * The YAML `docker compose config` would print for this project. With `noInterpolate` the text was
 * kept as written, `$$` included, so it is printed as it is (docker compose does the same).
 */
export function projectConfigYaml(project: ComposeProject, opts: { noInterpolate?: boolean } = {}): string {
  const config = projectConfig(project);
  return stringify(opts.noInterpolate ? config : escapeDollars(config), { lineWidth: 0, aliasDuplicateObjects: false });
}
