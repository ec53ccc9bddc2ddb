// The scaling step's precedence, one rule per test: CLI > the preset's services.<name> > x-k8s >
// compose deploy.* / scale > the preset's defaults > built-in defaults; stateful services; HPA and
// PDB rules; x-k8s checked at file:line:col.

import { describe, expect, it } from 'vitest';
import { convert, convertVariants, planCompose, scalePlan } from '../../src/index';
import { memoryHost } from '../../src/common/host';
import { Diagnostics, formatDiagnosticShort } from '../../src/common/diagnostics';
import { parsePreset } from '../../src/model/settings/preset';
import type { ScalingOptions } from '../../src/model/base/scaling-types';

const FILE = '/p/compose.yaml';

function convertWith(compose: string, opts: { preset?: string; scaling?: ScalingOptions; namespace?: string; pvcSize?: string } = {}) {
  const parsed = opts.preset !== undefined ? parsePreset('/p/env.yaml', opts.preset) : undefined;
  if (parsed && !parsed.preset) throw new Error(parsed.diagnostics.list.map((d) => d.message).join('\n'));
  return convert({
    files: [{ path: FILE, content: compose }],
    env: {},
    host: memoryHost({}),
    environment: parsed?.preset,
    scaling: opts.scaling,
    namespace: opts.namespace,
    pvcSize: opts.pvcSize,
  });
}

function scaled(compose: string, opts: Parameters<typeof convertWith>[1] = {}) {
  const r = convertWith(compose, opts);
  if (!r.plan) throw new Error(r.diagnostics.map((d) => formatDiagnosticShort(d)).join('\n'));
  const w = (service: string) => r.plan!.workloads.find((x) => x.service === service)!;
  return {
    result: r,
    replicas: (s: string) => w(s).replicas,
    resources: (s: string) => w(s).pod.containers[0].resources,
    hpa: (s: string) => r.plan!.autoscalers?.find((a) => a.service === s),
    pdb: (s: string) => r.plan!.disruptionBudgets?.find((p) => p.service === s),
    codes: r.diagnostics.map((d) => d.code),
  };
}

const WEB = 'services:\n  web:\n    image: nginx\n';
const webWith = (extra: string) => WEB + extra.replace(/^/gm, '    ') + '\n';
const DB = 'services:\n  db:\n    image: postgres\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data:\n';

describe('replicas', () => {
  it('are 1, with no resources, HPA or PDB, when nothing asks', () => {
    const s = scaled(WEB);
    expect(s.replicas('web')).toBe(1);
    expect(s.resources('web')).toBeUndefined();
    expect(s.result.plan!.autoscalers).toEqual([]);
    expect(s.result.plan!.disruptionBudgets).toEqual([]);
  });

  it('come from deploy.replicas, then x-k8s beats it', () => {
    expect(scaled(webWith('deploy:\n  replicas: 3')).replicas('web')).toBe(3);
    expect(scaled(webWith('deploy:\n  replicas: 3\nx-k8s:\n  replicas: 4')).replicas('web')).toBe(4);
  });

  it("the preset's services.<name> beats x-k8s; the CLI beats the preset", () => {
    const compose = webWith('x-k8s:\n  replicas: 4');
    const preset = 'services:\n  web:\n    replicas: 5\n';
    expect(scaled(compose, { preset }).replicas('web')).toBe(5);
    expect(scaled(compose, { preset, scaling: { replicas: 6 } }).replicas('web')).toBe(6);
    expect(scaled(compose, { preset, scaling: { replicas: 6, serviceReplicas: { web: 7 } } }).replicas('web')).toBe(7);
  });

  it("the preset's top-level replicas fills in only where the compose file sets none", () => {
    expect(scaled(WEB, { preset: 'replicas: 2' }).replicas('web')).toBe(2);
    expect(scaled(webWith('deploy:\n  replicas: 5'), { preset: 'replicas: 2' }).replicas('web')).toBe(5);
    expect(scaled(webWith('scale: 4'), { preset: 'replicas: 2' }).replicas('web')).toBe(4);
  });
});

