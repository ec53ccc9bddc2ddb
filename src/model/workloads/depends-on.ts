// depends_on → init containers that hold a pod back until its dependencies are up, as compose
// holds back `up`:
//   service_started    → until the dependency's Service accepts a TCP connection on its first TCP port.
//   service_healthy    → the same. A Service routes only to Ready pods, and the dependency's
//                        healthcheck is its readinessProbe, so a connection through the Service
//                        means at least one of its pods passed its healthcheck. That is as far as
//                        can be checked from outside; with no healthcheck it is only "accepts TCP".
//   service_completed_successfully → the dependency runs as a Job (controller.ts; without a restart
//                        policy because of awaitedForCompletion below); `kubectl wait` in the init
//                        container waits for its Complete condition, which needs read access to
//                        Jobs: one ServiceAccount + Role + RoleBinding per project. (The pod's own
//                        container gets that token too; reading Jobs is all it allows.) A failed Job
//                        keeps the pod waiting, as compose refuses to start the dependent.
// required: false → a dependency that is not in the project is skipped, and the wait gives up after
// OPTIONAL_WAIT_SECONDS instead of holding the pod back for ever. `--no-wait` makes none of this.
// A dependency in the same pod (network_mode: service:, a service group) cannot be waited for: the
// pod's init containers would wait for the pod itself. It is reported instead.

import type { PlanContext } from '../base/context';
import { hasHealthcheck } from '../pod/healthcheck';
import { toDns1123Label, uniqueName } from '../base/names';
import { ownServiceOf } from '../networking/networking';
import type { Container, ServicePlan, WorkloadPlan } from '../base/plan';

/** Small, pinned, with `nc` and `sh`: the image of the TCP waits (documented in the README). */
export const WAIT_IMAGE = 'busybox:1.36.1';
/** The official kubectl image, pinned to the Kubernetes minor the output is validated against. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.32.0';
export const OPTIONAL_WAIT_SECONDS = 120;
/**
 * Our own containers pass the Pod Security "restricted" profile, so a namespace that enforces it
 * admits the pod whenever the service's own container does. 65534 is `nobody`.
 */
const WAIT_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 65534,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;
const POLL_SECONDS = 2;

export interface DependencyWaits {
  readonly initContainers: readonly Container[];
  /** Set when a wait reads Jobs through the API. */
  readonly serviceAccountName?: string;
}

export function jobReaderName(ctx: PlanContext): string {
  return toDns1123Label(`${ctx.project.name}-job-reader`);
}

/** `samePod`: the services whose containers share the pod of `serviceName` (itself included). */
export function dependencyWaits(
  serviceName: string,
  ctx: PlanContext,
  planned: { services: readonly ServicePlan[]; workloads: readonly WorkloadPlan[] },
  samePod: ReadonlySet<string> = new Set([serviceName]),
): DependencyWaits {
  const service = ctx.project.services[serviceName];
  const deps = service.depends_on ?? {};
  if (ctx.options.noWait || Object.keys(deps).length === 0) return { initContainers: [] };
  const initContainers: Container[] = [];
  let readsJobs = false;
  for (const [dep, spec] of Object.entries(deps)) {
    const path = ctx.servicePath(service, 'depends_on', dep);
    const target = ctx.project.services[dep];
    if (!target) continue; // required: false and not in the project (the loader reports required ones)
    if (samePod.has(dep)) {
      ctx.diags.warn('depends-on-same-pod', `"${dep}" runs in the same pod as "${serviceName}", whose containers start together: "${serviceName}" does not wait for it`, {
        ...ctx.at(path),
        hint: `make "${serviceName}" retry until "${dep}" answers (on localhost, or through its Service)`,
      });
      continue;
    }
    const name = toDns1123Label(`wait-for-${dep}`);
    if (spec.restart === true) {
      ctx.diags.warn('depends-on-restart', `restart: true is not converted: Kubernetes does not restart "${serviceName}" when "${dep}" restarts`, ctx.at(`${path}.restart`));
    }
    if (spec.condition === 'service_completed_successfully') {
      const wait = jobWait(name, dep, serviceName, spec.required, path, planned.workloads, ctx);
      if (!wait) continue;
      readsJobs = true;
      initContainers.push(wait);
      continue;
    }
    const svc = serviceOf(dep, planned.services, ctx);
    const port = svc?.ports.find((p) => p.protocol === 'TCP');
    if (!svc || !port) {
      ctx.diags.warn('depends-on-no-port', `"${serviceName}" cannot wait for "${dep}": it has no Service with a TCP port to connect to`, {
        ...ctx.at(path),
        hint: `declare the port "${dep}" listens on with expose:, or use --no-wait`,
      });
      continue;
    }
    if (spec.condition === 'service_healthy' && !hasHealthcheck(target)) {
      ctx.diags.warn('depends-on-no-healthcheck', `"${dep}" has no healthcheck, so "${serviceName}" waits only until it accepts connections`, {
        ...ctx.at(path),
        hint: `add a healthcheck to "${dep}"; it becomes its readinessProbe`,
      });
    }
    initContainers.push({ name, image: WAIT_IMAGE, command: ['sh', '-c', tcpWaitScript(svc.metadata.name, port.port, spec.required)], securityContext: WAIT_SECURITY });
  }
  return { initContainers, ...(readsJobs ? { serviceAccountName: jobReaderName(ctx) } : {}) };
}

