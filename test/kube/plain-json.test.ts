// The chart's objects print, through plainApiObjectJson (src/kube/plain-json.ts), exactly what
// cdk8s's own toJson() prints for them, key order included: on every example and fixture, with a
// namespace and under the prod environment (HPAs, PDBs). Objects cdk8s would treat otherwise (a
// resolver given to the App, a JSON patch, a Lazy, a non-plain value) take cdk8s's own path.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, Lazy, JsonPatch, type IResolver, type ResolutionContext } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { PlanChart } from '../../src/kube/chart';
import { KubeConfigMap } from '../../src/kube/objects';
import { plainApiObjectJson } from '../../src/kube/plain-json';
import { loadPreset } from '../../src/load-preset';
import type { AppPlan } from '../../src/model/base/plan';
import { convertFile, ROOT } from '../helpers';

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

function composeFiles(root: string): string[] {
  return fs
    .readdirSync(root)
    .sort()
    .flatMap((name) => COMPOSE_NAMES.map((f) => path.join(root, name, f)).filter((f) => fs.existsSync(f)).slice(0, 1));
}

const files = [...composeFiles(path.join(ROOT, 'examples')), ...composeFiles(path.join(ROOT, 'test', 'fixtures'))];
const prod = loadPreset('prod').preset;

/** cdk8s's own JSON of an object of ours: the L1 class's toJson, which our subclass overrides. */
function cdk8sJson(obj: ApiObject): unknown {
  const l1 = Object.getPrototypeOf(Object.getPrototypeOf(obj)) as { toJson(this: ApiObject): unknown };
  return l1.toJson.call(obj);
}

function chartOf(plan: AppPlan, props: ConstructorParameters<typeof App>[0] = {}): PlanChart {
  return new PlanChart(new App({ outdir: '/nonexistent', ...props }), plan.project, { plan });
}

const objects = (chart: Chart) => chart.node.findAll().filter(ApiObject.isApiObject);

describe('plainApiObjectJson', () => {
  const cases = files.flatMap((file) => [
    { name: path.relative(ROOT, file), options: {} },
    { name: `${path.relative(ROOT, file)} -n ns --env prod`, options: { namespace: 'ns', environment: prod } },
  ]);
  const kinds = new Set<string>();

  it.each(cases)('$name: every object as cdk8s prints it, key order included', ({ name, options }) => {
    const result = convertFile(path.join(ROOT, name.split(' ')[0]), options);
    expect(result.plan, name).toBeDefined();
    for (const obj of objects(chartOf(result.plan!))) {
      kinds.add(obj.kind);
      // The fast path is taken (else this test would compare cdk8s with itself).
      expect(plainApiObjectJson(obj), obj.node.path).toBeDefined();
      expect(JSON.stringify(obj.toJson())).toBe(JSON.stringify(cdk8sJson(obj)));
    }
  });

  it('has met every kind the chart makes but none in the goldens (Namespace, PodDisruptionBudget)', () => {
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['Deployment', 'HorizontalPodAutoscaler', 'Namespace', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'Service', 'StatefulSet']));
  });

  const seedPlan = () => convertFile(path.join(ROOT, 'examples', 'seed', 'docker-compose.yml')).plan!;

  it('leaves an App with resolvers of its own to cdk8s, which applies them', () => {
    const upper: IResolver = { resolve: (c: ResolutionContext) => typeof c.value === 'string' && c.value === 'web' && c.replaceValue('WEB') };
    const chart = chartOf(seedPlan(), { resolvers: [upper] });
    const [obj] = objects(chart).filter((o) => o.kind === 'Deployment' && o.name === 'web');
    expect(plainApiObjectJson(obj)).toBeUndefined();
    expect((obj.toJson() as { metadata: { name: string } }).metadata.name).toBe('WEB');
  });

  it('leaves an object with a JSON patch to cdk8s, which applies it', () => {
    const [obj] = objects(chartOf(seedPlan())).filter((o) => o.kind === 'Deployment');
    obj.addJsonPatch(JsonPatch.add('/spec/paused', true));
    expect(plainApiObjectJson(obj)).toBeUndefined();
    expect((obj.toJson() as { spec: { paused: boolean } }).spec.paused).toBe(true);
  });

  it('leaves a Lazy in the metadata to cdk8s, which resolves it', () => {
    const [obj] = objects(chartOf(seedPlan())).filter((o) => o.kind === 'Service');
    obj.metadata.addLabel('tier', Lazy.any({ produce: () => 'front' }));
    expect(plainApiObjectJson(obj)).toBeUndefined();
    expect((obj.toJson() as { metadata: { labels: Record<string, string> } }).metadata.labels.tier).toBe('front');
  });

  it('sorts no keys when CDK8S_DISABLE_SORT is set, as cdk8s', () => {
    const chart = new Chart(new App({ outdir: '/nonexistent' }), 'c');
    const obj = new KubeConfigMap(chart, 'cm', { metadata: { name: 'cm' }, data: { b: '1', a: '2' } });
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(Object.keys((obj.toJson() as { data: object }).data)).toEqual(['b', 'a']);
      expect(JSON.stringify(obj.toJson())).toBe(JSON.stringify(cdk8sJson(obj)));
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
    expect(Object.keys((obj.toJson() as { data: object }).data)).toEqual(['a', 'b']);
  });

  it('reads strings as cdk8s does when String.prototype has a `value` (NumberStringUnionResolver then acts on every string)', () => {
    const chart = new Chart(new App({ outdir: '/nonexistent' }), 'c');
    const obj = new KubeConfigMap(chart, 'cm', { metadata: { name: 'cm' }, data: { a: 'x' } });
    Object.defineProperty(String.prototype, 'value', { value: 7, configurable: true });
    try {
      expect(JSON.stringify(obj.toJson())).toBe(JSON.stringify(cdk8sJson(obj)));
      expect((obj.toJson() as { data: Record<string, unknown> }).data.a).toEqual({ value: 7 });
    } finally {
      delete (String.prototype as { value?: unknown }).value;
    }
  });

  it('fails as cdk8s fails on a value that is not plain data (a data key named "constructor")', () => {
    const chart = new Chart(new App({ outdir: '/nonexistent' }), 'c');
    const obj = new KubeConfigMap(chart, 'cm', { metadata: { name: 'cm' }, data: { constructor: 'x' } as Record<string, string> });
    expect(plainApiObjectJson(obj)).toBeUndefined();
    expect(() => cdk8sJson(obj)).toThrow(/non-simple object/);
    expect(() => obj.toJson()).toThrow(/non-simple object/);
  });
});
