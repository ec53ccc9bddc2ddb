// volumes / tmpfs → pod volumes, PersistentVolumeClaims and ConfigMaps (src/model/storage/storage.ts).

import { describe, expect, it } from 'vitest';
import type { ServiceVolume } from '../../../src/compose/types';
import { SharedStorage } from '../../../src/model/base/objects';
import { storageFor } from '../../../src/model/storage/storage';
import { contextFor, messages, type ProjectSpec } from '../project';

function storage(spec: ProjectSpec) {
  const ctx = contextFor(spec);
  const shared = new SharedStorage();
  const pods = Object.fromEntries(Object.values(ctx.project.services).map((s) => [s.name, storageFor(s, ctx, shared)]));
  return { ctx, shared, pods };
}

const named = (source: string, target: string, extra: Partial<ServiceVolume> = {}): ServiceVolume => ({ type: 'volume', source, target, ...extra });
const bind = (source: string, target: string, extra: Partial<ServiceVolume> = {}): ServiceVolume => ({ type: 'bind', source, target, ...extra });

describe('named volumes', () => {
  it('make one ReadWriteOnce claim of 1Gi, shared by every service that mounts it', () => {
    const { shared, pods } = storage({
      services: { a: { image: 'x', volumes: [named('shared-data', '/data')] }, b: { image: 'x', volumes: [named('shared-data', '/srv', { read_only: true })] } },
      volumes: { 'shared-data': {} },
    });
    expect([...shared.claims.values()]).toEqual([
      { metadata: { name: 'shared-data', labels: { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/managed-by': 'compose2k8s' } }, size: '1Gi', accessModes: ['ReadWriteOnce'] },
    ]);
    expect(pods.a.volumes).toEqual([{ name: 'shared-data', source: { kind: 'claim', claimName: 'shared-data' } }]);
    expect(pods.b.volumes).toEqual([{ name: 'shared-data', source: { kind: 'claim', claimName: 'shared-data', readOnly: true } }]);
  });

  it('respect :ro on the mount', () => {
    const { pods } = storage({ services: { a: { image: 'x', volumes: [named('d', '/d', { read_only: true })] } }, volumes: { d: {} } });
    expect(pods.a.mounts).toEqual([{ name: 'd', mountPath: '/d', readOnly: true }]);
  });

  it('take their size from --pvc-size', () => {
    const { shared } = storage({ services: { a: { image: 'x', volumes: [named('d', '/d')] } }, volumes: { d: {} }, options: { pvcSize: '20Gi' } });
    expect(shared.claims.get('d')?.size).toBe('20Gi');
  });

  it('sanitise the claim name', () => {
    const { shared, pods } = storage({ services: { a: { image: 'x', volumes: [named('db_data', '/var/lib/mysql')] } }, volumes: { db_data: {} } });
    expect(shared.claims.get('db_data')?.metadata.name).toBe('db-data');
    expect(pods.a.mounts[0]).toEqual({ name: 'db-data', mountPath: '/var/lib/mysql' });
  });

  it('mark the pod as holding a ReadWriteOnce claim', () => {
    const { pods } = storage({ services: { a: { image: 'x', volumes: [named('d', '/d')] }, b: { image: 'x' } }, volumes: { d: {} } });
    expect(pods.a.mountsReadWriteOnceClaim).toBe(true);
    expect(pods.b.mountsReadWriteOnceClaim).toBe(false);
  });

  it('mount a volume subpath', () => {
    const { pods } = storage({ services: { a: { image: 'x', volumes: [named('d', '/etc/app', { volume: { subpath: 'conf' } })] } }, volumes: { d: {} } });
    expect(pods.a.mounts[0]).toEqual({ name: 'd', mountPath: '/etc/app', subPath: 'conf' });
  });

  it('use an external volume as an existing claim, created by nobody, with a warning', () => {
    const { ctx, pods } = storage({ services: { a: { image: 'x', volumes: [named('d', '/d')] } }, volumes: { d: { external: true, name: 'prod_data' } } });
    expect(pods.a.volumes[0].source).toEqual({ kind: 'claim', claimName: 'prod-data' });
    expect(messages(ctx)).toEqual(['external-volume: external volume "d" is used as the existing PersistentVolumeClaim "prod-data", which is not created']);
  });
});

describe('anonymous volumes and tmpfs', () => {
  it('turn an anonymous volume into an emptyDir', () => {
    const { pods, shared } = storage({ services: { a: { image: 'x', volumes: [{ type: 'volume', target: '/code/node_modules' }] } } });
    expect(pods.a.volumes).toEqual([{ name: 'anon-0', source: { kind: 'emptyDir' } }]);
    expect(pods.a.mounts).toEqual([{ name: 'anon-0', mountPath: '/code/node_modules' }]);
    expect(shared.claims.size).toBe(0);
  });

  it('turn a tmpfs mount into a Memory emptyDir with its size in binary units', () => {
    const { pods } = storage({ services: { a: { image: 'x', volumes: [{ type: 'tmpfs', target: '/run', tmpfs: { size: '1.5g' } }], tmpfs: ['/tmp:size=64m,mode=1777', '/cache'] } } });
    expect(pods.a.volumes).toEqual([
      { name: 'tmpfs-0', source: { kind: 'emptyDir', medium: 'Memory', sizeLimit: '1536Mi' } },
      { name: 'tmpfs-0-2', source: { kind: 'emptyDir', medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'tmpfs-1', source: { kind: 'emptyDir', medium: 'Memory' } },
    ]);
    expect(pods.a.mounts.map((m) => m.mountPath)).toEqual(['/run', '/tmp', '/cache']);
  });
});

describe('bind mounts (--bind-mounts auto)', () => {
  it('give a file mounted twice under a 63-character name a second volume name that is a DNS label', () => {
    const file = `/project/${'a'.repeat(70)}.conf`;
    const { pods } = storage({ services: { web: { image: 'nginx', volumes: [bind(file, '/etc/a.conf'), bind(file, '/etc/b.conf')] } }, files: { [file.slice('/project/'.length)]: 'x=1\n' } });
    expect(pods.web.volumes.map((v) => v.name)).toEqual(['a'.repeat(63), `${'a'.repeat(61)}-2`]);
  });

  it('turn a file into a ConfigMap mounted with subPath, one per file, shared', () => {
    const { shared, pods } = storage({
      services: {
        proxy: { image: 'nginx', volumes: [bind('/project/proxy/nginx.conf', '/etc/nginx/conf.d/default.conf', { read_only: true })] },
        other: { image: 'nginx', volumes: [bind('/project/proxy/nginx.conf', '/etc/nginx/nginx.conf')] },
      },
      files: { 'proxy/nginx.conf': 'server { listen 80; }\n' },
    });
    expect([...shared.configMaps.values()]).toEqual([
      { metadata: { name: 'proxy-nginx-conf', labels: { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/managed-by': 'compose2k8s' } }, data: { 'nginx.conf': 'server { listen 80; }\n' }, origin: 'services.proxy.volumes[0]' },
    ]);
    expect(pods.proxy.volumes).toEqual([{ name: 'proxy-nginx-conf', source: { kind: 'configMap', configMapName: 'proxy-nginx-conf' } }]);
    expect(pods.proxy.mounts).toEqual([{ name: 'proxy-nginx-conf', mountPath: '/etc/nginx/conf.d/default.conf', readOnly: true, subPath: 'nginx.conf' }]);
    expect(pods.other.mounts[0]).toMatchObject({ subPath: 'nginx.conf', mountPath: '/etc/nginx/nginx.conf' });
  });

  it('turn a directory into an emptyDir and say the files are lost', () => {
    const { ctx, pods } = storage({
      services: { prom: { image: 'prom/prometheus', volumes: [bind('/project/prometheus', '/etc/prometheus')] } },
      files: { 'prometheus/prometheus.yml': 'global: {}\n' },
      lines: { 'services.prom.volumes[0]': 8 },
    });
    expect(pods.prom.volumes).toEqual([{ name: 'bind-prometheus', source: { kind: 'emptyDir', standsFor: 'bind:/project/prometheus' } }]);
    expect(ctx.diags.list).toEqual([
      expect.objectContaining({
        code: 'bind-mount-empty-dir',
        severity: 'warning',
        path: 'services.prom.volumes[0]',
        pos: { file: '/project/compose.yaml', line: 8, col: 3 },
        message: "bind mount of the host directory ./prometheus becomes an empty emptyDir at /etc/prometheus: the host's files are not in the pod",
      }),
    ]);
  });

  it('say "not found" for a missing path', () => {
    const { ctx } = storage({ services: { a: { image: 'x', volumes: [bind('/project/missing.conf', '/etc/x.conf')] } } });
    expect(messages(ctx)[0]).toContain('host path (not found) ./missing.conf');
  });

  it('leave out a mount of the build context (live editing) with a warning', () => {
    const { ctx, pods } = storage({ services: { web: { build: { context: '/project' }, volumes: [bind('/project', '/code')] } } });
    expect(pods.web.volumes).toEqual([]);
    expect(messages(ctx)[0]).toMatch(/^bind-mount-build-context: bind mount \. → \/code overlays the build context of "web"/);
  });

  it('refuse a binary file for a ConfigMap', () => {
    const { ctx, shared } = storage({ services: { a: { image: 'x', volumes: [bind('/project/blob.bin', '/blob')] } }, files: { 'blob.bin': 'PK\u0000\u0003' } });
    expect(shared.configMaps.size).toBe(0);
    expect(messages(ctx)).toContain('bind-mount-binary: bind-mounted file ./blob.bin is not UTF-8 text and cannot go into a ConfigMap');
  });

  it('refuse a file larger than a ConfigMap holds', () => {
    const { ctx, shared } = storage({ services: { a: { image: 'x', volumes: [bind('/project/big.log', '/big.log')] } }, files: { 'big.log': 'x'.repeat(1_100_000) } });
    expect(shared.configMaps.size).toBe(0);
    expect(ctx.diags.list.map((d) => d.code)).toContain('bind-mount-too-large');
  });
});

describe('--bind-mounts modes', () => {
  const spec = (mode: 'emptyDir' | 'hostPath' | 'skip'): ProjectSpec => ({
    services: { a: { image: 'x', volumes: [bind('/project/app.conf', '/etc/app.conf')] } },
    files: { 'app.conf': 'k=v\n' },
    options: { bindMounts: mode },
  });

  it('emptyDir: even a file becomes an emptyDir', () => {
    const { pods, shared, ctx } = storage(spec('emptyDir'));
    expect(pods.a.volumes[0].source).toEqual({ kind: 'emptyDir', standsFor: 'bind:/project/app.conf' });
    expect(shared.configMaps.size).toBe(0);
    expect(ctx.diags.list.map((d) => d.code)).toEqual(['bind-mount-empty-dir']);
  });

  it('hostPath: the host path, with a warning that every node needs it', () => {
    const { pods, ctx } = storage(spec('hostPath'));
    expect(pods.a.volumes[0]).toEqual({ name: 'bind-app-conf', source: { kind: 'hostPath', path: '/project/app.conf' } });
    expect(messages(ctx)[0]).toBe('bind-mount-host-path: bind mount ./app.conf becomes a hostPath volume: the path must exist on every node that runs "a"');
  });

  it('skip: no volume and no mount, with a warning', () => {
    const { pods, ctx } = storage(spec('skip'));
    expect(pods.a.volumes).toEqual([]);
    expect(pods.a.mounts).toEqual([]);
    expect(messages(ctx)).toEqual(['bind-mount-skipped: bind mount ./app.conf → /etc/app.conf is skipped (--bind-mounts skip)']);
  });
});

describe('pod volume names', () => {
  it('stay unique when two mounts want the same name', () => {
    const { pods } = storage({
      services: { a: { image: 'x', volumes: [bind('/project/a/conf', '/etc/conf'), bind('/project/b/conf', '/opt/conf')] } },
    });
    expect(pods.a.volumes.map((v) => v.name)).toEqual(['bind-conf', 'bind-conf-2']);
  });

  it('drop an unsupported volume type with a warning', () => {
    const { pods, ctx } = storage({ services: { a: { image: 'x', volumes: [{ type: 'npipe', source: '\\\\.\\pipe\\docker_engine', target: '/pipe' }] } } });
    expect(pods.a.volumes).toEqual([]);
    expect(messages(ctx)).toEqual(['unsupported-volume-type: volume type "npipe" has no Kubernetes equivalent; the mount at /pipe is dropped']);
  });
});
