// Environment presets: the built-in ones parse and say what the README promises; every unknown key
// and bad value in a user's preset is an error at its file:line:col.

import { describe, expect, it } from 'vitest';
import { formatDiagnosticShort } from '../../../src/common/diagnostics';
import { loadPreset } from '../../../src/load-preset';
import { parsePreset } from '../../../src/model/settings/preset';
import { builtInPresetNames, isPresetPath } from '../../../src/node-presets';

const FILE = '/work/env.yaml';
const errors = (text: string) => parsePreset(FILE, text).diagnostics.list.map((d) => formatDiagnosticShort(d));

describe('built-in presets', () => {
  it('are dev, prod and staging, found from the sources', () => {
    expect(builtInPresetNames()).toEqual(['dev', 'prod', 'staging']);
  });

  it.each(['dev', 'staging', 'prod'])('%s parses without a diagnostic and has a description', (name) => {
    const { preset, diagnostics } = loadPreset(name);
    expect(diagnostics.list).toEqual([]);
    expect(preset?.name).toBe(name);
    expect(preset?.description).toMatch(/\w/);
  });

  it('prod runs at least 2 replicas, with requests, limits, autoscaling and PDBs', () => {
    const prod = loadPreset('prod').preset!;
    expect(prod.replicas).toBeGreaterThanOrEqual(2);
    expect(prod.resources?.requests?.cpu).toBeDefined();
    expect(prod.resources?.limits?.memory).toBeDefined();
    expect(prod.autoscale && prod.autoscale.min).toBeGreaterThanOrEqual(2);
    expect(prod.pdb).toBeTruthy();
  });

  it('dev stays at 1 replica with no resources, no autoscaling and no PDBs', () => {
    const dev = loadPreset('dev').preset!;
    expect(dev.replicas).toBe(1);
    expect(dev.resources).toBeUndefined();
    expect(dev.autoscale).toBe(false);
    expect(dev.pdb).toBe(false);
  });

  it('an unknown built-in name is refused with the list of names', () => {
    expect(() => loadPreset('production')).toThrow(/unknown environment "production"; built-in ones are dev, prod, staging/);
  });

  it('a name with a slash or a .yaml ending is a file, anything else a built-in', () => {
    expect(isPresetPath('./qa.yaml')).toBe(true);
    expect(isPresetPath('envs/qa')).toBe(true);
    expect(isPresetPath('qa.yml')).toBe(true);
    expect(isPresetPath('prod')).toBe(false);
  });
});

describe('parsePreset', () => {
  it('reads every key of the format', () => {
    const { preset, diagnostics } = parsePreset(
      FILE,
      [
        'description: QA',
        'namespace: shop-qa',
        'replicas: 2',
        'resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 1, memory: 1Gi } }',
        'autoscale: { min: 2, max: 5, cpu: 70, memory: 80 }',
        'pdb: { minAvailable: "50%" }',
        'storage: { class: fast-ssd, size: 5Gi, volumes: { db-data: 20Gi } }',
        'labels: { environment: qa, example.com/team: shop }',
        'annotations: { example.com/owner: "Shop team <shop@example.com>" }',
        'services: { web: { replicas: 3, autoscale: false, pdb: true, resources: { limits: { memory: 2Gi } } } }',
      ].join('\n'),
    );
    expect(diagnostics.list).toEqual([]);
    expect(preset).toMatchObject({
      name: 'env',
      namespace: 'shop-qa',
      replicas: 2,
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      autoscale: { min: 2, max: 5, cpu: 70, memory: 80 },
      pdb: { minAvailable: '50%' },
      storage: { class: 'fast-ssd', size: '5Gi', volumes: { 'db-data': '20Gi' } },
      labels: { environment: 'qa', 'example.com/team': 'shop' },
      annotations: { 'example.com/owner': 'Shop team <shop@example.com>' },
      services: { web: { replicas: 3, autoscale: false, pdb: { maxUnavailable: 1 }, resources: { limits: { memory: '2Gi' } } } },
    });
  });

  it('an empty file is a preset that changes nothing', () => {
    expect(parsePreset(FILE, '# nothing yet\n').preset).toEqual(expect.objectContaining({ name: 'env' }));
  });

  it('reports an unknown key at its line and column, with the allowed keys', () => {
    const { preset, diagnostics } = parsePreset(FILE, 'replicas: 2\nreplica: 3\n');
    expect(preset).toBeUndefined();
    expect(diagnostics.list).toHaveLength(1);
    expect(formatDiagnosticShort(diagnostics.list[0])).toBe('/work/env.yaml:2:10: error [preset-unknown-key] replica: unknown key "replica" in environment preset env');
    expect(diagnostics.list[0].hint).toContain('replicas, resources, autoscale');
  });

  it('reports an unknown key inside services.<name> where it is written', () => {
    expect(errors('services:\n  web:\n    replicas: 2\n    cpu: 1\n')).toEqual(['/work/env.yaml:4:10: error [preset-unknown-key] services.web.cpu: unknown key "cpu" in environment preset env']);
  });

  it.each([
    ['replicas: -1', /1:11: error \[preset-invalid-value\] replicas: must be a whole number from 0, not -1/],
    ['replicas: two', /replicas: must be a whole number/],
    ['namespace: Prod_1', /namespace: must be a DNS-1123 label/],
    ['resources: { requests: { cpu: lots } }', /1:31: .*"lots" is not a Kubernetes quantity/],
    ['resources: { limits: { memory: 512m } }', /"512m" means 0.512 bytes; write 512Mi for mebibytes/],
    ['autoscale: { min: 5, max: 2 }', /autoscale: min 5 is above max 2/],
    ['autoscale: { max: 4 }', /autoscale: needs both min and max/],
    ['autoscale: true', /autoscale: must be a mapping/],
    ['pdb: { minAvailable: 1, maxUnavailable: 1 }', /set minAvailable or maxUnavailable, not both/],
    ['pdb: { maxUnavailable: "150%" }', /must be a whole number or a percentage/],
    ['storage: { size: big }', /"big" is not a Kubernetes quantity/],
    ['labels: { app.kubernetes.io/name: web }', /"app.kubernetes.io\/name" is set by compose2k8s and used in selectors/],
    ['labels: { tier: "front end" }', /label value "front end" must be letters, digits/],
    ['services: [web]', /services: must be a mapping of names to settings/],
  ])('refuses %s', (text, message) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(errors('replicas: [2\n')[0]).toMatch(/^\/work\/env.yaml:\d+:\d+: error \[yaml-syntax\]/);
  });
});
