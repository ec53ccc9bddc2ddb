// Every diagnostic code the project emits, classed once: `error` (invalid input: nothing is written),
// `warning` (the cluster will behave differently from docker compose, or the output needs an action
// before it works) or `note` (the cluster runs what docker compose would run, or what a flag asked
// for: worth knowing, nothing lost). `Diagnostics.error/warn/note` accept only codes of their class, so an unclassed code does
// not compile. `many` words a repeat of the code under one service or object (the CLI prints those
// as one): `${count} ${message}: ITEM, ITEM, …`.

/**
 * `error`: invalid input, nothing is converted. `warning`: the cluster will behave differently from
 * docker compose, or the output needs an action before it works (`--strict` makes these errors).
 * `note`: the cluster runs what docker compose would run (or what a flag asked for); worth knowing,
 * nothing lost. Each code has one severity, in DIAGNOSTIC_CODES below.
 */
export type Severity = 'error' | 'warning' | 'note';

interface CodeClass {
  readonly severity: Severity;
  /** Why the code has this class: for a warning, what differs on the cluster; for a note, why nothing does. */
  readonly why: string;
  readonly many?: { readonly message: string; readonly hint?: string };
}

export const DIAGNOSTIC_CODES = {
  // Loading: files, YAML, interpolation, merging, the compose schema, references.
  'no-compose-file': { severity: 'error', why: 'nothing to load' },
  'file-not-found': { severity: 'error', why: 'a named file is missing' },
  'empty-file': { severity: 'error', why: 'a compose file without content' },
  'invalid-file': { severity: 'error', why: 'a compose file that is not a mapping' },
  'yaml-syntax': { severity: 'error', why: 'the file is not YAML' },
  'yaml-too-large': { severity: 'error', why: 'aliases expand beyond the size a compose file can have' },
  'interpolation': { severity: 'error', why: '${VAR:?message} with VAR unset, or a malformed ${…}: docker compose refuses it too' },
  'merge-conflict': { severity: 'error', why: 'two files give one key values of kinds that do not merge' },
  'include-cycle': { severity: 'error', why: 'files include each other' },
  'invalid-include': { severity: 'error', why: 'an include entry that cannot be loaded' },
  'extends-cycle': { severity: 'error', why: 'services extend each other' },
  'extends-not-found': { severity: 'error', why: 'extends names a service that does not exist' },
  'schema': { severity: 'error', why: 'the Compose JSON schema refuses the file' },
  'invalid-project-name': { severity: 'error', why: 'docker compose refuses the name too' },
  'missing-image': { severity: 'error', why: 'a service with neither image nor build cannot run' },
  'undefined-service': { severity: 'error', why: 'a reference to a service the project does not have' },
  'undefined-volume': { severity: 'error', why: 'a reference to a volume the project does not declare' },
  'undefined-network': { severity: 'error', why: 'a reference to a network the project does not declare' },
  'undefined-secret': { severity: 'error', why: 'a reference to a secret the project does not declare' },
  'undefined-config': { severity: 'error', why: 'a reference to a config the project does not declare' },
  'undefined-model': { severity: 'error', why: 'a reference to a model the project does not declare' },
  'dependency-cycle': { severity: 'error', why: 'services depend on each other: none could start first' },
  'disabled-service': { severity: 'error', why: 'an enabled service needs one its profiles disable, as docker compose reports' },
  'unset-variable': {
    severity: 'warning',
    why: 'the blank value is baked into the manifests (docker compose warns about it too, and reads the variable again at every up)',
    many: { message: 'variables are not set and default to a blank string', hint: 'set them in the environment or in .env, or give defaults: ${NAME:-value}' },
  },
  'several-compose-files': { severity: 'note', why: 'docker compose picks the same file' },
  'obsolete-version': { severity: 'note', why: 'docker compose ignores version: too; removing it changes nothing' },
  'outside-project': { severity: 'warning', why: 'a file from outside the project can end up in the manifests and on a cluster' },

  // Values the model checks (a service's keys, x-k8s, label and env files, --env presets, flags).
  'invalid-value': { severity: 'error', why: 'a value docker compose or Kubernetes refuses' },
  'invalid-duration': { severity: 'error', why: 'a duration docker compose cannot parse' },
  'env-file-missing': { severity: 'error', why: 'a required env_file is missing: docker compose refuses to start' },
  'env-file-syntax': { severity: 'error', why: 'an env_file line docker compose cannot read' },
  'label-file-missing': { severity: 'error', why: 'a label_file is missing' },
  'label-file-syntax': { severity: 'error', why: 'a label_file line that cannot be read' },
  'secret-file-missing': { severity: 'error', why: 'the file of a secret is missing' },
  'config-file-missing': { severity: 'error', why: 'the file of a config is missing' },
  'network-mode-target': { severity: 'error', why: 'network_mode: service:X does not lead to a service' },
  'no-services': { severity: 'error', why: 'nothing to convert' },
  'unknown-service': { severity: 'error', why: 'a flag names a service the project does not have' },
  'resources-request-above-limit': { severity: 'error', why: 'Kubernetes refuses a pod that requests more than its limit' },
  'x-k8s-invalid-value': { severity: 'error', why: 'an x-k8s value that cannot be applied' },
  'x-k8s-unknown-key': { severity: 'error', why: 'an x-k8s key compose2k8s does not know (a typo would be silently lost)' },
  'preset-invalid-value': { severity: 'error', why: 'an environment preset value that cannot be applied' },
  'preset-unknown-key': { severity: 'error', why: 'an environment preset key compose2k8s does not know' },
  'preset-unknown-service': { severity: 'warning', why: 'the preset asks for something that is not applied (a service the project lacks)' },
  'preset-unknown-volume': { severity: 'warning', why: 'the preset asks for something that is not applied (a volume the project lacks)' },

  // Keys without an equal on Kubernetes.
  'unsupported-key': { severity: 'warning', why: 'the setting is dropped' },
  'unknown-key': { severity: 'warning', why: 'the key is dropped' },
  'kompose-label': { severity: 'warning', why: 'the Kompose label is not applied' },
  'unset-environment': {
    severity: 'note',
    why: 'a pass-through entry (environment: [NAME]) with NAME unset: docker compose leaves it out of the container too',
    many: { message: 'variables have no value here and are left out, as docker compose leaves them out', hint: 'give them values (NAME=value) or set them before converting' },
  },
  'empty-entrypoint': { severity: 'warning', why: 'the image\'s entrypoint still runs' },
  'build-image': { severity: 'warning', why: 'the cluster pulls an image that must be built and pushed first' },
  'pull-policy': { severity: 'warning', why: 'the pull policy differs' },
  'hostname': { severity: 'warning', why: 'the pod\'s hostname differs' },
  'host-gateway': { severity: 'warning', why: 'the extra host is dropped' },
  'dns-servers': { severity: 'warning', why: 'nameservers beyond three are dropped' },
  'dns-policy-none': { severity: 'warning', why: 'Service names stop resolving in the pod' },
  'platform-variant': { severity: 'warning', why: 'the CPU variant cannot be selected' },
  'healthcheck-test': { severity: 'warning', why: 'the healthcheck is dropped' },
  'lifecycle-hook': { severity: 'warning', why: 'the hook is dropped or runs with other privileges' },
  'user-name': { severity: 'warning', why: 'the container runs as the image\'s user' },
  'group-name': { severity: 'warning', why: 'the supplementary group is dropped' },
  'no-new-privileges-conflict': { severity: 'warning', why: 'no-new-privileges is dropped' },
  'unsupported-security-opt': { severity: 'warning', why: 'the security option is dropped' },
  'host-network-sysctl': { severity: 'warning', why: 'the sysctls are dropped' },
  'unsafe-sysctl': { severity: 'warning', why: 'the kubelet refuses the pod unless configured for it' },
  'file-owner': { severity: 'warning', why: 'file ownership differs' },
  'unsupported-device': { severity: 'warning', why: 'the device reservation is dropped' },
  'gpu-count': { severity: 'warning', why: 'the GPU reservation is dropped' },
  'request-above-limit': { severity: 'warning', why: 'the reservation is dropped' },
  'resource-conflict': { severity: 'note', why: 'the later setting wins, as in docker compose' },
  'cpu-rounded': { severity: 'note', why: 'below a millicore: rounding to Kubernetes\' precision changes nothing that runs' },
  'duration-rounded': { severity: 'note', why: 'rounding to whole seconds, as Kubernetes counts them, changes timing by under a second' },
  'duration-out-of-range': { severity: 'warning', why: 'a duration longer than the Kubernetes field can hold is cut to its maximum' },
  'invalid-label-value': { severity: 'warning', why: 'the label is written with another value' },
  'invalid-metadata-key': { severity: 'warning', why: 'the key is written differently' },
  'reserved-label': { severity: 'warning', why: 'the label is dropped' },
  'invalid-env-name': { severity: 'warning', why: 'the variable is dropped (a name Kubernetes refuses)' },
  'user-id': { severity: 'warning', why: 'the user is not set (an id Kubernetes refuses)' },
  'group-id': { severity: 'warning', why: 'the group is not added (an id Kubernetes refuses)' },
  'healthcheck-retries': { severity: 'warning', why: 'the retries are cut to the most Kubernetes takes' },
  'annotations-too-large': { severity: 'warning', why: 'the annotation is dropped (the API server allows 256 KiB of annotations per object)' },
  'client-apply-too-large': { severity: 'warning', why: 'client-side `kubectl apply` fails for the object: apply with --server-side' },

  // Volumes, bind mounts, env files, secrets and configs.
  'bind-mount-empty-dir': {
    severity: 'warning',
    why: 'the pod sees an empty directory, not the host\'s files',
    many: { message: 'bind mounts become empty emptyDirs (the host\'s files are not in the pod)', hint: 'bake the files into the image, or use named volumes, configs, --bind-mounts configMap or --bind-mounts hostPath' },
  },
  'bind-mount-build-context': { severity: 'warning', why: 'the pod runs the image\'s copy of the files, which the Dockerfile must COPY' },
  'bind-mount-host-path': { severity: 'warning', why: 'the pod sees the node\'s files, which must exist on every node' },
  'bind-mount-skipped': { severity: 'note', why: 'left out as --bind-mounts skip asks' },
  'bind-mount-secret-file': { severity: 'warning', why: 'the mount is dropped (a secret\'s file never goes into a ConfigMap)' },
  'bind-mount-binary': { severity: 'warning', why: 'the mount is dropped' },
  'bind-mount-too-large': { severity: 'warning', why: 'the mount is dropped' },
  'unsupported-volume-type': { severity: 'warning', why: 'the mount is dropped' },
  'volume-driver': { severity: 'warning', why: 'the storage differs' },
  'external-volume': { severity: 'warning', why: 'the claim must exist before applying' },
  'external-secret': { severity: 'warning', why: 'the Secret must exist before applying' },
  'external-config': { severity: 'warning', why: 'the ConfigMap must exist before applying' },
  'env-file-secret': { severity: 'warning', why: 'credentials land in a ConfigMap' },
  'env-file-secret-file': { severity: 'warning', why: 'the env file is left out (a secret\'s file never goes into a ConfigMap)' },
  'env-file-too-large': { severity: 'warning', why: 'the env file is left out' },
  'env-file-binary': { severity: 'warning', why: 'the env file is left out (a ConfigMap holds text)' },
  'env-file-key': { severity: 'warning', why: 'the variable is left out (not a valid ConfigMap key)' },
  'secret-too-large': { severity: 'warning', why: 'the secret is not mounted (over the 1 MiB a Secret holds)' },
  'config-too-large': { severity: 'warning', why: 'the config is not mounted (over the 1 MiB a ConfigMap holds)' },
  'duplicate-mount': { severity: 'error', why: 'two mounts at one path: docker refuses it too' },
  'shm-size-mounted': { severity: 'warning', why: 'shm_size is not applied: /dev/shm is mounted by the service itself' },
  'bind-mount-left-out': { severity: 'warning', why: 'files of the directory (binary, or a secret\'s) are missing from its ConfigMap' },
  'volume-empty-dir': { severity: 'warning', why: 'the data lasts only as long as the pod (--volumes emptyDir asks for it)' },
  'volume-no-host-path': { severity: 'warning', why: 'the volume stays a claim, not the hostPath --volumes asked for' },
  'volume-no-host-files': { severity: 'warning', why: 'the volume stays a claim, not the ConfigMap --volumes asked for' },

  // Networking, names, ports, Ingress, network policies.
  'renamed-host': { severity: 'warning', why: 'clients must use the Kubernetes name' },
  'name-collision': { severity: 'warning', why: 'an object gets another name than asked' },
  'alias-collision': { severity: 'warning', why: 'the alias does not resolve' },
  'network-alias': { severity: 'warning', why: 'the alias does not resolve' },
  'network-address': { severity: 'warning', why: 'the fixed address is dropped' },
  'dns-search': { severity: 'warning', why: 'the search domain is dropped' },
  'dns-option': { severity: 'warning', why: 'the DNS option is dropped' },
  'extra-host-name': { severity: 'warning', why: 'the host alias is dropped' },
  'node-port-range': { severity: 'warning', why: 'the Service gets another node port than asked' },
  'port-host-ip': { severity: 'warning', why: 'the port is served on every address' },
  'unknown-port': { severity: 'warning', why: 'the service gets no Service: clients cannot reach it by name' },
  'service-type-ignored': { severity: 'warning', why: 'the Service type asked for is not used' },
  'node-port-ignored': { severity: 'warning', why: 'the node port is not used' },
  'node-port-first': { severity: 'warning', why: 'only the first port gets the node port' },
  'expose-no-port': { severity: 'warning', why: 'no Ingress is made' },
  'expose-port': { severity: 'warning', why: 'the Ingress routes to another port than asked' },
  'expose-first-port': { severity: 'warning', why: 'the Ingress may route to the wrong one of several ports' },
  'expose-tls-no-host': { severity: 'warning', why: 'the certificate applies to every host' },
  'network-mode-host': { severity: 'warning', why: 'two pods cannot share a node' },
  'network-mode-none': { severity: 'warning', why: 'the pod has a network' },
  'network-mode-container': { severity: 'warning', why: 'network_mode is dropped' },
  'network-mode-service': { severity: 'warning', why: 'the service is reached through the other\'s Service' },
  'network-mode-pod-settings': { severity: 'warning', why: 'the service\'s own pod settings are not used' },
  'network-mode-port-clash': { severity: 'warning', why: 'the port is dropped' },
  'service-group-name': { severity: 'error', why: '--service-group-name names one group, but there are several' },
  'service-group-renamed': { severity: 'warning', why: 'the group\'s workload gets another name than asked' },
  'service-group-label': { severity: 'warning', why: 'the service stays out of the group' },
  'service-group-controller': { severity: 'error', why: 'one pod cannot run under two kinds of controller' },
  'service-group-port-clash': { severity: 'error', why: 'two containers of one pod cannot listen on one port' },
  'service-group-inferred-port-clash': { severity: 'warning', why: 'two containers of one pod may listen on one port (known from the images): the second cannot bind it' },
  'service-group-healthcheck': { severity: 'warning', why: 'the pod is ready only when every member is' },
  'service-group-replicas': { severity: 'warning', why: 'a member runs with the group\'s replica count' },
  'service-group-pod-settings': { severity: 'warning', why: 'the member\'s own pod settings are not used' },
  'network-policy-host': { severity: 'warning', why: 'NetworkPolicies do not apply to the pod' },
  'network-policy-external': { severity: 'warning', why: 'other projects\' pods cannot reach these pods' },
  'network-policy-internal': { severity: 'warning', why: 'the internal network can reach outside' },

  // Workloads, rollout, placement, depends_on.
  'restart-policy': { severity: 'warning', why: 'the restart behaviour differs' },
  'deploy-mode': { severity: 'warning', why: 'an unknown mode runs as the default controller' },
  'endpoint-mode': { severity: 'warning', why: 'the Service keeps a cluster IP' },
  'global-job': { severity: 'warning', why: 'the job runs once, not on every node' },
  'job-with-ports': { severity: 'warning', why: 'the server is not restarted once it exits' },
  'replicas-ignored': { severity: 'warning', why: 'the replica count is not used' },
  'daemonset-shared-claim': { severity: 'warning', why: 'pods on other nodes will not start' },
  'statefulset-shared-volume': { severity: 'warning', why: 'the pods share one claim' },
  'update-config-ignored': { severity: 'warning', why: 'the rollout differs' },
  'placement-constraint': { severity: 'warning', why: 'the constraint is not applied' },
  'placement-preference': { severity: 'warning', why: 'the preference is not applied' },
  'placement-max-replicas': { severity: 'warning', why: 'the cap is not applied' },
  'depends-on-restart': { severity: 'warning', why: 'the service is not restarted with its dependency' },
  'depends-on-not-job': { severity: 'warning', why: 'the service does not wait' },
  'depends-on-no-port': { severity: 'warning', why: 'the service does not wait' },
  'depends-on-no-healthcheck': { severity: 'warning', why: 'the service waits for less than docker compose does' },
  'wait-service-account': { severity: 'warning', why: 'the wait fails until the service account is granted access' },
  'depends-on-same-pod': { severity: 'warning', why: 'containers of one pod start together: the service does not wait' },

  // Environments and scaling (--env presets, --replicas, autoscaling, PodDisruptionBudgets).
  'not-scalable': { severity: 'warning', why: 'the scaling asked for is not applied' },
  'stateful-not-scaled': { severity: 'note', why: 'the service keeps one replica, as under docker compose, because it holds a ReadWriteOnce volume' },
  'autoscale-default-request': { severity: 'warning', why: 'the pods get requests nobody asked for' },
  'pdb-single-replica': { severity: 'warning', why: 'the PodDisruptionBudget asked for is not made' },
  'scaled-pod-member': { severity: 'warning', why: 'scaling applies to the pod\'s host only: this is not applied' },

  // Image builds (`compose2k8s build`).
  'build-invalid': { severity: 'error', why: 'docker compose would not build it either, or no local cluster can hold it: nothing is built' },
  'build-push-no-registry': { severity: 'error', why: 'the image has no registry to be pushed to: nothing is built' },
  'build-key-unsupported': { severity: 'warning', why: 'the builder lacks the setting: the image is built without it' },
  'build-image-shared': { severity: 'warning', why: 'two services that build differently run one image' },
} as const satisfies Record<string, CodeClass>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** The codes of one severity: what `Diagnostics.error`, `.warn` and `.note` accept. */
export type CodeOf<S extends Severity> = { [C in DiagnosticCode]: (typeof DIAGNOSTIC_CODES)[C]['severity'] extends S ? C : never }[DiagnosticCode];

/** The class of a code, or undefined for a code the table does not hold. */
export function codeClass(code: string): CodeClass | undefined {
  return Object.hasOwn(DIAGNOSTIC_CODES, code) ? (DIAGNOSTIC_CODES as Record<string, CodeClass>)[code] : undefined;
}
