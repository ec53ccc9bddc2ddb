// Short syntax → long syntax, one rule per compose key (compose-go's transform package is the model).
// Each rule gets the interpolated value and returns the canonical one, or reports and returns undefined.

import type { Diagnostics } from '../diagnostics';
import { resolvePath } from './paths';
import { splitShellWords } from './shell-words';
import { joinPath, type SourceMap } from './source-map';
import type { DependsOn, EnvFileRef, Protocol, ServicePort, ServiceSecretRef, ServiceVolume } from './types';

export interface NormalizeContext {
  readonly path: string;
  readonly diags: Diagnostics;
  readonly sourceMap: SourceMap;
  /** Absolute project directory (POSIX separators). */
  readonly workingDir: string;
}

type Rule = (value: unknown, ctx: NormalizeContext) => unknown;

function invalid(ctx: NormalizeContext, message: string, hint?: string, path = ctx.path): undefined {
  ctx.diags.error('invalid-value', message, { path, pos: ctx.sourceMap.get(path), hint });
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalarText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** A string or a list of strings → list of strings. */
const stringList: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  list.forEach((item, i) => {
    const s = scalarText(item);
    if (s === undefined) invalid(ctx, 'expected a string', undefined, Array.isArray(value) ? joinPath(ctx.path, i) : ctx.path);
    else out.push(s);
  });
  return out;
};

/** command / entrypoint: a string is split like a shell would, a list is kept; null means "unset". */
const commandLine: Rule = (value, ctx) => {
  if (value === null) return null;
  if (typeof value === 'string') {
    try {
      return splitShellWords(value);
    } catch (e) {
      return invalid(ctx, (e as Error).message);
    }
  }
  return stringList(value, ctx);
};

/** `["A=b", "C"]` or `{A: b, C: null}` → `{A: "b", C: null}` (null: taken from the environment at run time). */
const keyValueMap = (separator: '=' | ':'): Rule => (value, ctx) => {
  if (value === null || value === undefined) return {};
  const out: Record<string, string | null> = {};
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const s = scalarText(item);
      if (s === undefined) return void invalid(ctx, 'expected "KEY=value"', undefined, joinPath(ctx.path, i));
      const at = s.indexOf(separator === ':' ? (s.includes('=') ? '=' : ':') : '=');
      if (at < 0) out[s] = null;
      else out[s.slice(0, at).trim()] = s.slice(at + 1);
    });
    return out;
  }
  if (!isRecord(value)) return invalid(ctx, 'expected a mapping or a list of "KEY=value" strings');
  for (const [k, v] of Object.entries(value)) {
    out[k] = v === null ? null : (scalarText(v) ?? JSON.stringify(v));
  }
  return out;
};

/** labels and annotations: like environment, but a missing value is an empty string. */
const labelMap: Rule = (value, ctx) => {
  const m = keyValueMap('=')(value, ctx) as Record<string, string | null> | undefined;
  if (!m) return undefined;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ?? '']));
};

const PORT_RE = /^(?:(?:\[(?<ip6>[^\]]+)\]|(?<ip>[^:[\]]*?)):)??(?:(?<published>[0-9]*(?:-[0-9]+)?|\$\{[^}]+\}):)?(?<target>[0-9]+(?:-[0-9]+)?)(?:\/(?<proto>[a-z]+))?$/i;

function parseRange(text: string): [number, number] | undefined {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 0 || hi > 65535 || hi < lo) return undefined;
  return [lo, hi];
}

const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

