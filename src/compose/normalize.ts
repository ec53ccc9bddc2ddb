// Short syntax → long syntax, one rule per compose key (compose-go's transform package is the model).
// Each rule gets the merged value and returns the canonical one, or reports and returns undefined.
// Forms that merge alike were brought to one form before merging (merge-rules.ts SHAPES: `KEY=value`
// lists → mappings, lists of names → mappings, `build: DIR` → `{context: DIR}`, one string → a list)
// and relative paths made absolute per file (paths.ts), so a rule here sees that form only; the
// schema check, which runs before, has refused the rest.

import type { Diagnostics } from '../common/diagnostics';
import { splitVolumeSpec } from './paths';
import { splitShellWords } from './shell-words';
import { joinPath, type SourceMap } from '../common/source-map';
import { portOfMapping, portsOfText } from './port-syntax';
import type { DependsOn, EnvFileRef, ServicePort, ServiceSecretRef, ServiceVolume } from './types';
import { isRecord } from '../common/records';

export interface NormalizeContext {
  readonly path: string;
  readonly diags: Diagnostics;
  readonly sourceMap: SourceMap;
}

type Rule = (value: unknown, ctx: NormalizeContext) => unknown;

function invalid(ctx: NormalizeContext, message: string, hint?: string, path = ctx.path): undefined {
  ctx.diags.error('invalid-value', message, { path, pos: ctx.sourceMap.get(path), hint });
  return undefined;
}
const scalarText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** A list of strings (one string was made a list by SHAPES) → list of strings; numbers become text. */
const stringList: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list of strings');
  const out: string[] = [];
  value.forEach((item, i) => {
    const s = scalarText(item);
    if (s === undefined) invalid(ctx, 'expected a string', undefined, joinPath(ctx.path, i));
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

/** `{A: b, N: 1, C: null}` → `{A: "b", N: "1", C: null}` (null: taken from the environment at run time). */
const keyValueMap: Rule = (value, ctx) => {
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) return invalid(ctx, 'expected a mapping or a list of "KEY=value" strings');
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = v === null ? null : (scalarText(v) ?? JSON.stringify(v));
  }
  return out;
};

/** labels and annotations: like environment, but a missing value is an empty string. */
const labelMap: Rule = (value, ctx) => {
  const m = keyValueMap(value, ctx) as Record<string, string | null> | undefined;
  if (!m) return undefined;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ?? '']));
};