describe('stateful services (a ReadWriteOnce claim)', () => {
  it('are not scaled by a preset, with a warning', () => {
    const s = scaled(DB, { preset: 'replicas: 3' });
    expect(s.replicas('db')).toBe(1);
    expect(s.codes).toContain('stateful-not-scaled');
  });

  it('are not scaled by --replicas N', () => {
    const s = scaled(DB, { scaling: { replicas: 3 } });
    expect(s.replicas('db')).toBe(1);
    expect(s.result.diagnostics.find((d) => d.code === 'stateful-not-scaled')?.hint).toContain('--replicas db=3');
  });

  it('named in the preset, they take its replicas; --replicas N still does not apply, and the warning says what they keep', () => {
    const s = scaled(DB, { preset: 'services:\n  db:\n    replicas: 2\n', scaling: { replicas: 3 } });
    expect(s.replicas('db')).toBe(2);
    expect(s.result.diagnostics.find((d) => d.code === 'stateful-not-scaled')?.message).toContain('kept at 2 replicas');
    expect(scaled(DB, { preset: 'services:\n  db:\n    replicas: 2\n' }).codes).not.toContain('stateful-not-scaled');
  });

  it('are scaled when named: --replicas db=3', () => {
    const s = scaled(DB, { scaling: { replicas: 3, serviceReplicas: { db: 3 } } });
    expect(s.replicas('db')).toBe(3);
    expect(s.codes).not.toContain('stateful-not-scaled');
  });

  it('are scaled by a preset when they run as a StatefulSet (a claim per pod)', () => {
    const r = convert({ files: [{ path: FILE, content: DB }], env: {}, host: memoryHost({}), controller: 'statefulset', environment: parsePreset('/p/env.yaml', 'replicas: 3').preset });
    const db = r.plan!.workloads.find((w) => w.service === 'db')!;
    expect(db.kind).toBe('StatefulSet');
    expect(db.replicas).toBe(3);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('stateful-not-scaled');
  });

  it("a StatefulSet's claim templates take the preset's storage class and size", () => {
    const preset = parsePreset('/p/env.yaml', 'storage: { class: fast, volumes: { data: 30Gi } }').preset;
    const r = convert({ files: [{ path: FILE, content: DB }], env: {}, host: memoryHost({}), controller: 'statefulset', environment: preset });
    expect(r.plan!.workloads[0].volumeClaimTemplates?.[0]).toMatchObject({ size: '30Gi', storageClassName: 'fast' });
  });

  it("get no HPA from the preset's default autoscaling", () => {
    const s = scaled(DB, { preset: 'autoscale: { min: 2, max: 5 }' });
    expect(s.hpa('db')).toBeUndefined();
    expect(s.codes).toContain('stateful-not-scaled');
  });
});

describe('well-known data stores without a claim', () => {
  const REDIS = 'services:\n  cache:\n    image: redis:7-alpine\n';
  const MEMCACHED = 'services:\n  cache:\n    image: memcached\n';

  it('are not scaled or autoscaled by a preset: each replica would keep its own data', () => {
    const s = scaled(REDIS, { preset: 'replicas: 3\nautoscale: { min: 2, max: 5 }' });
    expect(s.replicas('cache')).toBe(1);
    expect(s.hpa('cache')).toBeUndefined();
    expect(s.result.diagnostics.find((d) => d.code === 'stateful-not-scaled')?.message).toContain('runs redis, a data store');
  });

  it('are scaled when named, and caches that tolerate replicas are scaled like any service', () => {
    expect(scaled(REDIS, { scaling: { replicas: 3, serviceReplicas: { cache: 3 } } }).replicas('cache')).toBe(3);
    expect(scaled(MEMCACHED, { preset: 'replicas: 3' }).replicas('cache')).toBe(3);
  });
});

