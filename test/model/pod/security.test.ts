// user, read_only, capabilities, security_opt, sysctls, group_add (src/model/pod/security.ts).

import { describe, expect, it } from 'vitest';
import { securityOf } from '../../../src/model/pod/security';
import { contextFor, loadedService, messages } from '../project';

const of = (service: Record<string, unknown>) => {
  const ctx = contextFor({ services: { s: { image: 'x', ...service } } });
  return { security: securityOf(ctx.project.services.s, ctx), ctx };
};

describe('securityOf', () => {
  it('sets no securityContext unless compose asks', () => {
    expect(of({}).security).toEqual({});
  });

  it('maps uid:gid, read_only and capabilities without the CAP_ prefix', () => {
    expect(of({ user: '1000:2000', read_only: true, cap_add: ['CAP_NET_ADMIN'], cap_drop: ['all'] }).security.container).toEqual({
      runAsUser: 1000,
      runAsGroup: 2000,
      readOnlyRootFilesystem: true,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
    });
  });

  it('reports a user name, which Kubernetes cannot resolve', () => {
    const { security, ctx } = of({ user: 'www-data' });
    expect(security.container).toBeUndefined();
    expect(messages(ctx)[0]).toMatch(/^user-name: /);
  });

  it.each(['no-new-privileges', 'no-new-privileges:true', 'no-new-privileges=true'])('%s → allowPrivilegeEscalation: false', (opt) => {
    expect(of({ security_opt: [opt] }).security.container).toEqual({ allowPrivilegeEscalation: false });
  });

  it('drops no-new-privileges next to privileged, which the API server rejects, and says so', () => {
    const { security, ctx } = of({ privileged: true, security_opt: ['no-new-privileges'] });
    expect(security.container).toEqual({ privileged: true });
    expect(messages(ctx)[0]).toMatch(/^no-new-privileges-conflict/);
  });

  it('puts sysctls (map or list) and numeric group_add on the pod, reporting unsafe sysctls and group names', () => {
    const { security, ctx } = of(loadedService('image: x\nsysctls: [net.ipv4.tcp_syncookies=1, net.core.somaxconn=512]\ngroup_add: ["44", video]'));
    expect(security.pod).toEqual({ sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'net.core.somaxconn', value: '512' }], supplementalGroups: [44] });
    expect(ctx.diags.list.map((d) => d.code)).toEqual(['unsafe-sysctl', 'group-name']);
  });
});

describe('sysctls on the host network', () => {
  it('leaves net.* out with network_mode: host, which the API server refuses, and keeps the rest', () => {
    const { security, ctx } = of({ network_mode: 'host', sysctls: { 'net.ipv4.tcp_syncookies': 1, 'kernel.shm_rmid_forced': 1 } });
    expect(security.pod).toEqual({ sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] });
    expect(messages(ctx)[0]).toMatch(/^host-network-sysctl/);
  });
});
