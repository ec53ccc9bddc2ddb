// The image a service runs and, for one compose builds, its name and how the cluster pulls it. The
// one owner of those names: convert writes them into the manifests, `compose2k8s build`
// (src/images/) tags, pushes and loads the same names.

import type { ComposeService } from '../../compose/types';

/** `--image-registry` and `--image-tag` (`build --tag`): how the images compose builds are named. */
export interface ImageNaming {
  /** Registry (and path) prefix of the images compose would build for services without `image:`. @default none */
  readonly imageRegistry?: string;
  /** Tag of those images. @default "latest" */
  readonly imageTag?: string;
}

export const DEFAULT_IMAGE_TAG = 'latest';

/** A tag as the distribution reference grammar allows it (distribution/reference regexp.go). */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The image compose builds for a service without `image:`: `<project>-<service>` (docker compose's
 * GetImageNameOrDefault), lower-cased as image references must be, with the registry and tag asked for.
 */
export function builtImageName(project: string, service: string, naming: ImageNaming): string {
  const registry = naming.imageRegistry?.replace(/\/+$/, '');
  return `${registry ? `${registry}/` : ''}${`${project}-${service}`.toLowerCase()}:${naming.imageTag ?? DEFAULT_IMAGE_TAG}`;
}

/** The image a service runs: its `image:`, else the one compose builds for it. */
export function serviceImage(service: ComposeService, project: string, naming: ImageNaming): string {
  return service.image ?? builtImageName(project, service.name, naming);
}

interface ImageRef {
  /** The registry host, when the name has one. */
  readonly domain?: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

// docker's reference grammar (distribution/reference regexp.go): a name of path components, an
// optional registry before them, then an optional tag and digest.
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_PART}(?:/${PATH_PART})*)(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/** Why docker would refuse `image` as a reference ("invalid reference format"), or undefined. */
export function imageReferenceProblem(image: string): string | undefined {
  const match = REFERENCE.exec(image);
  if (!match) {
    if (/:(@|$)/.test(image)) return 'its tag is empty (an unset variable after ":"?)';
    if (image !== image.toLowerCase() && REFERENCE.test(image.toLowerCase())) return 'a repository name must be lower-case';
    return 'it is not [REGISTRY/]NAME[:TAG][@DIGEST]';
  }
  if (match[1].length > 255) return 'its name is longer than 255 characters';
  return undefined;
}

/**
 * Splits a reference as docker does (distribution/reference normalize.go): the first component is a
 * registry only when it holds a "." or ":", is "localhost", or has upper-case letters.
 */
function parseImageRef(image: string): ImageRef {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  const repo = tagged ? name.slice(0, colon) : name;
  const slash = repo.indexOf('/');
  const first = slash < 0 ? '' : repo.slice(0, slash);
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  return {
    ...(isDomain ? { domain: first } : {}),
    path: isDomain ? repo.slice(slash + 1) : repo,
    ...(tagged ? { tag: name.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/**
 * A name with neither a registry nor a namespace (`seed-web:latest`) means Docker Hub's official
 * library, where only Docker publishes: an image built under such a name was never pushed anywhere,
 * and reaches a cluster only by being loaded into its nodes (`compose2k8s build --load`).
 */
export function isLocalOnlyImage(image: string): boolean {
  const ref = parseImageRef(image);
  return ref.domain === undefined && !ref.path.includes('/');
}

/**
 * Docker's full form of a name (`seed-web:latest` → `docker.io/library/seed-web:latest`), which the
 * cluster's runtime resolves the manifests' names to. podman and buildah would name such an image
 * `localhost/seed-web:latest` instead, which no pod asks for.
 */
export function fullImageName(image: string): string {
  const ref = parseImageRef(image);
  if (ref.domain) return image;
  return `docker.io/${ref.path.includes('/') ? '' : 'library/'}${image}`;
}

/**
 * imagePullPolicy of a service's image that compose builds, when neither compose's `pull_policy`
 * nor x-k8s (or a Kompose label) sets one: IfNotPresent for a tag other than `latest` (or a
 * digest), and for a local-only name (isLocalOnlyImage), which a node could never pull; otherwise
 * none, so Kubernetes' default (Always for `latest`) pulls what was pushed last.
 */
export function builtImagePullPolicy(image: string): 'IfNotPresent' | undefined {
  const ref = parseImageRef(image);
  if (ref.digest || (ref.tag !== undefined && ref.tag !== DEFAULT_IMAGE_TAG)) return 'IfNotPresent';
  return isLocalOnlyImage(image) ? 'IfNotPresent' : undefined;
}
