// Compose's lifecycle hooks. post_start / pre_stop run inside the service's container (like
// `docker exec`) → the container's lifecycle.postStart / preStop exec handlers; Kubernetes has one
// handler per event, so several hooks (or a hook's working_dir / environment) become one
// `/bin/sh -c 'a && b'`. pre_start runs steps in ephemeral containers before the service starts →
// initContainers, in order, with the service's image unless they name one, and its mounts.

import { posixQuote } from '../../common/shell-quote';
import { splitShellWords } from '../../compose/shell-words';
import type { ComposeService } from '../../compose/types';
import { escapeKubeExpansion, isEnvName } from './container';
import type { PlanContext } from '../base/context';
import { numericUser } from './security';
import { toDns1123Label } from '../base/names';
import type { Container, EnvVar, LifecycleHandler, WorkloadPlan } from '../base/plan';

interface Hook {
  readonly command?: unknown;
  readonly image?: unknown;
  readonly user?: unknown;
  readonly privileged?: unknown;
  readonly working_dir?: unknown;
  readonly environment?: unknown;
}

const hooksOf = (v: unknown): Hook[] => (Array.isArray(v) ? v.filter((h): h is Hook => typeof h === 'object' && h !== null) : []);

function argvOf(command: unknown): string[] | undefined {
  if (Array.isArray(command)) return command.map(String);
  if (typeof command === 'string') {
    try {
      return splitShellWords(command);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** list_or_dict → [name, value] pairs; a name without a value is left out (nothing to take it from). */
function envPairs(environment: unknown): [string, string][] {
  if (Array.isArray(environment)) {
    return environment.flatMap((e) => {
      const s = String(e);
      const at = s.indexOf('=');
      return at < 0 ? [] : [[s.slice(0, at), s.slice(at + 1)] as [string, string]];
    });
  }
  if (typeof environment === 'object' && environment !== null) {
    return Object.entries(environment).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)] as [string, string]]));
  }
  return [];
}

function handlerFor(service: ComposeService, key: 'post_start' | 'pre_stop', ctx: PlanContext): LifecycleHandler | undefined {
  const hooks = hooksOf(service[key]);
  const parts: { argv: string[]; hook: Hook }[] = [];
  hooks.forEach((hook, i) => {
    const path = ctx.servicePath(service, key, i);
    const argv = argvOf(hook.command);
    if (!argv || argv.length === 0) {
      ctx.diags.warn('lifecycle-hook', `${key} hook has no command to run; it is left out`, ctx.at(path));
      return;
    }
    if (hook.user !== undefined || (hook.privileged !== undefined && hook.privileged !== false && hook.privileged !== 'false')) {
      ctx.diags.warn('lifecycle-hook', `the ${key} hook runs as the container's own user and privileges: Kubernetes hooks cannot take user or privileged`, ctx.at(path));
    }
    parts.push({ argv, hook });
  });
  if (parts.length === 0) return undefined;
  const [only] = parts;
  if (parts.length === 1 && only.hook.working_dir === undefined && envPairs(only.hook.environment).length === 0) return { exec: { command: only.argv } };
  const script = parts
    .map(({ argv, hook }) => {
      const cd = typeof hook.working_dir === 'string' ? `cd ${posixQuote(hook.working_dir)} && ` : '';
      const env = envPairs(hook.environment).map(([k, v]) => `${k}=${posixQuote(v)}`);
      return `${cd}${env.length ? `env ${env.join(' ')} ` : ''}${argv.map(posixQuote).join(' ')}`;
    })
    .join(' && ');
  return { exec: { command: ['/bin/sh', '-c', script] } };
}

function preStartContainers(service: ComposeService, main: Container, ctx: PlanContext): Container[] {
  return hooksOf(service.pre_start).map((hook, i) => {
    const path = ctx.servicePath(service, 'pre_start', i);
    const argv = argvOf(hook.command);
    const env: EnvVar[] = envPairs(hook.environment)
      .filter(([name]) => isEnvName(name, ctx, `${path}.environment`))
      .map(([name, value]) => ({ name, value: escapeKubeExpansion(value) }));
    const ids = typeof hook.user === 'string' ? numericUser(hook.user) : {};
    if (typeof hook.user === 'string' && !('runAsUser' in ids)) {
      ctx.diags.warn('lifecycle-hook', `pre_start user "${hook.user}" ${ids.outOfRange ? `is out of range (an id ${ids.outOfRange})` : 'is not numeric'}; Kubernetes needs a uid, so the step runs as the image's user`, ctx.at(path));
    }
    const privileged = hook.privileged === true || hook.privileged === 'true';
    const securityContext = {
      ...('runAsUser' in ids ? ids : {}),
      ...(privileged ? { privileged: true } : {}),
    };
    return {
      name: toDns1123Label(`pre-start-${i + 1}`),
      image: typeof hook.image === 'string' ? hook.image : main.image,
      // A step run from the service's own image pulls it as the service does (a built one may only be loaded).
      ...(typeof hook.image !== 'string' && main.imagePullPolicy ? { imagePullPolicy: main.imagePullPolicy } : {}),
      ...(argv && argv.length ? { args: argv.map(escapeKubeExpansion) } : {}),
      ...(typeof hook.working_dir === 'string' ? { workingDir: hook.working_dir } : main.workingDir ? { workingDir: main.workingDir } : {}),
      ...(env.length ? { env } : {}),
      ...(main.volumeMounts?.length ? { volumeMounts: main.volumeMounts } : {}),
      ...(Object.keys(securityContext).length ? { securityContext } : {}),
    };
  });
}

/** Hooks on the service's main container, pre_start steps before its other init containers. */
export function applyLifecycle(w: WorkloadPlan, service: ComposeService, ctx: PlanContext): WorkloadPlan {
  const mainName = toDns1123Label(service.name);
  const main = w.pod.containers.find((c) => c.name === mainName);
  if (!main) return w;
  const postStart = handlerFor(service, 'post_start', ctx);
  const preStop = handlerFor(service, 'pre_stop', ctx);
  const steps = preStartContainers(service, main, ctx);
  if (!postStart && !preStop && steps.length === 0) return w;
  const lifecycle = { ...(postStart ? { postStart } : {}), ...(preStop ? { preStop } : {}) };
  return {
    ...w,
    pod: {
      ...w.pod,
      containers: w.pod.containers.map((c) => (c === main && (postStart || preStop) ? { ...c, lifecycle } : c)),
      ...(steps.length ? { initContainers: [...(w.pod.initContainers ?? []), ...steps] } : {}),
    },
  };
}
