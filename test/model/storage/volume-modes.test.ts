// --volumes (Kompose's flag) for named volumes and what it implies for bind mounts; --bind-mounts
// configMap for directories (src/model/storage/volume-modes.ts, src/model/storage/storage.ts).

import { describe, expect, it } from 'vitest';
import type { ServiceVolume } from '../../../src/compose/types';
import type { ConversionOptions } from '../../../src/model/base/options';
import { SharedStorage } from '../../../src/model/base/objects';
import { storageFor } from '../../../src/model/storage/storage';
import { bindDeviceOf, bindMountMode } from '../../../src/model/storage/volume-modes';
import { contextFor, messages, type ProjectSpec } from '../project';

function storage(spec: ProjectSpec) {
  const ctx = contextFor(spec);
  const shared = new SharedStorage();
  const pods = Object.fromEntries(Object.values(ctx.project.services).map((s) => [s.name, storageFor(s, ctx, shared)]));
  return { ctx, shared, pods };
}

const named = (source: string, target: string): ServiceVolume => ({ type: 'volume', source, target });
const bind = (source: string, target: string): ServiceVolume => ({ type: 'bind', source, target });
const BOUND = { driver: 'local', driver_opts: { type: 'none', o: 'bind', device: '/project/site' } };

const spec = (volumes: ConversionOptions['volumes'], extra: Partial<ProjectSpec> = {}): ProjectSpec => ({
  services: { web: { image: 'nginx', volumes: [named('data', '/data'), named('site', '/usr/share/nginx/html')] }, worker: { image: 'x', volumes: [named('data', '/data')] } },
  volumes: { data: {}, site: BOUND },
  files: { 'site/index.html': '<h1>hi</h1>\n' },
  options: { volumes },
  lines: { 'volumes.data': 20, 'volumes.site': 21 },
  ...extra,
});

describe('bindMountMode', () => {
  it.each([
    [{}, 'auto'],
    [{ volumes: 'persistentVolumeClaim' }, 'auto'],
    [{ volumes: 'emptyDir' }, 'emptyDir'],
    [{ volumes: 'hostPath' }, 'hostPath'],
    [{ volumes: 'configMap' }, 'configMap'],
    [{ volumes: 'emptyDir', bindMounts: 'auto' }, 'auto'],
  ] as const)('%j makes bind mounts %s (an explicit --bind-mounts wins)', (options, mode) => {
    expect(bindMountMode(options)).toBe(mode);
  });
});

describe('bindDeviceOf', () => {
  it('reads the host directory of a local bind volume, relative to the project', () => {
    expect(bindDeviceOf({ driver_opts: { type: 'none', o: 'bind', device: './site' } }, '/project')).toBe('/project/site');
  });

  it.each([
    [{}],
    [{ driver: 'nfs', driver_opts: { o: 'bind', device: '/srv' } }],
    [{ driver_opts: { type: 'nfs', o: 'addr=10.0.0.1', device: ':/export' } }],
  ])('finds none in %j', (def) => {
    expect(bindDeviceOf(def, '/project')).toBeUndefined();
  });
});

describe('--volumes emptyDir', () => {
  it('turns a named volume into an emptyDir that stands for it', () => {
    const { pods, shared } = storage(spec('emptyDir'));
    expect(pods.web.volumes[0]).toEqual({ name: 'data', source: { kind: 'emptyDir', standsFor: 'volume:data' } });
    expect(shared.claims.size).toBe(0);
  });

  it('says once per volume that its data lasts only as long as the pod, and who shared it', () => {
    const { ctx } = storage(spec('emptyDir'));
    expect(messages(ctx).filter((m) => m.startsWith('volume-empty-dir'))).toEqual([
      'volume-empty-dir: named volume "data" becomes an emptyDir (--volumes emptyDir): its data lasts only as long as the pod; "web", "worker" share it only while they run in one pod',
      'volume-empty-dir: named volume "site" becomes an emptyDir (--volumes emptyDir): its data lasts only as long as the pod',
    ]);
  });

  it('leaves the pod free of ReadWriteOnce claims, so it rolls out normally', () => {
    expect(storage(spec('emptyDir')).pods.web.mountsReadWriteOnceClaim).toBe(false);
  });

  it('keeps an external volume, which is a claim that exists already', () => {
    const { pods } = storage(spec('emptyDir', { volumes: { data: { external: true }, site: {} } }));
    expect(pods.web.volumes[0].source).toEqual({ kind: 'claim', claimName: 'data' });
  });
});

