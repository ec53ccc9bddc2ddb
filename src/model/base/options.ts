// What a conversion may be asked to do beyond the compose file: Kompose's flags, the namespace,
// image naming, network policies, service groups, waits, and the scaling inputs (scaling-types.ts).

import type { EnvironmentPreset, ScalingOptions } from './scaling-types';

/** How bind mounts (`./dir:/path`) become Kubernetes volumes. */
export type BindMountMode = 'auto' | 'emptyDir' | 'hostPath' | 'configMap' | 'skip';

/** What named volumes become (Kompose's `--volumes`); bind mounts follow unless `bindMounts` is set. */
export type VolumeMode = 'persistentVolumeClaim' | 'emptyDir' | 'hostPath' | 'configMap';

/** `--service-group-mode` / `--service-group-name`: several compose services in one pod. */
export interface ServiceGroupOptions {
  /** `label`: services with the same `kompose.service.group` label; `volume`: services that share a volume. */
  readonly mode: 'label' | 'volume';
  /** `volume` mode: the name of the grouped workload. @default the members' names joined by "-" */
  readonly name?: string;
}

/**
 * Options of a conversion, shared by the CLI (each has a flag) and the library (`convert()`).
 */
export interface ConversionOptions {
  /** `-p`: the project name; beats `name:` in the file. @default the file's `name:`, else the directory name */
  readonly projectName?: string;
  /** `--namespace`: sets `metadata.namespace` on every object and emits the Namespace. @default none */
  readonly namespace?: string;
  /** `--pvc-size`: size of each PersistentVolumeClaim made from a named volume. @default "1Gi" */
  readonly pvcSize?: string;
  /**
   * `--volumes`: named volumes become PersistentVolumeClaims, emptyDirs, hostPaths (of a volume whose
   * `driver_opts` bind a host directory) or ConfigMaps (of that directory's files). Bind mounts follow
   * it (`emptyDir`, `hostPath`, `configMap`) unless `bindMounts` is given.
   * @default "persistentVolumeClaim"
   */
  readonly volumes?: VolumeMode;
  /**
   * `--bind-mounts`: `auto` turns a bind-mounted file into a ConfigMap and a directory into an
   * emptyDir (with a warning); `emptyDir`, `hostPath`, `configMap` (a directory's files too) and
   * `skip` apply to every bind mount.
   * @default what `volumes` says for bind mounts, else "auto"
   */
  readonly bindMounts?: BindMountMode;
  /** `--service-group-mode`, `--service-group-name`: several compose services in one pod. @default none */
  readonly serviceGroups?: ServiceGroupOptions;
  /** `--image-registry`: prefix for images compose would build (`build:` without `image:`). @default none */
  readonly imageRegistry?: string;
  /** `--image-tag`: tag of the images compose would build (`build:` without `image:`). @default "latest" */
  readonly imageTag?: string;
  /** `--strict`: warnings become errors (notes do not). @default false */
  readonly strict?: boolean;
  /**
   * `--no-wait`: no init containers that wait for depends_on (a Service accepting connections, a
   * Job completing); pods start at once and rely on restarts, as Kubernetes apps usually do.
   * @default false
   */
  readonly noWait?: boolean;
  /**
   * `--controller`: `statefulset` runs every service that mounts a ReadWriteOnce claim as a
   * StatefulSet with one claim per pod (volumeClaimTemplates); `deployment` keeps a Deployment with
   * strategy Recreate. x-k8s.controller and kompose.controller.type beat it. @default "deployment"
   */
  readonly controller?: 'deployment' | 'statefulset';
  /**
   * `--network-policies`: one NetworkPolicy per compose network, so pods accept traffic only from
   * pods they share a network with (as in compose), plus one per service with published ports.
   * @default false
   */
  readonly networkPolicies?: boolean;
  /**
   * `--env`: an environment preset, parsed by `parsePreset()` (the CLI reads built-in ones from
   * templates/environments/). Applied after planning by `scalePlan()`. @default none
   */
  readonly environment?: EnvironmentPreset;
  /** `--replicas`, `--cpu`, `--memory`, `--cpu-limit`, `--memory-limit`, `--autoscale`; they beat the environment. @default none */
  readonly scaling?: ScalingOptions;
}

export const DEFAULT_PVC_SIZE = '1Gi';
