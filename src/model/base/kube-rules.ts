// What the Kubernetes API server (v1.32) refuses beyond its OpenAPI schema, which kubectl's
// client-side validation does not check: one owner per rule. Each `…Problem` function returns
// why a value is refused (undefined when it is accepted) and names the validation function of
// apimachinery (k8s.io/apimachinery/pkg/util/validation, …/api/validation) or kubernetes
// (pkg/apis/core/validation, pkg/apis/networking/validation) it mirrors. The model checks compose
// values with them before output; test/k8s-invariants.ts checks every output with the same ones.

import { isIPv4, isIPv6 } from 'node:net';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_NAME = new RegExp(`^(${SYSCTL_SEGMENT}[./])*${SYSCTL_SEGMENT}$`);

/** Limits the API server enforces, in its own units (bytes are UTF-8 bytes, as Go's len() counts). */
export const LIMITS = {
  /** DNS1123LabelMaxLength (also DNS-1035 labels, label values and a qualified name's name part). */
  dnsLabelChars: 63,
  /** DNS1123SubdomainMaxLength (object names, ConfigMap keys, a qualified name's prefix). */
  dnsSubdomainChars: 253,
  /** core.MaxSecretSize: ConfigMap data and Secret data, summed over values (ValidateConfigMap, ValidateSecret). */
  dataBytes: 1_048_576,
  /** TotalAnnotationSizeLimitB: keys plus values of one object's annotations (ValidateAnnotationsSize). */
  annotationBytes: 262_144,
  /** validatePodDNSConfig: MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars. */
  dnsNameservers: 3,
  dnsSearchPaths: 32,
  dnsSearchListChars: 2048,
  /** IsValidUserID / IsValidGroupID in v1.32 (math.MaxInt32). */
  maxId: 2_147_483_647,
  /** An int32 field (seconds, thresholds, replicas). */
  maxInt32: 2_147_483_647,
  /** The API server's default --service-node-port-range (clusters may configure another). */
  nodePorts: [30000, 32767],
} as const;

/** The annotation client-side `kubectl apply` adds (k8s.io/api/core/v1 LastAppliedConfigAnnotation). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** IsDNS1123Label: names of containers, volumes, Service ports; pod hostname and subdomain. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > LIMITS.dnsLabelChars) return `must be no more than ${LIMITS.dnsLabelChars} characters`;
  return DNS1123_LABEL.test(value) ? undefined : 'must be a lowercase RFC 1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
}

/** IsDNS1123Subdomain: object names, hostAliases hostnames, dnsConfig searches, class names. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > LIMITS.dnsSubdomainChars) return `must be no more than ${LIMITS.dnsSubdomainChars} characters`;
  return DNS1123_SUBDOMAIN.test(value) ? undefined : 'must be a lowercase RFC 1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
}

/** IsDNS1035Label: Service names. */
export function dns1035LabelProblem(value: string): string | undefined {
  if (value.length > LIMITS.dnsLabelChars) return `must be no more than ${LIMITS.dnsLabelChars} characters`;
  return DNS1035_LABEL.test(value) ? undefined : 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
}

/** IsQualifiedName: label keys, node selector and topology keys (`[prefix/]name`). */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix === '') return 'the prefix before "/" must not be empty';
    const p = dns1123SubdomainProblem(prefix);
    if (p) return `the prefix ${p}`;
  }
  if (name === '') return 'the name must not be empty';
  if (name.length > LIMITS.dnsLabelChars) return `the name must be no more than ${LIMITS.dnsLabelChars} characters`;
  return QUALIFIED_NAME.test(name) ? undefined : 'the name must be letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}

/** ValidateAnnotations: annotation keys are qualified names, compared in lower case. */
export function annotationKeyProblem(key: string): string | undefined {
  return qualifiedNameProblem(key.toLowerCase());
}