/** A wait for `dep`'s Job to complete; undefined (reported) when `dep` does not run as a Job. */
function jobWait(name: string, dep: string, serviceName: string, required: boolean, path: string, workloads: readonly WorkloadPlan[], ctx: PlanContext): Container | undefined {
  const job = workloads.find((w) => w.service === dep && w.kind === 'Job');
  if (!job) {
    ctx.diags.warn('depends-on-not-job', `"${dep}" keeps running (it is not a Job), so it never completes; "${serviceName}" does not wait for it`, {
      ...ctx.at(path),
      hint: `give "${dep}" restart: "no" or restart: on-failure so it runs as a Job`,
    });
    return undefined;
  }
  const timeout = required ? '-1s' : `${OPTIONAL_WAIT_SECONDS}s`;
  return { name, image: KUBECTL_IMAGE, args: ['wait', '--for=condition=complete', `job/${job.metadata.name}`, `--timeout=${timeout}`], securityContext: WAIT_SECURITY };
}

function tcpWaitScript(host: string, port: number, required: boolean): string {
  const target = `${host}:${port}`;
  if (required) return `until nc -z -w ${POLL_SECONDS} ${host} ${port}; do echo "waiting for ${target}"; sleep ${POLL_SECONDS}; done`;
  const tries = Math.ceil(OPTIONAL_WAIT_SECONDS / POLL_SECONDS);
  return `i=0; until nc -z -w ${POLL_SECONDS} ${host} ${port}; do i=$((i+1)); if [ $i -ge ${tries} ]; then echo "${target} not reachable; starting without it (required: false)"; exit 0; fi; echo "waiting for ${target}"; sleep ${POLL_SECONDS}; done`;
}

/** The dependency's own Service, else any Service selecting its pods (a link alias). */
function serviceOf(dep: string, services: readonly ServicePlan[], ctx: PlanContext): ServicePlan | undefined {
  const pods = ctx.selectorLabels(dep)['app.kubernetes.io/name'];
  return ownServiceOf(services, dep) ?? services.find((s) => s.selector['app.kubernetes.io/name'] === pods);
}

/**
 * depends_on waits, once every workload and Service is planned, for every service whose containers
 * run in the pod (one init container per dependency); also says whether Jobs are read.
 */
export function withDependencyWaits(workloads: readonly WorkloadPlan[], services: readonly ServicePlan[], ctx: PlanContext): { workloads: WorkloadPlan[]; jobReader?: string } {
  let readsJobs = false;
  const out = workloads.map((w) => {
    if (!ctx.project.services[w.service]) return w;
    const inPod = [w.service, ...(w.members ?? [])];
    const each = inPod.map((m) => dependencyWaits(m, ctx, { services, workloads }, new Set(inPod)));
    const initContainers = [...new Map(each.flatMap((e) => e.initContainers).map((c) => [c.name, c])).values()];
    const waits = { initContainers, serviceAccountName: each.find((e) => e.serviceAccountName)?.serviceAccountName };
    if (!waits.initContainers.length) return w.pod.initContainers?.length ? { ...w, pod: { ...w.pod, initContainers: namedApart(w.pod.initContainers, w.pod.containers) } } : w;
    // An account the user chose (kompose.serviceaccount-name, x-k8s) stays; it needs to read Jobs.
    const own = w.pod.serviceAccountName;
    if (waits.serviceAccountName && own) {
      ctx.diags.warn('wait-service-account', `"${w.service}" runs as service account "${own}", which its init containers use to wait for Jobs: grant it get, list and watch on jobs (Role "${jobReaderName(ctx)}" has them)`, {
        ...ctx.at(ctx.servicePath(ctx.project.services[w.service], 'depends_on')),
        hint: `kubectl create rolebinding ${own}-job-reader --role=${jobReaderName(ctx)} --serviceaccount=NAMESPACE:${own}`,
      });
    }
    if (waits.serviceAccountName) readsJobs = true;
    return {
      ...w,
      pod: {
        ...w.pod,
        initContainers: namedApart([...waits.initContainers, ...(w.pod.initContainers ?? [])], w.pod.containers),
        ...(waits.serviceAccountName && !own ? { serviceAccountName: waits.serviceAccountName } : {}),
      },
    };
  });
  return { workloads: out, ...(readsJobs ? { jobReader: jobReaderName(ctx) } : {}) };
}

/**
 * Init containers renamed apart from the pod's containers and from each other (a service named
 * "wait-for-db" that waits for db): the API server refuses a name used twice in a pod.
 */
function namedApart(init: readonly Container[], containers: readonly Container[]): Container[] {
  const taken = new Set(containers.map((c) => c.name));
  return init.map((c) => {
    const name = uniqueName(c.name, (n) => taken.has(n));
    taken.add(name);
    return name === c.name ? c : { ...c, name };
  });
}
