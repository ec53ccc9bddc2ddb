// Manifests → the `kubectl apply -f -` stream (src/output/emit.ts).

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KIND_ORDER, sortManifests, type Manifest } from '../../src/kube/manifest';
import { manifestFileName, toStream, toYamlStream } from '../../src/output/emit';
import { kubeValidate, kubeValidateUnavailable } from '../helpers';

const m = (kind: string, name: string, apiVersion = 'v1'): Manifest => ({ apiVersion, kind, metadata: { name } });

describe('sortManifests', () => {
  it('puts dependencies first: Namespace, Secret, ConfigMap, PVC, Service, then workloads', () => {
    const sorted = sortManifests([m('Deployment', 'web', 'apps/v1'), m('Service', 'web'), m('PersistentVolumeClaim', 'data'), m('ConfigMap', 'conf'), m('Secret', 's'), m('Namespace', 'ns')]);
    expect(sorted.map((x) => x.kind)).toEqual(['Namespace', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Service', 'Deployment']);
  });

  it('sorts by name within a kind', () => {
    expect(sortManifests([m('Service', 'web'), m('Service', 'db'), m('Service', 'cache')]).map((x) => x.metadata.name)).toEqual(['cache', 'db', 'web']);
  });

  it('puts policies and ingress after the workloads, unknown kinds last', () => {
    const sorted = sortManifests([m('Ingress', 'i'), m('Widget', 'w'), m('HorizontalPodAutoscaler', 'h'), m('Deployment', 'd')]);
    expect(sorted.map((x) => x.kind)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Widget']);
  });

  it('does not change its input', () => {
    const input = [m('Service', 'b'), m('Service', 'a')];
    sortManifests(input);
    expect(input.map((x) => x.metadata.name)).toEqual(['b', 'a']);
  });

  it('lists every kind the chart makes', () => {
    expect(KIND_ORDER).toEqual(expect.arrayContaining(['Namespace', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Service', 'Deployment', 'StatefulSet', 'Job']));
  });
});

describe('toYamlStream', () => {
  const manifests = [m('Service', 'db'), { ...m('Deployment', 'web', 'apps/v1'), spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', args: ['--flag=$$(x)', 'on', '0123'] }] } } } }];

  it('writes documents separated by ---, each parsed back to the same object', () => {
    const text = toYamlStream(manifests);
    const docs = parseAllDocuments(text).map((d) => (d as { toJS(): unknown }).toJS());
    expect(docs).toEqual(manifests);
    expect(text.split('\n').filter((l) => l === '---')).toHaveLength(1);
  });

  it('quotes strings YAML would read as something else', () => {
    const text = toYamlStream(manifests);
    expect(text).toContain('"on"');
    expect(text).toContain('"0123"');
  });

  // kubectl reads YAML 1.1 (go-yaml v2): unquoted `off` is false, `0o17` is 15, `1_000` is 1000.
  const ambiguous = ['on', 'Off', 'yes', 'NO', 'y', 'n', '~', 'null', '0o17', '0b101', '1_000', '0123', '0x1F', '.5', '1e3', '+1', '.inf'];
  it.each(ambiguous)('quotes %j, which kubectl would not read as a string', (value) => {
    const text = toYamlStream([{ ...m('ConfigMap', 'c'), data: { [value]: value } }]);
    expect(text).toContain(`"${value}": "${value}"`);
    const [doc] = parseAllDocuments(text, { version: '1.1' });
    expect((doc as { toJS(): { data: unknown } }).toJS().data).toEqual({ [value]: value });
  });

  it.each(['1Gi', '500m', '1:20', '1.2.3', 'nginx:1.25', 'yes-please', 'ON_CALL', '08:00'])('leaves %j plain: kubectl reads it as a string too', (value) => {
    expect(toYamlStream([{ ...m('ConfigMap', 'c'), data: { k: value } }])).toContain(`k: ${value}\n`);
  });

  // NEL, LS and PS end a line in YAML 1.1: written raw, kubectl folds them or cannot parse the file.
  const breaks = { nel: 'p\u0085q', ls: 'x\u2028y', ps: 'multi\nline\u2029end\n', ['key\u2028']: 'v' };
  it('escapes YAML 1.1 line breaks (\\N, \\L, \\P) and reads them back the same in YAML 1.1 and 1.2', () => {
    const text = toYamlStream([{ ...m('ConfigMap', 'c'), data: breaks }]);
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(text).toContain('nel: "p\\Nq"');
    expect(text).toContain('ls: "x\\Ly"');
    expect(text).toContain('ps: "multi\\nline\\Pend\\n"');
    expect(text).toContain('"key\\L": v');
    for (const version of ['1.1', '1.2'] as const) {
      const [doc] = parseAllDocuments(text, { version });
      expect((doc as { toJS(): { data: unknown } }).toJS().data).toEqual(breaks);
    }
  });

  it.skipIf(kubeValidateUnavailable())('writes YAML 1.1 line breaks so that kubectl parses the file', () => {
    const { ok, output } = kubeValidate(new Map([['breaks', toYamlStream([{ ...m('ConfigMap', 'c'), data: breaks }])]]));
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
  });

  it('is byte-identical from run to run', () => {
    expect(toYamlStream(manifests)).toBe(toYamlStream(JSON.parse(JSON.stringify(manifests))));
  });

  it('never folds long lines (a folded command would still parse, but be unreadable)', () => {
    const long = 'x '.repeat(100);
    expect(toYamlStream([{ ...m('ConfigMap', 'c'), data: { k: long } }])).toContain(long.trim());
  });

  it('gives an empty stream for no manifests', () => {
    expect(toYamlStream([])).toBe('');
  });
});

describe('manifestFileName', () => {
  it('prefixes the kind rank so `kubectl apply -f DIR` keeps dependency order', () => {
    const names = [m('Deployment', 'web'), m('ConfigMap', 'conf'), m('Namespace', 'ns')].map(manifestFileName);
    expect(names[0]).toMatch(/^\d\d-deployment-web\.yaml$/);
    expect(names[2]).toBe('00-namespace-ns.yaml');
    expect([...names].sort()).toEqual([names[2], names[1], names[0]]);
  });
});

describe('-j: JSON', () => {
  const manifests = [m('Service', 'db'), { ...m('ConfigMap', 'c'), data: { on: 'off', n: '0123' } }];

  it('writes one v1 List holding the manifests in apply order', () => {
    expect(JSON.parse(toStream(manifests, 'json'))).toEqual({ apiVersion: 'v1', kind: 'List', items: manifests });
  });

  it('keeps strings strings, with no quoting to think of', () => {
    expect(toStream(manifests, 'json')).toContain('"on": "off"');
  });

  it('writes the same text twice', () => {
    expect(toStream(manifests, 'json')).toBe(toStream(JSON.parse(JSON.stringify(manifests)), 'json'));
  });

  it('names files .json', () => {
    expect(manifestFileName(m('Service', 'db'), { encoding: 'json' })).toBe('07-service-db.json');
  });

  it('writes YAML when asked for YAML, as before', () => {
    expect(toStream(manifests, 'yaml')).toBe(toYamlStream(manifests));
  });
});
