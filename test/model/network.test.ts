import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../src/index';

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

describe('--network-policies', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    networks: [front]\n  api:\n    image: ghcr.io/a/api\n    expose: ["8000"]\n    networks: [front, back]\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  front: {}\n  back: {}\n';

  it('is off unless asked', () => {
    expect(all(run(compose), 'NetworkPolicy')).toEqual([]);
  });

  it('admits traffic only from pods that share a network, and published ports from anywhere', () => {
    const policies = all(run(compose, { networkPolicies: true }), 'NetworkPolicy');
    const members = (p: any) => p.spec.podSelector.matchExpressions[0].values;
    const byName = Object.fromEntries(policies.map((p) => [p.metadata.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['back-network', 'front-network', 'web-published']);
    expect(members(byName['back-network'])).toEqual(['api', 'db']);
    expect(byName['back-network'].spec.ingress[0].from[0].podSelector.matchExpressions[0].values).toEqual(['api', 'db']);
    expect(members(byName['front-network'])).toEqual(['api', 'web']);
    expect(byName['web-published'].spec.ingress).toEqual([{ ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it('keeps pods that are only on internal networks from reaching anything but their networks and DNS', () => {
    const yaml = 'services:\n  api:\n    image: a\n    networks: [back, front]\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  back: { internal: true }\n  front: {}\n';
    const r = run(yaml, { networkPolicies: true });
    const egress = all(r, 'NetworkPolicy').filter((p) => p.spec.policyTypes.includes('Egress'));
    expect(egress.map((p) => [p.metadata.name, p.spec.podSelector.matchExpressions[0].values, p.spec.egress[0].to[0].podSelector.matchExpressions[0].values])).toEqual([['db-internal', ['db'], ['api', 'db']]]);
    expect(egress[0].spec.egress[1].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
    expect(r.diagnostics.find((d) => d.code === 'network-policy-internal')?.message).toContain('"api" is also on a network that is not internal');
  });

  it('puts services without networks: on default', () => {
    const policies = all(run('services:\n  a:\n    image: redis\n  b:\n    image: busybox\n', { networkPolicies: true }), 'NetworkPolicy');
    expect(policies.map((p) => [p.metadata.name, p.spec.podSelector.matchExpressions[0].values])).toEqual([['default-network', ['a', 'b']]]);
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

describe('network aliases', () => {
  it('get a Service each, selecting the service\'s pods; names Kubernetes cannot hold and addresses are reported', () => {
    const r = run('services:\n  db:\n    image: postgres\n    networks:\n      back:\n        aliases: [database, db.internal]\n        ipv4_address: 172.20.0.5\nnetworks:\n  back:\n    ipam: { config: [{ subnet: 172.20.0.0/16 }] }\n');
    const services = all(r, 'Service');
    expect(services.map((s) => s.metadata.name).sort()).toEqual(['database', 'db']);
    expect(services.find((s) => s.metadata.name === 'database')?.spec).toMatchObject({ selector: { 'app.kubernetes.io/name': 'db' }, ports: [{ port: 5432 }] });
    expect(r.diagnostics.filter((d) => d.code === 'network-alias' || d.code === 'network-address').map((d) => [d.code, d.pos?.line])).toEqual([
      ['network-address', 7],
      ['network-alias', 6],
    ]);
  });
});
