// An environment's labels and annotations (src/kube/metadata.ts), applied in one place: on every
// object, on each pod template, and (labels only) on a StatefulSet's claim templates.

import { describe, expect, it } from 'vitest';
import { synthesize } from '../../src/kube/synth';
import { shopPlan, workload } from './plan';

const claim = { metadata: { name: 'data', labels: { 'app.kubernetes.io/name': 'db' } }, size: '1Gi', accessModes: ['ReadWriteOnce' as const] };
const withDb = (extra: Parameters<typeof shopPlan>[0] = {}) =>
  shopPlan({ workloads: [workload('web', { podAnnotations: { note: 'web' } }), workload('db', { kind: 'StatefulSet', serviceName: 'db', volumeClaimTemplates: [claim] })], ...extra });

describe('common labels and annotations', () => {
  const manifests = synthesize(withDb({ commonLabels: { env: 'prod' }, commonAnnotations: { owner: 'team-a' } }));

  it('are on every object', () => {
    for (const m of manifests) expect(m.metadata, `${m.kind}/${m.metadata.name}`).toMatchObject({ labels: { env: 'prod' }, annotations: { owner: 'team-a' } });
  });

  it('are on each pod template, beside the workload\'s own', () => {
    const web = manifests.find((m) => m.metadata.name === 'web' && m.kind === 'Deployment') as Record<string, any>;
    expect(web.spec.template.metadata).toEqual({ labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop', env: 'prod' }, annotations: { note: 'web', owner: 'team-a' } });
  });

  it('put labels, not annotations, on claim templates', () => {
    const db = manifests.find((m) => m.kind === 'StatefulSet') as Record<string, any>;
    expect(db.spec.volumeClaimTemplates[0].metadata).toEqual({ name: 'data', labels: { 'app.kubernetes.io/name': 'db', env: 'prod' } });
  });

  it('win over a workload\'s own label of the same key, as kustomize\'s labels do', () => {
    const [web] = synthesize(shopPlan({ workloads: [workload('web')], commonLabels: { 'app.kubernetes.io/part-of': 'store' } })).filter((m) => m.kind === 'Deployment') as Record<string, any>[];
    expect(web.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('store');
    expect(web.metadata.labels['app.kubernetes.io/part-of']).toBe('store');
  });
});

describe('without an environment', () => {
  it('adds nothing: objects keep their own labels and have no annotations', () => {
    const manifests = synthesize(withDb());
    const web = manifests.find((m) => m.kind === 'Deployment') as Record<string, any>;
    expect(web.metadata).toEqual({ name: 'web', labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' } });
    expect(web.spec.template.metadata).toEqual({ labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' }, annotations: { note: 'web' } });
  });
});