describe('--volumes hostPath', () => {
  it('mounts the host directory a volume binds', () => {
    const { pods } = storage(spec('hostPath'));
    expect(pods.web.volumes[1].source).toEqual({ kind: 'hostPath', path: '/project/site' });
  });

  it('keeps a claim for a volume with no host directory, saying how to give it one', () => {
    const { ctx, shared } = storage(spec('hostPath'));
    expect(shared.claims.has('data')).toBe(true);
    expect(ctx.diags.list.find((d) => d.code === 'volume-no-host-path')).toMatchObject({
      message: 'named volume "data" has no host directory to mount (--volumes hostPath), so it stays a PersistentVolumeClaim',
      pos: { line: 20 },
    });
  });
});

describe('--volumes configMap', () => {
  it('puts the files of the directory a volume binds in a ConfigMap', () => {
    const { shared, pods } = storage(spec('configMap'));
    expect(pods.web.volumes[1].source).toEqual({ kind: 'configMap', configMapName: 'site' });
    expect(shared.configMaps.get('/project/site')?.data).toEqual({ 'index.html': '<h1>hi</h1>\n' });
  });

  it('keeps a claim for a volume with no files on the host', () => {
    const { ctx } = storage(spec('configMap'));
    expect(messages(ctx)).toContain('volume-no-host-files: named volume "data" has no files on the host to put in a ConfigMap (--volumes configMap), so it stays a PersistentVolumeClaim');
  });
});

describe('--bind-mounts configMap', () => {
  const dir = (files: Record<string, string>, extra: Partial<ProjectSpec> = {}) =>
    storage({ services: { app: { image: 'x', volumes: [bind('/project/conf', '/etc/app')] } }, files, options: { bindMounts: 'configMap' }, ...extra });

  it('puts every file of a directory in one ConfigMap mounted in its place', () => {
    const { shared, pods } = dir({ 'conf/a.conf': 'a=1\n', 'conf/b.conf': 'b=2\n' });
    expect(shared.configMaps.get('/project/conf')?.data).toEqual({ 'a.conf': 'a=1\n', 'b.conf': 'b=2\n' });
    expect(pods.app.volumes).toEqual([{ name: 'conf', source: { kind: 'configMap', configMapName: 'conf' } }]);
  });

  it('maps a file in a subdirectory back to its path with an item', () => {
    const { pods } = dir({ 'conf/a.conf': 'a=1\n', 'conf/sites/b.conf': 'b=2\n' });
    expect(pods.app.volumes[0].source).toMatchObject({ items: [{ key: 'a.conf', path: 'a.conf' }, { key: 'sites_b.conf', path: 'sites/b.conf' }] });
  });

  it("leaves binary files and a secret's file out, saying which", () => {
    const { ctx, shared } = dir({ 'conf/a.conf': 'a=1\n', 'conf/logo.png': '\u0000PNG', 'conf/db.pass': 'hunter2' }, { secrets: { db: { file: './conf/db.pass' } } });
    expect(shared.configMaps.get('/project/conf')?.data).toEqual({ 'a.conf': 'a=1\n' });
    expect(messages(ctx)).toEqual(['bind-mount-left-out: bind-mounted directory ./conf: db.pass (the file of secret "db"), logo.png are not UTF-8 text or a secret\'s file, and left out of its ConfigMap']);
  });

  it('makes one ConfigMap for a directory two services mount', () => {
    const { shared } = storage({
      services: { a: { image: 'x', volumes: [bind('/project/conf', '/etc/a')] }, b: { image: 'x', volumes: [bind('/project/conf', '/etc/b')] } },
      files: { 'conf/sub/x.conf': 'x\n' },
      options: { bindMounts: 'configMap' },
    });
    expect([...shared.configMaps.keys()]).toEqual(['/project/conf']);
  });
});
