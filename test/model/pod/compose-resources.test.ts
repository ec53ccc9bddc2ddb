// cpus / mem_* / cpu_shares / deploy.resources → container resources (src/model/pod/compose-resources.ts).

import { describe, expect, it } from 'vitest';
import { resourcesOf } from '../../../src/model/pod/compose-resources';
import { contextFor, messages } from '../project';

const of = (service: Record<string, unknown>) => {
  const ctx = contextFor({ services: { s: { image: 'x', ...service } } });
  return { resources: resourcesOf(ctx.project.services.s, ctx), ctx };
};

describe('resourcesOf', () => {
  it('sets nothing when compose sets nothing', () => {
    expect(of({}).resources).toBeUndefined();
  });

  it('converts the service-level keys exactly: cpus 0.5 → 500m, 512m → 512Mi, 1.5g → 1536Mi, cpu_shares 512 → 500m', () => {
    expect(of({ cpus: '0.5', mem_limit: '1.5g', mem_reservation: '512m', cpu_shares: 512 }).resources).toEqual({
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '500m', memory: '1536Mi' },
    });
  });

  it('lets deploy.resources win over mem_limit, and says so', () => {
    const { resources, ctx } = of({ mem_limit: '1g', deploy: { resources: { limits: { memory: '2g' } } } });
    expect(resources).toEqual({ limits: { memory: '2Gi' } });
    expect(messages(ctx)).toEqual(['resource-conflict: deploy.resources.limits.memory overrides mem_limit, as in docker compose']);
  });

  it('leaves out a reservation above its limit, which the API server would reject', () => {
    const { resources, ctx } = of({ deploy: { resources: { limits: { cpus: '1' }, reservations: { cpus: '2' } } } });
    expect(resources).toEqual({ limits: { cpu: '1' } });
    expect(messages(ctx)[0]).toMatch(/^request-above-limit/);
  });

  it('turns an NVIDIA GPU reservation with a count into nvidia.com/gpu and reports count: all', () => {
    const gpus = (count: unknown) => of({ deploy: { resources: { reservations: { devices: [{ driver: 'nvidia', count, capabilities: ['gpu'] }] } } } });
    expect(gpus(1).resources).toEqual({ limits: { 'nvidia.com/gpu': '1' } });
    const all = gpus('all');
    expect(all.resources).toBeUndefined();
    expect(messages(all.ctx)[0]).toMatch(/^gpu-count: .*count: "all"/);
  });

  it('reads cpu_quota / cpu_period as CPUs', () => {
    expect(of({ cpu_quota: 150000, cpu_period: 100000 }).resources).toEqual({ limits: { cpu: '1500m' } });
  });

  it('reports a value that is not a size as an error with its path', () => {
    const { ctx } = of({ mem_limit: 'lots' });
    expect(ctx.diags.list[0]).toMatchObject({ code: 'invalid-value', severity: 'error', path: 'services.s.mem_limit' });
  });
});

describe('gpus', () => {
  it('turns gpus with a count into nvidia.com/gpu and reports gpus: all', () => {
    expect(of({ gpus: [{ driver: 'nvidia', count: 1 }] }).resources).toEqual({ limits: { 'nvidia.com/gpu': '1' } });
    const all = of({ gpus: 'all' });
    expect(all.resources).toBeUndefined();
    expect(all.ctx.diags.list[0]).toMatchObject({ code: 'gpu-count', path: 'services.s.gpus' });
  });
});
