// The AppPlan: what to create, as plain readonly data in Kubernetes' own field names and shapes
// (camelCase, quantities as strings). The model decides; kube/ only turns this into constructs.

import type { SourcePos } from '../../common/diagnostics';
import type { ServiceScaling } from './scaling-types';

export type * from './plan-pod';
import type { Labels, ObjectMeta, PodSpec } from './plan-pod';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

export interface WorkloadPlan {
  readonly kind: WorkloadKind;
  readonly metadata: ObjectMeta;
  /** The compose service this workload runs. */
  readonly service: string;
  /** Other compose services whose containers run in its pod (network_mode: service:, service groups). */
  readonly members?: readonly string[];
  readonly selector: Labels;
  /** Pod template labels (selector labels plus the rest). */
  readonly podLabels: Labels;
  readonly podAnnotations?: Labels;
  readonly replicas?: number;
  /** Deployment strategy; Recreate when the pod mounts a ReadWriteOnce claim. */
  readonly strategy?: 'Recreate' | 'RollingUpdate';
  /** Deployment/DaemonSet rolling update bounds, from deploy.update_config. */
  readonly rollingUpdate?: { readonly maxUnavailable?: number | string; readonly maxSurge?: number | string };
  readonly pod: PodSpec;
  /** Job only. */
  readonly backoffLimit?: number;
  /** Job only: runs to complete and run at once (deploy.replicas of a job). */
  readonly completions?: number;
  readonly parallelism?: number;
  /** StatefulSet only: its governing (headless) Service. */
  readonly serviceName?: string;
  /** StatefulSet only: one claim per pod, mounted by the pod volume of the same name. */
  readonly volumeClaimTemplates?: readonly ClaimPlan[];
}

export interface ServicePortPlan {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** NodePort Services only (kompose.service.nodeport.port, x-k8s.service.nodePort). */
  readonly nodePort?: number;
}

export interface ServicePlan {
  readonly metadata: ObjectMeta;
  /** The compose service this is the own Service of (not a link or network alias); ownServiceOf() finds it. */
  readonly service?: string;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly selector: Labels;
  readonly ports: readonly ServicePortPlan[];
  /** Headless (clusterIP: None): StatefulSets, deploy.endpoint_mode dnsrr, kompose.service.type headless. */
  readonly headless?: boolean;
}

/** A networking.k8s.io/v1 NetworkPolicy admitting ingress to `podSelector`'s pods from `from`'s. */
export interface NetworkPolicyPlan {
  readonly metadata: ObjectMeta;
  /** Pods the policy applies to, by `app.kubernetes.io/name`; empty selects no pod. */
  readonly services: readonly string[];
  readonly partOf: string;
  /** Ingress rules: from pods of these services (any port), or from anywhere on these ports. */
  readonly ingress: readonly ({ readonly fromServices: readonly string[] } | { readonly ports: readonly { readonly port: number; readonly protocol: 'TCP' | 'UDP' | 'SCTP' }[] })[];
  /** When set, egress is limited too: to pods of these services, and to the cluster DNS. */
  readonly egress?: { readonly toServices: readonly string[] };
}

/** A networking.k8s.io/v1 Ingress routing host/path to one Service port. */
export interface IngressPlan {
  readonly metadata: ObjectMeta;
  readonly ingressClassName?: string;
  readonly rules: readonly { readonly host?: string; readonly path: string; readonly serviceName: string; readonly servicePort: number }[];
  readonly tls?: { readonly hosts: readonly string[]; readonly secretName: string };
}

export interface ClaimPlan {
  readonly metadata: ObjectMeta;
  readonly size: string;
  readonly accessModes: readonly ('ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany')[];
  readonly storageClassName?: string;
}

export interface ConfigMapPlan {
  readonly metadata: ObjectMeta;
  readonly data: Readonly<Record<string, string>>;
  /** The compose path of the key that made it (first use), for diagnostics about the object; not emitted. */
  readonly origin?: string;
}

export interface SecretPlan {
  readonly metadata: ObjectMeta;
  readonly stringData: Readonly<Record<string, string>>;
  /** As ConfigMapPlan.origin. */
  readonly origin?: string;
}

/** An autoscaling/v2 HorizontalPodAutoscaler scaling one workload on average utilisation. */
export interface AutoscalerPlan {
  readonly metadata: ObjectMeta;
  /** The compose service whose workload is scaled. */
  readonly service: string;
  readonly target: { readonly kind: 'Deployment' | 'StatefulSet'; readonly name: string };
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Target average CPU utilisation, in % of the CPU request (the pods need one). */
  readonly cpuUtilization?: number;
  /** Target average memory utilisation, in % of the memory request. */
  readonly memoryUtilization?: number;
}

/** A policy/v1 PodDisruptionBudget over one workload's pods; exactly one of the two bounds is set. */
export interface DisruptionBudgetPlan {
  readonly metadata: ObjectMeta;
  readonly service: string;
  readonly selector: Labels;
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

/**
 * What the scaling step needs to know of a compose service beyond its workload, recorded by the
 * planner, so that scaling reads the plan alone (and the compose file's x-k8s is checked once).
 */
export interface ServiceScalingFacts {
  /** Where the service is defined, for the scaling step's diagnostics. */
  readonly pos?: SourcePos;
  /** deploy.replicas or scale is set: the workload's replicas are the compose file's. */
  readonly composeReplicas: boolean;
  /** Its x-k8s scaling keys (replicas, resources, autoscale, pdb). */
  readonly xK8s: ServiceScaling;
  /** The well-known data store it runs (known-images.ts), whose replicas would each keep their own data. */
  readonly dataStore?: string;
}

export interface ScalingFacts {
  /** Every compose service by name, those that run in another's pod or by a provider included. */
  readonly services: Readonly<Record<string, ServiceScalingFacts>>;
  /** The compose volumes' names, which an environment's storage settings may name. */
  readonly volumes: readonly string[];
}

export interface AppPlan {
  readonly project: string;
  readonly namespace?: string;
  readonly workloads: readonly WorkloadPlan[];
  readonly services: readonly ServicePlan[];
  readonly claims: readonly ClaimPlan[];
  readonly configMaps: readonly ConfigMapPlan[];
  readonly secrets: readonly SecretPlan[];
  /** HPAs (from --autoscale, an environment, x-k8s.autoscale or kompose.hpa.* labels). */
  readonly autoscalers?: readonly AutoscalerPlan[];
  readonly disruptionBudgets?: readonly DisruptionBudgetPlan[];
  /** One per compose network with --network-policies, plus one per service with published ports. */
  readonly networkPolicies?: readonly NetworkPolicyPlan[];
  /** kompose.service.expose and x-k8s.expose. */
  readonly ingresses?: readonly IngressPlan[];
  /** Added to every object's labels and every pod template's (an environment's `labels:`), like kustomize's `labels`. */
  readonly commonLabels?: Labels;
  /** Added to every object's and pod template's annotations, like kustomize's `commonAnnotations`. */
  readonly commonAnnotations?: Labels;
  /**
   * A ServiceAccount, Role (get/list/watch Jobs) and RoleBinding, all of this name, for pods whose
   * init containers wait for a Job to complete (depends_on: service_completed_successfully).
   */
  readonly jobReader?: { readonly metadata: ObjectMeta };
  /** For the scaling step; not emitted. */
  readonly scalingFacts: ScalingFacts;
}
