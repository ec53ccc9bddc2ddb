// Every compose service key, with what becomes of it: the single source of truth for the planner's
// reports (report-keys.ts), the README's support table (key-docs.ts) and the test that fails when
// a key of the Compose schema is in no row. Rows are keyed by the path inside a service
// (`deploy.update_config.order`). A key is mapped (the planner converts it), ignored (it has no
// effect on a cluster, so nothing is lost) or unsupported (reported with file:line:col, the reason
// and, where one exists, what to do instead). The walker descends into a mapped or ignored key's
// children when they have rows; an unsupported key is reported once, without its children.

export type KeyRule =
  | { readonly status: 'mapped'; readonly to: string }
  | { readonly status: 'ignored'; readonly why: string }
  | { readonly status: 'unsupported'; readonly why: string; readonly instead?: string };

export type KeyStatus = KeyRule['status'];

const mapped = (to: string): KeyRule => ({ status: 'mapped', to });
const ignored = (why: string): KeyRule => ({ status: 'ignored', why });
const unsupported = (why: string, instead?: string): KeyRule => ({ status: 'unsupported', why, ...(instead ? { instead } : {}) });

const RESOURCES_INSTEAD = 'set requests and limits with deploy.resources, or x-k8s.resources';
const WINDOWS_ONLY = 'a Windows container setting with no Linux-pod equivalent';

