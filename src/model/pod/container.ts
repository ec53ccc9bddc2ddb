// A compose service → its main container: image, entrypoint → command, command → args,
// environment → env, working_dir, ports and volume mounts.

import type { ComposeService } from '../../compose/types';
import { imageReferenceProblem, serviceImage } from '../base/built-image';
import type { PlanContext } from '../base/context';
import { envVarNameProblem } from '../base/kube-rules';
import { toDns1123Label } from '../base/names';
import { displayPath } from '../base/paths';
import type { Container, ContainerPort, EnvVar, VolumeMount } from '../base/plan';

/** Kubernetes expands `$(VAR)` in command, args and env values; compose does not. Escape it. */
export function escapeKubeExpansion(s: string): string {
  return s.replace(/\$\(/g, '$$$$(');
}

export function imageOf(service: ComposeService, ctx: PlanContext): string {
  const image = serviceImage(service, ctx.project.name, ctx.options);
  if (service.image) {
    // Text left as ${VAR} (--no-interpolate) is the user's to fill in; anything else docker must parse.
    const problem = image.includes('$') ? undefined : imageReferenceProblem(image);
    if (problem) {
      ctx.diags.error('invalid-value', `image "${image}" is not an image reference docker can pull: ${problem}`, {
        ...ctx.at(ctx.servicePath(service, 'image')),
        hint: 'write it as [REGISTRY/]NAME[:TAG][@DIGEST] in lower case; for a variable, give a default: ${TAG:-latest}',
      });
    }
    return image;
  }
  const context = displayPath(service.build?.context ?? '.', ctx.project.workingDir);
  ctx.diags.warn('build-image', `service "${service.name}" is built from ${context}; the cluster will pull "${image}", which must be built and pushed first`, {
    ...ctx.at(ctx.servicePath(service, 'build')),
    hint: ctx.options.imageRegistry
      ? `build and push it with compose2k8s build --push --image-registry ${ctx.options.imageRegistry}${ctx.options.imageTag ? ` --tag ${ctx.options.imageTag}` : ''} (and this command's -f, -p)`
      : 'load it into a local cluster with compose2k8s build --load kind (or minikube, k3d); for another cluster, push it with compose2k8s build --push --image-registry REGISTRY and convert with that --image-registry',
  });
  return image;
}

/**
 * Whether Kubernetes takes `name` as an environment variable name (IsRelaxedEnvVarName); docker takes
 * any, so one it does not is reported at `path` and left out.
 */
export function isEnvName(name: string, ctx: PlanContext, path: string): boolean {
  const problem = envVarNameProblem(name);
  if (problem) ctx.diags.warn('invalid-env-name', `environment variable ${JSON.stringify(name)} is left out: a Kubernetes variable name ${problem}`, { ...ctx.at(path), hint: 'rename it to ASCII letters, digits and "_"' });
  return !problem;
}

export function envOf(service: ComposeService, ctx: PlanContext): EnvVar[] {
  const env: EnvVar[] = [];
  for (const [name, value] of Object.entries(service.environment ?? {})) {
    if (!isEnvName(name, ctx, ctx.servicePath(service, 'environment', name))) continue;
    // A pass-through entry (`environment: [NAME]`) whose variable is unset: docker compose leaves it
    // out of the container too (compose-go #654), so this is a note, not a loss.
    if (value === null) {
      ctx.diags.note('unset-environment', `environment variable "${name}" has no value and is not set where compose2k8s runs; it is left out, as docker compose leaves it out`, {
        ...ctx.at(ctx.servicePath(service, 'environment', name)),
        hint: `give it a value (${name}=value) or set ${name} before converting`,
        item: name,
      });
      continue;
    }
    env.push({ name, value: escapeKubeExpansion(value) });
  }
  return env;
}

/**
 * entrypoint → command, command → args. An empty entrypoint (`entrypoint: ""` or `[]`) overrides the
 * image's with nothing (compose spec, services `entrypoint`): the command then runs on its own, which
 * Kubernetes expresses as `command`. Kubernetes cannot clear an image's entrypoint without naming what
 * to run instead, so an empty entrypoint with no command is reported. An empty command adds nothing.
 */
function commandAndArgs(service: ComposeService, ctx: PlanContext): { command?: string[]; args?: string[] } {
  const entrypoint = service.entrypoint?.map(escapeKubeExpansion);
  const command = service.command?.length ? service.command.map(escapeKubeExpansion) : undefined;
  if (entrypoint?.length) return { command: entrypoint, ...(command ? { args: command } : {}) };
  if (entrypoint && command) return { command };
  if (entrypoint) {
    ctx.diags.warn('empty-entrypoint', 'the empty entrypoint is not converted: docker runs the image\'s command without its entrypoint, Kubernetes cannot clear the entrypoint without a command to run', {
      ...ctx.at(ctx.servicePath(service, 'entrypoint')),
      hint: 'set `command:` to what should run (the image\'s CMD), so that it runs on its own',
    });
  }
  return command ? { args: command } : {};
}

export function mainContainer(
  service: ComposeService,
  ctx: PlanContext,
  parts: { ports: readonly ContainerPort[]; mounts: readonly VolumeMount[] },
): Container {
  const env = envOf(service, ctx);
  return {
    name: toDns1123Label(service.name),
    image: imageOf(service, ctx),
    ...commandAndArgs(service, ctx),
    ...(service.working_dir ? { workingDir: service.working_dir } : {}),
    ...(env.length ? { env } : {}),
    ...(parts.ports.length ? { ports: parts.ports } : {}),
    ...(parts.mounts.length ? { volumeMounts: parts.mounts } : {}),
  };
}
