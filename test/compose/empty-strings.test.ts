// `key: ""` for every key whose schema admits a string, driven by the vendored compose schema: an
// empty string is what `${VAR:-}` gives when VAR is unset, and compose's schema accepts it almost
// everywhere. Each one must convert with exit 0 and nothing reported at the key, or be refused or
// reported exactly as the table below says, with the source of that behaviour. A key the schema
// gains later is covered with no change here: it must convert, or be added to the table.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { convertYaml, manifest, ROOT } from '../helpers';

type Segment = string | number;
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  required?: string[];
}

const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/compose/schema/compose-spec.json'), 'utf8')) as Schema & { $defs: Record<string, Schema> };
const deref = (s: Schema): Schema => (s.$ref ? deref(SCHEMA.$defs[s.$ref.split('/').pop()!]) : s);
const types = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** The name a `patternProperties` key gets, by the mapping it is in: one the project defines. */
const KEY_NAMES: Record<string, string> = { networks: 'front', depends_on: 'db', models: 'm', extra_hosts: 'myhost', ulimits: 'nofile', sysctls: 'net.core.somaxconn', volumes: 'data', secrets: 's', configs: 'c' };
/** Values for required siblings the schema's type alone does not give (see sample()). */
const SAMPLES: Record<string, unknown> = { target: '/data', type: 'volume', path: 'app.env', service: 'db', command: 'true', capabilities: ['gpu'], model: 'ai/smollm2' };
/** Long-syntax list items whose schema requires less than compose does: what they need besides. */
const ITEM_NEEDS: Record<string, Record<string, unknown>> = { ports: { target: 80 }, volumes: { type: 'volume', source: 'data', target: '/data' }, secrets: { source: 's' }, configs: { source: 'c' } };

/** A valid value for a required property the tested path does not go through. */
function sample(name: string, s: Schema): unknown {
  const d = deref(s);
  if (name in SAMPLES) return SAMPLES[name];
  if (d.enum) return d.enum[0];
  if (types(d).includes('integer') || types(d).includes('number')) return 80;
  return 'x';
}

/** Every path below `s` where a string is allowed, each with the required siblings on its way. */
function stringPaths(s: Schema, at: Segment[] = [], fill: [Segment[], unknown][] = [], depth = 0): { at: Segment[]; fill: [Segment[], unknown][] }[] {
  const d = deref(s);
  if (depth > 7) return [];
  const out = types(d).includes('string') ? [{ at, fill }] : [];
  for (const alt of [...(d.oneOf ?? []), ...(d.anyOf ?? [])]) out.push(...stringPaths(alt, at, fill, depth + 1));
  const needs = typeof at[at.length - 1] === 'number' ? (ITEM_NEEDS[String(at[at.length - 2])] ?? {}) : {};
  for (const [name, prop] of Object.entries(d.properties ?? {})) {
    const siblings = (d.required ?? []).filter((r) => r !== name).map((r): [Segment[], unknown] => [[...at, r], sample(r, d.properties![r])]);
    const extra = Object.entries(needs).filter(([k]) => k !== name && !(d.required ?? []).includes(k)).map(([k, v]): [Segment[], unknown] => [[...at, k], v]);
    out.push(...stringPaths(prop, [...at, name], [...fill, ...siblings, ...extra], depth + 1));
  }
  for (const [pattern, prop] of Object.entries(d.patternProperties ?? {})) {
    if (!pattern.startsWith('^x-')) out.push(...stringPaths(prop, [...at, KEY_NAMES[String(at[at.length - 1])] ?? 'K'], fill, depth + 1));
  }
  if (types(d).includes('array') && d.items) out.push(...stringPaths(d.items, [...at, 0], fill, depth + 1));
  return out;
}

function set(target: Record<string, unknown>, at: Segment[], value: unknown): void {
  let o: Record<string | number, unknown> = target;
  at.forEach((seg, i) => {
    if (i === at.length - 1) o[seg] = value;
    else {
      if (typeof o[seg] !== 'object' || o[seg] === null) o[seg] = typeof at[i + 1] === 'number' ? [] : {};
      o = o[seg] as Record<string | number, unknown>;
    }
  });
}