export const SERVICE_KEYS: Readonly<Record<string, KeyRule>> = {
  // What runs
  image: mapped('container `image`; a reference docker could not pull (an empty tag from an unset variable, upper case) is an error at the key'),
  build: mapped('image `<project>-<service>:<tag>` (`--image-registry`, `--image-tag`; default `latest`), with a warning to build it; `imagePullPolicy: IfNotPresent` when its name has neither a registry nor a namespace (it can only be loaded into the nodes) or its tag is not `latest`; `compose2k8s build` builds, pushes or loads it'),
  command: mapped('container `args`'),
  entrypoint: mapped('container `command`; an empty one (`""`, `[]`) makes `command:` the container `command`, and is reported without one'),
  environment: mapped('container `env`; a name Kubernetes refuses (not printable ASCII, or with `=`) is reported and left out'),
  env_file: mapped('one ConfigMap per file (read as compose reads it; `format: raw` taken literally) and container `envFrom` in file order, so later files and `environment` win; a missing file is an error unless `required: false`; credential-like keys are reported, since ConfigMaps are not secret; a file whose values pass 1 MiB is reported and left out'),
  working_dir: mapped('container `workingDir`'),
  user: mapped('numeric `uid[:gid]` → container `securityContext.runAsUser`/`runAsGroup`; user names and ids from 2^31 are reported (Kubernetes needs numeric ids below 2^31)'),
  profiles: mapped('services of inactive profiles are left out'),
  extends: ignored('resolved by the loader: the service already holds the keys it extends'),
  container_name: ignored('Kubernetes names pods itself; the workload is named after the service'),
  develop: ignored('development-loop settings (`docker compose watch`); nothing runs on a cluster for them'),
  attach: ignored('whether `docker compose up` shows the logs; `kubectl logs` shows them'),
  pull_policy: mapped('`imagePullPolicy`: always → Always, never → Never, missing / if_not_present → IfNotPresent, build → the pull policy of a built image (as without pull_policy: IfNotPresent for a tag other than latest or a name without a registry, else the Kubernetes default); daily / weekly / every_* → Always, reported'),
  pull_refresh_after: unsupported('Kubernetes pulls by imagePullPolicy only; there is no refresh interval', 'pin the image by tag or digest and roll out to update'),
  platform: mapped('nodeSelector `kubernetes.io/os` and `kubernetes.io/arch`; a variant other than arm64/v8 is reported'),
  labels: mapped('annotations on the workload and its pod template (compose labels are free text, often not valid label values); keys Kubernetes refuses are rewritten and reported; labels that would take the annotations past 256 KiB are reported and left out'),
  label_file: mapped('read like an env file; annotations, as `labels`, which win over it'),
  annotations: mapped('annotations on the workload and its pod template'),

  // Controller and lifecycle
  deploy: mapped('see the `deploy.*` rows'),
  scale: mapped('`replicas`'),
  restart: mapped('`"no"` → a Job (restartPolicy Never); `on-failure[:N]` → a Job (restartPolicy OnFailure, backoffLimit N); `always`, `unless-stopped` → a Deployment. A service with `ports`/`expose` is a server and stays a Deployment, reported'),
  depends_on: mapped('a Service for each dependency, and an init container per dependency that waits: `service_started` → until its Service accepts TCP (`busybox:1.36.1`, `nc -z`); `service_healthy` → the same, which means a pod passed its healthcheck (the readinessProbe; without one, reported); `service_completed_successfully` → `kubectl wait --for=condition=complete job/X` (`registry.k8s.io/kubectl:v1.32.0`, with a ServiceAccount + Role that reads Jobs); `required: false` skips a missing dependency and stops waiting after 120 s; `restart: true` is reported; `--no-wait` turns the waits off'),
  healthcheck: mapped('readinessProbe and livenessProbe running `test` (CMD → exec argv; CMD-SHELL or a string → `/bin/sh -c`; NONE or `disable: true` → no probes) with compose\'s defaults written out: interval → periodSeconds (30), timeout → timeoutSeconds (30), retries → failureThreshold (3); start_period → a startupProbe every start_interval (5 s) allowing start_period + retries × interval. Durations round up to whole seconds (at least 1), reported. Unlike docker, a failing liveness probe restarts the container'),
  stop_grace_period: mapped('`terminationGracePeriodSeconds` (rounded up to whole seconds)'),
  stop_signal: unsupported('Kubernetes 1.32 has no per-container stop signal: the runtime sends the image\'s STOPSIGNAL (default SIGTERM)', 'set STOPSIGNAL in the Dockerfile, or send the signal from a preStop hook'),
  init: mapped('`shareProcessNamespace: true`: the pause container is PID 1 and reaps zombies, the job docker\'s tini does'),
  pre_start: mapped('initContainers after the depends_on waits, in order: the step\'s image (else the service\'s), command → `args`, environment, working_dir, numeric user, privileged, and the service\'s volume mounts'),
  post_start: mapped('the container\'s `lifecycle.postStart` exec handler; several hooks (or a hook\'s working_dir/environment) run as one `/bin/sh -c \'a && b\'`; user/privileged are reported'),
  pre_stop: mapped('the container\'s `lifecycle.preStop` exec handler, as post_start'),
  provider: unsupported('the service is run by a compose provider plugin, not as a container', 'deploy what the provider manages (a model runner, a cloud resource) by its own Kubernetes means'),
  models: unsupported('AI models are served by Docker Model Runner, which has no Kubernetes counterpart here', 'deploy a model server and give its URL in environment:'),

  // Network
  ports: mapped('`containerPorts` and a Service (published → port, target → targetPort)'),
  expose: mapped('`containerPorts` and a ClusterIP Service; a port outside 1-65535 is an error'),
  links: mapped('the target\'s Service; an alias gets a Service of its own'),
  external_links: unsupported('links to containers outside the project', 'point the client at a Service of type ExternalName for the outside host'),
  networks: mapped('with `--network-policies`, one NetworkPolicy per network: pods accept traffic only from pods they share a network with; without it, every pod reaches every other, as on one compose network. `aliases` → a Service per alias; per-network addresses are reported'),
  network_mode: mapped('`service:x` → a container in x\'s pod; `host` → `hostNetwork: true` (with a warning); `none` and `container:…` are reported'),
  hostname: mapped('pod `hostname` (its first DNS label; a changed name is reported)'),
  domainname: unsupported('it sets the NIS domain name of the container\'s UTS namespace, which Kubernetes cannot set; pod `subdomain` is a different thing (a DNS name under a headless Service)', 'if a DNS domain is what you need, set the pod\'s `subdomain` and create a headless Service of that name'),
  extra_hosts: mapped('pod `hostAliases`, grouped by IP (`host:ip`, `host=ip`, IPv6 and map forms); `host-gateway` is reported; an entry without a valid IP is an error, a host name Kubernetes refuses (`my_db`) is reported and left out'),
  dns: mapped('`dnsConfig.nameservers` (at most 3) with `dnsPolicy: None`, reported: Service names then do not resolve in the pod, unlike with docker\'s embedded DNS; an entry that is not an IP address is an error, as in docker'),
  dns_opt: mapped('`dnsConfig.options` (`ndots:2` → name ndots, value "2"); an option without a name is reported and left out'),
  dns_search: mapped('`dnsConfig.searches` (cluster DNS is kept unless `dns` is set), lowercased; a domain Kubernetes refuses (`_`, `.`) or past its limits (32 domains, 2,048 characters) is reported and left out'),
  mac_address: unsupported('pods get their addresses from the cluster network'),

  // Storage, configuration and secrets
  volumes: mapped('PersistentVolumeClaim (named; or emptyDir, hostPath, ConfigMap by `--volumes`), emptyDir (anonymous, tmpfs), ConfigMap or emptyDir (bind, by `--bind-mounts`; a file over 1 MiB is reported and left out); two mounts at one target, or a `subpath` with `..`, are errors, as in docker'),
  tmpfs: mapped('emptyDir with medium Memory; `size=` → sizeLimit in binary units (64m → 64Mi)'),
  volumes_from: unsupported('pods do not share volumes with other pods by reference', 'list the same named volumes under volumes: of this service'),
  configs: mapped('a ConfigMap per config (from file, content or environment; external ones are referenced by name, never created) mounted by subPath at `target`, default `/<name>`; `mode` → the item\'s mode; uid/gid are reported; a file over 1 MiB is reported and not mounted'),
  secrets: mapped('a Secret per secret (from file or environment; external ones are referenced by name, never created) mounted by subPath at `/run/secrets/<name>` or `target`; `mode` → the item\'s mode; uid/gid are reported; a file over 1 MiB is reported and not mounted. A value appears in its Secret only'),
  shm_size: mapped('an emptyDir with medium Memory and that sizeLimit at /dev/shm (not applied, reported, when the service mounts its own /dev/shm)'),
  storage_opt: unsupported('storage driver options are the node runtime\'s business', 'use a storage class, or an emptyDir with a sizeLimit'),

  // Security
  privileged: mapped('container `securityContext.privileged`'),
  read_only: mapped('container `securityContext.readOnlyRootFilesystem`'),
  cap_add: mapped('`securityContext.capabilities.add` (the CAP_ prefix stripped)'),
  cap_drop: mapped('`securityContext.capabilities.drop` (the CAP_ prefix stripped)'),
  security_opt: mapped('`no-new-privileges` → allowPrivilegeEscalation: false (left out, reported, with privileged or CAP_SYS_ADMIN); `seccomp=unconfined` → seccompProfile Unconfined; `apparmor=…` → appArmorProfile; `label=user|role|type|level:…` → seLinuxOptions; others are reported'),
  sysctls: mapped('pod `securityContext.sysctls`; those outside Kubernetes\' safe set are reported (the kubelet must allow them); a name that is not a kernel parameter is an error; a name given twice keeps its last value'),
  group_add: mapped('pod `securityContext.supplementalGroups` (numeric gids below 2^31; names and larger ids are reported)'),
  userns_mode: unsupported('user namespaces are configured per pod by the cluster', 'set spec.hostUsers: false on clusters that support user namespaces'),
  credential_spec: unsupported(WINDOWS_ONLY, 'set securityContext.windowsOptions.gmsaCredentialSpecName for Windows nodes'),
  isolation: unsupported(WINDOWS_ONLY),
  use_api_socket: unsupported('pods have no Docker engine socket to mount'),

  // Namespaces and devices
  pid: unsupported('process namespaces cannot be shared with the host or another service by compose\'s means', '`pid: host` ≈ spec.hostPID: true; sharing with a sidecar ≈ shareProcessNamespace: true'),
  ipc: unsupported('IPC namespaces cannot be shared by compose\'s means', '`ipc: host` ≈ spec.hostIPC: true; containers of one pod already share IPC'),
  uts: unsupported('the UTS namespace cannot be shared with the host', 'use hostNetwork, which also shares the host name'),
  cgroup: unsupported('the cgroup namespace is chosen by the node runtime'),
  cgroup_parent: unsupported('the kubelet places pods in cgroups itself'),
  devices: unsupported('host devices are not mounted into pods by path', 'use a device plugin that advertises the device as a resource'),
  device_cgroup_rules: unsupported('host devices are not mounted into pods by path', 'use a device plugin'),
  gpus: mapped('NVIDIA GPUs with a `count` → `limits["nvidia.com/gpu"]` (needs the NVIDIA device plugin); `gpus: all` and device_ids are reported: Kubernetes needs a number'),
  runtime: unsupported('the container runtime is chosen by a RuntimeClass', 'create a RuntimeClass and set spec.runtimeClassName'),
  ulimits: unsupported('Kubernetes has no per-container ulimits', 'set them in the image\'s entrypoint (`ulimit -n …`) or on the nodes'),
  logging: unsupported('the cluster collects container logs from stdout and stderr', 'configure log shipping in the cluster (a DaemonSet such as Fluent Bit)'),
  tty: mapped('container `tty`'),
  stdin_open: mapped('container `stdin`'),

  // Resources
  cpus: mapped('`limits.cpu`, exactly: 0.5 → 500m, 2 → 2'),
  cpu_shares: mapped('`requests.cpu` of shares / 1024 cores (1024 → 1, 512 → 500m)'),
  mem_limit: mapped('`limits.memory`; compose units are binary: 512m → 512Mi, 1.5g → 1536Mi'),
  mem_reservation: mapped('`requests.memory` (binary units)'),
  cpu_count: unsupported('Windows CPU tuning has no Kubernetes field', RESOURCES_INSTEAD),
  cpu_percent: unsupported('Windows CPU tuning has no Kubernetes field', RESOURCES_INSTEAD),
  cpu_quota: mapped('`limits.cpu` of cpu_quota / cpu_period cores, when `cpus` is not set'),
  cpu_period: mapped('divides cpu_quota (default 100000 µs); alone it has no effect'),
  cpu_rt_period: unsupported('real-time scheduling is a node setting'),
  cpu_rt_runtime: unsupported('real-time scheduling is a node setting'),
  cpuset: unsupported('CPU pinning is done by the kubelet\'s CPU manager', 'use the static CPU manager policy and integer CPU requests equal to limits'),
  mem_swappiness: unsupported('swap is a node setting'),
  memswap_limit: unsupported('swap is a node setting', 'set a memory limit'),
  oom_kill_disable: unsupported('the kubelet always OOM-kills over-limit containers'),
  oom_score_adj: unsupported('the kubelet sets OOM scores from the pod\'s QoS class', 'set requests equal to limits for the Guaranteed class'),
  pids_limit: unsupported('the PID limit is a node (kubelet) setting'),
  blkio_config: unsupported('block IO weights and limits are not per-container settings in Kubernetes'),

  // deploy.*
  'deploy.mode': mapped('`replicated` → Deployment; `global` → DaemonSet; `replicated-job` → Job (completions and parallelism = replicas); `global-job` → a Job, with a warning'),
  'deploy.replicas': mapped('`replicas` (Job: completions and parallelism)'),
  'deploy.endpoint_mode': mapped('`vip` → a ClusterIP Service; `dnsrr` → a headless Service (clusterIP: None)'),
  'deploy.labels': mapped('labels on the workload object (Swarm puts them on the service, not on its containers); values Kubernetes refuses are rewritten and reported'),
  'deploy.update_config': mapped('Deployment `strategy.rollingUpdate`; DaemonSet `updateStrategy.rollingUpdate`'),
  'deploy.update_config.parallelism': mapped('`maxUnavailable` (stop-first) or `maxSurge` (start-first); 0 → 100%'),
  'deploy.update_config.order': mapped('`stop-first` → maxSurge 0; `start-first` → maxUnavailable 0'),
  'deploy.update_config.delay': unsupported('Kubernetes does not pause between update batches', 'spec.minReadySeconds holds each new pod back before it counts as available'),
  'deploy.update_config.monitor': unsupported('Kubernetes does not watch updated pods for a failure window', 'spec.progressDeadlineSeconds marks a stuck rollout as failed'),
  'deploy.update_config.failure_action': unsupported('a failed rollout stops; Kubernetes never rolls back by itself', 'run `kubectl rollout undo` when a rollout fails'),
  'deploy.update_config.max_failure_ratio': unsupported('Kubernetes has no failure ratio for rollouts'),
  'deploy.rollback_config': unsupported('Kubernetes rolls back only on request', '`kubectl rollout undo deployment/NAME` uses the update strategy'),
  'deploy.rollback_config.parallelism': unsupported('part of rollback_config'),
  'deploy.rollback_config.delay': unsupported('part of rollback_config'),
  'deploy.rollback_config.failure_action': unsupported('part of rollback_config'),
  'deploy.rollback_config.monitor': unsupported('part of rollback_config'),
  'deploy.rollback_config.max_failure_ratio': unsupported('part of rollback_config'),
  'deploy.rollback_config.order': unsupported('part of rollback_config'),
  'deploy.restart_policy': mapped('see its keys: the condition picks the controller, as `restart` does'),
  'deploy.restart_policy.condition': mapped('`none` → a Job (restartPolicy Never); `on-failure` → a Job (restartPolicy OnFailure); `any` → a Deployment'),
  'deploy.restart_policy.max_attempts': mapped('the Job\'s `backoffLimit`'),
  'deploy.restart_policy.delay': unsupported('the kubelet restarts with its own exponential back-off (10 s doubling up to 5 min)'),
  'deploy.restart_policy.window': unsupported('Kubernetes has no window for judging a restart successful'),
  'deploy.placement': mapped('see its keys'),
  'deploy.placement.constraints': mapped('`node.labels.K==V`, `node.hostname`, `node.platform.os`/`arch` → nodeSelector; `!=` → a required node affinity with NotIn; `node.role`, `node.id` and `engine.labels` are reported'),
  'deploy.placement.preferences': mapped('`spread: node.labels.K` → a topologySpreadConstraint over K (maxSkew 1, ScheduleAnyway: a preference, as in Swarm); other preferences are reported'),
  'deploy.placement.max_replicas_per_node': mapped('1 → a required pod anti-affinity on `kubernetes.io/hostname`; larger caps have no Kubernetes equivalent and are reported'),
  'deploy.resources': mapped('container resources; beats cpus / mem_limit / mem_reservation, as in docker compose (a difference is reported)'),
  'deploy.resources.limits': mapped('see its keys'),
  'deploy.resources.limits.cpus': mapped('`limits.cpu` (0.5 → 500m)'),
  'deploy.resources.limits.memory': mapped('`limits.memory` (binary units: 512M → 512Mi)'),
  'deploy.resources.limits.pids': unsupported('the PID limit is a node (kubelet) setting'),
  'deploy.resources.reservations': mapped('see its keys; a reservation above its limit is reported and left out, since Kubernetes rejects it'),
  'deploy.resources.reservations.cpus': mapped('`requests.cpu`'),
  'deploy.resources.reservations.memory': mapped('`requests.memory`'),
  'deploy.resources.reservations.generic_resources': mapped('discrete GPU counts → `limits["nvidia.com/gpu"]`; other kinds are reported'),
  'deploy.resources.reservations.devices': mapped('NVIDIA GPUs with a `count` → `limits["nvidia.com/gpu"]` (needs the NVIDIA device plugin); `count: all`, device_ids and other devices are reported'),
};

/** The rule for a key path inside a service (`deploy.mode`); undefined for keys the table does not know. */
export function keyRule(path: string): KeyRule | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICE_KEYS, path) ? SERVICE_KEYS[path] : undefined;
}

/** True when rows exist below `path` (`deploy` → `deploy.mode`, …), so the walker descends. */
export function hasChildRows(path: string): boolean {
  const prefix = `${path}.`;
  return Object.keys(SERVICE_KEYS).some((k) => k.startsWith(prefix));
}
