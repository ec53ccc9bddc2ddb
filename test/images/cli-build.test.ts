// `compose2k8s build` end to end through run(argv, io), with fake builders and cluster tools on
// PATH (fake-tools.ts) that record every command: which builder is chosen, the exact commands,
// --push, --load, --dry-run, and a failure that stops the run.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers';
import { fakeTools, type FakeTools, type Tool } from './fake-tools';

const SEED_DIR = path.join(ROOT, 'examples', 'seed');
const SEED = path.join(SEED_DIR, 'docker-compose.yml');
const FIXTURES = path.join(ROOT, 'test', 'images', 'fixtures');
const SEED_BUILD = `docker buildx build --load -t seed-web:latest -f ${SEED_DIR}/Dockerfile ${SEED_DIR}`;

let fakes: FakeTools | undefined;
afterEach(() => fakes?.remove());

function build(argv: string[], tools?: readonly Tool[], extra: Record<string, string> = {}) {
  fakes = fakeTools(tools);
  return runCli(['build', ...argv], { cwd: SEED_DIR, env: fakes.env(extra) });
}

describe('compose2k8s build --dry-run', () => {
  it('prints the seed example\'s build command and runs nothing but docker\'s buildx probe', async () => {
    const r = await build(['-f', SEED, '--dry-run']);
    expect([r.code, r.stdout, fakes!.lines()]).toEqual([0, `${SEED_BUILD}\n`, []]);
  });

  it('prints the push after the build, with --image-registry and --tag naming the image', async () => {
    const r = await build(['-f', SEED, '--dry-run', '--push', '--image-registry', 'ghcr.io/acme', '--tag', '1.4.2']);
    expect(r.stdout).toBe(`docker buildx build --load -t ghcr.io/acme/seed-web:1.4.2 -f ${SEED_DIR}/Dockerfile ${SEED_DIR}\ndocker push ghcr.io/acme/seed-web:1.4.2\n`);
  });

  it('takes convert\'s --image-tag as another name for --tag', async () => {
    const r = await build(['-f', SEED, '--dry-run', '--image-tag', '2.0']);
    expect(r.stdout).toContain('-t seed-web:2.0 ');
  });

  it('pipes an inline Dockerfile in with printf, on one line', async () => {
    const r = await build(['-f', path.join(FIXTURES, 'every-key', 'compose.yaml'), '--dry-run']);
    expect(r.stdout.split('\n')[0]).toMatch(/^printf '%s' \$'FROM alpine:3\.20\\nRUN apk add --no-cache ca-certificates\\n' \| docker buildx build --load -t keys-base:latest -f - /);
  });

  it('names a directory for podman\'s archives and prints the command creating it first', async () => {
    const r = await build(['-f', SEED, '--dry-run', '--builder', 'podman', '--load', 'kind']);
    const dir = path.join(path.dirname(fakes!.bin), 'compose2k8s-seed-images');
    expect(r.stdout.split('\n').slice(0, 1).concat(r.stdout.split('\n').slice(2, 4))).toEqual([
      `mkdir -p ${dir}`,
      `podman save -o ${dir}/seed-web_latest.tar docker.io/library/seed-web:latest`,
      `kind load image-archive ${dir}/seed-web_latest.tar`,
    ]);
  });
});

