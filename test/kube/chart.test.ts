// The build stage from a hand-made AppPlan (src/kube/chart.ts, synth.ts): each planned object
// becomes one Kubernetes object under the plan's name, in `kubectl apply` order, and nothing else.

import { describe, expect, it } from 'vitest';
import { synthesize } from '../../src/kube/synth';
import type { Manifest } from '../../src/kube/manifest';
import { shopPlan } from './plan';

const find = (manifests: Manifest[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name) as Record<string, any> | undefined;

describe('synthesize', () => {
  it('makes one object per planned object, named as planned, in apply order', () => {
    const manifests = synthesize(shopPlan());
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Secret/api-token',
      'ConfigMap/web-env',
      'PersistentVolumeClaim/data',
      'Service/web',
      'Deployment/api',
      'Deployment/web',
    ]);
  });

  it('writes the plan\'s fields into the objects', () => {
    const manifests = synthesize(shopPlan());
    const api = find(manifests, 'Deployment', 'api')!;
    expect(api.spec.replicas).toBe(2);
    expect(api.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api' } });
    expect(api.spec.template.spec.containers).toEqual([{ name: 'api', image: 'api:1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }]);
    expect(find(manifests, 'Service', 'web')!.spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(find(manifests, 'PersistentVolumeClaim', 'data')!.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(find(manifests, 'Secret', 'api-token')).toMatchObject({ type: 'Opaque', stringData: { token: 's3cret' } });
    expect(find(manifests, 'ConfigMap', 'web-env')!.data).toEqual({ MODE: 'shop' });
  });

  it('makes no Namespace and sets none without plan.namespace', () => {
    const manifests = synthesize(shopPlan());
    expect(manifests.some((m) => m.kind === 'Namespace')).toBe(false);
    expect(manifests.every((m) => m.metadata.namespace === undefined)).toBe(true);
  });

  it('makes the Namespace first, labelled as compose2k8s\'s, and puts every object in it', () => {
    const manifests = synthesize(shopPlan({ namespace: 'prod' }));
    expect(manifests[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'prod', labels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'compose2k8s' } },
    });
    expect(manifests.slice(1).every((m) => m.metadata.namespace === 'prod')).toBe(true);
  });

  it('makes the job reader\'s ServiceAccount, Role and RoleBinding when the plan asks for them', () => {
    const kinds = synthesize(shopPlan({ jobReader: { metadata: { name: 'shop-job-reader', labels: {} } } })).map((m) => `${m.kind}/${m.metadata.name}`);
    expect(kinds.slice(0, 3)).toEqual(['ServiceAccount/shop-job-reader', 'Role/shop-job-reader', 'RoleBinding/shop-job-reader']);
  });
});