/** ports: `80`, `8080:80`, `127.0.0.1:8080:80/udp`, `8000-8002:8000-8002`, or the long form. */
const ports: Rule = (value, ctx) => {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list of ports');
  const out: ServicePort[] = [];
  value.forEach((item, i) => {
    const path = joinPath(ctx.path, i);
    const bad = (msg: string) => invalid(ctx, msg, 'write "CONTAINER", "HOST:CONTAINER" or "IP:HOST:CONTAINER/PROTOCOL", e.g. "8080:80"', path);
    if (isRecord(item)) {
      const target = Number(item.target);
      if (!Number.isInteger(target) || target < 1 || target > 65535) return void bad(`target port ${JSON.stringify(item.target)} is not a port number (1-65535)`);
      const protocol = String(item.protocol ?? 'tcp').toLowerCase() as Protocol;
      if (!PROTOCOLS.includes(protocol)) return void bad(`unknown protocol "${item.protocol}"`);
      const port: ServicePort = { target, protocol };
      if (item.published !== undefined && item.published !== null && item.published !== '') {
        port.published = String(item.published);
        if (!parseRange(port.published)) return void bad(`published port ${JSON.stringify(item.published)} is not a port number or range`);
      }
      if (typeof item.host_ip === 'string' && item.host_ip) port.host_ip = item.host_ip;
      if (item.mode === 'host' || item.mode === 'ingress') port.mode = item.mode;
      if (typeof item.name === 'string') port.name = item.name;
      if (typeof item.app_protocol === 'string') port.app_protocol = item.app_protocol;
      out.push(port);
      return;
    }
    const text = scalarText(item);
    if (text === undefined) return void bad('expected a port');
    const m = PORT_RE.exec(text.trim());
    if (!m?.groups) return void bad(`"${text}" is not a valid port mapping`);
    const g = m.groups;
    const protocol = (g.proto ?? 'tcp').toLowerCase() as Protocol;
    if (!PROTOCOLS.includes(protocol)) return void bad(`unknown protocol "${g.proto}" in "${text}"`);
    const targets = parseRange(g.target);
    if (!targets || targets[0] === 0) return void bad(`container port "${g.target}" in "${text}" is not a port number (1-65535)`);
    const published = g.published ? parseRange(g.published) : undefined;
    if (g.published && !published) return void bad(`host port "${g.published}" in "${text}" is not a port number or range`);
    const hostIp = g.ip6 ?? (g.ip || undefined);
    const count = targets[1] - targets[0] + 1;
    if (published && published[1] - published[0] + 1 !== count && count !== 1) {
      return void bad(`"${text}" maps ${count} container ports to ${published[1] - published[0] + 1} host ports`);
    }
    for (let k = 0; k < count; k++) {
      const port: ServicePort = { target: targets[0] + k, protocol, mode: 'ingress' };
      if (published) port.published = count === 1 && published[0] !== published[1] ? `${published[0]}-${published[1]}` : String(published[0] + k);
      if (hostIp) port.host_ip = hostIp;
      out.push(port);
    }
  });
  return out;
};

/** expose: numbers or strings (`3000`, `8000-8002`, `53/udp`) → strings. */
const expose: Rule = (value, ctx) => {
  const list = stringList(value, ctx) as string[] | undefined;
  if (!list) return undefined;
  list.forEach((s, i) => {
    if (!/^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/i.test(s)) invalid(ctx, `"${s}" is not a port, a port range or PORT/PROTOCOL`, 'e.g. expose: ["3000", "53/udp"]', joinPath(ctx.path, i));
  });
  return list;
};

/** `src:dst:mode` → parts, keeping a Windows drive letter (`C:\\data`) inside its part. */
function splitVolumeSpec(text: string): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const drive = /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
    const at = rest.indexOf(':', drive);
    if (at < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
    if (rest === '') parts.push('');
  }
  return parts;
}

const isHostPath = (s: string) => /^([./~]|[A-Za-z]:[\\/]|\\\\)/.test(s) || s === '.';

/** Paths are normally absolute already (paths.ts resolves them per file); this covers values built later. */
function resolveHostPath(source: string, workingDir: string): string {
  return resolvePath(source, workingDir);
}

/** volumes: `name:/path:ro`, `./dir:/path`, `/path` (anonymous), or the long form. */
const serviceVolumes: Rule = (value, ctx) => {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list of volumes');
  const out: ServiceVolume[] = [];
  value.forEach((item, i) => {
    const path = joinPath(ctx.path, i);
    if (isRecord(item)) {
      const type = String(item.type ?? (item.source ? 'volume' : 'volume')) as ServiceVolume['type'];
      if (typeof item.target !== 'string' || !item.target) return void invalid(ctx, 'a volume needs a "target" path', undefined, path);
      const v: ServiceVolume = { ...(item as object), type, target: item.target } as ServiceVolume;
      // An empty source: an anonymous volume, but no host path at all for a bind mount (the engine refuses it).
      if (item.source === '' && type === 'bind') return void invalid(ctx, 'a bind mount needs a "source" path', 'name the host path, e.g. source: ./data', path);
      if (item.source === '') delete v.source;
      if (typeof item.source === 'string' && item.source && type === 'bind') v.source = resolveHostPath(item.source, ctx.workingDir);
      if (item.read_only !== undefined) v.read_only = item.read_only === true || item.read_only === 'true';
      out.push(v);
      return;
    }
    const text = scalarText(item);
    if (text === undefined) return void invalid(ctx, 'expected a volume', undefined, path);
    const parts = splitVolumeSpec(text);
    if (parts.length === 0) return void invalid(ctx, 'an empty volume (compose-go: "invalid empty volume spec")', 'write "SOURCE:TARGET[:MODE]", or remove the entry', path);
    if (parts.length > 3 || parts.some((p) => p === '')) {
      return void invalid(ctx, `"${text}" is not a valid volume`, 'write "SOURCE:TARGET[:MODE]", e.g. "data:/var/lib/data:ro"', path);
    }
    if (parts.length === 1) {
      out.push({ type: 'volume', target: parts[0] });
      return;
    }
    const [source, target, mode = ''] = parts;
    if (!target.startsWith('/') && !/^[A-Za-z]:/.test(target)) {
      return void invalid(ctx, `volume target "${target}" in "${text}" is not an absolute path`, undefined, path);
    }
    const modes = mode.split(',').filter(Boolean);
    const bind = isHostPath(source);
    const v: ServiceVolume = bind
      ? { type: 'bind', source: resolveHostPath(source, ctx.workingDir), target, bind: { create_host_path: true } }
      : { type: 'volume', source, target, volume: {} };
    if (modes.includes('ro')) v.read_only = true;
    const selinux = modes.find((m) => m === 'z' || m === 'Z');
    if (bind && selinux) v.bind = { ...v.bind, selinux };
    if (!bind && modes.includes('nocopy')) v.volume = { nocopy: true };
    out.push(v);
  });
  return out;
};