describe('finding the builder', () => {
  it('uses docker with buildx when docker is on PATH', async () => {
    await build(['-f', SEED]);
    expect(fakes!.calls()[0].argv).toEqual(['docker', 'buildx', 'version']);
  });

  it('uses docker\'s classic builder when docker has no buildx plugin', async () => {
    await build(['-f', SEED], ['docker'], { FAKE_NO_BUILDX: '1' });
    expect(fakes!.lines()).toEqual([`docker build -t seed-web:latest -f ${SEED_DIR}/Dockerfile ${SEED_DIR}`]);
  });

  it('takes podman when docker is not on PATH, before nerdctl and buildah', async () => {
    await build(['-f', SEED], ['podman', 'nerdctl', 'buildah']);
    expect(fakes!.lines()).toEqual([`podman build -t docker.io/library/seed-web:latest -f ${SEED_DIR}/Dockerfile ${SEED_DIR}`]);
  });

  it('takes nerdctl before buildah', async () => {
    await build(['-f', SEED], ['nerdctl', 'buildah']);
    expect(fakes!.lines()).toEqual([`nerdctl build -t seed-web:latest -f ${SEED_DIR}/Dockerfile ${SEED_DIR}`]);
  });

  it('takes buildah when it is the only builder', async () => {
    await build(['-f', SEED], ['buildah']);
    expect(fakes!.lines()).toEqual([`buildah build -t docker.io/library/seed-web:latest -f ${SEED_DIR}/Dockerfile ${SEED_DIR}`]);
  });

  it('uses the builder --builder names, even when another comes first on PATH', async () => {
    await build(['-f', SEED, '--builder', 'nerdctl']);
    expect(fakes!.lines()[0]).toMatch(/^nerdctl build /);
  });

  it('stops with exit 1 and says what it looked for when no builder is on PATH', async () => {
    const r = await build(['-f', SEED], ['kind']);
    expect([r.code, r.stderr]).toEqual([1, 'compose2k8s: no image builder found on PATH (looked for docker, podman, nerdctl, buildah)\n  hint: install one of them, or name one with --builder\n']);
  });

  it('stops with exit 1 when the builder --builder names is not on PATH', async () => {
    const r = await build(['-f', SEED, '--builder', 'buildah'], ['docker']);
    expect([r.code, r.stderr.split('\n')[0], fakes!.lines()]).toEqual([1, 'compose2k8s: buildah was not found on PATH', []]);
  });
});

