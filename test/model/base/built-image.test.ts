// The names of the images compose builds and how the cluster pulls them (src/model/base/built-image.ts):
// the rule in the README's "Images compose builds", checked case by case and through convert().

import { describe, expect, it } from 'vitest';
import { builtImageName, builtImagePullPolicy, fullImageName, imageReferenceProblem, isLocalOnlyImage } from '../../../src/model/base/built-image';
import { convertYaml, manifest } from '../../helpers';

describe('builtImageName', () => {
  it('is <project>-<service>:latest, as docker compose names it', () => {
    expect(builtImageName('seed', 'web', {})).toBe('seed-web:latest');
  });

  it('takes the registry and the tag asked for', () => {
    expect(builtImageName('seed', 'web', { imageRegistry: 'ghcr.io/acme/', imageTag: '1.4.2' })).toBe('ghcr.io/acme/seed-web:1.4.2');
  });
});

describe('imageReferenceProblem (docker\'s reference grammar)', () => {
  it.each([
    'nginx',
    'nginx:1.27',
    'docker.io/library/redis:7-alpine',
    'localhost:5000/app:1',
    '[::1]:5000/app',
    'Registry.Example.com:443/team/app:v1.2.3-rc_1',
    `ghcr.io/acme/web:2@sha256:${'a'.repeat(64)}`,
    'a'.repeat(64),
  ])('takes %s', (image) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  it.each([
    ['shop/web:', 'its tag is empty (an unset variable after ":"?)'],
    ['MyImage', 'a repository name must be lower-case'],
    ['quay.io/Acme/web', 'a repository name must be lower-case'],
    ['foo//bar', 'it is not [REGISTRY/]NAME[:TAG][@DIGEST]'],
    ['-foo', 'it is not [REGISTRY/]NAME[:TAG][@DIGEST]'],
    ['web:-1', 'it is not [REGISTRY/]NAME[:TAG][@DIGEST]'],
    [`x/${'a'.repeat(255)}`, 'its name is longer than 255 characters'],
  ])('refuses %s: %s', (image, why) => {
    expect(imageReferenceProblem(image)).toBe(why);
  });

  it('is an error at image: in a conversion, and nothing is written', () => {
    const r = convertYaml('services:\n  web:\n    image: shop/web:${TAG}\n');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.path, d.pos?.line, d.pos?.col])).toEqual([['invalid-value', 'services.web.image', 3, 12]]);
    expect(errors[0].message).toContain('image "shop/web:" is not an image reference docker can pull: its tag is empty');
    expect(r.ok).toBe(false);
    expect(r.manifests).toEqual([]);
  });

  it('leaves ${VAR} text kept by --no-interpolate to the user', () => {
    const r = convertYaml('services:\n  web:\n    image: shop/web:${TAG}\n', { noInterpolate: true });
    expect(r.ok).toBe(true);
    expect((manifest(r, 'Deployment', 'web') as any).spec.template.spec.containers[0].image).toBe('shop/web:${TAG}');
  });
});

describe('isLocalOnlyImage', () => {
  it.each([
    ['seed-web:latest', true],
    ['demo-microservice', true],
    ['acme/web:latest', false],
    ['ghcr.io/acme/web', false],
    ['localhost:5000/web', false],
    ['localhost/web', false],
  ])('%s → %s', (image, expected) => {
    expect(isLocalOnlyImage(image)).toBe(expected);
  });
});

describe('fullImageName', () => {
  it.each([
    ['seed-web:latest', 'docker.io/library/seed-web:latest'],
    ['acme/web:1.0', 'docker.io/acme/web:1.0'],
    ['ghcr.io/acme/web:1.0', 'ghcr.io/acme/web:1.0'],
    ['localhost:5000/web', 'localhost:5000/web'],
  ])('%s → %s', (image, expected) => {
    expect(fullImageName(image)).toBe(expected);
  });
});

describe('builtImagePullPolicy', () => {
  it.each([
    ['seed-web:latest', 'IfNotPresent'],
    ['seed-web', 'IfNotPresent'],
    ['ghcr.io/acme/seed-web:1.4.2', 'IfNotPresent'],
    ['ghcr.io/acme/seed-web@sha256:0123', 'IfNotPresent'],
    ['localhost:5000/web:dev', 'IfNotPresent'],
    ['ghcr.io/acme/seed-web:latest', undefined],
    ['acme/web', undefined],
    ['localhost:5000/web', undefined],
  ])('%s → %s', (image, expected) => {
    expect(builtImagePullPolicy(image)).toBe(expected);
  });
});

describe('convert', () => {
  const policy = (text: string, options = {}) => (manifest(convertYaml(text, options), 'Deployment', 'web') as any).spec.template.spec.containers[0].imagePullPolicy;

  it('pulls a built image without a registry only if it is not on the node: it was loaded there', () => {
    expect(policy('services:\n  web:\n    build: .\n')).toBe('IfNotPresent');
  });

  it('leaves a pushed latest image to Kubernetes\' default (Always), so a rollout pulls the last push', () => {
    expect(policy('services:\n  web:\n    build: .\n', { imageRegistry: 'ghcr.io/acme' })).toBeUndefined();
  });

  it('pulls a pushed image with another tag only if it is not on the node', () => {
    expect(policy('services:\n  web:\n    build: .\n', { imageRegistry: 'ghcr.io/acme', imageTag: '1.4.2' })).toBe('IfNotPresent');
  });

  it('names the built image with --image-tag', () => {
    const r = convertYaml('services:\n  web:\n    build: .\n', { imageRegistry: 'ghcr.io/acme', imageTag: '1.4.2' });
    expect((manifest(r, 'Deployment', 'web') as any).spec.template.spec.containers[0].image).toBe('ghcr.io/acme/project-web:1.4.2');
  });

  it('applies the rule to a built image named by image:', () => {
    expect(policy('services:\n  web:\n    image: web-local\n    build: .\n')).toBe('IfNotPresent');
  });

  it('leaves --image-tag off an image named by image:', () => {
    const r = convertYaml('services:\n  web:\n    image: acme/web:2.0\n    build: .\n', { imageTag: '1.4.2' });
    expect((manifest(r, 'Deployment', 'web') as any).spec.template.spec.containers[0].image).toBe('acme/web:2.0');
  });

  it('lets compose\'s pull_policy say otherwise', () => {
    expect(policy('services:\n  web:\n    build: .\n    pull_policy: always\n')).toBe('Always');
  });

  it('pulls an image of pull_policy: build as any built image (compose2k8s build pushes or loads it)', () => {
    expect(policy('services:\n  web:\n    build: .\n    pull_policy: build\n')).toBe('IfNotPresent');
    expect(policy('services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    build: .\n    pull_policy: build\n')).toBe('IfNotPresent');
    expect(policy('services:\n  web:\n    image: ghcr.io/acme/web\n    build: .\n    pull_policy: build\n')).toBeUndefined();
  });

  it('lets x-k8s say otherwise', () => {
    expect(policy('services:\n  web:\n    build: .\n    x-k8s:\n      imagePullPolicy: Never\n')).toBe('Never');
  });

  it('leaves an image compose does not build to Kubernetes\' default', () => {
    expect(policy('services:\n  web:\n    image: nginx\n')).toBeUndefined();
  });

  it('gives a pre_start step run from the built image the same policy', () => {
    const r = convertYaml('services:\n  web:\n    build: .\n    pre_start:\n      - command: ["migrate"]\n');
    expect((manifest(r, 'Deployment', 'web') as any).spec.template.spec.initContainers.at(-1).imagePullPolicy).toBe('IfNotPresent');
  });
});