/** tmpfs: a string or a list of `/path[:options]`. */
const tmpfs: Rule = stringList;

/** depends_on: a list of names or a map with condition/required/restart. */
const dependsOn: Rule = (value, ctx) => {
  if (value === null || value === undefined) return {};
  const out: Record<string, DependsOn> = {};
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const s = scalarText(item);
      if (s === undefined) invalid(ctx, 'expected a service name', undefined, joinPath(ctx.path, i));
      else out[s] = { condition: 'service_started', required: true };
    });
    return out;
  }
  if (!isRecord(value)) return invalid(ctx, 'expected a list of service names or a mapping');
  for (const [name, spec] of Object.entries(value)) {
    const s = isRecord(spec) ? spec : {};
    const condition = (s.condition ?? 'service_started') as DependsOn['condition'];
    if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) {
      invalid(ctx, `unknown condition "${condition}"`, 'use service_started, service_healthy or service_completed_successfully', joinPath(joinPath(ctx.path, name), 'condition'));
      continue;
    }
    const dep: DependsOn = { condition, required: s.required === undefined ? true : s.required === true || s.required === 'true' };
    if (s.restart !== undefined) dep.restart = s.restart === true || s.restart === 'true';
    out[name] = dep;
  }
  return out;
};

/** env_file: a path, a list of paths, or a list of {path, required, format}. */
const envFile: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const out: EnvFileRef[] = [];
  list.forEach((item, i) => {
    const p = isRecord(item) ? item.path : item;
    if (typeof p !== 'string') return void invalid(ctx, 'expected a file path', undefined, Array.isArray(value) ? joinPath(ctx.path, i) : ctx.path);
    const ref: EnvFileRef = { path: resolveHostPath(p, ctx.workingDir), required: isRecord(item) && item.required !== undefined ? item.required !== false && item.required !== 'false' : true };
    if (isRecord(item) && typeof item.format === 'string') ref.format = item.format;
    out.push(ref);
  });
  return out;
};

/** A build context that is a URL (git or an archive), not a directory: kept as written. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z]+:\/\/|^git@|\.git(#|$)/.test(context);
}

/** build: `.` → {context: "."}; relative contexts resolve against the project directory. */
const build: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  const b: Record<string, unknown> | undefined = typeof value === 'string' ? { context: value } : isRecord(value) ? { ...value } : undefined;
  if (!b) return invalid(ctx, 'expected a path or a mapping with "context"');
  const context = typeof b.context === 'string' ? b.context : '.';
  return { ...b, context: isRemoteContext(context) ? context : resolveHostPath(context, ctx.workingDir), dockerfile: b.dockerfile ?? (b.dockerfile_inline ? undefined : 'Dockerfile') };
};

/** secrets / configs on a service: `name` or {source, target, uid, gid, mode}. */
const fileReferences: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list');
  const out: ServiceSecretRef[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') out.push({ source: item });
    else if (isRecord(item) && typeof item.source === 'string') out.push({ ...(item as object), source: item.source } as ServiceSecretRef);
    else invalid(ctx, 'expected a name or a mapping with "source"', undefined, joinPath(ctx.path, i));
  });
  return out;
};

/** networks on a service: a list of names or a map of name → options. */
const serviceNetworks: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return Object.fromEntries(value.map((n) => [String(n), null]));
  if (!isRecord(value)) return invalid(ctx, 'expected a list of network names or a mapping');
  return value;
};

const integer: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?[0-9]+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return invalid(ctx, `expected a whole number, got ${JSON.stringify(value)}`);
  return n;
};

/** The rules, keyed by service key. Keys not listed are kept as loaded. */
export const SERVICE_RULES: Readonly<Record<string, Rule>> = {
  build,
  command: commandLine,
  entrypoint: commandLine,
  environment: keyValueMap('='),
  env_file: envFile,
  ports,
  expose,
  volumes: serviceVolumes,
  tmpfs,
  depends_on: dependsOn,
  links: stringList,
  labels: labelMap,
  annotations: labelMap,
  networks: serviceNetworks,
  secrets: fileReferences,
  configs: fileReferences,
  profiles: stringList,
  dns: stringList,
  dns_search: stringList,
  dns_opt: stringList,
  cap_add: stringList,
  cap_drop: stringList,
  security_opt: stringList,
  group_add: stringList,
  scale: integer,
};

export { isRecord, resolveHostPath, splitVolumeSpec };