/** IsValidLabelValue: empty, or at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > LIMITS.dnsLabelChars) return `must be no more than ${LIMITS.dnsLabelChars} characters`;
  return QUALIFIED_NAME.test(value) ? undefined : 'must be letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}

/** IsValidPortName (IANA_SVC_NAME): container port names. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must be lowercase letters, digits and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.includes('--') || name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with "-" nor hold "--"';
  return undefined;
}

/** IsValidPortNum: container ports, Service ports and targets. */
export function portNumberProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : 'must be a whole number from 1 to 65535';
}

/**
 * IsValidIP: dnsConfig.nameservers, hostAliases ip. A zone (`fe80::1%eth0`) is refused; so are
 * IPv4 octets with leading zeros, which the server still reads but docker (Go's net.ParseIP) refuses.
 */
export function ipProblem(value: string): string | undefined {
  return (isIPv4(value) || isIPv6(value)) && !value.includes('%') ? undefined : 'must be a valid IP address, such as 10.9.8.7 or 2001:db8::ffff';
}

/** IsRelaxedEnvVarName, on by default since v1.32 (RelaxedEnvironmentVariableValidation): env names. */
export function envVarNameProblem(name: string): string | undefined {
  if (name === '') return 'must not be empty';
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(name) ? undefined : 'must be printable ASCII characters other than "="';
}

/** IsConfigMapKey: keys of ConfigMap and Secret data, and the items that mount them. */
export function configMapKeyProblem(key: string): string | undefined {
  if (key.length > LIMITS.dnsSubdomainChars) return `must be no more than ${LIMITS.dnsSubdomainChars} characters`;
  if (!CONFIG_MAP_KEY.test(key)) return 'must be letters, digits, "-", "_" or "."';
  if (key === '.' || key === '..' || key.startsWith('..')) return 'must not be "." or start with ".."';
  return undefined;
}

/** IsValidSysctlName: segments of [a-z0-9_-] joined by "." or "/", at most 253 characters. */
export function sysctlNameProblem(name: string): string | undefined {
  if (name.length > 253) return 'must be no more than 253 characters';
  return SYSCTL_NAME.test(name) ? undefined : 'must be lowercase segments of letters, digits, "-" and "_" joined by "." or "/"';
}

/** validateLocalDescendingPath: a volume mount's subPath is relative and has no ".." element. */
export function subPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'must be a relative path';
  return path.split('/').includes('..') ? 'must not contain ".."' : undefined;
}

/** IsValidUserID / IsValidGroupID: runAsUser, runAsGroup, supplementalGroups. */
export function idProblem(id: number): string | undefined {
  return Number.isInteger(id) && id >= 0 && id <= LIMITS.maxId ? undefined : `must be a whole number from 0 to ${LIMITS.maxId}`;
}

/** validatePodDNSConfig: one search domain, a DNS subdomain once a trailing "." is removed. */
export function dnsSearchProblem(search: string): string | undefined {
  return dns1123SubdomainProblem(search.replace(/\.$/, ''));
}

/**
 * Ingress rule hosts (ValidateIngressSpec → validateIngressRules): a DNS subdomain, or `*.` and one;
 * never an IP address.
 */
export function ingressHostProblem(host: string): string | undefined {
  if (isIPv4(host) || isIPv6(host)) return 'must be a DNS name, not an IP address';
  return dns1123SubdomainProblem(host.startsWith('*.') ? host.slice(2) : host);
}

/** validateIngressHTTPPath for pathType Prefix: absolute, with no "//", "/./", "/../" or encoded "/". */
export function ingressPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must be an absolute path';
  const bad = ['//', '/./', '/../', '%2f', '%2F'].find((s) => path.includes(s)) ?? ['/..', '/.'].find((s) => path.endsWith(s));
  return bad ? `must not contain "${bad}"` : undefined;
}

