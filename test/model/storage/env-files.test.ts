// env_file → ConfigMaps + envFrom (src/model/storage/env-files.ts); labels → annotations (src/model/pod/annotations.ts).

import { describe, expect, it } from 'vitest';
import { isQualifiedName, metadataOf, toQualifiedName } from '../../../src/model/pod/annotations';
import { envFromFiles } from '../../../src/model/storage/env-files';
import { ProjectObjects } from '../../../src/model/base/objects';
import { contextFor, messages } from '../project';

describe('envFromFiles', () => {
  const envFile = (path: string, required = true, format?: string) => ({ path: `/project/${path}`, required, ...(format ? { format } : {}) });

  it('makes one ConfigMap per file, shared by services, referenced in file order', () => {
    const ctx = contextFor({
      services: { a: { image: 'x', env_file: [envFile('common.env'), envFile('a.env')] }, b: { image: 'x', env_file: [envFile('common.env')] } },
      files: { 'common.env': 'A=1\nB="two ${A}"\n', 'a.env': 'export C=3 # comment\n' },
    });
    const objects = new ProjectObjects();
    expect(envFromFiles(ctx.project.services.a, ctx, objects)).toEqual([{ configMapRef: { name: 'common-env' } }, { configMapRef: { name: 'a-env' } }]);
    expect(envFromFiles(ctx.project.services.b, ctx, objects)).toEqual([{ configMapRef: { name: 'common-env' } }]);
    expect([...objects.configMaps.values()].map((c) => c.data)).toEqual([{ A: '1', B: 'two 1' }, { C: '3' }]);
  });

  it('errors on a missing required file, with its location, and skips an optional one', () => {
    const ctx = contextFor({ services: { a: { image: 'x', env_file: [envFile('gone.env'), envFile('maybe.env', false)] } }, lines: { 'services.a.env_file[0]': 4 } });
    expect(envFromFiles(ctx.project.services.a, ctx, new ProjectObjects())).toEqual([]);
    expect(ctx.diags.list).toEqual([expect.objectContaining({ code: 'env-file-missing', severity: 'error', pos: { file: '/project/compose.yaml', line: 4, col: 3 } })]);
  });

  it('reports credential-like keys, which a ConfigMap does not protect, without their values', () => {
    const ctx = contextFor({ services: { a: { image: 'x', env_file: [envFile('.env')] } }, files: { '.env': 'DB_PASSWORD=hunter2\n' } });
    envFromFiles(ctx.project.services.a, ctx, new ProjectObjects());
    expect(messages(ctx)).toEqual([expect.stringMatching(/^env-file-secret: .*DB_PASSWORD/)]);
    expect(JSON.stringify(ctx.diags.list)).not.toContain('hunter2');
  });
});

describe('labels and annotations', () => {
  it('keeps valid keys and rewrites invalid ones into qualified names', () => {
    expect(isQualifiedName('com.example.team')).toBe(true);
    expect(isQualifiedName('example.com/owner')).toBe(true);
    expect(isQualifiedName('has space')).toBe(false);
    expect(toQualifiedName('has space')).toBe('has-space');
    expect(toQualifiedName('Example.COM/x y')).toBe('example.com/x-y');
    expect(isQualifiedName(toQualifiedName('a'.repeat(80)))).toBe(true);
  });

  it('labels and annotations → annotations; deploy.labels → workload labels, never the selector\'s', () => {
    const ctx = contextFor({
      services: { s: { image: 'x', labels: { 'com.example.a': '1' }, annotations: { 'example.com/b': '2' }, deploy: { labels: { tier: 'web', 'app.kubernetes.io/name': 'other' } } } },
    });
    expect(metadataOf(ctx.project.services.s, ctx)).toEqual({ annotations: { 'com.example.a': '1', 'example.com/b': '2' }, labels: { tier: 'web' } });
    expect(messages(ctx)[0]).toMatch(/^reserved-label/);
  });
});
