// The pieces of a chart's values: image references split and joined back exactly, the values key
// of each service, and what an environment's values file holds.

import { describe, expect, it } from 'vitest';
import { joinImage, serviceKeys, splitImage, valuesDiff, valuesRef } from '../../src/output/helm/values';
import { escapeTemplate } from '../../src/output/helm/render';

describe('splitImage', () => {
  it.each([
    ['redis', { repository: 'redis', tag: '' }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    ['ghcr.io/example/shop-api:1.4', { registry: 'ghcr.io', repository: 'example/shop-api', tag: '1.4' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app', tag: '' }],
    ['bitnami/redis:7.2@sha256:' + 'a'.repeat(64), { repository: 'bitnami/redis', tag: '7.2', digest: 'sha256:' + 'a'.repeat(64) }],
    ['nginx:${TAG}', { repository: 'nginx', tag: '${TAG}' }],
  ])('splits %s into the parts a user changes', (image, parts) => {
    expect(splitImage(image)).toEqual(parts);
  });

  it('keeps a reference its parts would not give back whole, in repository', () => {
    expect(splitImage('app:')).toEqual({ repository: 'app:', tag: '' });
  });

  it('joins the parts back into the reference compose wrote', () => {
    for (const image of ['redis', 'ghcr.io/a/b:1@sha256:' + 'b'.repeat(64), 'registry:5000/x/y:z']) expect(joinImage(splitImage(image))).toBe(image);
  });
});

describe('serviceKeys', () => {
  it('keys a service by its compose name', () => {
    expect([...serviceKeys(['web', 'my_db']).values()]).toEqual(['web', 'my_db']);
  });

  it('appends -service to a name the chart uses itself', () => {
    expect(serviceKeys(['global', 'secrets']).get('global')).toBe('global-service');
  });
});

describe('valuesRef', () => {
  it('reads a key that is not a template identifier with index', () => {
    expect(valuesRef(['my-svc', 'image'])).toBe('(index $.Values "my-svc").image');
  });
});

describe('valuesDiff', () => {
  it('holds only the keys whose value changed', () => {
    expect(valuesDiff({ web: { replicas: 1, image: { tag: '1' } } }, { web: { replicas: 2, image: { tag: '1' } } })).toEqual({ web: { replicas: 2 } });
  });

  it('removes a key the environment does not have with null', () => {
    expect(valuesDiff({ pdb: { enabled: true, maxUnavailable: 1 } }, { pdb: { enabled: true, minAvailable: '50%' } })).toEqual({ pdb: { minAvailable: '50%', maxUnavailable: null } });
  });

  it('turns a section off with enabled: false alone', () => {
    expect(valuesDiff({ hpa: { enabled: true, minReplicas: 2 } }, { hpa: { enabled: false } })).toEqual({ hpa: { enabled: false } });
  });
});

describe('escapeTemplate', () => {
  it('makes {{ text the template engine prints back as {{', () => {
    expect(escapeTemplate('a {{ b }}')).toBe('a {{`{{`}} b }}');
  });
});