/** A project that defines everything a tested key may refer to, with the key set to "". */
function projectWith(at: Segment[], fill: [Segment[], unknown][]): string {
  const doc: Record<string, unknown> = {
    services: { web: { image: 'nginx' }, db: { image: 'postgres' } },
    networks: { front: {} },
    volumes: { data: {} },
    secrets: { s: { file: './s.txt' } },
    configs: { c: { file: './c.txt' } },
    models: { m: { model: 'ai/smollm2' } },
  };
  for (const [p, v] of fill) set(doc, p, v);
  set(doc, at, '');
  return stringify(doc);
}

const pathText = (at: Segment[]) => at.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s), '');

const CASES = [
  ...stringPaths(SCHEMA.$defs.service, ['services', 'web']),
  ...(['volumes', 'networks', 'secrets', 'configs', 'models'] as const).flatMap((section) => stringPaths(SCHEMA.properties![section], [section])),
  { at: ['name'], fill: [] },
];
const UNIQUE = [...new Map(CASES.map((c) => [pathText(c.at), c])).values()];

const FILES = { 's.txt': 'secret\n', 'c.txt': 'config\n', 'app.env': 'A=1\n', Dockerfile: 'FROM nginx\n' };

interface Expected {
  readonly outcome: 'refused' | 'reported';
  readonly code: string;
  /** Why, with the source of the behaviour. */
  readonly why: string;
  /** Paths as printed in diagnostics; `*` matches anything. */
  readonly paths: readonly string[];
}

