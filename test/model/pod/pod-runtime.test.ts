// hostname, extra_hosts, dns, stop_grace_period, init, platform, shm_size, pull_policy (src/model/pod/pod-runtime.ts).

import { describe, expect, it } from 'vitest';
import { runtimeOf } from '../../../src/model/pod/pod-runtime';
import { contextFor, loadedService, messages } from '../project';

const of = (service: Record<string, unknown>) => {
  const ctx = contextFor({ services: { s: { image: 'x', ...service } } });
  return { parts: runtimeOf(ctx.project.services.s, ctx), ctx };
};

describe('runtimeOf', () => {
  it('sets nothing when compose sets nothing', () => {
    expect(of({}).parts).toEqual({ container: {}, pod: {}, volumes: [], mounts: [] });
  });

  it('groups extra_hosts by IP, in list (":", "=", IPv6) and map forms', () => {
    expect(of(loadedService('image: x\nextra_hosts: ["a:10.0.0.1", "b=10.0.0.1", "v6:::1", "w=[fe80::1]"]')).parts.pod.hostAliases).toEqual([
      { ip: '10.0.0.1', hostnames: ['a', 'b'] },
      { ip: '::1', hostnames: ['v6'] },
      { ip: 'fe80::1', hostnames: ['w'] },
    ]);
    expect(of(loadedService('image: x\nextra_hosts: { r: 192.168.0.1, m: [192.168.0.2] }')).parts.pod.hostAliases).toEqual([
      { ip: '192.168.0.1', hostnames: ['r'] },
      { ip: '192.168.0.2', hostnames: ['m'] },
    ]);
  });

  it('reports an extra host without a valid IP as an error', () => {
    const { ctx } = of({ extra_hosts: ['nowhere:not-an-ip'] });
    expect(ctx.diags.hasErrors).toBe(true);
  });

  it('sets dnsPolicy None only when nameservers are given', () => {
    expect(of({ dns_search: ['x.local'], dns_opt: ['ndots:1'] }).parts.pod).toEqual({ dnsConfig: { searches: ['x.local'], options: [{ name: 'ndots', value: '1' }] } });
    const withServers = of({ dns: ['1.1.1.1'] });
    expect(withServers.parts.pod).toEqual({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } });
    expect(messages(withServers.ctx)[0]).toMatch(/^dns-policy-none/);
  });

  it('maps stop_grace_period, init, tty, stdin_open, platform and pull_policy', () => {
    expect(of({ stop_grace_period: '1m30s', init: true, tty: true, stdin_open: true, platform: 'linux/arm64', pull_policy: 'missing' }).parts).toEqual({
      container: { tty: true, stdin: true, imagePullPolicy: 'IfNotPresent' },
      pod: { shareProcessNamespace: true, terminationGracePeriodSeconds: 90, nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' } },
      volumes: [],
      mounts: [],
    });
  });

  it('mounts a Memory emptyDir of shm_size at /dev/shm', () => {
    const { parts } = of({ shm_size: '1g' });
    expect(parts.volumes).toEqual([{ name: 'dshm', source: { kind: 'emptyDir', medium: 'Memory', sizeLimit: '1Gi' } }]);
    expect(parts.mounts).toEqual([{ name: 'dshm', mountPath: '/dev/shm' }]);
  });

  it('keeps a valid hostname and reports one it had to change', () => {
    expect(of({ hostname: 'web-1' }).parts.pod.hostname).toBe('web-1');
    const changed = of({ hostname: 'My_Host' });
    expect(changed.parts.pod.hostname).toBe('my-host');
    expect(messages(changed.ctx)[0]).toMatch(/^hostname: /);
  });
});
