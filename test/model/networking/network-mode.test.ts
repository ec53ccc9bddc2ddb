// network_mode → pods shared by services, and host networking (src/model/networking/network-mode.ts,
// src/model/pod/pod-join.ts), through the whole conversion.

import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';

const run = (yaml: string, options = {}) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }), ...options });
const all = (r: ReturnType<typeof run>, kind: string) => r.manifests.filter((m) => m.kind === kind) as Record<string, any>[];

describe('network_mode', () => {
  it('runs a service:x container in x\'s pod, with its ports on x\'s Service', () => {
    const r = run('services:\n  app:\n    image: nginx\n    ports: ["80"]\n  sidecar:\n    image: envoyproxy/envoy:v1.31\n    network_mode: service:app\n    expose: ["9901"]\n');
    const deployments = all(r, 'Deployment');
    expect(deployments.map((d) => d.metadata.name)).toEqual(['app']);
    expect(deployments[0].spec.template.spec.containers.map((c: any) => c.name)).toEqual(['app', 'sidecar']);
    expect(all(r, 'Service').map((s) => [s.metadata.name, s.spec.ports.map((p: any) => p.port)])).toEqual([['app', [80, 9901]]]);
  });

  it('gives the host pod Recreate when the joining container mounts a claim', () => {
    const r = run('services:\n  app:\n    image: nginx\n  cache:\n    image: redis\n    network_mode: service:app\n    volumes: ["data:/data"]\nvolumes:\n  data: {}\n');
    const d = all(r, 'Deployment')[0];
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(d.spec.template.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
  });

  it('maps host to hostNetwork with a warning at the line', () => {
    const r = run('services:\n  mon:\n    image: prom/node-exporter\n    network_mode: host\n');
    expect(all(r, 'Deployment')[0].spec.template.spec).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    expect(r.diagnostics.find((d) => d.code === 'network-mode-host')).toMatchObject({ path: 'services.mon.network_mode', pos: { line: 4 } });
  });

  it('reports a service: chain that loops', () => {
    const r = run('services:\n  a:\n    image: busybox\n    network_mode: service:b\n  b:\n    image: busybox\n    network_mode: service:a\n');
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.path?.endsWith('network_mode'))).toBe(true);
  });
});

describe('network_mode: service:x pod settings', () => {
  it('reports the joining service\'s pod settings that the host pod does not share', () => {
    const r = run('services:\n  app:\n    image: nginx\n  side:\n    image: busybox\n    network_mode: service:app\n    deploy:\n      placement:\n        constraints: ["node.labels.disk==ssd"]\n');
    const d = r.diagnostics.find((x) => x.code === 'network-mode-pod-settings');
    expect(d?.message).toContain('its own nodeSelector is not used');
    expect(d?.path).toBe('services.side.network_mode');
  });
});
