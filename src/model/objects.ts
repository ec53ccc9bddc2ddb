// ConfigMaps and Secrets made from env_file, configs and secrets, shared across services: a file or
// a top-level secret used by two services becomes one object.

import type { ConfigMapPlan, SecretPlan } from './plan';

/** ConfigMaps hold at most 1 MiB; leave room for metadata. */
export const MAX_OBJECT_BYTES = 1_000_000;

export class ProjectObjects {
  /** Keyed by origin: `env:<path>`, `config:<name>`. */
  readonly configMaps = new Map<string, ConfigMapPlan>();
  /** Keyed by `secret:<name>`. */
  readonly secrets = new Map<string, SecretPlan>();
}

/** ConfigMap and Secret keys allow [-._a-zA-Z0-9]. */
export function toObjectKey(name: string): string {
  return name.replace(/[^-._a-zA-Z0-9]/g, '_') || 'file';
}

/** Text that can go into `data`/`stringData`: UTF-8 (no NUL, no replacement characters). */
export function isText(text: string): boolean {
  return !text.includes('\u0000') && !text.includes('\uFFFD');
}
