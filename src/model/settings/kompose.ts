// Kompose's `kompose.*` labels, with Kompose's meaning (its docs/user-guide.md), so that a compose
// file written for Kompose converts without edits. Read into the same settings as x-k8s, which
// beats them. Bad values are warnings (Kompose's own labels, not ours to reject), with the location.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { dns1123SubdomainProblem, ingressHostProblem, ingressPathProblem, portNumberProblem, quantityProblem } from '../base/kube-rules';
import type { AutoscaleSpec } from '../base/scaling-types';
import { CONTROLLER_NAMES, type ExposeSettings, type ServiceTypeName, type WorkloadSettings } from './x-k8s';

export const KOMPOSE_PREFIX = 'kompose.';
/** Picks the controller, as x-k8s.controller does (controller.ts). */
export const KOMPOSE_CONTROLLER_LABEL = 'kompose.controller.type';
/** Services with the same value run in one pod under --service-group-mode label (service-groups.ts). */
export const KOMPOSE_GROUP_LABEL = 'kompose.service.group';

const SERVICE_TYPES: Readonly<Record<string, ServiceTypeName>> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', headless: 'Headless' };
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
/** Names of Secrets, ServiceAccounts and classes are DNS subdomains. */
const isName = (s: string) => dns1123SubdomainProblem(s) === undefined;

/** Labels this file reads; any other `kompose.*` label is reported as not converted. */
export const KOMPOSE_LABELS = [
  'kompose.service.type',
  'kompose.service.nodeport.port',
  'kompose.service.expose',
  'kompose.service.expose.tls-secret',
  'kompose.service.expose.ingress-class-name',
  'kompose.volume.size',
  'kompose.volume.storage-class-name',
  KOMPOSE_CONTROLLER_LABEL,
  'kompose.image-pull-policy',
  'kompose.image-pull-secret',
  'kompose.serviceaccount-name',
  'kompose.hpa.replicas.min',
  'kompose.hpa.replicas.max',
  'kompose.hpa.cpu',
  'kompose.hpa.memory',
] as const;

export interface KomposeSettings {
  readonly settings: WorkloadSettings;
  readonly autoscale?: AutoscaleSpec;
}

export function isKomposeLabel(key: string): boolean {
  return key.startsWith(KOMPOSE_PREFIX);
}

/** Kompose labels this converter does not read. kompose.service.group is read by service-groups.ts, with --service-group-mode label as in Kompose. */
function warnUnconverted(labels: Readonly<Record<string, unknown>>, at: (key: string) => ReturnType<PlanContext['at']>, ctx: PlanContext): void {
  const groups = ctx.options.serviceGroups?.mode === 'label';
  for (const key of Object.keys(labels)) {
    if (isKomposeLabel(key) && !(KOMPOSE_LABELS as readonly string[]).includes(key) && !(groups && key === KOMPOSE_GROUP_LABEL)) {
      ctx.diags.warn('kompose-label', `Kompose label ${key} is not converted`, {
        ...at(key),
        hint: key.startsWith('kompose.service.healthcheck') ? 'write a healthcheck: section instead' : key === KOMPOSE_GROUP_LABEL ? 'convert with --service-group-mode label to run the services of one group in one pod' : undefined,
      });
    }
  }
}

