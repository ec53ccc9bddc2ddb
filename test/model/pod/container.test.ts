// A compose service → its main container (src/model/pod/container.ts).

import { describe, expect, it } from 'vitest';
import { builtImageName } from '../../../src/model/base/built-image';
import { envOf, escapeKubeExpansion, imageOf, mainContainer } from '../../../src/model/pod/container';
import { contextFor, messages } from '../project';

const noParts = { ports: [], mounts: [] };

describe('mainContainer', () => {
  it('maps entrypoint → command and command → args (compose and Kubernetes name them the other way round)', () => {
    const ctx = contextFor({ services: { web: { image: 'python:3', entrypoint: ['python', '-u'], command: ['app.py', '--port', '5000'] } } });
    const c = mainContainer(ctx.project.services.web, ctx, noParts);
    expect(c.command).toEqual(['python', '-u']);
    expect(c.args).toEqual(['app.py', '--port', '5000']);
  });

  it('leaves command and args out when compose does not set them', () => {
    const ctx = contextFor({ services: { web: { image: 'nginx' } } });
    expect(mainContainer(ctx.project.services.web, ctx, noParts)).toEqual({ name: 'web', image: 'nginx' });
  });

  it('names the container after the service, sanitised', () => {
    const ctx = contextFor({ services: { Flask_App: { image: 'x' } } });
    expect(mainContainer(ctx.project.services.Flask_App, ctx, noParts).name).toBe('flask-app');
  });

  it('keeps working_dir, env in order, ports and mounts', () => {
    const ctx = contextFor({ services: { web: { image: 'x', working_dir: '/code', environment: { B: '2', A: '1' } } } });
    const c = mainContainer(ctx.project.services.web, ctx, { ports: [{ containerPort: 80, protocol: 'TCP' }], mounts: [{ name: 'd', mountPath: '/d' }] });
    expect(c).toEqual({
      name: 'web',
      image: 'x',
      workingDir: '/code',
      env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }],
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      volumeMounts: [{ name: 'd', mountPath: '/d' }],
    });
  });

  it('escapes $( in command, args and env so Kubernetes does not expand it', () => {
    const ctx = contextFor({
      services: { db: { image: 'mariadb', entrypoint: ['sh', '-c'], command: ['mysqladmin ping --password="$(cat /run/secrets/pw)"'], environment: { X: '$(HOSTNAME)' } } },
    });
    const c = mainContainer(ctx.project.services.db, ctx, noParts);
    expect(c.args).toEqual(['mysqladmin ping --password="$$(cat /run/secrets/pw)"']);
    expect(c.env).toEqual([{ name: 'X', value: '$$(HOSTNAME)' }]);
  });
});

describe('escapeKubeExpansion', () => {
  it('doubles the $ of every $( and leaves other dollars alone', () => {
    expect(escapeKubeExpansion('$(a) $b ${c} $(d)')).toBe('$$(a) $b ${c} $$(d)');
  });
});

describe('env', () => {
  it('leaves out a variable with no value, as docker compose does, and notes it at its entry', () => {
    const ctx = contextFor({ services: { web: { image: 'x', environment: { SET: 'yes', UNSET: null } } }, lines: { 'services.web.environment.UNSET': 5 } });
    expect(envOf(ctx.project.services.web, ctx)).toEqual([{ name: 'SET', value: 'yes' }]);
    expect(ctx.diags.list).toEqual([
      expect.objectContaining({ code: 'unset-environment', severity: 'note', item: 'UNSET', path: 'services.web.environment.UNSET', pos: { file: '/project/compose.yaml', line: 5, col: 3 } }),
    ]);
  });
});

describe('images', () => {
  it('uses image: as written', () => {
    const ctx = contextFor({ services: { web: { image: 'registry.example.com/team/web:1.2', build: { context: '/project' } } } });
    expect(imageOf(ctx.project.services.web, ctx)).toBe('registry.example.com/team/web:1.2');
    expect(ctx.diags.list).toEqual([]);
  });

  it('names a built image <project>-<service>:latest, as docker compose does, and warns to build and push it', () => {
    const ctx = contextFor({ services: { web: { build: { context: '/project/app' } } }, lines: { 'services.web.build': 4 } });
    expect(imageOf(ctx.project.services.web, ctx)).toBe('demo-web:latest');
    expect(messages(ctx)).toEqual(['build-image: service "web" is built from ./app; the cluster will pull "demo-web:latest", which must be built and pushed first']);
    expect(ctx.diags.list[0].hint).toBe('load it into a local cluster with compose2k8s build --load kind (or minikube, k3d); for another cluster, push it with compose2k8s build --push --image-registry REGISTRY and convert with that --image-registry');
  });

  it('prefixes the built image with --image-registry, without a doubled slash', () => {
    const ctx = contextFor({ services: { web: { build: { context: '/project' } } }, options: { imageRegistry: 'ghcr.io/acme/' } });
    expect(imageOf(ctx.project.services.web, ctx)).toBe('ghcr.io/acme/demo-web:latest');
    expect(ctx.diags.list[0].hint).toBe("build and push it with compose2k8s build --push --image-registry ghcr.io/acme/ (and this command's -f, -p)");
  });

  it('lower-cases the built image name (image references must be lowercase)', () => {
    expect(builtImageName('demo', 'Web_UI', {})).toBe('demo-web_ui:latest');
  });
});