describe('resources', () => {
  it('are merged field by field: CLI request + compose limit', () => {
    const s = scaled(webWith('deploy:\n  resources:\n    limits:\n      memory: 512M'), { scaling: { requests: { web: { cpu: '250m' } } } });
    expect(s.resources('web')).toEqual({ requests: { cpu: '250m' }, limits: { memory: '512Mi' } });
  });

  it("x-k8s beats compose's deploy.resources, the preset's services.<name> beats x-k8s, the CLI beats all", () => {
    const compose = webWith('deploy:\n  resources:\n    limits:\n      cpus: "2"\nx-k8s:\n  resources:\n    limits:\n      cpu: 1500m');
    expect(scaled(compose).resources('web')?.limits?.cpu).toBe('1500m');
    const preset = 'services:\n  web:\n    resources:\n      limits:\n        cpu: "1"\n';
    expect(scaled(compose, { preset }).resources('web')?.limits?.cpu).toBe('1');
    expect(scaled(compose, { preset, scaling: { limits: { web: { cpu: '3' } } } }).resources('web')?.limits?.cpu).toBe('3');
  });

  it("the preset's defaults apply only to services whose compose file sets none", () => {
    const preset = 'resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n';
    expect(scaled(WEB, { preset }).resources('web')).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(scaled(webWith('deploy:\n  resources:\n    limits:\n      memory: 1G'), { preset }).resources('web')).toEqual({ limits: { memory: '1Gi' } });
  });

  it('a request above its limit is an error', () => {
    const r = convertWith(WEB, { scaling: { requests: { web: { memory: '2Gi' } }, limits: { web: { memory: '1Gi' } } } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.severity === 'error')?.message).toBe('service "web": the memory request 2Gi is above its limit 1Gi; Kubernetes refuses such a pod');
  });
});

describe('autoscaling', () => {
  it('--autoscale makes an HPA, moves replicas into its bounds, and gives a default CPU request with a warning', () => {
    const s = scaled(WEB, { scaling: { autoscale: { web: { min: 2, max: 8, cpu: 70 } } } });
    expect(s.hpa('web')).toMatchObject({ target: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 8, cpuUtilization: 70 });
    expect(s.replicas('web')).toBe(2);
    expect(s.resources('web')).toEqual({ requests: { cpu: '100m' } });
    expect(s.codes).toContain('autoscale-default-request');
  });

  it('needs no default request when a CPU limit is set (the request defaults to it)', () => {
    const s = scaled(webWith('x-k8s:\n  autoscale: { min: 1, max: 3 }\n  resources: { limits: { cpu: 500m } }'));
    expect(s.hpa('web')?.cpuUtilization).toBe(80);
    expect(s.codes).not.toContain('autoscale-default-request');
  });

  it('a preset with autoscale: false drops the HPA x-k8s asks for; --autoscale still wins', () => {
    const compose = webWith('x-k8s:\n  autoscale: { min: 2, max: 4, cpu: 50 }');
    expect(scaled(compose).hpa('web')).toBeDefined();
    expect(scaled(compose, { preset: 'autoscale: false' }).hpa('web')).toBeUndefined();
    expect(scaled(compose, { preset: 'autoscale: false', scaling: { autoscale: { web: { min: 3, max: 9, cpu: 60 } } } }).hpa('web')?.minReplicas).toBe(3);
  });
});

describe('PodDisruptionBudgets', () => {
  it('are made for workloads with more than one replica when the preset asks', () => {
    const compose = 'services:\n  web:\n    image: nginx\n    deploy: { replicas: 2 }\n  job:\n    image: busybox\n';
    const s = scaled(compose, { preset: 'pdb: true' });
    expect(s.pdb('web')).toMatchObject({ maxUnavailable: 1, selector: { 'app.kubernetes.io/name': 'web' } });
    expect(s.pdb('job')).toBeUndefined();
  });

  it('asked for by x-k8s on a single replica: none, with a warning', () => {
    const s = scaled(webWith('x-k8s:\n  pdb: { minAvailable: 1 }'));
    expect(s.pdb('web')).toBeUndefined();
    expect(s.codes).toContain('pdb-single-replica');
  });
});

