// Which fields of which objects become values: the rule table of the chart. For an object it gives
// its value sites (where in the manifest, which value, how the template renders it, how to read the
// value back from a manifest) and the value that decides whether the object is rendered at all.
// Everything not named here stays literal in the template.

import type { Manifest } from '../emit';
import { deepEqual } from '../json-diff';
import { appendList, block, dictLiteral, optionalScalar, scalar, type Path, type Site } from './render';
import { getIn, isMap, splitImage, valuesRef, type Values } from './values';

export const MANAGED_BY = 'app.kubernetes.io/managed-by';

export interface ValueSite extends Site {
  /** Where its value lives in values.yaml (undefined: the site only renders, as labels do). */
  readonly values?: readonly string[];
  /** The value in a manifest of this object; a map is merged into what other sites read there. */
  readonly read?: (m: Manifest, common: Common) => unknown;
  /**
   * The field once the value is taken out, which must be the same in every environment for the
   * template to render each one exactly (undefined: the field is all value).
   */
  readonly normal?: (m: Manifest, common: Common) => unknown;
}

/** An environment's labels and annotations on every object (global.labels, global.annotations). */
export interface Common {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What the rules know about the object beyond its manifest. */
export interface Owner {
  /** The chart's name, prefix of its helper templates. */
  readonly chart: string;
  /** Values key of the compose service the object belongs to (workload, own Service, HPA, PDB, Ingress). */
  readonly key?: string;
  /** Container name → values key of the compose service it runs (a workload's main container and its pod's members). */
  readonly containers?: ReadonlyMap<string, string>;
  /** The object is the own Service of `key` and not headless: its type is a value. */
  readonly ownService?: boolean;
  /** The labels and annotations the environment of the prototype manifest added (not the object's own). */
  readonly common: Common;
}

type Obj = Record<string, unknown>;
const POD_TEMPLATE = ['spec', 'template'] as const;

/** The value sites of an object, from its prototype manifest. */
export function sitesOf(m: Manifest, owner: Owner): ValueSite[] {
  const sites: ValueSite[] = [...metadataSites(m, ['metadata'], owner, 'labels', m.kind !== 'Namespace')];
  const svc = owner.key === undefined ? undefined : [owner.key];
  const spec = (m as Obj).spec as Obj | undefined;
  switch (m.kind) {
    case 'Namespace':
      sites.push({ path: ['metadata', 'name'], render: scalar(`include "${owner.chart}.namespace" $`, 'string') });
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      if (svc && (m.kind === 'Deployment' || m.kind === 'StatefulSet')) sites.push(valueScalar(['spec', 'replicas'], [...svc, 'replicas'], 'int'));
      sites.push(...metadataSites(m, [...POD_TEMPLATE, 'metadata'], owner, 'podLabels', false));
      sites.push(...podSites(m, owner));
      if (svc && m.kind === 'StatefulSet') sites.push(...claimTemplateSites(m, svc, owner));
      break;
    case 'Service':
      if (svc && owner.ownService) {
        // nodePorts: {} even without one, for the template to look ports up in.
        sites.push({ ...valueScalar(['spec', 'type'], [...svc, 'service'], 'string'), render: scalar(valuesRef([...svc, 'service', 'type']), 'string'), read: (x) => ({ type: getIn(x, ['spec', 'type']), nodePorts: {} }) });
        ((spec?.ports as Obj[]) ?? []).forEach((p, i) => sites.push(optionalValue(['spec', 'ports', i, 'nodePort'], [...svc, 'service', 'nodePorts'], String(p.name), 'int')));
      }
      break;
    case 'RoleBinding':
      // A ServiceAccount subject is in the chart's namespace, wherever that is.
      ((m as Obj).subjects as Obj[]).forEach((sub, i) => {
        if (sub.kind === 'ServiceAccount') sites.push({ path: ['subjects', i, 'namespace'], render: scalar(`include "${owner.chart}.namespace" $`, 'string') });
      });
      break;
    case 'PersistentVolumeClaim':
      sites.push(...claimSites(['spec'], ['persistence', m.metadata.name]));
      break;
    case 'HorizontalPodAutoscaler':
      if (svc) sites.push(...autoscalerSites([...svc, 'autoscaling']));
      break;
    case 'PodDisruptionBudget':
      if (svc) {
        // One bound only, as Kubernetes requires: minAvailable, when given, wins.
        const pdb = [...svc, 'podDisruptionBudget'];
        sites.push(optionalValue(['spec', 'minAvailable'], pdb, 'minAvailable', 'json'));
        sites.push({ ...optionalValue(['spec', 'maxUnavailable'], pdb, 'maxUnavailable', 'json'), render: optionalScalar(valuesRef(pdb), 'maxUnavailable', 'json', 'minAvailable') });
      }
      break;
    case 'Secret':
      sites.push({ path: ['stringData'], render: (indent, key) => [`${indent}${key}:`, `${indent}  {{- toYaml ${valuesRef(['secrets', m.metadata.name, 'stringData'])} | nindent ${indent.length + 2} }}`] });
      break;
    case 'Ingress':
      if (svc) sites.push(...ingressSites(m, [...svc, 'ingress']));
      break;
  }
  return sites;
}

/** The values expression that decides whether the object is rendered, or undefined for always. */
export function conditionOf(m: Manifest, owner: Owner): string | undefined {
  const svc = owner.key;
  if (m.kind === 'Namespace') return valuesRef(['global', 'createNamespace']);
  if (m.kind === 'Secret') return valuesRef(['secrets', m.metadata.name, 'stringData']);
  if (svc === undefined) return undefined;
  if (m.kind === 'HorizontalPodAutoscaler') return valuesRef([svc, 'autoscaling', 'enabled']);
  if (m.kind === 'PodDisruptionBudget') return valuesRef([svc, 'podDisruptionBudget', 'enabled']);
  if (m.kind === 'Ingress') return valuesRef([svc, 'ingress', 'enabled']);
  return undefined;
}

function valueScalar(path: Path, values: readonly string[], format: 'int' | 'string' | 'json', fallback?: unknown): ValueSite {
  return { path, values, render: scalar(valuesRef(values), format), read: (m) => getIn(m, path) ?? fallback };
}

/** A field present only when its values map has the key: `nodePort`, `storageClassName`, a PDB bound. */
function optionalValue(path: Path, parent: readonly string[], name: string, format: 'int' | 'string' | 'json'): ValueSite {
  return { path, values: [...parent, name], render: optionalScalar(valuesRef(parent), name, format), read: (m) => getIn(m, path) };
}

/** A map or list field that is left out when empty: resources, nodeSelector, tolerations, affinity. */
function blockValue(path: Path, values: readonly string[], empty: unknown): ValueSite {
  return { path, values, render: block(valuesRef(values)), read: (m) => getIn(m, path) ?? empty };
}

/**
 * Labels and annotations: an object's own (from compose), rendered through the chart's helpers that
 * add Helm's labels and global.labels / global.annotations. `namespace` too, where the object has one.
 */
function metadataSites(m: Manifest, at: Path, owner: Owner, helper: 'labels' | 'podLabels' | 'claimLabels', namespaced: boolean): ValueSite[] {
  const meta = (getIn(m, at) ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const without = (map: Record<string, string> | undefined, keys: readonly string[]) => Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !keys.includes(k)));
  // The object's own: what the prototype has beyond its environment's (and Helm's managed-by).
  const ownLabels = without(meta.labels, [MANAGED_BY, ...Object.keys(owner.common.labels)]);
  const ownAnnotations = without(meta.annotations, Object.keys(owner.common.annotations));
  // In every environment the field must be the object's own with that environment's over them.
  const check = (field: 'labels' | 'annotations', own: Record<string, string>) => (x: Manifest, common: Common) => {
    const actual = without(getIn(x, [...at, field]) as Record<string, string>, field === 'labels' ? [MANAGED_BY] : []);
    return deepEqual(actual, { ...own, ...common[field] }) ? 'own and the environment\'s' : actual;
  };
  const sites: ValueSite[] = [
    {
      path: [...at, 'labels'],
      render: (indent, key) => [`${indent}${key}:`, `${indent}  {{- include "${owner.chart}.${helper}" (dict "context" $ "labels" ${dictLiteral(ownLabels)}) | nindent ${indent.length + 2} }}`],
      normal: check('labels', ownLabels),
    },
  ];
  if (helper !== 'claimLabels') {
    // An Ingress's own annotations are a value (ingress.annotations).
    const ingress = m.kind === 'Ingress' && at.length === 1 && owner.key !== undefined ? [owner.key, 'ingress', 'annotations'] : undefined;
    sites.push({
      path: [...at, 'annotations'],
      render: (indent, key) => [
        `${indent}{{- with include "${owner.chart}.annotations" (dict "context" $ "annotations" ${ingress ? valuesRef(ingress) : dictLiteral(ownAnnotations)}) }}`,
        `${indent}${key}:`,
        `${indent}  {{- . | nindent ${indent.length + 2} }}`,
        `${indent}{{- end }}`,
      ],
      ...(ingress
        ? { values: ingress, read: (x: Manifest, common: Common) => without(getIn(x, [...at, 'annotations']) as Record<string, string>, Object.keys(common.annotations)) }
        : { normal: check('annotations', ownAnnotations) }),
    });
  }
  if (namespaced) sites.push({ path: [...at, 'namespace'], render: scalar(`include "${owner.chart}.namespace" $`, 'string') });
  return sites;
}

