// healthcheck → probes (src/model/pod/healthcheck.ts).

import { describe, expect, it } from 'vitest';
import { hasHealthcheck, healthProbes } from '../../../src/model/pod/healthcheck';
import { contextFor, messages } from '../project';

const probesOf = (healthcheck: unknown) => {
  const ctx = contextFor({ services: { db: { image: 'postgres', healthcheck } } });
  return { probes: healthProbes(ctx.project.services.db, ctx), ctx };
};

describe('healthProbes', () => {
  it('turns CMD into an exec argv and writes compose\'s defaults out (not Kubernetes\' 10s/1s)', () => {
    const { probes } = probesOf({ test: ['CMD', 'pg_isready', '-U', 'postgres'] });
    const expected = { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 30, timeoutSeconds: 30, failureThreshold: 3 };
    expect(probes).toEqual({ readinessProbe: expected, livenessProbe: expected });
  });

  it('runs CMD-SHELL and a plain string through /bin/sh -c', () => {
    expect(probesOf({ test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] }).probes.readinessProbe?.exec?.command).toEqual(['/bin/sh', '-c', 'curl -f http://localhost/ || exit 1']);
    expect(probesOf({ test: 'redis-cli ping' }).probes.livenessProbe?.exec?.command).toEqual(['/bin/sh', '-c', 'redis-cli ping']);
  });

  it('maps interval, timeout and retries exactly (1m30s → 90)', () => {
    const { probes } = probesOf({ test: ['CMD', 'true'], interval: '1m30s', timeout: '10s', retries: 5 });
    expect(probes.readinessProbe).toMatchObject({ periodSeconds: 90, timeoutSeconds: 10, failureThreshold: 5 });
  });

  it('rounds sub-second durations up to Kubernetes\' 1-second minimum, with a warning', () => {
    const { probes, ctx } = probesOf({ test: ['CMD', 'true'], interval: '500ms', timeout: '1500ms' });
    expect(probes.readinessProbe).toMatchObject({ periodSeconds: 1, timeoutSeconds: 2 });
    expect(messages(ctx).filter((m) => m.startsWith('duration-rounded'))).toHaveLength(2);
  });

  it('turns start_period into a startupProbe covering start_period + retries × interval at start_interval', () => {
    const { probes } = probesOf({ test: ['CMD', 'true'], interval: '10s', retries: 3, start_period: '1m', start_interval: '2s' });
    expect(probes.startupProbe).toEqual({ exec: { command: ['true'] }, periodSeconds: 2, timeoutSeconds: 30, failureThreshold: 45 });
    expect(probes.readinessProbe?.initialDelaySeconds).toBeUndefined();
  });

  it.each([[{ test: ['NONE'] }], [{ test: ['CMD', 'true'], disable: true }]])('makes no probes for %j', (hc) => {
    const { probes, ctx } = probesOf(hc);
    expect(probes).toEqual({});
    expect(ctx.diags.list).toEqual([]);
  });

  it('reports a healthcheck without a test (it tunes the image\'s HEALTHCHECK, which is unknown)', () => {
    const { probes, ctx } = probesOf({ interval: '5s' });
    expect(probes).toEqual({});
    expect(messages(ctx)[0]).toMatch(/^healthcheck-test: .*no "test"/);
  });

  it('reports an invalid duration as an error', () => {
    const { ctx } = probesOf({ test: ['CMD', 'true'], interval: '30' });
    expect(ctx.diags.hasErrors).toBe(true);
    expect(messages(ctx)[0]).toBe('invalid-duration: "30" is not a duration');
  });

  it('hasHealthcheck is true only for a check that runs', () => {
    expect(hasHealthcheck({ name: 'a', healthcheck: { test: ['CMD', 'x'] } })).toBe(true);
    expect(hasHealthcheck({ name: 'a', healthcheck: { test: ['NONE'] } })).toBe(false);
    expect(hasHealthcheck({ name: 'a', healthcheck: { test: 'x', disable: true } })).toBe(false);
    expect(hasHealthcheck({ name: 'a' })).toBe(false);
  });
});