describe('environment-wide settings', () => {
  it('the CLI namespace beats the preset one', () => {
    expect(scaled(WEB, { preset: 'namespace: staging' }).result.plan!.namespace).toBe('staging');
    expect(scaled(WEB, { preset: 'namespace: staging', namespace: 'mine' }).result.plan!.namespace).toBe('mine');
  });

  it('storage: per-volume size beats size; --pvc-size beats both; the class is set', () => {
    const preset = 'storage: { class: fast, size: 5Gi, volumes: { data: 50Gi } }';
    expect(scaled(DB, { preset }).result.plan!.claims[0]).toMatchObject({ size: '50Gi', storageClassName: 'fast' });
    expect(scaled(DB, { preset, pvcSize: '2Gi' }).result.plan!.claims[0].size).toBe('2Gi');
  });

  it('labels and annotations are the plan\'s common ones, on objects and pod templates alike', () => {
    const s = scaled(WEB, { preset: 'labels: { environment: qa }\nannotations: { example.com/owner: me }' });
    expect(s.result.plan!.commonLabels).toEqual({ environment: 'qa' });
    const deployment = s.result.manifests.find((m) => m.kind === 'Deployment') as any;
    expect(deployment.metadata.labels.environment).toBe('qa');
    expect(deployment.metadata.annotations).toEqual({ 'example.com/owner': 'me' });
    expect(deployment.spec.template.metadata.labels.environment).toBe('qa');
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'example.com/owner': 'me' });
  });
});

describe('names that do not exist', () => {
  it('a flag naming an unknown service is an error', () => {
    const r = convertWith(WEB, { scaling: { serviceReplicas: { wbe: 2 } } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'unknown-service', message: '--replicas names service "wbe", which this project does not have', hint: 'services in this project: web' });
  });

  it('a preset naming an unknown service is a warning at the preset line', () => {
    const r = convertWith(WEB, { preset: 'replicas: 1\nservices:\n  api:\n    replicas: 2\n' });
    expect(r.ok).toBe(true);
    expect(formatDiagnosticShort(r.diagnostics[0])).toBe('/p/env.yaml:3:3: warning [preset-unknown-service] services.api: environment env sets service "api", which this project does not have');
  });
});

describe('x-k8s scaling keys', () => {
  it('a bad value is an error at its file:line:col', () => {
    const r = convertWith(webWith('x-k8s:\n  replicas: many'));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => formatDiagnosticShort(d))).toContain(
      '/p/compose.yaml:5:17: error [x-k8s-invalid-value] services.web.x-k8s.replicas: must be a whole number from 0, not "many"',
    );
  });

  it('memory in m is refused with the fix', () => {
    const r = convertWith(webWith('x-k8s:\n  resources: { limits: { memory: 256m } }'));
    expect(r.diagnostics.find((d) => d.severity === 'error')?.message).toContain('write 256Mi for mebibytes');
  });
});

describe('the plan alone', () => {
  const planned = (compose: string) => planCompose({ files: [{ path: FILE, content: compose }], env: {}, host: memoryHost({}) });

  it('records where replicas came from, the x-k8s scaling keys and a data store, for the scaling step', () => {
    const facts = planned('services:\n  db:\n    image: postgres:16\n    scale: 2\n    x-k8s: { autoscale: { min: 2, max: 4 } }\n').unscaled!.scalingFacts;
    expect(facts.services.db).toMatchObject({ composeReplicas: true, xK8s: { autoscale: { min: 2, max: 4 } }, dataStore: 'postgres' });
  });

  it('is scaled per environment by scalePlan with no compose project at hand', () => {
    const unscaled = planned(webWith('x-k8s:\n  replicas: 4')).unscaled!;
    const prod = parsePreset('/p/prod.yaml', 'services:\n  web:\n    replicas: 6\n').preset!;
    expect(scalePlan(unscaled, { environment: prod }, new Diagnostics()).workloads[0].replicas).toBe(6);
  });

  it('says what the compose file\'s scaling keys cause once, not again for each environment', () => {
    const compose = webWith('x-k8s:\n  pdb: { minAvailable: 1 }');
    const environments = ['dev', 'qa'].map((name) => parsePreset(`/p/${name}.yaml`, 'replicas: 1', name).preset!);
    const result = convertVariants({ files: [{ path: FILE, content: compose }], env: {}, host: memoryHost({}), environments });
    expect(result.diagnostics.filter((d) => d.code === 'pdb-single-replica')).toHaveLength(1);
  });
});