// Quantities (`500m`, `0.5`, `1Gi`, `1e3`) as resource.ParseQuantity reads them: for what users write
// in presets, x-k8s and flags, and for comparing a request with its limit. (Compose's own sizes and
// CPU counts are converted in compose-sizes.ts.)

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const FACTOR: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** The value of a quantity (`500m` → 0.5, `1Gi` → 1073741824), or undefined when it is not one. */
export function parseKubeQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : FACTOR[suffix];
  return Number(m[1]) * factor;
}

export type ResourceName = 'cpu' | 'memory' | 'storage';

/**
 * Why `value` is not a usable quantity for `resource`, or undefined when it is. Numbers are accepted
 * (YAML reads `cpu: 1` as one); memory in `m` is refused, since `512m` is half a byte, not 512 MiB.
 */
export function quantityProblem(resource: ResourceName, value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return `expected a Kubernetes quantity (a string such as ${example(resource)})`;
  const n = parseKubeQuantity(text);
  if (n === undefined) return `"${text}" is not a Kubernetes quantity (such as ${example(resource)})`;
  if (n <= 0) return `"${text}" must be greater than zero`;
  if (resource !== 'cpu' && /[0-9.]m$/.test(text)) return `"${text}" means ${n} bytes; write ${text.slice(0, -1)}Mi for mebibytes`;
  if (resource === 'cpu' && n < 0.001) return `"${text}" is less than the smallest CPU quantity, 1m`;
  return undefined;
}

/** The canonical text of a valid quantity given as a string or a YAML number. */
export function quantityText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

function example(resource: ResourceName): string {
  return resource === 'cpu' ? '500m or 2' : '512Mi or 2Gi';
}

/** What ValidateAnnotationsSize sums: every key and value, in bytes. */
export function annotationBytes(annotations: Readonly<Record<string, string>> | undefined): number {
  return Object.entries(annotations ?? {}).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
}

/** What ValidateConfigMap / ValidateSecret sum against LIMITS.dataBytes: the values, in bytes. */
export function dataBytes(data: Readonly<Record<string, string>>): number {
  return Object.values(data).reduce((n, v) => n + bytes(v), 0);
}

/**
 * The bytes of `value` as Go's encoding/json Encoder writes it, which is how kubectl serialises an
 * object into its last-applied-configuration annotation (runtime.Encode with the unstructured JSON
 * scheme): as JSON.stringify, but with `<`, `>`, `&`, U+2028 and U+2029 escaped, and a newline after.
 */
export function goJsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  let escaped = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x26) escaped += 5; // `<` → `\u003c`
    else if (c === 0x2028 || c === 0x2029) escaped += 3; // 3 bytes of UTF-8 → 6 of `\u2028`
  }
  return bytes(text) + escaped + 1;
}

/**
 * The annotations' total once client-side `kubectl apply` has added its copy of the object
 * (kubectl's GetModifiedConfiguration: the object minus that annotation, as JSON, with
 * `annotations: {}` when there are none, as SetAnnotations leaves an empty map). kubectl first
 * sets the namespace of a namespaced object that has none to the current context's; not knowing
 * it, count the longest a namespace can be (a DNS label: 63 characters), so that a "fits" holds
 * in any namespace.
 */
export function clientApplyAnnotationBytes(manifest: { kind: string; metadata: { namespace?: string; annotations?: Readonly<Record<string, string>> } }): number {
  const { [LAST_APPLIED]: _previous, ...annotations } = manifest.metadata.annotations ?? {};
  const namespace = manifest.metadata.namespace ?? (CLUSTER_SCOPED.has(manifest.kind) ? undefined : 'n'.repeat(LIMITS.dnsLabelChars));
  const metadata = { ...manifest.metadata, annotations, namespace };
  return annotationBytes(annotations) + bytes(LAST_APPLIED) + goJsonBytes({ ...manifest, metadata });
}

/** Kinds compose2k8s emits that live outside namespaces (kubectl sets no namespace on them). */
const CLUSTER_SCOPED = new Set(['Namespace']);
