// --service-group-mode label|volume and --service-group-name: several compose services in one pod,
// with Kompose's meaning (src/model/workloads/service-groups.ts, joined by src/model/pod/pod-join.ts).

import { describe, expect, it } from 'vitest';
import type { ServiceGroupOptions } from '../../../src/model/base/options';
import type { Manifest } from '../../../src/kube/manifest';
import { codes, convertYaml, manifest } from '../../helpers';

type Pod = { spec: { replicas?: number; template: { metadata: { labels: Record<string, string> }; spec: { containers: { name: string }[]; initContainers?: { name: string }[]; volumes?: { name: string }[] } } } };
const pod = (m: Manifest | undefined) => (m as unknown as Pod).spec.template;
const convert = (yaml: string, serviceGroups: ServiceGroupOptions, extra: Record<string, unknown> = {}) => convertYaml(yaml, { serviceGroups, ...extra });
const kinds = (r: ReturnType<typeof convertYaml>, kind: string) => r.manifests.filter((m) => m.kind === kind).map((m) => m.metadata.name);

const LABELLED = `services:
  mongo:
    image: mongo:7
    ports: ["27017"]
    labels: { kompose.service.group: my-group }
  mysql:
    image: mysql:8
    ports: ["3306"]
    labels: { kompose.service.group: my-group }
  redis:
    image: redis:7
`;

const SHARING = `services:
  librenms:
    image: librenms/librenms:24.1.0
    ports: ["8000:8000"]
    volumes: ["./librenms:/data"]
  dispatcher:
    image: librenms/dispatcher:24.1.0
    depends_on: [librenms]
    volumes: ["./librenms:/data"]
  cache:
    image: redis:7
`;

describe('--service-group-mode label', () => {
  it('runs the services with the same kompose.service.group in one workload named after the group', () => {
    expect(kinds(convert(LABELLED, { mode: 'label' }), 'Deployment')).toEqual(['my-group', 'redis']);
  });

  it('puts each member in the pod as a container of its own name', () => {
    expect(pod(manifest(convert(LABELLED, { mode: 'label' }), 'Deployment', 'my-group')).spec.containers.map((c) => c.name)).toEqual(['mongo', 'mysql']);
  });

  it("keeps each member's own Service, selecting the group's pods, so clients reach it by its name", () => {
    const result = convert(LABELLED, { mode: 'label' });
    const selectors = ['mongo', 'mysql'].map((s) => (manifest(result, 'Service', s) as unknown as { spec: { selector: Record<string, string> } }).spec.selector);
    expect(selectors).toEqual([pod(manifest(result, 'Deployment', 'my-group')).metadata.labels, pod(manifest(result, 'Deployment', 'my-group')).metadata.labels].map((l) => ({ 'app.kubernetes.io/name': l['app.kubernetes.io/name'], 'app.kubernetes.io/part-of': l['app.kubernetes.io/part-of'] })));
  });

  it('reads the label only in label mode: without it the label is reported, as before', () => {
    expect(codes(convertYaml(LABELLED))).toEqual(['kompose-label', 'kompose-label']);
  });

  it('names a group whose label is no workload name after its sanitised value, with a warning', () => {
    const result = convert(LABELLED.split('my-group').join('My_Group'), { mode: 'label' });
    expect([kinds(result, 'Deployment')[0], codes(result)]).toEqual(['my-group', ['service-group-renamed']]);
  });
});

describe('--service-group-mode volume', () => {
  it('runs the services that share a bind-mounted path in one workload named after them, dependencies first', () => {
    expect(kinds(convert(SHARING, { mode: 'volume' }), 'Deployment')).toEqual(['cache', 'librenms-dispatcher']);
  });

  it('gives the shared path one volume that both containers mount', () => {
    expect(pod(manifest(convert(SHARING, { mode: 'volume' }), 'Deployment', 'librenms-dispatcher')).spec.volumes?.map((v) => v.name)).toEqual(['bind-data']);
  });

  it('groups transitively over named volumes: a shares with b, b with c', () => {
    const yaml = 'services:\n  a: { image: x, volumes: ["one:/1"] }\n  b: { image: x, volumes: ["one:/1", "two:/2"] }\n  c: { image: x, volumes: ["two:/2"] }\nvolumes: { one: {}, two: {} }\n';
    expect(kinds(convert(yaml, { mode: 'volume' }), 'Deployment')).toEqual(['a-b-c']);
  });

  it('names the workload --service-group-name', () => {
    expect(kinds(convert(SHARING, { mode: 'volume', name: 'librenms' }), 'Deployment')).toEqual(['cache', 'librenms']);
  });

  it('refuses --service-group-name when shared volumes make several groups', () => {
    const yaml = 'services:\n  a: { image: x, volumes: ["one:/1"] }\n  b: { image: x, volumes: ["one:/1"] }\n  c: { image: x, volumes: ["two:/2"] }\n  d: { image: x, volumes: ["two:/2"] }\nvolumes: { one: {}, two: {} }\n';
    expect(convert(yaml, { mode: 'volume', name: 'app' }).diagnostics.find((d) => d.severity === 'error')?.message).toBe('--service-group-name names one group, but shared volumes make 2: a + b; c + d');
  });
});

