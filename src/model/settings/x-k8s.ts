// Our `x-k8s` extension: what compose cannot say about the cluster. At service level
// (`services.<name>.x-k8s`) and at top level (`x-k8s:`, defaults for every service). Unknown keys
// and bad values are errors at file:line:col. Read once per service, scaling keys (replicas,
// resources, autoscale, pdb: SERVICE_SCALING_FIELDS) included: the planner records those on the
// plan for the scaling step.

import { joinPath } from '../../common/source-map';
import type { ComposeProject, ComposeService } from '../../compose/types';
import type { Diagnostics } from '../../common/diagnostics';
import type { Toleration, WorkloadKind } from '../base/plan';
import { ingressHostProblem, ingressPathProblem, labelValueProblem, portNumberProblem, qualifiedNameProblem } from '../base/kube-rules';
import type { ServiceScaling } from '../base/scaling-types';
import { dnsSubdomain, metadataMap, quantity, SERVICE_SCALING_FIELDS, SettingsReader, text, type FieldReader, type Fields } from './settings-reader';
import { isRecord } from '../../common/records';

/** Values of x-k8s.controller and kompose.controller.type (lowercase), and what they make. */
export const CONTROLLER_NAMES: Readonly<Record<string, WorkloadKind>> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  job: 'Job',
};

export type ServiceTypeName = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';

