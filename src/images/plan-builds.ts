// `compose2k8s build` planned as data: from a loaded ComposeProject, the images compose would build
// for the enabled services with `build:`, named as convert names them (src/model/base/built-image.ts),
// and the commands (argv lists, in order) that build them, then push them or load them into a local
// cluster. Pure: no process, no file system. The CLI runs the steps (run-steps.ts) or prints them
// (--dry-run, shell-quote.ts); other tools can run them their own way.

import { joinPath } from '../common/source-map';
import type { BuildConfig, ComposeProject, ComposeService } from '../compose/types';
import { Diagnostics, type Diagnostic } from '../common/diagnostics';
import { isLocalOnlyImage, serviceImage, type ImageNaming } from '../model/base/built-image';
import { BUILD_KEYS, type KeyContext } from './build-keys';
import { buildCommand, pushCommand, saveCommand, type Builder } from './builders';
import { loadCommand, type LocalCluster } from './cluster-load';

export interface ImageBuildOptions extends ImageNaming {
  /** The builder that runs the builds (the CLI finds one on PATH: builders.ts). */
  readonly builder: Builder;
  /** Push each image (and its build.tags) once every build has succeeded. @default false */
  readonly push?: boolean;
  /** Load each image into this local cluster once every build has succeeded. @default none */
  readonly load?: LocalCluster;
  /** The cluster to load into (kind --name, minikube --profile, k3d --cluster). @default the tool's default cluster */
  readonly cluster?: string;
  /** Directory for the image archives that podman, nerdctl and buildah hand to `load`. Needed for those only. */
  readonly archiveDir?: string;
}

/** One command: a build, a push, an image saved to an archive, or a load into a local cluster. */
export interface BuildStep {
  readonly kind: 'build' | 'push' | 'save' | 'load';
  /** The services whose image this is (services that share an image name are built once). */
  readonly services: readonly string[];
  readonly image: string;
  readonly argv: readonly string[];
  /** What the command reads on stdin: an inline Dockerfile (build.dockerfile_inline). */
  readonly stdin?: string;
  /** Variables to set for the command: build secrets taken from the project environment (.env included). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface PlannedImage {
  readonly services: readonly string[];
  /** The name convert writes into the manifests. */
  readonly image: string;
  /** build.tags: further names of the same image. */
  readonly tags: readonly string[];
  readonly platforms: readonly string[];
}