describe('what one pod cannot do as compose did', () => {
  it('does not wait for a member of the same pod, which would wait for itself, and says so', () => {
    const result = convert(SHARING, { mode: 'volume' });
    expect([pod(manifest(result, 'Deployment', 'librenms-dispatcher')).spec.initContainers, codes(result)]).toEqual([undefined, ['bind-mount-empty-dir', 'depends-on-same-pod', 'bind-mount-empty-dir']]);
  });

  it("still waits for a dependency outside the pod, for every member's depends_on", () => {
    const yaml = `${SHARING}    depends_on: [cache]\n`.replace('  cache:\n    image: redis:7\n    depends_on: [cache]\n', '  cache:\n    image: redis:7\n').replace('depends_on: [librenms]', 'depends_on: [librenms, cache]');
    expect(pod(manifest(convert(yaml, { mode: 'volume' }), 'Deployment', 'librenms-dispatcher')).spec.initContainers?.map((c) => c.name)).toEqual(['wait-for-cache']);
  });

  it('refuses two members listening on one declared port: they share one network', () => {
    const yaml = 'services:\n  a: { image: x, expose: ["8080"], labels: { kompose.service.group: g } }\n  b: { image: y, ports: ["9090:8080"], labels: { kompose.service.group: g } }\n';
    expect(convert(yaml, { mode: 'label' }).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path])).toEqual([['service-group-port-clash', 'services.b.ports']]);
  });

  it('only warns when the clashing port is inferred from the image', () => {
    const yaml = 'services:\n  a: { image: redis:7, labels: { kompose.service.group: g } }\n  b: { image: redis:7, labels: { kompose.service.group: g } }\n';
    expect(codes(convert(yaml, { mode: 'label' }))).toEqual(['service-group-inferred-port-clash']);
  });

  it('refuses members that run as different controllers', () => {
    const yaml = 'services:\n  a: { image: x, labels: { kompose.service.group: g } }\n  b: { image: y, restart: "no", labels: { kompose.service.group: g } }\n';
    expect(convert(yaml, { mode: 'label' }).diagnostics.find((d) => d.severity === 'error')?.message).toBe('"b" runs as a Job and "a" as a Deployment, but a pod has one controller');
  });

  it('runs a Deployment member in the pod of a StatefulSet member', () => {
    const yaml = 'services:\n  a: { image: x, labels: { kompose.service.group: g } }\n  b: { image: y, volumes: ["data:/d"], labels: { kompose.service.group: g } }\nvolumes: { data: {} }\n';
    expect(kinds(convert(yaml, { mode: 'label' }, { controller: 'statefulset' }), 'StatefulSet')).toEqual(['g']);
  });

  it('runs the most replicas a member asks for, reporting the others', () => {
    const yaml = 'services:\n  a: { image: x, deploy: { replicas: 3 }, labels: { kompose.service.group: g } }\n  b: { image: y, labels: { kompose.service.group: g } }\n';
    const result = convert(yaml, { mode: 'label' });
    expect([(manifest(result, 'Deployment', 'g') as unknown as Pod).spec.replicas, codes(result)]).toEqual([3, ['service-group-replicas']]);
  });

  it('says that a member\'s healthcheck decides whether the whole pod is ready', () => {
    const yaml = 'services:\n  a: { image: x, healthcheck: { test: ["CMD", "true"] }, labels: { kompose.service.group: g } }\n  b: { image: y, labels: { kompose.service.group: g } }\n';
    expect(codes(convert(yaml, { mode: 'label' }))).toEqual(['service-group-healthcheck']);
  });

  it('reports a scaling flag that names a member which is not the pod\'s host', () => {
    const result = convert(LABELLED, { mode: 'label' }, { scaling: { serviceReplicas: { mysql: 3 } } });
    expect(result.diagnostics.map((d) => d.message)).toContain('--replicas names "mysql", whose containers run in the pod of "mongo": scaling applies to a pod\'s host only, so this is not applied');
  });

  it('ignores the label of a service that runs in another service\'s pod through network_mode', () => {
    const yaml = 'services:\n  a: { image: x, labels: { kompose.service.group: g } }\n  b: { image: y, network_mode: "service:a", labels: { kompose.service.group: h } }\n';
    expect(codes(convert(yaml, { mode: 'label' }))).toEqual(['network-mode-service', 'service-group-label']);
  });

  it('puts the pod on the networks of every member when NetworkPolicies are made', () => {
    const yaml = 'services:\n  a: { image: x, networks: [front], labels: { kompose.service.group: g } }\n  b: { image: y, networks: [back], labels: { kompose.service.group: g } }\nnetworks: { front: {}, back: {} }\n';
    expect(kinds(convert(yaml, { mode: 'label' }, { networkPolicies: true }), 'NetworkPolicy')).toEqual(['back-network', 'front-network']);
  });
});
