// Plan → the typed props of the cdk8s-plus L1 classes (see k8s.ts), quantities and int-or-strings wrapped.

import { k8s } from './k8s';
import type { Container, ObjectMeta, PodSpec, PodVolume, Probe, ResourceRequirements } from '../model/base/plan';

export function objectMeta(meta: ObjectMeta, namespace: string | undefined): k8s.ObjectMeta {
  return {
    name: meta.name,
    ...(namespace ? { namespace } : {}),
    labels: { ...meta.labels },
    ...(meta.annotations && Object.keys(meta.annotations).length ? { annotations: { ...meta.annotations } } : {}),
  };
}

/** A count or a percentage (`1`, `"50%"`) as the L1 classes take it. */
export function intOrString(v: number | string): k8s.IntOrString {
  return typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
}

function quantities(q: Readonly<Record<string, string>> | undefined): Record<string, k8s.Quantity> | undefined {
  if (!q) return undefined;
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
}

function resources(r: ResourceRequirements | undefined): k8s.ResourceRequirements | undefined {
  if (!r) return undefined;
  return { ...(r.requests ? { requests: quantities(r.requests) } : {}), ...(r.limits ? { limits: quantities(r.limits) } : {}) };
}

function probe(p: Probe | undefined): k8s.Probe | undefined {
  if (!p) return undefined;
  const { tcpSocket, exec, ...rest } = p;
  return {
    ...rest,
    ...(exec ? { exec: { command: [...exec.command] } } : {}),
    ...(tcpSocket ? { tcpSocket: { port: k8s.IntOrString.fromNumber(tcpSocket.port) } } : {}),
  };
}

export function container(c: Container): k8s.Container {
  const { resources: r, readinessProbe, livenessProbe, startupProbe, ...rest } = c;
  return {
    ...(rest as unknown as k8s.Container),
    ...(r ? { resources: resources(r) } : {}),
    ...(readinessProbe ? { readinessProbe: probe(readinessProbe) } : {}),
    ...(livenessProbe ? { livenessProbe: probe(livenessProbe) } : {}),
    ...(startupProbe ? { startupProbe: probe(startupProbe) } : {}),
  };
}

function volume(v: PodVolume): k8s.Volume {
  const s = v.source;
  switch (s.kind) {
    case 'claim':
      return { name: v.name, persistentVolumeClaim: { claimName: s.claimName, ...(s.readOnly ? { readOnly: true } : {}) } };
    case 'emptyDir':
      return { name: v.name, emptyDir: { ...(s.medium ? { medium: s.medium } : {}), ...(s.sizeLimit ? { sizeLimit: k8s.Quantity.fromString(s.sizeLimit) } : {}) } };
    case 'configMap':
      return { name: v.name, configMap: { name: s.configMapName, ...(s.items ? { items: s.items.map((i) => ({ ...i })) } : {}), ...(s.defaultMode !== undefined ? { defaultMode: s.defaultMode } : {}) } };
    case 'secret':
      return { name: v.name, secret: { secretName: s.secretName, ...(s.items ? { items: s.items.map((i) => ({ ...i })) } : {}), ...(s.defaultMode !== undefined ? { defaultMode: s.defaultMode } : {}) } };
    case 'hostPath':
      return { name: v.name, hostPath: { path: s.path, ...(s.type ? { type: s.type } : {}) } };
  }
}

export function podSpec(p: PodSpec): k8s.PodSpec {
  const { containers, initContainers, volumes, ...rest } = p;
  return {
    // Kubernetes would inject REDIS_PORT=tcp://… for every Service and break apps that read it as a number.
    enableServiceLinks: false,
    ...(rest as unknown as Partial<k8s.PodSpec>),
    ...(initContainers && initContainers.length ? { initContainers: initContainers.map(container) } : {}),
    containers: containers.map(container),
    ...(volumes.length ? { volumes: volumes.map(volume) } : {}),
  };
}