export interface ImageBuildPlan {
  /** False when any error was found: nothing must run. */
  readonly ok: boolean;
  readonly images: readonly PlannedImage[];
  /** Every build first (in dependency order), then the pushes or loads. */
  readonly steps: readonly BuildStep[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Group {
  readonly service: ComposeService;
  readonly services: string[];
  readonly image: string;
}

/** Plans the builds of every enabled service with `build:`; see ImageBuildPlan. Never throws for bad input. */
export function planImageBuilds(project: ComposeProject, options: ImageBuildOptions): ImageBuildPlan {
  const diags = new Diagnostics();
  const at = (path: string) => ({ path, pos: project.sourceMap.get(path) });
  const groups = orderedGroups(imageGroups(project, options, diags, at), diags, at);
  const images: PlannedImage[] = [];
  const builds: BuildStep[] = [];
  for (const group of groups) {
    const planned = planBuild(group, project, options, diags, at);
    images.push(planned.image);
    builds.push(planned.step);
  }
  const after = images.flatMap((image) => deliverySteps(image, project, options, diags, at));
  const ok = !diags.hasErrors;
  return { ok, images, steps: ok ? [...builds, ...after] : [], diagnostics: diags.list };
}

type At = (path: string) => { path: string; pos?: Diagnostic['pos'] };

/** Services with `build:`, by the image they make: one build per image name, as docker compose keys its builds by image name. */
function imageGroups(project: ComposeProject, naming: ImageNaming, diags: Diagnostics, at: At): Group[] {
  const groups = new Map<string, Group>();
  for (const service of Object.values(project.services)) {
    if (!service.build) continue;
    const image = serviceImage(service, project.name, naming);
    const first = groups.get(image);
    if (!first) {
      groups.set(image, { service, services: [service.name], image });
      continue;
    }
    first.services.push(service.name);
    if (JSON.stringify(first.service.build) !== JSON.stringify(service.build)) {
      diags.warn('build-image-shared', `services "${first.service.name}" and "${service.name}" build the image "${image}" from different build sections; it is built once, from "${first.service.name}"'s, and "${service.name}" runs that image`, {
        ...at(joinPath(joinPath('services', service.name), 'build')),
        hint: `give "${service.name}" an image: name of its own`,
      });
    }
  }
  return [...groups.values()];
}

/** `additional_contexts: {x: service:NAME}` builds NAME's image first; a cycle is an error. */
function orderedGroups(groups: readonly Group[], diags: Diagnostics, at: At): Group[] {
  const byService = new Map(groups.flatMap((g) => g.services.map((s) => [s, g] as const)));
  const out: Group[] = [];
  const state = new Map<Group, 'visiting' | 'done'>();
  const visit = (g: Group, from?: Group): void => {
    if (state.get(g) === 'done') return;
    if (state.get(g) === 'visiting') {
      diags.error('build-invalid', `the builds of "${g.service.name}" and "${from?.service.name}" each need the other's image as a context`, { ...at(joinPath(joinPath('services', g.service.name), 'build')), hint: 'remove the service: context from one of them' });
      return;
    }
    state.set(g, 'visiting');
    for (const value of Object.values((g.service.build?.additional_contexts ?? {}) as Record<string, unknown>)) {
      const dep = typeof value === 'string' && value.startsWith('service:') ? byService.get(value.slice('service:'.length)) : undefined;
      if (dep) visit(dep, g);
    }
    state.set(g, 'done');
    out.push(g);
  };
  for (const g of groups) visit(g);
  return out;
}

/** The platforms built for: build.platforms, which must hold the service's platform; else that platform. */
function platformsOf(service: ComposeService, build: BuildConfig, diags: Diagnostics, at: At): string[] {
  const listed = Array.isArray(build.platforms) ? build.platforms.map(String) : [];
  const own = typeof service.platform === 'string' ? service.platform : undefined;
  if (own && listed.length && !listed.includes(own)) {
    diags.error('build-invalid', `platform "${own}" is not one of build.platforms (${listed.join(', ')}): docker compose refuses to build it`, {
      ...at(joinPath(joinPath('services', service.name), 'platform')),
      hint: 'add it to build.platforms, or change platform:',
    });
  }
  return listed.length ? listed : own ? [own] : [];
}

function planBuild(group: Group, project: ComposeProject, options: ImageBuildOptions, diags: Diagnostics, at: At): { image: PlannedImage; step: BuildStep } {
  const { service } = group;
  const build = service.build as BuildConfig;
  const buildPath = joinPath(joinPath('services', service.name), 'build');
  const platforms = platformsOf(service, build, diags, at);
  const multiPlatform = platforms.length > 1 && options.builder !== 'docker';
  let stdin: string | undefined;
  const env: Record<string, string> = {};
  const base: RowContext = {
    builder: options.builder,
    project,
    build,
    platforms,
    stdin: (text: string) => void (stdin = text),
    passEnv: (name: string) => {
      const value = project.environment?.[name];
      if (value !== undefined) env[name] = value;
    },
    serviceImage: (name: string) => (project.services[name] ? serviceImage(project.services[name], project.name, options) : undefined),
  };
  const flags = buildFlags(build, buildPath, base, diags, at);
  const step: BuildStep = {
    kind: 'build',
    services: group.services,
    image: group.image,
    argv: [...buildCommand(options.builder, group.image, multiPlatform, options.push === true), ...flags, build.context],
    ...(stdin !== undefined ? { stdin } : {}),
    ...(Object.keys(env).length ? { env } : {}),
  };
  const tags = Array.isArray(build.tags) ? build.tags.map(String) : [];
  // The classic docker builder builds one platform: for several, the docker host's (reported).
  return { image: { services: group.services, image: group.image, tags, platforms: options.builder === 'docker' && platforms.length > 1 ? [] : platforms }, step };
}

type RowContext = Omit<KeyContext, 'path' | 'lacks' | 'invalid'>;

/** Walks BUILD_KEYS over one build section; a key no row knows is reported, never dropped silently. */
function buildFlags(build: BuildConfig, buildPath: string, base: RowContext, diags: Diagnostics, at: At): string[] {
  for (const key of Object.keys(build)) {
    if (!(key in BUILD_KEYS) && !key.startsWith('x-')) {
      diags.warn('build-key-unsupported', `build.${key} is not passed to ${base.builder}: compose2k8s does not know the key`, at(joinPath(buildPath, key)));
    }
  }
  const flags: string[] = [];
  for (const [key, rule] of Object.entries(BUILD_KEYS)) {
    const present = key === 'platforms' ? base.platforms.length > 0 : build[key] !== undefined && build[key] !== null;
    if (!present) continue;
    const keyPath = joinPath(buildPath, key);
    const lacking = rule.lacking?.[base.builder];
    if (lacking) {
      diags.warn('build-key-unsupported', `build.${key} is not applied: ${lacking}`, at(keyPath));
      continue;
    }
    const c: KeyContext = {
      ...base,
      path: keyPath,
      lacks: (reason, path = keyPath) => diags.warn('build-key-unsupported', `build.${key} is not applied: ${reason}`, at(path)),
      invalid: (message, hint, path = keyPath) => diags.error('build-invalid', message, { ...at(path), ...(hint ? { hint } : {}) }),
    };
    flags.push(...rule.flags(build[key], c));
  }
  return flags;
}

/** After every build: push each name, or load the image into the local cluster. */
function deliverySteps(image: PlannedImage, project: ComposeProject, options: ImageBuildOptions, diags: Diagnostics, at: At): BuildStep[] {
  const { services } = image;
  const multiPlatform = image.platforms.length > 1;
  const step = (kind: BuildStep['kind'], argv: readonly string[]): BuildStep => ({ kind, services, image: image.image, argv });
  const steps: BuildStep[] = [];
  if (options.push) {
    for (const name of [image.image, ...image.tags]) {
      if (isLocalOnlyImage(name)) {
        diags.error('build-push-no-registry', `"${name}" names no registry: it would be pushed to Docker Hub's official library, which only Docker publishes to`, {
          ...at(joinPath(joinPath('services', services[0]), 'build')),
          hint: name !== image.image ? 'name the tag with a registry or a namespace' : project.services[services[0]].image ? 'name the image: with a registry (or a Docker Hub namespace)' : 'give --image-registry (for example ghcr.io/you), and the same --image-registry to convert',
        });
        continue;
      }
      const argv = pushCommand(options.builder, name, multiPlatform);
      if (argv) steps.push(step('push', argv));
    }
  }
  if (options.load) {
    if (multiPlatform) {
      diags.error('build-invalid', `"${image.image}" is built for ${image.platforms.length} platforms; a local cluster's nodes load an image for one`, {
        ...at(joinPath(joinPath(joinPath('services', services[0]), 'build'), 'platforms')),
        hint: 'build for one platform (the cluster\'s) to load it, or push it with --push',
      });
      return steps;
    }
    if (options.builder === 'buildx' || options.builder === 'docker') {
      steps.push(step('load', loadCommand(options.load, { image: image.image }, options.cluster)));
    } else {
      // The tools read images from a docker daemon only: other builders hand them an archive.
      const archive = `${archiveDirOf(options)}/${image.image.replace(/[^A-Za-z0-9._-]+/g, '_')}.tar`;
      steps.push(step('save', saveCommand(options.builder, image.image, archive)), step('load', loadCommand(options.load, { archive }, options.cluster)));
    }
  }
  return steps;
}

function archiveDirOf(options: ImageBuildOptions): string {
  if (!options.archiveDir) throw new TypeError(`planImageBuilds: options.archiveDir is needed to load images built by ${options.builder} into ${options.load}`);
  return options.archiveDir.replace(/\/+$/, '');
}