/** The pod template: images, the main container's resources and extra env, scheduling, pull secrets. */
function podSites(m: Manifest, owner: Owner): ValueSite[] {
  const pod = (getIn(m, [...POD_TEMPLATE, 'spec']) ?? {}) as Obj;
  const at = [...POD_TEMPLATE, 'spec'];
  const sites: ValueSite[] = [];
  ((pod.containers as Obj[]) ?? []).forEach((c, i) => {
    const key = owner.containers?.get(String(c.name));
    const path = [...at, 'containers', i];
    if (key === undefined) {
      sites.push(literalImage([...path, 'image'], String(c.image), owner.chart));
      return;
    }
    const image = [key, 'image'];
    sites.push({ path: [...path, 'image'], values: image, render: scalar(`include "${owner.chart}.image" (dict "context" $ "image" ${valuesRef(image)})`, 'string'), read: (x) => splitImage(String(getIn(x, [...path, 'image']))) });
    sites.push(optionalValue([...path, 'imagePullPolicy'], image, 'pullPolicy', 'string'));
    if (i === 0 && owner.key !== undefined) sites.push(...mainContainerSites(c, path, owner.key));
  });
  ((pod.initContainers as Obj[]) ?? []).forEach((c, i) => sites.push(literalImage([...at, 'initContainers', i, 'image'], String(c.image), owner.chart)));
  if (owner.key !== undefined) {
    sites.push(blockValue([...at, 'nodeSelector'], [owner.key, 'nodeSelector'], {}));
    sites.push(blockValue([...at, 'tolerations'], [owner.key, 'tolerations'], []));
    sites.push(blockValue([...at, 'affinity'], [owner.key, 'affinity'], {}));
  }
  const secrets = valuesRef(['global', 'imagePullSecrets']);
  const pullSecretLines = (indent: string) => [`${indent}{{- range ${secrets} }}`, `${indent}- name: {{ . | quote }}`, `${indent}{{- end }}`];
  const literal = (pod.imagePullSecrets as unknown[]) ?? [];
  sites.push({ path: [...at, 'imagePullSecrets'], render: appendList(literal, pullSecretLines, secrets), normal: (x) => getIn(x, [...at, 'imagePullSecrets']) });
  return sites;
}

