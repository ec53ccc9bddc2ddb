// Which Kubernetes controller runs a compose service. Pure functions of the compose service (no
// diagnostics), so that any planning step can ask, e.g. depends_on's
// service_completed_successfully waits need to know which services run as Jobs.
//
//   explicit (x-k8s.controller, kompose.controller.type)  → that controller
//   deploy.mode global → DaemonSet; replicated-job / global-job → Job
//   restart "no" / deploy.restart_policy.condition none  → Job, restartPolicy Never, no retry
//   restart on-failure[:N] / condition on-failure         → Job, restartPolicy OnFailure, backoffLimit N
//     …unless the service listens (ports/expose): servers such as awesome-compose's fastapi
//     (`restart: "no"`) and nginx-nodejs-redis (`on-failure`) stay Deployments, reported, since a
//     Job's pod template cannot be updated and a Job cannot be scaled
//   mounts a ReadWriteOnce claim and --controller statefulset → StatefulSet
//   otherwise                                             → Deployment

import type { ComposeProject, ComposeService } from '../../compose/types';
import { knownPortsOf } from '../base/known-images';
import { KOMPOSE_CONTROLLER_LABEL } from '../settings/kompose';
import type { WorkloadKind } from '../base/plan';
import { CONTROLLER_NAMES } from '../settings/x-k8s';
import { isRecord } from '../../common/records';

export interface ControllerChoice {
  readonly kind: WorkloadKind;
  /** Jobs only. */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  readonly backoffLimit?: number;
  /** The key (inside the service) that decided, for messages: `restart`, `deploy.mode`, `x-k8s.controller`… */
  readonly by: string;
}

/** x-k8s.controller, else the kompose label; undefined when absent or not a known controller. */
export function explicitController(service: ComposeService): { kind: WorkloadKind; by: string } | undefined {
  const ext = service['x-k8s'];
  if (isRecord(ext) && typeof ext.controller === 'string') {
    const kind = CONTROLLER_NAMES[ext.controller.toLowerCase()];
    if (kind) return { kind, by: 'x-k8s.controller' };
  }
  const label = service.labels?.[KOMPOSE_CONTROLLER_LABEL];
  const kind = label === undefined ? undefined : CONTROLLER_NAMES[label.toLowerCase()];
  return kind ? { kind, by: `labels.${KOMPOSE_CONTROLLER_LABEL}` } : undefined;
}

export interface RestartIntent {
  /** never: run once; on-failure: retry failures; always: keep running. */
  readonly condition: 'never' | 'on-failure' | 'always';
  readonly maxAttempts?: number;
  readonly by: string;
}

/**
 * What compose would do when the container exits. deploy.restart_policy beats `restart` (the
 * Compose specification: restart is used when restart_policy is not set). Undefined when neither
 * says anything, or `restart` has a value compose does not know (reported by the planner).
 */
export function restartIntent(service: ComposeService): RestartIntent | undefined {
  const policy = isRecord(service.deploy) && isRecord(service.deploy.restart_policy) ? service.deploy.restart_policy : undefined;
  const restart = parseRestart(service.restart);
  const attempts = policy && typeof policy.max_attempts === 'number' && Number.isInteger(policy.max_attempts) && policy.max_attempts >= 0 ? policy.max_attempts : undefined;
  if (policy && typeof policy.condition === 'string') {
    const condition = ({ none: 'never', 'on-failure': 'on-failure', any: 'always' } as const)[policy.condition];
    if (condition) return { condition, ...(attempts !== undefined ? { maxAttempts: attempts } : {}), by: 'deploy.restart_policy.condition' };
  }
  if (!restart) return undefined;
  const maxAttempts = attempts ?? restart.maxAttempts;
  return { ...restart, ...(maxAttempts !== undefined ? { maxAttempts } : {}) };
}

/** `no`, `always`, `unless-stopped`, `on-failure[:N]`; undefined for anything else. */
export function parseRestart(value: unknown): RestartIntent | undefined {
  if (value === false || value === 'no') return { condition: 'never', by: 'restart' };
  if (value === 'always' || value === 'unless-stopped') return { condition: 'always', by: 'restart' };
  if (typeof value !== 'string') return undefined;
  const m = /^on-failure(?::([0-9]+))?$/.exec(value);
  if (!m) return undefined;
  return { condition: 'on-failure', ...(m[1] !== undefined ? { maxAttempts: Number(m[1]) } : {}), by: 'restart' };
}

function jobOf(intent: RestartIntent | undefined, by: string): ControllerChoice {
  // A job without a restart intent (deploy.mode replicated-job) retries failures, as Swarm's jobs do.
  if (intent?.condition === 'never') return { kind: 'Job', restartPolicy: 'Never', backoffLimit: 0, by };
  return { kind: 'Job', restartPolicy: 'OnFailure', ...(intent?.maxAttempts !== undefined ? { backoffLimit: intent.maxAttempts } : {}), by };
}

/**
 * The controller for a service. `statefulCandidate`: the service mounts a ReadWriteOnce claim;
 * with `preferStatefulSet` (`--controller statefulset`) it then becomes a StatefulSet.
 * `awaitedForCompletion`: another service's depends_on waits for it with service_completed_successfully.
 */
export function chooseController(service: ComposeService, opts: { statefulCandidate?: boolean; preferStatefulSet?: boolean; awaitedForCompletion?: boolean } = {}): ControllerChoice {
  const intent = restartIntent(service);
  const explicit = explicitController(service);
  if (explicit) return explicit.kind === 'Job' ? jobOf(intent?.condition === 'always' ? undefined : intent, explicit.by) : explicit;
  const mode = isRecord(service.deploy) ? service.deploy.mode : undefined;
  if (mode === 'global') return { kind: 'DaemonSet', by: 'deploy.mode' };
  if (mode === 'replicated-job' || mode === 'global-job') return jobOf(intent?.condition === 'always' ? undefined : intent, 'deploy.mode');
  if (intent && intent.condition !== 'always' && !listens(service)) return jobOf(intent, intent.by);
  // Another service waits for it to complete (depends_on: service_completed_successfully), and
  // compose's default restart is "no": it runs once.
  if (!intent && opts.awaitedForCompletion && !listens(service)) return jobOf({ condition: 'never', by: 'depends_on' }, 'depends_on');
  if (opts.statefulCandidate && opts.preferStatefulSet) return { kind: 'StatefulSet', by: '--controller' };
  return { kind: 'Deployment', by: intent?.by ?? 'restart' };
}

/** Does the service declare ports others connect to? Then it is a server, not a task. */
export function listens(service: ComposeService): boolean {
  return (service.ports?.length ?? 0) > 0 || (service.expose?.length ?? 0) > 0;
}

/** Does the service run to completion (as a Job)? For depends_on: service_completed_successfully. */
export function runsAsJob(service: ComposeService): boolean {
  return chooseController(service).kind === 'Job';
}

/**
 * Does another service's depends_on wait for `name` to complete? Then it runs as a Job, unless its
 * image is a well-known server (redis, postgres, …), which never completes.
 */
export function awaitedForCompletion(name: string, project: ComposeProject): boolean {
  if (knownPortsOf(project.services[name]?.image)) return false;
  return Object.values(project.services).some((s) => s.depends_on?.[name]?.condition === 'service_completed_successfully');
}

/** The services of a project that run as Jobs. */
export function jobServices(project: ComposeProject): ReadonlySet<string> {
  return new Set(Object.values(project.services).filter(runsAsJob).map((s) => s.name));
}
