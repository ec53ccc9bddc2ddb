// Pointed checks of what the examples promise a user, so a regenerated golden cannot quietly lose them.

import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFile, manifest, ROOT } from './helpers';

const example = (name: string, file = 'compose.yaml') => convertFile(path.join(ROOT, 'examples', name, file));

describe('examples/seed', () => {
  const r = example('seed', 'docker-compose.yml');
  const web = manifest(r, 'Deployment', 'web') as any;

  it('converts', () => {
    expect(r.ok).toBe(true);
  });

  it('lets web reach redis as redis:6379 (a Service named redis selecting the redis pods)', () => {
    const redis = manifest(r, 'Service', 'redis') as any;
    expect(redis.spec.ports).toEqual([expect.objectContaining({ port: 6379, targetPort: 6379, protocol: 'TCP' })]);
    const pods = (manifest(r, 'Deployment', 'redis') as any).spec.template.metadata.labels;
    for (const [k, v] of Object.entries(redis.spec.selector)) expect(pods[k]).toBe(v);
  });

  it('keeps /var/log of web on the logvolume01 claim', () => {
    const mount = web.spec.template.spec.containers[0].volumeMounts.find((m: any) => m.mountPath === '/var/log');
    const volume = web.spec.template.spec.volumes.find((v: any) => v.name === mount.name);
    expect(volume.persistentVolumeClaim.claimName).toBe('logvolume01');
    expect(manifest(r, 'PersistentVolumeClaim', 'logvolume01')).toBeDefined();
  });

  it('starts web from the image `compose2k8s build --load` put on the node, without pulling it', () => {
    expect(web.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  it('runs web from the image compose would build, published on 5000', () => {
    expect(web.spec.template.spec.containers[0].image).toBe('seed-web:latest');
    expect((manifest(r, 'Service', 'web') as any).spec.ports[0]).toMatchObject({ port: 5000, targetPort: 5000 });
  });
});

describe('awesome-compose examples', () => {
  it('nginx-golang-mysql: the proxy config file becomes a ConfigMap mounted read-only with subPath', () => {
    const r = example('nginx-golang-mysql');
    expect((manifest(r, 'ConfigMap', 'proxy-nginx-conf') as any).data['nginx.conf']).toContain('proxy_pass          http://backend:8000;');
    const mount = (manifest(r, 'Deployment', 'proxy') as any).spec.template.spec.containers[0].volumeMounts[0];
    expect(mount).toEqual({ mountPath: '/etc/nginx/conf.d/default.conf', name: 'proxy-nginx-conf', readOnly: true, subPath: 'nginx.conf' });
  });

  it('wordpress-mysql: db_data is one claim, db is reachable on the ports it exposes', () => {
    const r = example('wordpress-mysql');
    expect(r.manifests.filter((m) => m.kind === 'PersistentVolumeClaim').map((m) => m.metadata.name)).toEqual(['db-data']);
    expect((manifest(r, 'Service', 'db') as any).spec.ports.map((p: any) => p.port)).toEqual([3306, 33060]);
  });

  it('postgresql-pgadmin: variables come from the .env beside the compose file', () => {
    const r = example('postgresql-pgadmin');
    const env = (manifest(r, 'Deployment', 'postgres') as any).spec.template.spec.containers[0].env;
    expect(env).toContainEqual(expect.objectContaining({ name: 'POSTGRES_USER', value: 'yourUser' }));
    expect(r.diagnostics.filter((d) => d.code === 'unset-variable')).toEqual([]);
  });

  it('elasticsearch-logstash-kibana: TCP and UDP on port 5000 both stay', () => {
    const r = example('elasticsearch-logstash-kibana');
    const ports = (manifest(r, 'Service', 'logstash') as any).spec.ports.map((p: any) => `${p.port}/${p.protocol}`);
    expect(ports).toEqual(expect.arrayContaining(['5000/TCP', '5000/UDP']));
  });

  it('react-java-mysql: db gets a Service from its well-known image though it declares no port', () => {
    const r = example('react-java-mysql');
    expect((manifest(r, 'Service', 'db') as any).spec.ports[0].port).toBe(3306);
  });
});
