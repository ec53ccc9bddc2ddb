// --network-policies: a NetworkPolicy per compose network (src/model/networking/network-policies.ts),
// through the whole conversion.

import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';

const run = (yaml: string, options = {}) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }), ...options });
const all = (r: ReturnType<typeof run>, kind: string) => r.manifests.filter((m) => m.kind === kind) as Record<string, any>[];

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
