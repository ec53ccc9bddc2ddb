// The one apply order (src/kube/manifest.ts): dependencies before what uses them, then by kind and
// name, so that the stream, -o DIR and Kustomize list objects alike.

import { describe, expect, it } from 'vitest';
import { KIND_ORDER, kindRank, sortManifests, type Manifest } from '../../src/kube/manifest';

const m = (kind: string, name: string): Manifest => ({ apiVersion: 'v1', kind, metadata: { name } });
const names = (manifests: Manifest[]) => manifests.map((x) => `${x.kind}/${x.metadata.name}`);

describe('sortManifests', () => {
  it('puts what a pod needs before the pod, and what watches workloads after them', () => {
    const sorted = sortManifests([m('Ingress', 'a'), m('Deployment', 'a'), m('HorizontalPodAutoscaler', 'a'), m('Service', 'a'), m('PersistentVolumeClaim', 'a'), m('ConfigMap', 'a'), m('Secret', 'a'), m('Namespace', 'a')]);
    expect(names(sorted)).toEqual(['Namespace/a', 'Secret/a', 'ConfigMap/a', 'PersistentVolumeClaim/a', 'Service/a', 'Deployment/a', 'HorizontalPodAutoscaler/a', 'Ingress/a']);
  });

  it('orders objects of one kind by name, and kinds it does not know last, by kind', () => {
    const sorted = sortManifests([m('Widget', 'a'), m('Service', 'b'), m('Gadget', 'z'), m('Service', 'a'), m('Gadget', 'a')]);
    expect(names(sorted)).toEqual(['Service/a', 'Service/b', 'Gadget/a', 'Gadget/z', 'Widget/a']);
  });

  it('leaves its input as it was', () => {
    const input = [m('Service', 'b'), m('Secret', 'a')];
    sortManifests(input);
    expect(names(input)).toEqual(['Service/b', 'Secret/a']);
  });
});

describe('kindRank', () => {
  it('ranks each listed kind by its place, and every other kind after them all', () => {
    KIND_ORDER.forEach((kind, i) => expect(kindRank(kind)).toBe(i));
    expect(kindRank('CustomThing')).toBe(KIND_ORDER.length);
  });
});
