// Every key of a service's `build:` section → the flags of each builder, as docker compose passes
// it to BuildKit (docker/compose pkg/compose/build.go toBuildOptions, build_bake.go), or the reason a
// builder lacks it (a warning at the key's file:line:col; the image is built without it). One row
// per key, in the order the flags are written; walked by buildFlags() in plan-builds.ts.

import * as posixPath from 'node:path/posix';
import { isRecord } from '../common/records';
import { isRemoteContext as isRemote } from '../compose/paths';
import { joinPath } from '../common/source-map';
import type { BuildConfig, ComposeProject } from '../compose/types';
import { parseBytes } from '../model/base/compose-sizes';
import { tagFor, type Builder } from './builders';

/** What a row sees of the build it translates, and how it reports. */
export interface KeyContext {
  readonly builder: Builder;
  readonly project: ComposeProject;
  readonly build: BuildConfig;
  /** The platforms built for: build.platforms, else the service's platform. */
  readonly platforms: readonly string[];
  /** The compose path of the key (`services.web.build.args`). */
  readonly path: string;
  /** The builder lacks (part of) the key: a warning, and the build goes on without it. */
  lacks(reason: string, path?: string): void;
  /** A value docker compose would refuse to build with: an error, nothing is built. */
  invalid(message: string, hint?: string, path?: string): void;
  /** Text the builder reads on stdin (dockerfile_inline). */
  stdin(text: string): void;
  /** A variable of the project environment (process variables over .env) the builder reads. */
  passEnv(name: string): void;
  /** The image built or run for another service (additional_contexts: service:NAME), or undefined. */
  serviceImage(name: string): string | undefined;
}

interface KeyRule {
  readonly flags: (value: unknown, c: KeyContext) => readonly string[];
  /** Builders that lack the key altogether, with why. */
  readonly lacking?: Partial<Record<Builder, string>>;
}

const NEEDS_BUILDKIT = 'the classic docker builder does not have it (it needs BuildKit: install the docker buildx plugin)';
const BUILDX_ONLY = (what: string): Partial<Record<Builder, string>> => ({ docker: NEEDS_BUILDKIT, podman: `podman has no ${what}`, buildah: `buildah has no ${what}` });

const strings = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String);
const repeat = (flag: string, values: readonly string[]) => values.flatMap((v) => [flag, v]);
/** A map as compose reads it (`KEY=value` lists are maps once loaded); null values stay null. */
const entries = (v: unknown): [string, unknown][] => (isRecord(v) ? Object.entries(v) : []);