export interface ExposeSettings {
  /** One Ingress rule each; a rule without a host matches any host. */
  readonly rules: readonly { readonly host?: string; readonly path: string }[];
  /** The Service port to route to; the first one when absent (as Kompose does). */
  readonly port?: number;
  readonly tlsSecret?: string;
  readonly ingressClassName?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Settings for one service's Kubernetes objects, from x-k8s or kompose.* labels. */
export interface WorkloadSettings {
  readonly controller?: string;
  readonly service?: { readonly type?: ServiceTypeName; readonly nodePort?: number; readonly annotations?: Readonly<Record<string, string>> };
  readonly expose?: ExposeSettings;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly serviceAccountName?: string;
  readonly imagePullSecrets?: readonly string[];
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly storageClass?: string;
  readonly volumeSize?: string;
}

const oneOf =
  <T extends string>(values: readonly T[], caseInsensitive = false): FieldReader<T> =>
  (v, path, r) => {
    const found = typeof v === 'string' ? values.find((x) => (caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v)) : undefined;
    return found ?? r.error(path, 'invalid-value', `must be one of ${values.join(', ')}, not ${JSON.stringify(v)}`);
  };

const portNumber = (what: string): FieldReader<number> => (v, path, r) =>
  typeof v === 'number' && !portNumberProblem(v) ? v : r.error(path, 'invalid-value', `must be ${what}, not ${JSON.stringify(v)}`);
const nodePort = portNumber('a port number (usually 30000-32767)');

const hostName: FieldReader<string> = (v, path, r) => {
  const problem = typeof v === 'string' ? ingressHostProblem(v) : 'must be a string';
  return problem ? r.error(path, 'invalid-value', `${JSON.stringify(v)} ${problem}, such as app.example.com`) : (v as string);
};

const ingressPath: FieldReader<string> = (v, path, r) => {
  const problem = typeof v === 'string' ? ingressPathProblem(v) : 'must be a string';
  return problem ? r.error(path, 'invalid-value', `${JSON.stringify(v)} ${problem}`) : (v as string);
};

const list =
  <T>(each: FieldReader<T>): FieldReader<T[]> =>
  (v, path, r) => {
    if (!Array.isArray(v)) return r.error(path, 'invalid-value', `must be a list`);
    const out: T[] = [];
    v.forEach((item, i) => {
      const got = each(item, joinPath(path, i), r);
      if (got !== undefined) out.push(got);
    });
    return out.length === v.length ? out : undefined;
  };

/** ValidateTolerations: a key is a label key; Exists takes no value, Equal a label value; an empty key needs Exists; tolerationSeconds needs NoExecute. */
const toleration: FieldReader<Toleration> = (v, path, r) => {
  const t = r.object<Toleration>(v, path, {
    key: text,
    operator: oneOf(['Exists', 'Equal'] as const),
    value: text,
    effect: oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const),
    tolerationSeconds: (x, p, rr) => (typeof x === 'number' && Number.isInteger(x) ? x : rr.error(p, 'invalid-value', `must be a whole number of seconds`)),
  }) as Toleration | undefined;
  if (!t) return undefined;
  const problem =
    (t.key ? qualifiedNameProblem(t.key) : t.operator !== 'Exists' ? 'a toleration without a key needs operator: Exists' : undefined) ??
    (t.operator === 'Exists' ? (t.value ? 'operator Exists takes no value' : undefined) : labelValueProblem(t.value ?? '')) ??
    (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute' ? 'tolerationSeconds needs effect: NoExecute' : undefined);
  return problem ? r.error(path, 'invalid-value', `toleration ${JSON.stringify(v)}: ${problem}`) : t;
};

const serviceFields: FieldReader<NonNullable<WorkloadSettings['service']>> = (v, path, r) =>
  r.object<NonNullable<WorkloadSettings['service']>>(v, path, { type: oneOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless'] as const, true), nodePort, annotations: metadataMap('annotations') });

const exposeFields: FieldReader<ExposeSettings> = (v, path, r) => {
  if (v === true) return { rules: [{ path: '/' }] };
  const got = r.object<{ hosts: string[]; path: string; port: number; tlsSecret: string; ingressClassName: string; annotations: Record<string, string> }>(v, path, {
    hosts: list(hostName),
    port: portNumber('one of the Service\'s port numbers'),
    path: ingressPath,
    tlsSecret: dnsSubdomain,
    ingressClassName: dnsSubdomain,
    annotations: metadataMap('annotations'),
  });
  if (!got) return undefined;
  const urlPath = got.path ?? '/';
  const rules = got.hosts?.length ? got.hosts.map((host) => ({ host, path: urlPath })) : [{ path: urlPath }];
  return { rules, ...(got.port !== undefined ? { port: got.port } : {}), ...(got.tlsSecret ? { tlsSecret: got.tlsSecret } : {}), ...(got.ingressClassName ? { ingressClassName: got.ingressClassName } : {}), ...(got.annotations ? { annotations: got.annotations } : {}) };
};

/** Keys valid at top level too (defaults for every service). */
const SHARED_FIELDS = {
  nodeSelector: metadataMap('nodeSelector'),
  tolerations: list(toleration),
  serviceAccountName: dnsSubdomain,
  imagePullSecrets: list(dnsSubdomain),
  imagePullPolicy: oneOf(['Always', 'IfNotPresent', 'Never'] as const),
  annotations: metadataMap('annotations'),
  labels: metadataMap('labels'),
  storageClass: dnsSubdomain,
};

export const SERVICE_FIELDS: Fields<WorkloadSettings> = {
  ...SHARED_FIELDS,
  controller: oneOf(Object.keys(CONTROLLER_NAMES)),
  service: serviceFields,
  expose: exposeFields,
  volumeSize: quantity('memory'),
};

export const TOP_LEVEL_FIELDS: Fields<Omit<WorkloadSettings, 'controller' | 'service' | 'expose' | 'volumeSize'>> = SHARED_FIELDS;

function read<T>(value: unknown, path: string, fields: Fields<T>, project: ComposeProject, diags: Diagnostics): Partial<T> {
  if (value === undefined || value === null) return {};
  const reader = new SettingsReader(diags, (p) => project.sourceMap.get(p), 'x-k8s', 'x-k8s');
  if (!isRecord(value)) {
    reader.error(path, 'invalid-value', 'must be a mapping');
    return {};
  }
  return reader.object<T>(value, path, fields) ?? {};
}

/** The scaling keys first, as the unknown-key hint lists them. */
const SERVICE_ALL_FIELDS = { ...SERVICE_SCALING_FIELDS, ...SERVICE_FIELDS } as Fields<WorkloadSettings & ServiceScaling>;

/** `services.<name>.x-k8s`, checked: the settings of its objects, and its scaling keys. */
export function serviceXK8s(service: ComposeService, project: ComposeProject, diags: Diagnostics): { settings: WorkloadSettings; scaling: ServiceScaling } {
  const { replicas, resources, autoscale, pdb, ...settings } = read(service['x-k8s'], joinPath(joinPath('services', service.name), 'x-k8s'), SERVICE_ALL_FIELDS, project, diags);
  const scaling: ServiceScaling = { replicas, resources, autoscale, pdb };
  return { settings, scaling: Object.fromEntries(Object.entries(scaling).filter(([, v]) => v !== undefined)) };
}

/** Top-level `x-k8s`, checked. */
export function topLevelXK8s(project: ComposeProject, diags: Diagnostics): WorkloadSettings {
  return read(project.extensions['x-k8s'], 'x-k8s', TOP_LEVEL_FIELDS, project, diags);
}
