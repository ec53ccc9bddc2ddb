// Which fields of which objects become values: the rule table of the chart, by kind. For an object it gives
// its value sites (where in the manifest, which value, how the template renders it, how to read the
// value back from a manifest) and the value that decides whether the object is rendered at all.
// Everything not named here stays literal in the template.

import type { Manifest } from '../../kube/manifest';
import { deepEqual } from '../json-diff';
import { optionalScalar, scalar, yamlLines } from './render';
import { claimSites, claimTemplateSites, podSites } from './pod-sites';
import { getIn, valuesRef } from './values';
import { blockValue, metadataSites, optionalValue, valueScalar, type Owner, type ValueSite } from './value-sites';

export type { Common, Owner, ValueSite } from './value-sites';

type Obj = Record<string, unknown>;

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
      sites.push(...metadataSites(m, ['spec', 'template', 'metadata'], owner, 'podLabels', false));
      sites.push(...podSites(m, owner));
      if (svc && m.kind === 'StatefulSet') sites.push(...claimTemplateSites(m, svc, owner));
      break;
    case 'Service':
      if (svc && owner.ownService) {
        // Read with nodePorts: {} even without one, for the template to look ports up in.
        sites.push({ path: ['spec', 'type'], values: [...svc, 'service'], render: scalar(valuesRef([...svc, 'service', 'type']), 'string'), read: (x) => ({ type: getIn(x, ['spec', 'type']), nodePorts: {} }) });
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
  const backendLines = (indent: string) => [`${indent}- backend:`, ...yamlLines(backend, `${indent}    `)];
  return [
    optionalValue(['spec', 'ingressClassName'], values, 'className', 'string'),
    {
      path: ['spec', 'rules'],
      values: [...values, 'hosts'],
      read: hostsOf,
      // Rules the hosts value gives back exactly; anything else would be lost, so it must not differ.
      normal: (x) => (deepEqual(rulesOf(hostsOf(x)), getIn(x, ['spec', 'rules'])) ? 'from hosts' : getIn(x, ['spec', 'rules'])),
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