/** The main container: its resources, and extra env after the compose file's. */
function mainContainerSites(c: Obj, path: Path, key: string): ValueSite[] {
  const env = [key, 'env'];
  const envLines = (indent: string) => [
    `${indent}{{- range $name, $value := ${valuesRef(env)} }}`,
    `${indent}- name: {{ $name | quote }}`,
    `${indent}  value: {{ $value | quote }}`,
    `${indent}{{- end }}`,
  ];
  return [
    blockValue([...path, 'resources'], [key, 'resources'], {}),
    // The compose file's env stays literal; env values add to it (read as none: no environment sets any).
    { path: [...path, 'env'], values: env, render: appendList((c.env as unknown[]) ?? [], envLines, valuesRef(env)), read: () => ({}), normal: (x) => getIn(x, [...path, 'env']) },
  ];
}

/** An image no service's values hold (an init container's): literal parts, but global.imageRegistry applies. */
function literalImage(path: Path, image: string, chart: string): ValueSite {
  const parts = splitImage(image);
  const dict = dictLiteral(Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)) as Record<string, string>);
  return { path, render: scalar(`include "${chart}.image" (dict "context" $ "image" ${dict})`, 'string'), normal: (x) => getIn(x, path) };
}

/** A claim's size and storage class: a PersistentVolumeClaim's spec or a claim template's. */
function claimSites(spec: Path, values: readonly string[]): ValueSite[] {
  return [valueScalar([...spec, 'resources', 'requests', 'storage'], [...values, 'size'], 'string'), optionalValue([...spec, 'storageClassName'], values, 'storageClass', 'string')];
}