export function komposeSettings(service: ComposeService, ctx: PlanContext): KomposeSettings {
  const labels = service.labels ?? {};
  const at = (key: string) => ctx.at(ctx.servicePath(service, 'labels', key));
  const bad = (key: string, message: string, hint?: string) => {
    ctx.diags.warn('kompose-label', `${key}: ${message}; the label is not used`, { ...at(key), ...(hint ? { hint } : {}) });
    return undefined;
  };
  warnUnconverted(labels, at, ctx);
  const get = (key: string): string | undefined => (labels[key] === undefined ? undefined : String(labels[key]).trim());
  const s: { -readonly [K in keyof WorkloadSettings]: WorkloadSettings[K] } = {};

  const type = get('kompose.service.type');
  const serviceType = type === undefined ? undefined : SERVICE_TYPES[type.toLowerCase()] ?? bad('kompose.service.type', `"${type}" is not one of nodeport, clusterip, loadbalancer, headless`);
  const np = get('kompose.service.nodeport.port');
  const nodePort = np === undefined ? undefined : /^[0-9]+$/.test(np) && !portNumberProblem(Number(np)) ? Number(np) : bad('kompose.service.nodeport.port', `"${np}" is not a port number`);
  if (serviceType || nodePort !== undefined) s.service = { ...(serviceType ? { type: serviceType } : {}), ...(nodePort !== undefined ? { nodePort } : {}) };

  const expose = get('kompose.service.expose');
  const named = (key: string, what: string) => {
    const v = get(key);
    return v === undefined || isName(v) ? v : bad(key, `"${v}" is not ${what} name (a DNS subdomain)`);
  };
  const tls = named('kompose.service.expose.tls-secret', 'a Secret');
  const ingressClass = named('kompose.service.expose.ingress-class-name', 'an IngressClass');
  if (expose !== undefined && expose.toLowerCase() !== 'false' && expose !== '') {
    const parsed = parseExpose(expose);
    if (typeof parsed === 'string') bad('kompose.service.expose', parsed, 'write host names separated by commas, each with an optional /path: "app.example.com,www.example.com/shop", or "true"');
    else s.expose = { ...parsed, ...(tls ? { tlsSecret: tls } : {}), ...(ingressClass ? { ingressClassName: ingressClass } : {}) };
  } else if (tls || ingressClass) {
    bad(tls ? 'kompose.service.expose.tls-secret' : 'kompose.service.expose.ingress-class-name', 'it needs kompose.service.expose');
  }

  const size = get('kompose.volume.size');
  const sizeProblem = size === undefined ? undefined : quantityProblem('storage', size);
  if (size !== undefined) s.volumeSize = sizeProblem ? bad('kompose.volume.size', `${sizeProblem}; a claim's size is a quantity above zero, such as 5Gi`) : size;
  const storageClass = named('kompose.volume.storage-class-name', 'a StorageClass');
  if (storageClass !== undefined) s.storageClass = storageClass;

  const controller = get(KOMPOSE_CONTROLLER_LABEL);
  if (controller !== undefined) {
    if (CONTROLLER_NAMES[controller.toLowerCase()]) s.controller = controller.toLowerCase();
    else bad(KOMPOSE_CONTROLLER_LABEL, `"${controller}" is not one of deployment, daemonset, statefulset, job`, controller.toLowerCase() === 'replicationcontroller' ? 'ReplicationControllers are superseded by Deployments; remove the label' : undefined);
  }

  const pull = get('kompose.image-pull-policy');
  if (pull !== undefined) s.imagePullPolicy = PULL_POLICIES.find((p) => p.toLowerCase() === pull.toLowerCase()) ?? bad('kompose.image-pull-policy', `"${pull}" is not one of Always, IfNotPresent, Never`);
  const pullSecret = named('kompose.image-pull-secret', 'a Secret');
  if (pullSecret !== undefined) s.imagePullSecrets = [pullSecret];
  const account = named('kompose.serviceaccount-name', 'a ServiceAccount');
  if (account !== undefined) s.serviceAccountName = account;

  return { settings: dropUndefined(s), ...hpaOf(get, bad) };
}

/** `host[,host2][/path]`, or `true` (a rule for any host). A string is the problem. */
export function parseExpose(value: string): Omit<ExposeSettings, 'tlsSecret' | 'ingressClassName'> | string {
  if (value.toLowerCase() === 'true') return { rules: [{ path: '/' }] };
  const rules: { host: string; path: string }[] = [];
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const slash = part.indexOf('/');
    const host = (slash < 0 ? part : part.slice(0, slash)).toLowerCase();
    const path = slash < 0 ? '/' : part.slice(slash);
    const hostProblem = ingressHostProblem(host);
    if (hostProblem) return `"${host}" is not a host name: it ${hostProblem}`;
    const pathProblem = ingressPathProblem(path);
    if (pathProblem) return `the path "${path}" ${pathProblem}`;
    rules.push({ host, path });
  }
  return rules.length ? { rules } : `"${value}" names no host`;
}

function hpaOf(get: (k: string) => string | undefined, bad: (k: string, m: string) => undefined): { autoscale?: AutoscaleSpec } {
  const keys = ['kompose.hpa.replicas.min', 'kompose.hpa.replicas.max', 'kompose.hpa.cpu', 'kompose.hpa.memory'];
  if (keys.every((k) => get(k) === undefined)) return {};
  const num = (k: string, min: number, max: number): number | undefined => {
    const v = get(k);
    if (v === undefined) return undefined;
    return /^[0-9]+$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : bad(k, `"${v}" is not a whole number from ${min} to ${max}`);
  };
  // Kompose's defaults when a bound is missing: 1 and 3 replicas.
  const min = num('kompose.hpa.replicas.min', 1, 10_000) ?? 1;
  const max = num('kompose.hpa.replicas.max', 1, 10_000) ?? Math.max(3, min);
  const cpu = num('kompose.hpa.cpu', 1, 1000);
  const memory = num('kompose.hpa.memory', 1, 1000);
  if (min > max) return bad('kompose.hpa.replicas.min', `minimum ${min} is above the maximum ${max}`) ?? {};
  return { autoscale: { min, max, ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) } };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
