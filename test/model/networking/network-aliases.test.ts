// Network aliases → a Service each, selecting the service's pods (src/model/networking/network-aliases.ts),
// through the whole conversion.

import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';

const run = (yaml: string, options = {}) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }), ...options });
const all = (r: ReturnType<typeof run>, kind: string) => r.manifests.filter((m) => m.kind === kind) as Record<string, any>[];

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
