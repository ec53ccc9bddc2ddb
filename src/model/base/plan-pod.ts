// The AppPlan's pod template: containers, volumes and pod settings, as plain readonly data in
// Kubernetes' own field names and shapes. plan.ts holds the objects made of them and re-exports these.

export type Labels = Readonly<Record<string, string>>;

export interface ObjectMeta {
  readonly name: string;
  readonly labels: Labels;
  readonly annotations?: Labels;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
  };
}

export interface ContainerPort {
  readonly containerPort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly name?: string;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

export interface ResourceRequirements {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

export interface Probe {
  readonly exec?: { readonly command: readonly string[] };
  readonly tcpSocket?: { readonly port: number };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  readonly successThreshold?: number;
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly { readonly configMapRef?: { readonly name: string }; readonly secretRef?: { readonly name: string } }[];
  readonly ports?: readonly ContainerPort[];
  readonly volumeMounts?: readonly VolumeMount[];
  readonly resources?: ResourceRequirements;
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly securityContext?: Readonly<Record<string, unknown>>;
  readonly tty?: boolean;
  readonly stdin?: boolean;
  /** post_start / pre_stop hooks. */
  readonly lifecycle?: { readonly postStart?: LifecycleHandler; readonly preStop?: LifecycleHandler };
}

export interface LifecycleHandler {
  readonly exec: { readonly command: readonly string[] };
}

export type VolumeSource =
  | { readonly kind: 'claim'; readonly claimName: string; readonly readOnly?: boolean }
  | { readonly kind: 'emptyDir'; readonly medium?: 'Memory'; readonly sizeLimit?: string; /** The named volume or host path it stands for (`volume:data`, `bind:/srv/x`): containers of one pod mounting the same share it. */ readonly standsFor?: string }
  | { readonly kind: 'configMap'; readonly configMapName: string; readonly items?: readonly { key: string; path: string; mode?: number }[]; readonly defaultMode?: number }
  | { readonly kind: 'secret'; readonly secretName: string; readonly items?: readonly { key: string; path: string; mode?: number }[]; readonly defaultMode?: number }
  | { readonly kind: 'hostPath'; readonly path: string; readonly type?: string };

export interface PodVolume {
  readonly name: string;
  readonly source: VolumeSource;
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly volumes: readonly PodVolume[];
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly hostNetwork?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  readonly hostAliases?: readonly { readonly ip: string; readonly hostnames: readonly string[] }[];
  readonly dnsConfig?: Readonly<Record<string, unknown>>;
  readonly securityContext?: Readonly<Record<string, unknown>>;
  readonly nodeSelector?: Labels;
  readonly imagePullSecrets?: readonly { readonly name: string }[];
  /** From `init: true`: the pause container is PID 1 and reaps zombies, as docker's tini would. */
  readonly shareProcessNamespace?: boolean;
  /** From deploy.placement.constraints with `!=` (NotIn), in Kubernetes' own shape. */
  readonly affinity?: Affinity;
  readonly tolerations?: readonly Toleration[];
  readonly serviceAccountName?: string;
  /** ClusterFirstWithHostNet with hostNetwork, so the pod still resolves Service names. */
  readonly dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
}

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface Affinity {
  readonly nodeAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution: { readonly nodeSelectorTerms: readonly { readonly matchExpressions: readonly NodeSelectorRequirement[] }[] };
  };
  /** deploy.placement.max_replicas_per_node: 1 → at most one of the service's pods per node. */
  readonly podAntiAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution: readonly { readonly topologyKey: string; readonly labelSelector: { readonly matchLabels: Labels } }[];
  };
}

/** deploy.placement.preferences spread → pods spread evenly over a node label's values, softly. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule';
  readonly labelSelector: { readonly matchLabels: Labels };
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}
