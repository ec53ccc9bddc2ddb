// The loaded project in canonical long syntax, with compose's own key names (snake_case), so that
// `compose2k8s config` prints it as it is and a key can be found by searching for its compose name.

import type { SourceMap } from '../common/source-map';

export type Protocol = 'tcp' | 'udp' | 'sctp';

/** services.*.ports[] in long syntax. A range `8000-8002:8000-8002` becomes three entries. */
export interface ServicePort {
  target: number;
  /** A single host port or a host range such as `9090-9091`; absent when compose picks one. */
  published?: string;
  host_ip?: string;
  protocol: Protocol;
  mode?: 'ingress' | 'host';
  name?: string;
  app_protocol?: string;
}

export type VolumeType = 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

/** services.*.volumes[] in long syntax. */
export interface ServiceVolume {
  type: VolumeType;
  /** Named volume, absolute host path (binds are resolved against the project directory), or absent. */
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { create_host_path?: boolean; propagation?: string; selinux?: string };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number | string; mode?: number };
  consistency?: string;
}

export interface DependsOn {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
  restart?: boolean;
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  [key: string]: unknown;
}

export interface EnvFileRef {
  path: string;
  required: boolean;
  format?: string;
}

export interface ServiceSecretRef {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

/** One service. Keys this file does not type are kept as loaded, for the model's key table. */
export interface ComposeService {
  name: string;
  image?: string;
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  env_file?: EnvFileRef[];
  ports?: ServicePort[];
  expose?: string[];
  volumes?: ServiceVolume[];
  tmpfs?: string[];
  depends_on?: Record<string, DependsOn>;
  /** `svc` or `svc:alias`, as written. */
  links?: string[];
  working_dir?: string;
  scale?: number;
  deploy?: Record<string, unknown>;
  labels?: Record<string, string>;
  networks?: Record<string, Record<string, unknown> | null>;
  secrets?: ServiceSecretRef[];
  configs?: ServiceSecretRef[];
  profiles?: string[];
  [key: string]: unknown;
}

export interface ComposeProject {
  /** Project name (`name:`, `COMPOSE_PROJECT_NAME`, `-p`, or the directory name), normalised as compose does. */
  name: string;
  /** Absolute project directory; relative paths in the files resolve against it. */
  workingDir: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, Record<string, unknown>>;
  networks: Record<string, Record<string, unknown>>;
  secrets: Record<string, Record<string, unknown>>;
  configs: Record<string, Record<string, unknown>>;
  /** Top-level `models:` (AI models services use), as loaded; absent when the files have none. */
  models?: Record<string, Record<string, unknown>>;
  /** Top-level `x-*` keys. */
  extensions: Record<string, unknown>;
  /** Where every path came from (after merging, positions point at the file that set the value). */
  sourceMap: SourceMap;
  /** Text of every file read, keyed by the name used in positions, for diagnostics with a caret. */
  sources: ReadonlyMap<string, string>;
  /**
   * The project environment interpolation used (process variables over .env), for what compose
   * reads from it after loading: secrets' and configs' `environment:` sources.
   */
  environment?: Readonly<Record<string, string | undefined>>;
}