function claimTemplateSites(m: Manifest, svc: readonly string[], owner: Owner): ValueSite[] {
  const templates = (getIn(m, ['spec', 'volumeClaimTemplates']) as Manifest[]) ?? [];
  return templates.flatMap((t, i) => [
    ...metadataSites(m, ['spec', 'volumeClaimTemplates', i, 'metadata'], owner, 'claimLabels', false),
    ...claimSites(['spec', 'volumeClaimTemplates', i, 'spec'], [...svc, 'persistence', t.metadata.name]),
  ]);
}

/** minReplicas, maxReplicas and the CPU and memory targets (the metrics, one per target set). */
function autoscalerSites(values: readonly string[]): ValueSite[] {
  const ref = valuesRef(values);
  const metric = (name: 'cpu' | 'memory', field: string, indent: string) => [
    `${indent}{{- with ${ref}.${field} }}`,
    `${indent}- resource:`,
    `${indent}    name: ${name}`,
    `${indent}    target:`,
    `${indent}      averageUtilization: {{ . }}`,
    `${indent}      type: Utilization`,
    `${indent}  type: Resource`,
    `${indent}{{- end }}`,
  ];
  const target = (m: Manifest, name: string) =>
    ((getIn(m, ['spec', 'metrics']) as { resource?: { name: string; target: { averageUtilization: number } } }[]) ?? []).find((x) => x.resource?.name === name)?.resource?.target.averageUtilization;
  return [
    valueScalar(['spec', 'minReplicas'], [...values, 'minReplicas'], 'int'),
    valueScalar(['spec', 'maxReplicas'], [...values, 'maxReplicas'], 'int'),
    {
      path: ['spec', 'metrics'],
      values,
      read: (m) => ({ targetCPUUtilizationPercentage: target(m, 'cpu'), targetMemoryUtilizationPercentage: target(m, 'memory') }),
      render: (indent, key) => [
        `${indent}{{- if or ${ref}.targetCPUUtilizationPercentage ${ref}.targetMemoryUtilizationPercentage }}`,
        `${indent}${key}:`,
        ...metric('cpu', 'targetCPUUtilizationPercentage', `${indent}  `),
        ...metric('memory', 'targetMemoryUtilizationPercentage', `${indent}  `),
        `${indent}{{- end }}`,
      ],
    },
  ];
}

/** An Ingress's class, hosts (one rule per host and path, to the Service port it was made for) and TLS. */
function ingressSites(m: Manifest, values: readonly string[]): ValueSite[] {
  const ref = valuesRef(values);
  const rules = (getIn(m, ['spec', 'rules']) as Obj[]) ?? [];
  const backend = getIn(rules[0], ['http', 'paths', 0, 'backend']);
  const hostsOf = (x: Manifest) => ((getIn(x, ['spec', 'rules']) as Obj[]) ?? []).map((r) => ({ host: (r.host as string) ?? '', path: String(getIn(r, ['http', 'paths', 0, 'path'])) }));
  const rulesOf = (hosts: { host: string; path: string }[]) => hosts.map((h) => ({ ...(h.host ? { host: h.host } : {}), http: { paths: [{ backend, path: h.path, pathType: 'Prefix' }] } }));
  const backendLines = (indent: string) => [`${indent}- backend:`, ...yamlBackend(backend, `${indent}    `)];
  return [
    optionalValue(['spec', 'ingressClassName'], values, 'className', 'string'),
    {
      path: ['spec', 'rules'],
      values: [...values, 'hosts'],
      read: hostsOf,
      // Rules the hosts value gives back exactly; anything else would be lost, so it must not differ.
      normal: (x) => (JSON.stringify(rulesOf(hostsOf(x))) === JSON.stringify(getIn(x, ['spec', 'rules'])) ? 'from hosts' : getIn(x, ['spec', 'rules'])),
      render: (indent, key) => [
        `${indent}${key}:`,
        `${indent}  {{- range ${ref}.hosts }}`,
        `${indent}  -`,
        `${indent}    {{- with .host }}`,
        `${indent}    host: {{ . | quote }}`,
        `${indent}    {{- end }}`,
        `${indent}    http:`,
        `${indent}      paths:`,
        ...backendLines(`${indent}        `),
        `${indent}          path: {{ .path | quote }}`,
        `${indent}          pathType: Prefix`,
        `${indent}  {{- end }}`,
      ],
    },
    blockValue(['spec', 'tls'], [...values, 'tls'], []),
  ];
}

function yamlBackend(backend: unknown, indent: string): string[] {
  const service = (isMap(backend) ? backend.service : undefined) as Values | undefined;
  const port = service?.port as Values | undefined;
  return [`${indent}service:`, `${indent}  name: ${JSON.stringify(service?.name)}`, `${indent}  port:`, `${indent}    number: ${Number(port?.number)}`];
}