const S = 'services.web.';
const TABLE: readonly Expected[] = [
  {
    outcome: 'refused',
    code: 'invalid-value',
    why: 'an integer, number or boolean field: compose-go casts the string and "" does not parse (loader/interpolate.go interpolateTypeCastMapping, loader/mapstructure.go cast)',
    paths: [
      ...['attach', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpus', 'init', 'mem_swappiness', 'oom_kill_disable', 'oom_score_adj', 'pids_limit', 'privileged', 'read_only', 'scale', 'stdin_open', 'tty'].map((k) => S + k),
      ...['blkio_config.weight', 'blkio_config.weight_device[0].weight', 'build.no_cache', 'build.privileged', 'build.pull', 'build.ulimits.*', 'build.secrets[0].mode', 'ulimits.*'].map((k) => S + k),
      ...['deploy.replicas', 'deploy.*.parallelism', 'deploy.*.max_failure_ratio', 'deploy.restart_policy.max_attempts', 'deploy.placement.max_replicas_per_node', 'deploy.resources.limits.pids'].map((k) => S + k),
      ...['depends_on.db.restart', 'env_file[0].required', 'healthcheck.disable', 'healthcheck.retries', 'ports[0].target', 'secrets[0].mode', 'configs[0].mode', 'volumes[0].read_only', 'volumes[0].volume.nocopy', 'volumes[0].tmpfs.mode', '*_start[0].privileged', 'pre_stop[0].privileged', 'pre_start[0].per_replica'].map((k) => S + k),
      '*.external', 'networks.front.internal', 'networks.front.attachable', 'networks.front.enable_ipv*',
    ],
  },
  {
    outcome: 'refused',
    code: 'invalid-duration',
    why: 'a duration: compose-go types.Duration, str2duration.ParseDuration("") fails',
    paths: [S + 'stop_grace_period', S + 'healthcheck.interval', S + 'healthcheck.timeout', S + 'healthcheck.start_*', S + 'deploy.*.delay', S + 'deploy.*.monitor', S + 'deploy.restart_policy.window'],
  },
  {
    outcome: 'refused',
    code: 'invalid-value',
    why: 'a byte size: compose-go types.UnitBytes, units.RAMInBytes("") fails',
    paths: [S + 'mem_limit', S + 'mem_reservation', S + 'memswap_limit', S + 'shm_size', S + 'build.shm_size', S + 'deploy.resources.*.memory', S + 'volumes[0].tmpfs.size', S + 'blkio_config.device_*[0].rate'],
  },
  {
    outcome: 'refused',
    code: 'invalid-value',
    why: 'a CPU or device count: compose-go types.NanoCPUs and DeviceCount parse "" as a number and fail',
    paths: [S + 'deploy.resources.*.cpus', S + 'deploy.resources.reservations.devices[0].count', S + 'gpus[0].count'],
  },
  {
    outcome: 'refused',
    code: 'invalid-value',
    why: 'a file path: "" resolves to the project directory, which compose cannot read as a file',
    paths: [S + 'env_file', S + 'env_file[0]', S + 'env_file[0].path', S + 'label_file', S + 'label_file[0]', S + 'extends.file'],
  },
  {
    outcome: 'refused',
    code: 'invalid-value',
    why: 'an empty short-syntax port or volume: compose-go ParsePortConfig ("no port specified") and ParseVolume ("invalid empty volume spec")',
    paths: [S + 'ports[0]', S + 'volumes[0]', S + 'volumes[0].target'],
  },
  {
    outcome: 'refused',
    code: 'invalid-value',
    why: 'the engine refuses it when it creates the container (moby: empty tmpfs destination, unknown capability "CAP_", extra host without an IP)',
    paths: [S + 'tmpfs', S + 'tmpfs[0]', S + 'cap_add[0]', S + 'cap_drop[0]', S + 'extra_hosts*'],
  },
  {
    outcome: 'refused',
    code: 'schema',
    why: 'the compose schema refuses "": an enum or a pattern (cgroup, container_name, pull_policy, gpus, condition, order, action, type, recursive)',
    paths: [S + 'cgroup', S + 'container_name', S + 'pull_policy', S + 'gpus', S + 'depends_on.db.condition', S + 'deploy.*.order', S + 'develop.watch[0].action', S + 'volumes[0].type', S + 'volumes[0].bind.recursive'],
  },
  {
    outcome: 'refused',
    code: 'schema',
    why: 'a KEY=value list entry with no name (compose-go transformKeyValue: "expected key=value"); a name list entry naming nothing',
    paths: [S + 'environment[0]', S + '*labels[0]', S + 'annotations[0]', S + 'sysctls[0]', S + 'build.args[0]', S + 'build.additional_contexts[0]', S + 'depends_on[0]', S + 'networks[0]', '*.labels[0]'],
  },
  { outcome: 'refused', code: 'undefined-secret', why: 'compose-go: the service refers to an undefined secret ""', paths: [S + 'secrets[0]', S + 'secrets[0].source'] },
  { outcome: 'refused', code: 'undefined-config', why: 'compose-go: the service refers to an undefined config ""', paths: [S + 'configs[0]', S + 'configs[0].source'] },
  { outcome: 'refused', code: 'undefined-model', why: 'compose-go: the service refers to an undefined model ""', paths: [S + 'models[0]'] },
  { outcome: 'refused', code: 'undefined-service', why: 'compose-go: links and volumes_from name an undefined service ""', paths: [S + 'links[0]', S + 'volumes_from[0]'] },
  { outcome: 'refused', code: 'extends-not-found', why: 'compose-go extends.go: cannot extend service "": not found', paths: [S + 'extends', S + 'extends.service'] },
  { outcome: 'refused', code: 'missing-image', why: 'image "" is no image, and web has no build: compose-go checkConsistency, "neither an image nor a build context"', paths: [S + 'image'] },
  {
    outcome: 'reported',
    code: 'empty-entrypoint',
    why: 'an empty entrypoint clears the image\'s (compose spec); Kubernetes cannot without a command to run',
    paths: [S + 'entrypoint'],
  },
  { outcome: 'reported', code: 'group-name', why: 'supplementalGroups take numeric gids; docker itself fails to find group "" when the container starts', paths: [S + 'group_add[0]'] },
  { outcome: 'reported', code: 'unsupported-security-opt', why: 'not converted (docker itself refuses an empty --security-opt)', paths: [S + 'security_opt[0]'] },
];

const glob = (p: string) => new RegExp(`^${p.replace(/[.[\]]/g, '\\$&').replace(/\*/g, '.*')}$`);
const expectationOf = (p: string) => TABLE.find((e) => e.paths.some((pattern) => glob(pattern).test(p)));
const at = (d: { path?: string }, p: string) => d.path !== undefined && (d.path === p || d.path.startsWith(`${p}.`) || d.path.startsWith(`${p}[`));

describe('an empty string in every key whose schema admits a string', () => {
  for (const c of UNIQUE) {
    const p = pathText(c.at);
    const e = expectationOf(p);
    it(e ? `${p} is ${e.outcome} [${e.code}]: ${e.why}` : `${p} converts`, () => {
      const r = convertYaml(projectWith(c.at, c.fill), { extraFiles: FILES });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (e?.outcome === 'refused') expect(errors.map((d) => d.code)).toContain(e.code);
      else if (e) expect(r.diagnostics.filter((d) => at(d, p)).map((d) => [d.severity, d.code])).toEqual([['warning', e.code]]);
      else expect(r.diagnostics.filter((d) => d.severity === 'error' || at(d, p)).map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([]);
    });
  }

  it('covers the keys named in the issue', () => {
    const covered = new Set(UNIQUE.map((c) => pathText(c.at)));
    const named = ['user', 'working_dir', 'hostname', 'domainname', 'restart', 'pull_policy', 'network_mode', 'ipc', 'pid', 'stop_signal', 'shm_size', 'mem_limit', 'cpus', 'entrypoint', 'command', 'container_name', 'platform', 'healthcheck.test', 'logging.driver', 'env_file[0]', 'ports[0]', 'volumes[0]'];
    expect(named.filter((k) => !covered.has(S + k))).toEqual([]);
  });

  it('lists no path that the schema does not have', () => {
    expect(TABLE.flatMap((e) => e.paths).filter((pattern) => !UNIQUE.some((c) => glob(pattern).test(pathText(c.at))))).toEqual([]);
  });
});

describe('what an empty string means', () => {
  const web = (r: ReturnType<typeof convertYaml>) => manifest(r, 'Deployment', 'web')!.spec.template.spec;

  it('platform: ${DOCKER_PLATFORM:-} with the variable unset selects no platform', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    platform: ${DOCKER_PLATFORM:-}\n');
    expect([r.ok, web(r).nodeSelector]).toEqual([true, undefined]);
  });

  it('an override file that empties a value removes it', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    platform: linux/arm64\n', { files: ['/project/compose.yaml', { path: '/project/local.yaml', content: 'services:\n  web:\n    platform: ""\n' }] });
    expect(web(r).nodeSelector).toBeUndefined();
  });

  it('image: "" with build: names the built image as compose does', () => {
    const r = convertYaml('name: shop\nservices:\n  web:\n    image: ${WEB_IMAGE:-}\n    build: .\n', { extraFiles: { Dockerfile: 'FROM nginx\n' } });
    expect(web(r).containers[0].image).toBe('shop-web:latest');
  });

  it('build.context: "" is the project directory', () => {
    const r = convertYaml('services:\n  web:\n    build:\n      context: ""\n', { extraFiles: { Dockerfile: 'FROM nginx\n' } });
    expect(r.project!.services.web.build!.context).toBe('/project');
  });

  it('entrypoint: "" with a command runs the command on its own', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    entrypoint: ""\n    command: ["nginx", "-g", "daemon off;"]\n');
    expect([web(r).containers[0].command, web(r).containers[0].args]).toEqual([['nginx', '-g', 'daemon off;'], undefined]);
  });

  it('command: "" adds no args', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    command: ""\n');
    expect(web(r).containers[0].args).toBeUndefined();
  });

  it('dns: keeps the servers that are not empty', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    dns: ["${DNS_1:-}", 9.9.9.9]\n');
    expect(web(r).dnsConfig.nameservers).toEqual(['9.9.9.9']);
  });

  it('healthcheck.test: "" (always healthy in docker) becomes no probe, with nothing to report', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ""\n');
    expect([web(r).containers[0].readinessProbe, r.diagnostics]).toEqual([undefined, []]);
  });

  it('a long-syntax port with published: "" is not published', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: ${WEB_PORT:-}\n');
    expect(r.project!.services.web.ports).toEqual([{ target: 80, protocol: 'tcp' }]);
  });

  it('a bind mount with source: "" is refused: there is no host path to mount', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    volumes:\n      - type: bind\n        source: ""\n        target: /data\n');
    expect(r.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual(['invalid-value services.web.volumes[0]: a bind mount needs a "source" path']);
  });

  it('environment: {A: ""} is an empty variable, not an unset one', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    environment:\n      A: ""\n');
    expect(web(r).containers[0].env).toEqual([{ name: 'A', value: '' }]);
  });

  it('a refused empty value says where it likely came from', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    mem_limit: ${WEB_MEMORY:-}\n');
    expect(r.diagnostics.map((d) => d.hint)).toEqual(['"" is what ${VAR} or ${VAR:-} gives when VAR is unset: set it, give a default such as ${VAR:-512m}, or remove the key']);
  });
});
