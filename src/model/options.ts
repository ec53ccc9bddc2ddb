/** How bind mounts (`./dir:/path`) become Kubernetes volumes. */
export type BindMountMode = 'auto' | 'emptyDir' | 'hostPath' | 'skip';

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
   * `--bind-mounts`: `auto` turns a bind-mounted file into a ConfigMap and a directory into an
   * emptyDir (with a warning); `emptyDir`, `hostPath` and `skip` apply to every bind mount.
   * @default "auto"
   */
  readonly bindMounts?: BindMountMode;
  /** `--image-registry`: prefix for images compose would build (`build:` without `image:`). @default none */
  readonly imageRegistry?: string;
  /** `--strict`: warnings become errors. @default false */
  readonly strict?: boolean;
}

export const DEFAULT_PVC_SIZE = '1Gi';
