// values.schema.json: the JSON schema Helm checks the merged values against before it renders
// anything, so a mistyped key (`--set web.replica=6`, a service that does not exist) or value
// (`replicas: six`, `memory: 1GB`) is refused by helm install, upgrade, template and lint. Built
// from the chart's values: every service, claim and Secret the chart has, and nothing else.

import type { Values } from './values';
import { describeValue } from './value-docs';
import { isMap } from './values';

type Schema = Record<string, unknown>;

/** A Kubernetes quantity (`500m`, `1Gi`, `0.5`), as resource.MustParse reads it. */
const QUANTITY = '^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$';
const DNS_LABEL = '^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?$';
/** Label keys compose2k8s and Helm set themselves; global.labels must not change them (selectors use some). */
const OWN_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/instance', 'app.kubernetes.io/version', 'helm.sh/chart'];

const string: Schema = { type: 'string' };
const closed = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: 'object', additionalProperties: false, properties, ...extra });
const mapOf = (values: Schema, extra: Schema = {}): Schema => ({ type: 'object', additionalProperties: values, ...extra });
const quantity: Schema = { type: ['string', 'number'], pattern: QUANTITY };
const count = (minimum: number): Schema => ({ type: 'integer', minimum });
/** An environment's values file removes a key with null. */
const orNull = (s: Schema): Schema => ({ ...s, type: [...[s.type].flat(), 'null'] });
const intOrPercent: Schema = orNull({ type: ['integer', 'string'], minimum: 0, pattern: '^[0-9]+%$' });
const amounts = mapOf(quantity);

const SERVICE_KEYS: Record<string, (v: unknown) => Schema> = {
  image: () =>
    closed(
      { registry: string, repository: { type: 'string', minLength: 1 }, tag: string, digest: string, pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] } },
      { required: ['repository'] },
    ),
  replicas: () => count(0),
  resources: () => closed({ requests: amounts, limits: amounts }),
  autoscaling: () =>
    closed(
      { enabled: { type: 'boolean' }, minReplicas: count(1), maxReplicas: count(1), targetCPUUtilizationPercentage: orNull(count(1)), targetMemoryUtilizationPercentage: orNull(count(1)) },
      { if: { properties: { enabled: { const: true } }, required: ['enabled'] }, then: { required: ['minReplicas', 'maxReplicas'] } },
    ),
  // Both bounds may be given: the template renders minAvailable alone then, as Kubernetes wants one.
  podDisruptionBudget: () => closed({ enabled: { type: 'boolean' }, minAvailable: intOrPercent, maxUnavailable: intOrPercent }),
  service: (v) =>
    closed({
      type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] },
      // Only the Service's own ports, by name.
      nodePorts: mapOf({ type: 'integer', minimum: 1, maximum: 65535 }, { propertyNames: { enum: isMap(v) && Array.isArray(v.ports) ? v.ports : [] } }),
    }),
  ingress: () =>
    closed({
      enabled: { type: 'boolean' },
      className: string,
      annotations: mapOf(string),
      hosts: { type: 'array', items: closed({ host: string, path: { type: 'string', pattern: '^/' } }, { required: ['path'] }) },
      tls: { type: 'array', items: closed({ hosts: { type: 'array', items: string }, secretName: string }) },
    }),
  persistence: (v) => claims(v),
  nodeSelector: () => mapOf(string),
  tolerations: () => ({ type: 'array', items: { type: 'object' } }),
  affinity: () => ({ type: 'object' }),
  env: () => mapOf({ type: ['string', 'number', 'boolean'] }),
};

/** Claims by name, each with its size and storage class. */
function claims(v: unknown): Schema {
  const names = isMap(v) ? Object.keys(v) : [];
  return closed(Object.fromEntries(names.map((n) => [n, closed({ size: quantity, storageClass: string })])));
}

/**
 * The schema of `values` (values.yaml). `servicePorts`: the port names of each service's own
 * Service, the keys nodePorts may have.
 */
export function valuesSchema(values: Values, servicePorts: ReadonlyMap<string, readonly string[]>): Schema {
  const properties: Record<string, Schema> = {
    global: closed({
      namespace: { type: 'string', pattern: DNS_LABEL },
      createNamespace: { type: 'boolean' },
      imageRegistry: string,
      imagePullSecrets: { type: 'array', items: { type: 'string', minLength: 1 } },
      labels: mapOf(string, { propertyNames: { not: { enum: OWN_LABELS } } }),
      annotations: mapOf(string),
    }),
    persistence: claims(values.persistence),
    secrets: closed(Object.fromEntries(Object.keys(isMap(values.secrets) ? values.secrets : {}).map((n) => [n, closed({ stringData: mapOf(string) })]))),
  };
  for (const [key, section] of Object.entries(values)) {
    if (key in properties || !isMap(section)) continue;
    properties[key] = closed(
      Object.fromEntries(Object.keys(section).map((k) => [k, SERVICE_KEYS[k](k === 'service' ? { ports: servicePorts.get(key) } : section[k])])),
    );
  }
  for (const [key, schema] of Object.entries(properties)) describe(schema, key in SECTIONS ? key : '<service>');
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Values', type: 'object', additionalProperties: false, properties };
}

/** The chart's own sections; every other top-level key is a service's. */
const SECTIONS: Record<string, true> = { global: true, persistence: true, secrets: true };

/** Adds value-docs.ts's text to each property, by its path pattern (`<service>.image.tag`). */
function describe(schema: Schema, pattern: string): void {
  const text = describeValue(pattern);
  if (text) schema.description = text;
  const named = pattern === 'persistence' || pattern.endsWith('.persistence') ? '<claim>' : pattern === 'secrets' ? '<name>' : undefined;
  for (const [key, child] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) describe(child, `${pattern}.${named ?? key}`);
}

/** The keys a service's values can have, for the README's table. */
export const SERVICE_VALUE_KEYS: readonly string[] = Object.keys(SERVICE_KEYS);
