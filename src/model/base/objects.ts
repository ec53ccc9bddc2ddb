// Objects shared across services, each made once: ConfigMaps and Secrets from env_file, configs and
// secrets (a file or a top-level secret used by two services is one object), and the claims and
// ConfigMaps of volumes and bind mounts; with the rules every such object's data follows.

import { configMapKeyProblem, dataBytes, LIMITS } from './kube-rules';
import type { ClaimPlan, ConfigMapPlan, SecretPlan } from './plan';

/** An item of a ConfigMap volume: the key mounted as the file `path`. */
export type KeyToPath = { key: string; path: string };

/** Objects shared across services: one claim per named volume, one ConfigMap per bind-mounted file. */
export class SharedStorage {
  readonly claims = new Map<string, ClaimPlan>();
  readonly configMaps = new Map<string, ConfigMapPlan>();
  /** Items (key → path) of directory ConfigMaps whose keys are not their file names. */
  readonly directoryItems = new Map<string, KeyToPath[]>();
  /** Named volumes whose --volumes conversion was reported already. */
  readonly reportedVolumes = new Set<string>();
}

export class ProjectObjects {
  /** Keyed by origin: `env:<path>`, `config:<name>`. */
  readonly configMaps = new Map<string, ConfigMapPlan>();
  /** Keyed by `secret:<name>`. */
  readonly secrets = new Map<string, SecretPlan>();
}

/** A valid ConfigMap and Secret key (configMapKeyProblem) from a file or object name: `my file` → `my_file`. */
export function toObjectKey(name: string): string {
  const key = name.replace(/[^-._a-zA-Z0-9]/g, '_').slice(0, LIMITS.dnsSubdomainChars) || 'file';
  return configMapKeyProblem(key) ? `_${key}`.slice(0, LIMITS.dnsSubdomainChars) : key;
}

/**
 * Why `data` cannot be one ConfigMap's or Secret's data (over the API server's 1 MiB), or undefined.
 * Said of `what` (`file ./big.json`), for messages.
 */
export function tooLargeForObject(data: Readonly<Record<string, string>>, kind: 'ConfigMap' | 'Secret', what: string): string | undefined {
  const size = dataBytes(data);
  if (size <= LIMITS.dataBytes) return undefined;
  return `${what} is ${size.toLocaleString('en-US')} bytes, and a ${kind} holds at most ${LIMITS.dataBytes.toLocaleString('en-US')} (the API server refuses a larger one)`;
}

/** Text that can go into `data`/`stringData`: UTF-8 (no NUL, no replacement characters). */
export function isText(text: string): boolean {
  return !text.includes('\u0000') && !text.includes('\uFFFD');
}