describe('compose2k8s build', () => {
  it('builds the seed example\'s web image and nothing else', async () => {
    const r = await build(['-f', SEED]);
    expect([r.code, fakes!.lines()]).toEqual([0, [SEED_BUILD]]);
  });

  it('shows each command and ends with what it did', async () => {
    const r = await build(['-f', SEED, '--push', '--image-registry', 'ghcr.io/acme']);
    expect(r.stderr).toContain(`compose2k8s: building ghcr.io/acme/seed-web:latest (service "web")\n$ docker buildx build --load -t ghcr.io/acme/seed-web:latest`);
    expect(r.stderr.trim().split('\n').pop()).toBe('compose2k8s: 1 note (1 obsolete-version); built 1 of 1 image, pushed 1 of 1');
  });

  it('pushes after building, to the registry and with the tag asked for', async () => {
    await build(['-f', SEED, '--push', '--image-registry', 'ghcr.io/acme', '-t', '1.4.2']);
    expect(fakes!.lines()).toEqual([`docker buildx build --load -t ghcr.io/acme/seed-web:1.4.2 -f ${SEED_DIR}/Dockerfile ${SEED_DIR}`, 'docker push ghcr.io/acme/seed-web:1.4.2']);
  });

  it('refuses --push for an image without a registry, before building anything', async () => {
    const r = await build(['-f', SEED, '--push']);
    expect([r.code, fakes!.lines()]).toEqual([1, []]);
    expect(r.stderr).toContain('docker-compose.yml:4:12: error [build-push-no-registry] services.web.build: "seed-web:latest" names no registry');
  });

  it('loads the image into kind from docker, into the cluster --cluster names', async () => {
    await build(['-f', SEED, '--load', 'kind', '--cluster', 'dev']);
    expect(fakes!.lines()).toEqual([SEED_BUILD, 'kind load docker-image seed-web:latest --name dev']);
  });

  it('loads into minikube and k3d by their own commands', async () => {
    await build(['-f', SEED, '--load', 'minikube', '--cluster', 'demo']);
    const minikube = fakes!.lines()[1];
    fakes!.remove();
    await build(['-f', SEED, '--load', 'k3d']);
    expect([minikube, fakes!.lines()[1]]).toEqual(['minikube image load seed-web:latest --profile demo', 'k3d image import seed-web:latest']);
  });

  it('hands podman\'s image to the cluster as an archive in a directory it removes afterwards', async () => {
    await build(['-f', SEED, '--builder', 'podman', '--load', 'minikube']);
    const [, save, load] = fakes!.lines();
    const archive = save.split(' ')[3];
    expect([save, load]).toEqual([`podman save -o ${archive} docker.io/library/seed-web:latest`, `minikube image load ${archive}`]);
    expect(fs.existsSync(path.dirname(archive))).toBe(false);
  });

  it('saves nerdctl\'s and buildah\'s images with their own commands', async () => {
    await build(['-f', SEED, '--builder', 'nerdctl', '--load', 'k3d']);
    const nerdctl = fakes!.lines()[1].replace(/\/[^ ]*\.tar/, 'ARCHIVE');
    fakes!.remove();
    await build(['-f', SEED, '--builder', 'buildah', '--load', 'kind']);
    const buildah = fakes!.lines()[1].replace(/\/[^ :]*\.tar/, 'ARCHIVE');
    expect([nerdctl, buildah]).toEqual(['nerdctl save -o ARCHIVE seed-web:latest', 'buildah push docker.io/library/seed-web:latest docker-archive:ARCHIVE:docker.io/library/seed-web:latest']);
  });

  it('stops before building when the cluster tool of --load is not on PATH', async () => {
    const r = await build(['-f', SEED, '--load', 'k3d'], ['docker']);
    expect([r.code, fakes!.lines()]).toEqual([1, []]);
    expect(r.stderr).toContain('compose2k8s: k3d was not found on PATH, so --load k3d cannot load the images');
  });

  it('refuses --cluster without --load as a usage error', async () => {
    const r = await build(['-f', SEED, '--cluster', 'dev']);
    expect(r.code).toBe(2);
  });

  it('refuses --push together with --load as a usage error', async () => {
    const r = await build(['-f', SEED, '--push', '--load', 'kind']);
    expect(r.code).toBe(2);
  });

  it('builds an image that several services share once', async () => {
    await build(['-f', path.join(FIXTURES, 'shared-image', 'compose.yaml')]);
    expect(fakes!.lines().filter((l) => l.includes('-t ghcr.io/acme/jobs:1.0'))).toHaveLength(1);
  });

  it('hands an inline Dockerfile to the builder on stdin', async () => {
    await build(['-f', path.join(FIXTURES, 'every-key', 'compose.yaml')]);
    expect(fakes!.calls().find((c) => c.argv.includes('keys-base:latest'))?.stdin).toBe('FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n');
  });

  it('sets a build secret\'s variable from .env for the builder', async () => {
    await build(['-f', path.join(FIXTURES, 'every-key', 'compose.yaml')], undefined, { FAKE_SHOW_VAR: 'API_KEY' });
    expect(fakes!.calls().find((c) => c.argv.includes('registry.example.com/team/app:2.0'))?.shown).toBe('not-a-real-key');
  });
});

describe('a failure', () => {
  const failing = () => build(['-f', path.join(FIXTURES, 'shared-image', 'compose.yaml'), '--push', '--image-registry', 'ghcr.io/acme'], undefined, { FAKE_FAIL: 'shared-web' });

  it('stops the run with exit 1 and pushes nothing', async () => {
    const r = await failing();
    expect([r.code, fakes!.lines().filter((l) => l.startsWith('docker push'))]).toEqual([1, []]);
  });

  it('names the service, the command and the builder\'s last lines', async () => {
    const r = await failing();
    expect(r.stderr).toContain(
      [
        'compose2k8s: building ghcr.io/acme/shared-web:latest (service "web") failed (exit code 2)',
        `  command: docker buildx build --load -t ghcr.io/acme/shared-web:latest -f ${FIXTURES}/shared-image/web/Dockerfile ${FIXTURES}/shared-image/web`,
        '  its last lines:',
        '    #1 [internal] load build definition from Dockerfile',
        '    #5 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2',
        '    ERROR: failed to solve: exit code: 2',
      ].join('\n'),
    );
  });

  it('of a push stops the pushes after it', async () => {
    await build(['-f', path.join(FIXTURES, 'every-key', 'compose.yaml'), '--push', '--image-registry', 'ghcr.io/acme', '--builder', 'podman'], undefined, { FAKE_FAIL: 'push' });
    expect(fakes!.lines().filter((l) => l.includes(' push '))).toHaveLength(1);
  });
});
