// x-k8s service settings and kompose.service.expose, through the whole conversion (src/model/settings/).

import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';
import { parseExpose } from '../../../src/model/settings/kompose';

const run = (yaml: string, options = {}) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }), ...options });
const find = (r: ReturnType<typeof run>, kind: string, name?: string) => r.manifests.find((m) => m.kind === kind && (!name || m.metadata.name === name)) as Record<string, any> | undefined;

describe('x-k8s', () => {
  it('rejects an unknown key at its file:line:col, naming the allowed keys', () => {
    const r = run('services:\n  web:\n    image: nginx\n    x-k8s:\n      nodeSelektor: { a: b }\n');
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'x-k8s-unknown-key');
    expect(d).toMatchObject({ severity: 'error', path: 'services.web.x-k8s.nodeSelektor', pos: { line: 5, col: 7 } });
    expect(d?.hint).toContain('nodeSelector');
    expect(d?.hint).toContain('replicas');
  });

  it('rejects a bad value with the path and what is allowed', () => {
    const r = run('services:\n  web:\n    image: nginx\n    x-k8s:\n      service: { type: Ingress }\n');
    expect(r.diagnostics.find((x) => x.severity === 'error')?.message).toContain('must be one of ClusterIP, NodePort, LoadBalancer, Headless');
  });

  it('leaves the scaling keys to the scaling step without calling them unknown', () => {
    const r = run('services:\n  web:\n    image: nginx\n    x-k8s:\n      replicas: 3\n      serviceAccountName: web\n');
    expect(r.ok).toBe(true);
    expect(find(r, 'Deployment')?.spec.template.spec.serviceAccountName).toBe('web');
  });

  it('lets a service beat the top level, merging maps key by key', () => {
    const r = run('x-k8s:\n  nodeSelector: { a: "1", b: "2" }\n  imagePullPolicy: Always\nservices:\n  web:\n    image: nginx\n    x-k8s:\n      nodeSelector: { b: "3" }\n      imagePullPolicy: Never\n');
    const spec = find(r, 'Deployment')?.spec.template.spec;
    expect(spec.nodeSelector).toEqual({ a: '1', b: '3' });
    expect(spec.containers[0].imagePullPolicy).toBe('Never');
  });

  it('rejects top-level keys that only make sense per service', () => {
    const r = run('x-k8s:\n  controller: job\nservices:\n  web:\n    image: nginx\n');
    expect(r.diagnostics.find((x) => x.code === 'x-k8s-unknown-key')).toMatchObject({ path: 'x-k8s.controller', pos: { line: 2, col: 15 } });
  });

  it('beats a kompose label', () => {
    const r = run('services:\n  web:\n    image: nginx\n    ports: ["80"]\n    labels: { kompose.service.type: nodeport }\n    x-k8s: { service: { type: LoadBalancer } }\n');
    expect(find(r, 'Service')?.spec.type).toBe('LoadBalancer');
  });
});

describe('kompose labels', () => {
  it('parses kompose.service.expose hosts, each with its own path', () => {
    expect(parseExpose('a.example.com, b.example.com/shop')).toEqual({ rules: [{ host: 'a.example.com', path: '/' }, { host: 'b.example.com', path: '/shop' }] });
    expect(parseExpose('true')).toEqual({ rules: [{ path: '/' }] });
    expect(parseExpose('not a host')).toContain('is not a host name');
  });

  it('reports a bad value at the label and does not use it', () => {
    const r = run('services:\n  web:\n    image: nginx\n    ports: ["80"]\n    labels:\n      kompose.service.type: bogus\n');
    expect(r.diagnostics.find((d) => d.code === 'kompose-label')).toMatchObject({ path: 'services.web.labels["kompose.service.type"]', pos: { line: 6 } });
    expect(find(r, 'Service')?.spec.type).toBe('ClusterIP');
  });

  it('gives a NodePort its node port and makes an Ingress with TLS', () => {
    const r = run(
      'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels:\n      kompose.service.type: NodePort\n      kompose.service.nodeport.port: "30001"\n      kompose.service.expose: shop.example.com\n      kompose.service.expose.tls-secret: shop-tls\n',
    );
    expect(find(r, 'Service')?.spec.ports[0]).toMatchObject({ port: 8080, nodePort: 30001 });
    const ingress = find(r, 'Ingress');
    expect(ingress?.spec.rules[0]).toMatchObject({ host: 'shop.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 8080 } } } }] } });
    expect(ingress?.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
  });

  it('warns and makes no Ingress when the exposed service has no port', () => {
    const r = run('services:\n  worker:\n    image: busybox\n    labels: { kompose.service.expose: "true" }\n');
    expect(find(r, 'Ingress')).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('expose-no-port');
  });

  it('sizes the claims of the volumes the service mounts', () => {
    const r = run('services:\n  db:\n    image: postgres\n    volumes: ["data:/d"]\n    labels: { kompose.volume.size: 5Gi, kompose.volume.storage-class-name: fast }\nvolumes:\n  data: {}\n');
    expect(find(r, 'PersistentVolumeClaim')?.spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } });
  });

  it('makes an autoscaler from kompose.hpa.* with Kompose\'s default bounds', () => {
    const r = run('services:\n  web:\n    image: nginx\n    labels: { kompose.hpa.memory: "70" }\n');
    const hpa = find(r, 'HorizontalPodAutoscaler');
    expect(hpa?.spec).toMatchObject({ minReplicas: 1, maxReplicas: 3, metrics: [{ resource: { name: 'memory', target: { averageUtilization: 70 } } }] });
  });
});

describe('headless Services', () => {
  it('are made without ports when asked for a service that has none', () => {
    const r = run('services:\n  worker:\n    image: busybox\n    labels: { kompose.service.type: headless }\n');
    expect(find(r, 'Service', 'worker')?.spec).toMatchObject({ clusterIP: 'None', ports: [] });
  });
});

describe('x-k8s.expose.port', () => {
  it('routes the Ingress to the chosen Service port', () => {
    const r = run('services:\n  web:\n    image: nginx\n    ports: ["80", "9090"]\n    x-k8s: { expose: { hosts: [a.example.com], port: 9090 } }\n');
    expect(find(r, 'Ingress')?.spec.rules[0].http.paths[0].backend.service.port.number).toBe(9090);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('expose-first-port');
  });

  it('falls back to the first port, reported, when the Service has no such port', () => {
    const r = run('services:\n  web:\n    image: nginx\n    ports: ["80"]\n    x-k8s: { expose: { port: 81 } }\n');
    expect(find(r, 'Ingress')?.spec.rules[0].http.paths[0].backend.service.port.number).toBe(80);
    expect(r.diagnostics.find((d) => d.code === 'expose-port')?.message).toContain('has no port 81');
  });
});
