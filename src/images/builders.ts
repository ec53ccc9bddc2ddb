// The image builders `compose2k8s build` drives: the order it looks for them on PATH, and the
// commands each takes to build, push and save an image. Which compose build key becomes which flag
// of each is build-keys.ts.

import { fullImageName } from '../model/base/built-image';

/** What `--builder` names, and what is looked for on PATH. */
export type BuilderName = 'docker' | 'podman' | 'nerdctl' | 'buildah';

/**
 * How the images are built: `buildx` is `docker buildx build` (BuildKit, what docker compose uses),
 * `docker` the classic `docker build`, for a docker without the buildx plugin.
 */
export type Builder = 'buildx' | 'docker' | 'podman' | 'nerdctl' | 'buildah';

/** Looked for on PATH in this order when `--builder` is not given: docker compose's own builder first. */
export const BUILDER_ORDER: readonly BuilderName[] = ['docker', 'podman', 'nerdctl', 'buildah'];

/** The first builder of BUILDER_ORDER that `isOnPath` finds. */
export function findBuilder(isOnPath: (executable: string) => boolean): BuilderName | undefined {
  return BUILDER_ORDER.find(isOnPath);
}

/**
 * The name a builder tags an image with. podman and buildah prefix a name without a registry with
 * `localhost/`, which no pod asks for: they get docker's full name (`docker.io/library/…`), the one
 * the cluster's runtime looks for.
 */
export function tagFor(builder: Builder, image: string): string {
  return builder === 'podman' || builder === 'buildah' ? fullImageName(image) : image;
}

/**
 * The command up to its flags, and where the result goes: into the builder's local images (to be
 * pushed or loaded next), or for several platforms, which no local image store holds, a manifest
 * list (podman, buildah) or what docker compose asks buildx for (`type=image`, pushed by the build).
 */
export function buildCommand(builder: Builder, image: string, multiPlatform: boolean, push: boolean): string[] {
  const tag = tagFor(builder, image);
  switch (builder) {
    case 'buildx':
      return ['docker', 'buildx', 'build', ...(multiPlatform ? ['--output', `type=image,push=${push}`] : ['--load']), '-t', tag];
    case 'docker':
      return ['docker', 'build', '-t', tag];
    case 'podman':
    case 'buildah':
      return [builder, 'build', ...(multiPlatform ? ['--manifest', tag] : ['-t', tag])];
    case 'nerdctl':
      return ['nerdctl', 'build', '-t', tag];
  }
}

/** The command that pushes `image` (built as buildCommand says); none when the build pushed it. */
export function pushCommand(builder: Builder, image: string, multiPlatform: boolean): string[] | undefined {
  const tag = tagFor(builder, image);
  switch (builder) {
    case 'buildx':
      return multiPlatform ? undefined : ['docker', 'push', tag];
    case 'docker':
      return ['docker', 'push', tag];
    case 'podman':
    case 'buildah':
      return multiPlatform ? [builder, 'manifest', 'push', '--all', tag, `docker://${tag}`] : [builder, 'push', tag];
    case 'nerdctl':
      return ['nerdctl', 'push', ...(multiPlatform ? ['--all-platforms'] : []), tag];
  }
}

/** The command that writes `image` to a docker-format archive, which a local cluster's tools load. */
export function saveCommand(builder: Exclude<Builder, 'buildx' | 'docker'>, image: string, archive: string): string[] {
  const tag = tagFor(builder, image);
  return builder === 'buildah' ? ['buildah', 'push', tag, `docker-archive:${archive}:${tag}`] : [builder, 'save', '-o', archive, tag];
}
