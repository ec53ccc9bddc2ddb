// Runtime settings of a service's pod and container: hostname, stop_grace_period, init, platform,
// shm_size, tty, stdin_open and pull_policy (and the pull policy of an image compose builds);
// extra_hosts and dns* through dns.ts.

import type { ComposeService } from '../../compose/types';
import { builtImagePullPolicy, serviceImage } from '../base/built-image';
import type { PlanContext } from '../base/context';
import { dnsOf } from './dns';
import { secondsAt } from '../base/durations';
import { mountTargets } from '../storage/mount-targets';
import { toDns1123Label } from '../base/names';
import type { Container, PodSpec, PodVolume, VolumeMount } from '../base/plan';
import { sizeToQuantity } from '../base/compose-sizes';

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

export interface RuntimeParts {
  readonly container: Mutable<Container>;
  readonly pod: Mutable<PodSpec>;
  readonly volumes: readonly PodVolume[];
  readonly mounts: readonly VolumeMount[];
}

const PULL_POLICY: Readonly<Record<string, Container['imagePullPolicy']>> = {
  always: 'Always',
  never: 'Never',
  missing: 'IfNotPresent',
  if_not_present: 'IfNotPresent',
};

const SHM_VOLUME = 'dshm';

export function runtimeOf(service: ComposeService, ctx: PlanContext): RuntimeParts {
  const container: Mutable<Container> = {};
  const pod: Mutable<PodSpec> = {};
  const volumes: PodVolume[] = [];
  const mounts: VolumeMount[] = [];
  const path = (...keys: (string | number)[]) => ctx.servicePath(service, ...keys);

  if (service.tty === true) container.tty = true;
  if (service.stdin_open === true) container.stdin = true;
  const pullPolicy = pullPolicyOf(service, ctx);
  if (pullPolicy) container.imagePullPolicy = pullPolicy;

  if (typeof service.hostname === 'string') {
    const wanted = service.hostname.split('.')[0];
    const host = toDns1123Label(wanted);
    pod.hostname = host;
    if (host !== service.hostname) {
      ctx.diags.warn('hostname', `hostname "${service.hostname}" becomes "${host}": a pod's hostname is one DNS label (lowercase letters, digits, "-")`, {
        ...ctx.at(path('hostname')),
        ...(service.hostname.includes('.') ? { hint: 'a domain part needs pod `subdomain` and a headless Service of that name' } : {}),
      });
    }
  }
  if (service.init === true) {
    // The pause container becomes PID 1 and reaps zombies, the job docker's tini does.
    pod.shareProcessNamespace = true;
  }
  const grace = secondsAt(service.stop_grace_period, ctx, path('stop_grace_period'), 'terminationGracePeriodSeconds');
  if (grace !== undefined) pod.terminationGracePeriodSeconds = grace;

  Object.assign(pod, dnsOf(service, ctx));
  const platform = platformSelector(service, ctx);
  if (platform) pod.nodeSelector = platform;

  if (service.shm_size !== undefined && service.shm_size !== null) {
    const size = sizeToQuantity(service.shm_size);
    const own = mountTargets(service, ctx).find((m) => m.target === '/dev/shm');
    if (size === undefined) {
      ctx.diags.error('invalid-value', `shm_size ${JSON.stringify(service.shm_size)} is not a size`, { ...ctx.at(path('shm_size')), hint: 'e.g. shm_size: "256m"' });
    } else if (own) {
      // Two volumes at one mountPath are refused; the service's own mount is what it sees in docker too.
      ctx.diags.warn('shm-size-mounted', `shm_size is not applied: ${own.path} mounts its own /dev/shm`, ctx.at(path('shm_size')));
    } else {
      volumes.push({ name: SHM_VOLUME, source: { kind: 'emptyDir', medium: 'Memory', sizeLimit: size } });
      mounts.push({ name: SHM_VOLUME, mountPath: '/dev/shm' });
    }
  }
  return { container, pod, volumes, mounts };
}

/** `linux/arm64/v8` → nodeSelector on the well-known labels kubernetes.io/os and kubernetes.io/arch. */
function platformSelector(service: ComposeService, ctx: PlanContext): Record<string, string> | undefined {
  if (typeof service.platform !== 'string') return undefined;
  const [os, arch, variant] = service.platform.toLowerCase().split('/');
  const path = ctx.servicePath(service, 'platform');
  if (!os || !/^[a-z0-9]+$/.test(os) || (arch !== undefined && !/^[a-z0-9_]+$/.test(arch))) {
    ctx.diags.error('invalid-value', `platform "${service.platform}" is not OS[/ARCH[/VARIANT]]`, { ...ctx.at(path), hint: 'e.g. platform: linux/amd64' });
    return undefined;
  }
  if (variant && !(arch === 'arm64' && variant === 'v8')) {
    ctx.diags.warn('platform-variant', `variant "${variant}" of platform "${service.platform}" cannot be selected: nodes are labelled by OS and architecture only`, ctx.at(path));
  }
  return { 'kubernetes.io/os': os, ...(arch ? { 'kubernetes.io/arch': arch } : {}) };
}

/**
 * pull_policy → imagePullPolicy. "build": compose builds the image and never pulls it; here
 * `compose2k8s build` builds it and pushes or loads it, so it is pulled as any built image is
 * (builtImagePullPolicy): a forced Always would make a kind/minikube node pull an image that was
 * only loaded into it.
 */
function pullPolicyOf(service: ComposeService, ctx: PlanContext): Container['imagePullPolicy'] | undefined {
  const pull = service.pull_policy;
  if (typeof pull === 'string' && pull !== 'build') {
    const policy = PULL_POLICY[pull] ?? (/^(daily|weekly|every_)/.test(pull) ? 'Always' : undefined);
    if (!PULL_POLICY[pull]) {
      ctx.diags.warn('pull-policy', policy ? `pull_policy "${pull}" becomes Always: Kubernetes has no pull interval` : `pull_policy "${pull}" is not a compose pull policy; it is left out`, ctx.at(ctx.servicePath(service, 'pull_policy')));
    }
    return policy;
  }
  // An image compose builds reaches a local cluster by `compose2k8s build --load`, never by a pull.
  return service.build ? builtImagePullPolicy(serviceImage(service, ctx.project.name, ctx.options)) : undefined;
}
