// The overlay generator on hand-made manifests: JSON patches with escaped pointers, objects only the
// environment has as resources, objects it drops as delete patches, transformers used only when needed.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonDiff, pointer } from '../../src/output/json-diff';
import { kustomizeFiles } from '../../src/output/kustomize';
import type { Manifest } from '../../src/kube/manifest';

const deployment = (replicas: number, extra: Record<string, unknown> = {}): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas, template: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ...extra }] } } },
});
const hpa: Manifest = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { minReplicas: 2, maxReplicas: 5 } };
const configMap: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'on' }, data: { a: 'b' } };

describe('jsonDiff', () => {
  it('escapes "/" and "~" in keys as RFC 6901 says', () => {
    expect(pointer('/metadata/labels', 'example.com/team~x')).toBe('/metadata/labels/example.com~1team~0x');
  });

  it('adds, replaces and removes map keys one by one', () => {
    expect(jsonDiff({ a: 1, b: 2 }, { a: 3, c: 4 })).toEqual([
      { op: 'remove', path: '/b' },
      { op: 'replace', path: '/a', value: 3 },
      { op: 'add', path: '/c', value: 4 },
    ]);
  });

  it('walks lists of the same length and replaces a list whose length changed', () => {
    expect(jsonDiff({ l: [{ x: 1 }, { x: 2 }] }, { l: [{ x: 1 }, { x: 5 }] })).toEqual([{ op: 'replace', path: '/l/1/x', value: 5 }]);
    expect(jsonDiff({ l: [1] }, { l: [1, 2] })).toEqual([{ op: 'replace', path: '/l', value: [1, 2] }]);
  });

  it('finds nothing between equal objects', () => {
    expect(jsonDiff(deployment(1), deployment(1))).toEqual([]);
  });
});

describe('kustomizeFiles', () => {
  const files = kustomizeFiles({ manifests: [configMap, deployment(1), hpa] }, [
    { name: 'prod', manifests: [configMap, deployment(3, { resources: { limits: { cpu: '1' } } })], namespace: 'shop', labels: { environment: 'prod' } },
    { name: 'dev', manifests: [configMap, deployment(1), hpa] },
  ]);
  const yaml = (name: string) => parse(files.get(name)!);

  it('writes base/ with a kustomization listing every object', () => {
    expect(yaml('base/kustomization.yaml')).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['04-configmap-on.yaml', '07-deployment-web.yaml', '12-horizontalpodautoscaler-web.yaml'].map((f) => expect.stringMatching(new RegExp(f.replace(/^\d+/, '\\d+')))) });
    expect(files.get([...files.keys()].find((k) => k.startsWith('base/') && k.includes('configmap-on'))!)).toContain('name: "on"');
  });

  it('puts what an environment changes in patches and kustomize fields, and nothing else', () => {
    expect(yaml('overlays/prod/kustomization.yaml')).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'shop',
      resources: ['../../base'],
      labels: [{ pairs: { environment: 'prod' }, includeTemplates: true }],
      patches: [
        { path: 'patch-deployment-web.yaml', target: { kind: 'Deployment', name: 'web' } },
        { patch: expect.stringContaining('$patch: delete') },
      ],
    });
    expect(yaml('overlays/prod/patch-deployment-web.yaml')).toEqual([
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/0/resources', value: { limits: { cpu: '1' } } },
    ]);
    expect(files.get('overlays/prod/kustomization.yaml')).toContain('kind: HorizontalPodAutoscaler');
  });

  it('an environment equal to the base is an overlay of the base alone', () => {
    expect(yaml('overlays/dev/kustomization.yaml')).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['../../base'] });
    expect([...files.keys()].filter((k) => k.startsWith('overlays/dev/'))).toEqual(['overlays/dev/kustomization.yaml']);
  });
});