/** `a/b:cache` or `type=registry,ref=a/b:cache` → `a/b:cache`; another cache type → undefined. */
function registryRef(entry: string): string | undefined {
  if (!/^[a-z-]+=/.test(entry)) return entry;
  const attrs = new Map(entry.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  return attrs.get('type') === 'registry' ? attrs.get('ref') : undefined;
}

/** cache_from / cache_to: buildx syntax for BuildKit builders; plain registry refs for the others. */
function cacheFlags(flag: string): KeyRule['flags'] {
  return (v, c) => {
    const list = strings(v);
    if (c.builder === 'buildx' || c.builder === 'nerdctl') return repeat(flag, list);
    const refs = list.flatMap((entry, i) => {
      const ref = registryRef(entry);
      if (ref === undefined) c.lacks(`${c.builder} takes a cache only from an image registry, not "${entry}"`, joinPath(c.path, i));
      return ref === undefined ? [] : [ref];
    });
    // buildah uses a registry cache only for builds that keep their layers (podman keeps them by default).
    return refs.length ? [...(c.builder === 'buildah' && flag === '--cache-from' ? ['--layers'] : []), ...repeat(flag, refs)] : [];
  };
}

/** build.secrets: `id=<target or source>` from the secret's file or environment variable (build.go addSecretsConfig). */
function secretFlags(v: unknown, c: KeyContext): string[] {
  return (Array.isArray(v) ? v : []).flatMap((ref, i) => {
    const path = joinPath(c.path, i);
    const source = typeof ref === 'string' ? ref : isRecord(ref) ? String(ref.source) : '';
    const def = c.project.secrets[source];
    const id = isRecord(ref) && typeof ref.target === 'string' ? ref.target : source;
    if (isRecord(ref) && (ref.uid !== undefined || ref.gid !== undefined || ref.mode !== undefined)) c.lacks('uid, gid and mode of a build secret are not supported by BuildKit (docker compose ignores them too)', path);
    if (typeof def?.file === 'string') return ['--secret', `id=${id},src=${def.file}`];
    if (typeof def?.environment === 'string') {
      c.passEnv(def.environment);
      return ['--secret', `id=${id},env=${def.environment}`];
    }
    c.invalid(`build secret "${source}" is neither a file nor an environment variable: docker compose builds only with those`, 'declare it under secrets: with file: or environment:', path);
    return [];
  });
}

/** build.ssh: `default`, `id=path`, or a map of id → path. */
function sshFlags(v: unknown): string[] {
  const list = isRecord(v) ? Object.entries(v).map(([id, p]) => (p === null || p === '' ? id : `${id}=${p}`)) : strings(v);
  return repeat('--ssh', list);
}

/** build.additional_contexts: `service:NAME` is the image built for that service (built first). */
function contextFlags(v: unknown, c: KeyContext): string[] {
  return entries(v).flatMap(([name, value]) => {
    const target = String(value);
    if (!target.startsWith('service:')) return ['--build-context', `${name}=${target}`];
    const image = c.serviceImage(target.slice('service:'.length));
    if (image === undefined) c.invalid(`additional context "${name}" names service "${target.slice(8)}", which this project does not run`, undefined, joinPath(c.path, name));
    return image === undefined ? [] : ['--build-context', `${name}=docker-image://${tagFor(c.builder, image)}`];
  });
}

/** build.extra_hosts, loaded as `host=ip` or `host:ip`: `--add-host host:ip`, as compose writes them (AsList(":")). */
function hostFlags(v: unknown): string[] {
  return repeat('--add-host', strings(v).map((h) => (/^[^:=]+=/.test(h) ? h.replace('=', ':') : h)));
}

function ulimitFlags(v: unknown): string[] {
  return repeat('--ulimit', entries(v).map(([name, l]) => (isRecord(l) ? `${name}=${l.soft}:${l.hard}` : `${name}=${l}`)));
}

/** build.provenance / build.sbom: `true`, `false` or the attestation's options. */
const attestation = (flag: string): KeyRule['flags'] => (v) => [`${flag}=${String(v)}`];

/** Each key, in the order its flags are written. `context` is the last argument (plan-builds.ts). */
export const BUILD_KEYS: Readonly<Record<string, KeyRule>> = {
  dockerfile: {
    // build.go dockerFilePath: relative to a local context; as written for a remote one.
    flags: (v, c) => (c.build.dockerfile_inline !== undefined ? [] : ['-f', posixPath.isAbsolute(String(v)) || isRemote(c.build.context) ? String(v) : posixPath.join(c.build.context, String(v))]),
  },
  dockerfile_inline: {
    flags: (v, c) => {
      if (isRemote(c.build.context)) c.invalid('an inline Dockerfile is read from stdin, which builders take only with a local context', 'write it to a file in the repository and name it with dockerfile:');
      c.stdin(String(v));
      return ['-f', '-'];
    },
  },
  target: { flags: (v) => ['--target', String(v)] },
  args: {
    // A bare `ARG` takes its value from the environment, or is left out (compose-go Resolve, build.go flatten).
    flags: (v, c) =>
      entries(v).flatMap(([name, value]) => {
        const resolved = value === null || value === undefined ? c.project.environment?.[name] : String(value);
        return resolved === undefined ? [] : ['--build-arg', `${name}=${resolved}`];
      }),
  },
  labels: { flags: (v) => repeat('--label', entries(v).map(([k, val]) => `${k}=${val ?? ''}`)) },
  tags: {
    flags: (v, c) => {
      if ((c.builder === 'podman' || c.builder === 'buildah') && c.platforms.length > 1) {
        c.lacks(`${c.builder} names a build for several platforms by its manifest list only`);
        return [];
      }
      return repeat('-t', strings(v).map((t) => tagFor(c.builder, t)));
    },
  },
  platforms: {
    flags: (_v, c) => {
      if (c.builder === 'docker' && c.platforms.length > 1) {
        c.lacks('the classic docker builder builds for one platform only (install the docker buildx plugin); it builds for the docker host\'s');
        return [];
      }
      return c.platforms.length ? ['--platform', c.platforms.join(',')] : [];
    },
  },
  cache_from: { flags: cacheFlags('--cache-from') },
  cache_to: { flags: cacheFlags('--cache-to'), lacking: { docker: NEEDS_BUILDKIT } },
  no_cache: { flags: (v) => (v === true ? ['--no-cache'] : []) },
  no_cache_filter: { flags: (v) => ['--no-cache-filter', strings(v).join(',')], lacking: { ...BUILDX_ONLY('per-stage cache filter'), nerdctl: 'nerdctl has no per-stage cache filter' } },
  pull: {
    flags: (v, c) => (v !== true ? [] : c.builder === 'podman' || c.builder === 'buildah' ? ['--pull=always'] : c.builder === 'nerdctl' ? ['--pull=true'] : ['--pull']),
  },
  network: {
    flags: (v, c) => {
      if (c.builder === 'nerdctl' && !['default', 'none', 'host'].includes(String(v))) {
        c.lacks('nerdctl builds on the default, none or host network only');
        return [];
      }
      return ['--network', String(v)];
    },
  },
  extra_hosts: { flags: hostFlags, lacking: { nerdctl: 'nerdctl build has no --add-host' } },
  shm_size: {
    flags: (v, c) => {
      const bytes = parseBytes(v);
      if (bytes === undefined) c.invalid(`shm_size ${JSON.stringify(v)} is not a size`, 'e.g. shm_size: "256m"');
      return bytes === undefined ? [] : ['--shm-size', String(bytes)];
    },
    lacking: { nerdctl: 'nerdctl build has no --shm-size' },
  },
  ulimits: { flags: ulimitFlags, lacking: { nerdctl: 'nerdctl build has no --ulimit' } },
  secrets: { flags: secretFlags, lacking: { docker: NEEDS_BUILDKIT } },
  ssh: { flags: sshFlags, lacking: { docker: NEEDS_BUILDKIT } },
  additional_contexts: { flags: contextFlags, lacking: { docker: NEEDS_BUILDKIT } },
  entitlements: { flags: (v) => repeat('--allow', strings(v)), lacking: BUILDX_ONLY('BuildKit entitlements') },
  // docker compose grants a privileged build the security.insecure entitlement.
  privileged: { flags: (v) => (v === true ? ['--allow', 'security.insecure'] : []), lacking: BUILDX_ONLY('BuildKit entitlements') },
  provenance: { flags: attestation('--provenance'), lacking: BUILDX_ONLY('attestations') },
  sbom: { flags: attestation('--sbom'), lacking: BUILDX_ONLY('attestations') },
  isolation: {
    flags: (v) => ['--isolation', String(v)],
    lacking: { buildx: 'BuildKit has no isolation setting (a Windows container setting)', podman: 'podman\'s --isolation is another setting', buildah: 'buildah\'s --isolation is another setting', nerdctl: 'nerdctl build has no --isolation' },
  },
  context: {
    flags: (v, c) => {
      if (c.builder === 'nerdctl' && isRemote(String(v))) c.invalid(`nerdctl builds from a local directory only, not from ${v}`, 'clone it and point context: at the clone, or use --builder docker');
      return [];
    },
  },
};