/** ports: `80`, `8080:80`, `127.0.0.1:8080:80/udp`, `8000-8002:8000-8002`, or the long form (port-syntax.ts). */
const ports: Rule = (value, ctx) => {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list of ports');
  const out: ServicePort[] = [];
  value.forEach((item, i) => {
    const text = isRecord(item) ? undefined : scalarText(item);
    const parsed = isRecord(item) ? portOfMapping(item) : text === undefined ? 'expected a port' : portsOfText(text);
    if (typeof parsed === 'string') invalid(ctx, parsed, 'write "CONTAINER", "HOST:CONTAINER" or "IP:HOST:CONTAINER/PROTOCOL", e.g. "8080:80"', joinPath(ctx.path, i));
    else out.push(...(Array.isArray(parsed) ? parsed : [parsed]));
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

/** A short-syntax source that names a host path (paths.ts made a relative one absolute), not a volume. */
const isHostPath = (s: string) => /^([./~]|[A-Za-z]:[\\/]|\\\\)/.test(s) || s === '.';

/** volumes: `name:/path:ro`, `./dir:/path`, `/path` (anonymous), or the long form. */
const serviceVolumes: Rule = (value, ctx) => {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list of volumes');
  const out: ServiceVolume[] = [];
  value.forEach((item, i) => {
    const path = joinPath(ctx.path, i);
    if (isRecord(item)) {
      const type = String(item.type ?? 'volume') as ServiceVolume['type'];
      if (typeof item.target !== 'string' || !item.target) return void invalid(ctx, 'a volume needs a "target" path', undefined, path);
      const v: ServiceVolume = { ...(item as object), type, target: item.target } as ServiceVolume;
      // An empty source: an anonymous volume, but no host path at all for a bind mount (the engine refuses it).
      if (item.source === '' && type === 'bind') return void invalid(ctx, 'a bind mount needs a "source" path', 'name the host path, e.g. source: ./data', path);
      if (item.source === '') delete v.source;
      if (item.read_only !== undefined) v.read_only = item.read_only === true; // cast to a boolean (CASTS)
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
      ? { type: 'bind', source, target, bind: { create_host_path: true } }
      : { type: 'volume', source, target, volume: {} };
    if (modes.includes('ro')) v.read_only = true;
    const selinux = modes.find((m) => m === 'z' || m === 'Z');
    if (bind && selinux) v.bind = { ...v.bind, selinux };
    if (!bind && modes.includes('nocopy')) v.volume = { nocopy: true };
    out.push(v);
  });
  return out;
};

/** tmpfs: a list of `/path[:options]`. */
const tmpfs: Rule = stringList;

/** depends_on: a map of service name → condition/required/restart (a list of names was made one by SHAPES). */
const dependsOn: Rule = (value, ctx) => {
  if (value === null || value === undefined) return {};
  const out: Record<string, DependsOn> = {};
  if (!isRecord(value)) return invalid(ctx, 'expected a list of service names or a mapping');
  for (const [name, spec] of Object.entries(value)) {
    const s = isRecord(spec) ? spec : {};
    const condition = (s.condition ?? 'service_started') as DependsOn['condition'];
    if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) {
      invalid(ctx, `unknown condition "${condition}"`, 'use service_started, service_healthy or service_completed_successfully', joinPath(joinPath(ctx.path, name), 'condition'));
      continue;
    }
    // Booleans already: interpolate-tree.ts CASTS casts required and restart.
    const dep: DependsOn = { condition, required: s.required !== false };
    if (s.restart !== undefined) dep.restart = s.restart === true;
    out[name] = dep;
  }
  return out;
};

/** env_file: a list of paths or of {path, required, format} (absolute already: paths.ts). */
const envFile: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) return invalid(ctx, 'expected a list of file paths');
  const out: EnvFileRef[] = [];
  value.forEach((item, i) => {
    const p = isRecord(item) ? item.path : item;
    if (typeof p !== 'string') return void invalid(ctx, 'expected a file path', undefined, joinPath(ctx.path, i));
    // required is a boolean already (CASTS).
    const ref: EnvFileRef = { path: p, required: !isRecord(item) || item.required !== false };
    if (isRecord(item) && typeof item.format === 'string') ref.format = item.format;
    out.push(ref);
  });
  return out;
};

/**
 * build: `{context, …}` (SHAPES made `build: DIR` one; paths.ts resolved the context, and gave one
 * that had none the project directory) with compose's default Dockerfile.
 */
const build: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (!isRecord(value)) return invalid(ctx, 'expected a path or a mapping with "context"');
  return { ...value, dockerfile: value.dockerfile ?? (value.dockerfile_inline ? undefined : 'Dockerfile') };
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

/** networks on a service: a map of name → options (a list of names was made one by SHAPES). */
const serviceNetworks: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (!isRecord(value)) return invalid(ctx, 'expected a list of network names or a mapping');
  return value;
};

/** A whole number (CASTS made `"3"` one). */
const integer: Rule = (value, ctx) => {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(ctx, `expected a whole number, got ${JSON.stringify(value)}`);
  return value;
};

/** The rules, keyed by service key. Keys not listed are kept as loaded. */
export const SERVICE_RULES: Readonly<Record<string, Rule>> = {
  build,
  command: commandLine,
  entrypoint: commandLine,
  environment: keyValueMap,
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
