// ports / expose / links → container ports and ClusterIP Services (src/model/networking/networking.ts).

import { describe, expect, it } from 'vitest';
import { planServices, portsOf, referencedServices, servicePortsFor } from '../../../src/model/networking/networking';
import type { ServicePortPlan } from '../../../src/model/base/plan';
import { contextFor, messages, type ProjectSpec } from '../project';

/** Runs the networking steps the way the planner does, for every service. */
function services(spec: ProjectSpec) {
  const ctx = contextFor(spec);
  const referenced = referencedServices(ctx);
  const byService = new Map<string, readonly ServicePortPlan[]>();
  for (const name of Object.keys(ctx.project.services).sort()) {
    const service = ctx.project.services[name];
    byService.set(name, servicePortsFor(service, portsOf(service, ctx), ctx, referenced.get(name)));
  }
  return { ctx, plans: planServices(ctx, byService) };
}

describe('portsOf', () => {
  it('maps published → Service port and target → targetPort and containerPort', () => {
    const ctx = contextFor({ services: { web: { image: 'app', ports: [{ target: 80, published: '8080', protocol: 'tcp' }] } } });
    expect(portsOf(ctx.project.services.web, ctx)).toEqual({
      container: [{ containerPort: 80, protocol: 'TCP' }],
      service: [{ name: 'tcp-8080', port: 8080, targetPort: 80, protocol: 'TCP' }],
    });
  });

  it('uses the target as the Service port when nothing is published', () => {
    const ctx = contextFor({ services: { web: { image: 'app', ports: [{ target: 3000, protocol: 'tcp' }] } } });
    expect(portsOf(ctx.project.services.web, ctx).service).toEqual([{ name: 'tcp-3000', port: 3000, targetPort: 3000, protocol: 'TCP' }]);
  });

  it('keeps UDP, and TCP and UDP on the same number apart', () => {
    const ctx = contextFor({
      services: { dns: { image: 'coredns', ports: [{ target: 53, published: '53', protocol: 'tcp' }, { target: 53, published: '53', protocol: 'udp' }] } },
    });
    const { container, service } = portsOf(ctx.project.services.dns, ctx);
    expect(container).toEqual([{ containerPort: 53, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
    expect(service.map((p) => `${p.name} ${p.protocol}`)).toEqual(['tcp-53 TCP', 'udp-53 UDP']);
  });

  it('expands expose ranges, with their protocol', () => {
    const ctx = contextFor({ services: { media: { image: 'x', expose: ['7000-7002/udp', '8080'] } } });
    expect(portsOf(ctx.project.services.media, ctx).service.map((p) => `${p.port}/${p.protocol}`)).toEqual(['7000/UDP', '7001/UDP', '7002/UDP', '8080/TCP']);
  });

  it('takes the first port of a published host range', () => {
    const ctx = contextFor({ services: { web: { image: 'x', ports: [{ target: 80, published: '9090-9091', protocol: 'tcp' }] } } });
    expect(portsOf(ctx.project.services.web, ctx).service[0]).toMatchObject({ port: 9090, targetPort: 80 });
  });

  it('lists a port given by both ports and expose once', () => {
    const ctx = contextFor({ services: { web: { image: 'x', ports: [{ target: 80, protocol: 'tcp' }], expose: ['80'] } } });
    expect(portsOf(ctx.project.services.web, ctx).service).toHaveLength(1);
  });

  it('warns that a host IP cannot be kept', () => {
    const ctx = contextFor({
      services: { web: { image: 'x', ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'tcp' }] } },
      lines: { 'services.web.ports[0]': 6 },
    });
    portsOf(ctx.project.services.web, ctx);
    expect(ctx.diags.list).toEqual([expect.objectContaining({ code: 'port-host-ip', path: 'services.web.ports[0]', pos: { file: '/project/compose.yaml', line: 6, col: 3 } })]);
  });
});

describe('Services', () => {
  it('makes a Service for a well-known image reached by name, though it declares no port', () => {
    const { plans, ctx } = services({ services: { web: { image: 'app', links: ['redis'], ports: [{ target: 5000, protocol: 'tcp' }] }, redis: { image: 'redis:7-alpine' } } });
    expect(plans.find((p) => p.metadata.name === 'redis')?.ports).toEqual([{ name: 'tcp-6379', port: 6379, targetPort: 6379, protocol: 'TCP' }]);
    expect(ctx.diags.list).toEqual([]);
  });

  it.each([
    ['postgres:16', 5432],
    ['docker.io/library/mysql:8.0@sha256:abc', 3306],
    ['mariadb:10.6.4-focal', 3306],
    ['mongo', 27017],
    ['memcached:1.6', 11211],
    ['rabbitmq:3-management', 5672],
    ['nginx', 80],
    ['httpd:2.4', 80],
  ])('knows the port of %s', (image, port) => {
    const { plans } = services({ services: { web: { image: 'app', depends_on: { dep: { condition: 'service_started', required: true } } }, dep: { image } } });
    expect(plans.find((p) => p.metadata.name === 'dep')?.ports[0].port).toBe(port);
  });

  it('warns with the expose: line to add when a referenced service has no known port', () => {
    const { plans, ctx } = services({
      services: { web: { image: 'app', depends_on: { api: { condition: 'service_started', required: true } } }, api: { image: 'example/api:1' } },
      lines: { 'services.api': 9 },
    });
    expect(plans.map((p) => p.metadata.name)).toEqual([]);
    expect(ctx.diags.list).toHaveLength(1);
    expect(ctx.diags.list[0]).toMatchObject({ code: 'unknown-port', severity: 'warning', path: 'services.api', pos: { line: 9 } });
    expect(ctx.diags.list[0].message).toContain('service "api" is reached by name from services.web.depends_on.api but declares no port');
    expect(ctx.diags.list[0].hint).toBe('add the port it listens on: expose: ["PORT"] under services.api');
  });

  it('says nothing about a portless service nobody reaches', () => {
    const { plans, ctx } = services({ services: { worker: { image: 'example/worker' } } });
    expect(plans).toEqual([]);
    expect(ctx.diags.list).toEqual([]);
  });

  it('gives a link alias its own Service selecting the target', () => {
    const { plans } = services({ services: { web: { image: 'app', links: ['db:database'] }, db: { image: 'postgres' } } });
    const alias = plans.find((p) => p.metadata.name === 'database');
    expect(alias?.selector).toEqual({ 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/part-of': 'demo' });
    expect(alias?.ports.map((p) => p.port)).toEqual([5432]);
    expect(plans.map((p) => p.metadata.name).sort()).toEqual(['database', 'db']);
  });

  it('makes one alias Service when two services use the same alias for the same target', () => {
    const { plans, ctx } = services({
      services: { a: { image: 'app', links: ['db:database'] }, b: { image: 'app', links: ['db:database'] }, db: { image: 'postgres' } },
    });
    expect(plans.filter((p) => p.metadata.name === 'database')).toHaveLength(1);
    expect(ctx.diags.list).toEqual([]);
  });

  it('warns when an alias is already the name of another service', () => {
    const { ctx } = services({
      services: { web: { image: 'app', links: ['db:cache'] }, db: { image: 'postgres' }, cache: { image: 'redis' } },
    });
    expect(messages(ctx)).toEqual(['alias-collision: link alias "cache" is already the name of another Service; "web" cannot reach "db" as "cache"']);
  });

  it('renames a service whose name is not a DNS-1035 label, and says how it is reached', () => {
    const { plans, ctx } = services({ services: { My_Api: { image: 'x', expose: ['80'] } } });
    expect(plans[0].metadata.name).toBe('my-api');
    expect(ctx.diags.list.map((d) => d.code)).toContain('renamed-host');
  });

  it('reports two services whose names sanitise to the same Service name', () => {
    const { plans, ctx } = services({ services: { my_app: { image: 'x', expose: ['80'] }, 'my.app': { image: 'x', expose: ['81'] } } });
    expect(plans.map((p) => p.metadata.name).sort()).toEqual(['my-app', 'my-app-2']);
    expect(ctx.diags.list.map((d) => d.code)).toContain('name-collision');
  });

  it('selects pods by the stable labels only', () => {
    const { plans } = services({ services: { web: { image: 'x', expose: ['80'] } } });
    expect(plans[0].selector).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'demo' });
    expect(plans[0].metadata.labels['app.kubernetes.io/managed-by']).toBe('compose2k8s');
  });
});
