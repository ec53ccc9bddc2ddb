// `--format helm` on the environments fixture (a web, an autoscaled API, a worker, a database with a
// volume) and the secrets fixture, with the real helm: what the chart holds, what a value changes,
// what the schema refuses, two releases in two namespaces, Secrets that stay out of values files.
// (helm-equivalence.test.ts checks every project and environment against convert --env.)

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { convertVariants, helmChartFiles, loadPreset, nodeHost } from '../src/index';
import { HELM_VALUES_START, replaceValuesSection } from '../src/output/helm/value-docs';
import { jsonDiff } from '../src/output/json-diff';
import { ROOT, runCli } from './helpers';
import { helmBinary, installUnavailable, mergeValues, objectsByKey, runHelm, withDiscoveryServer, withoutHelmLabels } from './helm-binary';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'environments');
const SECRETS = path.join(ROOT, 'test', 'fixtures', 'secrets-configs');
const QA = path.join(FIXTURE, 'qa.yaml');
const ENVS = ['dev', 'staging', 'prod', 'qa'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-helm-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const binary = helmBinary();
const unavailable = 'unavailable' in binary ? binary.unavailable : undefined;
const helm = 'helm' in binary ? binary.helm : '';
const chart = path.join(tmp, 'shop');
const read = (file: string) => fs.readFileSync(path.join(chart, file), 'utf8');
const template = (...args: string[]) => runHelm(helm, ['template', 'shop', chart, ...args]);

beforeAll(async () => {
  const r = await runCli(['convert', '-f', 'compose.yaml', '--env', 'dev', '--env', 'staging', '--env', 'prod', '--env', QA, '--format', 'helm', '--app-version', '1.4.0', '-o', chart], { cwd: FIXTURE });
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('the chart --format helm writes', () => {
  it('holds Chart.yaml, values.yaml, one values file per environment, the schema, helpers, notes and a template per object', () => {
    const files = fs.readdirSync(chart).sort();
    expect(files).toEqual(['Chart.yaml', 'templates', 'values-dev.yaml', 'values-prod.yaml', 'values-qa.yaml', 'values-staging.yaml', 'values.schema.json', 'values.yaml']);
    expect(fs.readdirSync(path.join(chart, 'templates'))).toEqual(expect.arrayContaining(['_helpers.tpl', 'NOTES.txt', '08-deployment-web.yaml', '13-horizontalpodautoscaler-web.yaml', '00-namespace.yaml']));
  });

  it('names the chart after the project, version 0.1.0 unless --chart-version says, appVersion from --app-version', () => {
    expect(parse(read('Chart.yaml'))).toMatchObject({ apiVersion: 'v2', name: 'shop', version: '0.1.0', appVersion: '1.4.0' });
  });

  it('values-prod.yaml holds only what prod changes: no image, and the database keeps its one replica', () => {
    const prod = parse(read('values-prod.yaml'));
    // values.yaml already has 10 pods at most and 1 unavailable, ready for an HPA and a PDB.
    expect(prod.web).toEqual({ replicas: 2, resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } }, autoscaling: { enabled: true, minReplicas: 2, targetCPUUtilizationPercentage: 70 }, podDisruptionBudget: { enabled: true } });
    expect(prod.db).toEqual({ resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } });
  });

  it('values.yaml splits each image into repository and tag, as compose wrote it', () => {
    expect(parse(read('values.yaml')).api.image).toEqual({ registry: 'ghcr.io', repository: 'example/shop-api', tag: '1.4' });
  });

  it('the same conversion writes the same chart, byte for byte', async () => {
    const again = path.join(tmp, 'again');
    await runCli(['convert', '-f', 'compose.yaml', '--env', 'dev', '--env', 'staging', '--env', 'prod', '--env', QA, '--format', 'helm', '--app-version', '1.4.0', '-o', again], { cwd: FIXTURE });
    for (const f of ['values.yaml', 'values-qa.yaml', 'values.schema.json', 'templates/08-deployment-web.yaml']) expect(fs.readFileSync(path.join(again, f), 'utf8')).toBe(read(f));
  });

  it('a second run replaces a chart written before (its helpers and notes included)', async () => {
    const r = await runCli(['convert', '-f', 'compose.yaml', '--env', 'prod', '--format', 'helm', '-o', chart + '-rewritten'], { cwd: FIXTURE });
    const again = await runCli(['convert', '-f', 'compose.yaml', '--env', 'dev', '--format', 'helm', '-o', chart + '-rewritten'], { cwd: FIXTURE });
    expect([r.code, again.code]).toEqual([0, 0]);
    expect(fs.readdirSync(chart + '-rewritten').filter((f) => f.startsWith('values-'))).toEqual(['values-dev.yaml']);
  });

  it('takes Chart.yaml\'s version from --chart-version, and writes no appVersion without --app-version', async () => {
    const dir = path.join(tmp, 'versioned');
    const r = await runCli(['convert', '-f', 'compose.yaml', '--format', 'helm', '--chart-version', '2.3.4-rc.1', '-o', dir], { cwd: FIXTURE });
    expect(r.code, r.stderr).toBe(0);
    const meta = parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
    expect([meta.version, 'appVersion' in meta]).toEqual(['2.3.4-rc.1', false]);
  });

  it('a conversion that fails leaves the chart written before as it was, and nothing beside it', async () => {
    const project = path.join(tmp, 'broken');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    ports: ["eighty"]\n');
    const before = listFiles(chart).map((f) => [f, fs.readFileSync(f, 'utf8')]);
    const r = await runCli(['convert', '-f', 'compose.yaml', '--env', 'prod', '--format', 'helm', '-o', chart], { cwd: project });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('compose.yaml:4:');
    expect(listFiles(chart).map((f) => [f, fs.readFileSync(f, 'utf8')])).toEqual(before);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('the library gives the same files from convertVariants()', () => {
    const result = convertVariants({ files: [path.join(FIXTURE, 'compose.yaml')], env: {}, host: nodeHost(), environments: [loadPreset('prod').preset!] });
    const files = helmChartFiles(result.base!, result.variants);
    expect(files.get('values-prod.yaml')).toBe(read('values-prod.yaml'));
  });
});

describe('the values documentation', () => {
  it('is the README\'s Helm values table (run `npm run docs:keys` when this fails)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(HELM_VALUES_START);
    expect(replaceValuesSection(readme)).toBe(readme);
  });

  it('describes every value values.schema.json allows, a StatefulSet\'s claims and an Ingress included', async () => {
    const other = path.join(tmp, 'x-k8s');
    await runCli(['convert', '-f', 'compose.yaml', '--format', 'helm', '-o', other], { cwd: path.join(ROOT, 'test', 'fixtures', 'x-k8s') });
    const undocumented = [chart, other].flatMap((dir) => leavesWithout('description', JSON.parse(fs.readFileSync(path.join(dir, 'values.schema.json'), 'utf8'))));
    expect(undocumented).toEqual([]);
  });
});

describe('bad use of --format helm', () => {
  it('without -o is a usage error', async () => {
    const r = await runCli(['convert', '-f', 'compose.yaml', '--format', 'helm'], { cwd: FIXTURE });
    expect([r.code, r.stderr]).toEqual([2, 'compose2k8s: --format helm writes a directory (a chart); pass -o DIR\n']);
  });

  it('with -j is a usage error: templates are YAML', async () => {
    const r = await runCli(['convert', '-f', 'compose.yaml', '--format', 'helm', '-j', '-o', path.join(tmp, 'json')], { cwd: FIXTURE });
    expect(r.code).toBe(2);
  });

  it('a --chart-version that is not SemVer is a usage error', async () => {
    const r = await runCli(['convert', '-f', 'compose.yaml', '--format', 'helm', '--chart-version', '1.2', '-o', path.join(tmp, 'semver')], { cwd: FIXTURE });
    expect(r.stderr).toContain('expected a SemVer 2 version');
  });
});

describe.skipIf(unavailable !== undefined)(`the chart under the real helm ${unavailable ?? ''}`, () => {
  const prod = ['-f', path.join(chart, 'values-prod.yaml')];

  it('--set web.replicas=6 changes exactly the Deployment\'s replicas', async () => {
    const [before, after] = await Promise.all([template(...prod), template(...prod, '--set', 'web.replicas=6')]);
    expect(jsonDiff(objectsByKey(before.stdout), objectsByKey(after.stdout))).toEqual([{ op: 'replace', path: '/Deployment~1web/spec/replicas', value: 6 }]);
  });

  it('--set web.image.tag=2.0 changes exactly the web container\'s image', async () => {
    const [before, after] = await Promise.all([template(...prod), template(...prod, '--set', 'web.image.tag=2.0')]);
    expect(jsonDiff(objectsByKey(before.stdout), objectsByKey(after.stdout))).toEqual([{ op: 'replace', path: '/Deployment~1web/spec/template/spec/containers/0/image', value: 'nginx:2.0' }]);
  });

  it.each([
    ['a mistyped key', 'web.replica=6', '- web: Additional property replica is not allowed'],
    ['a service the project does not have', 'wbe.replicas=1', '- (root): Additional property wbe is not allowed'],
    ['a word for a number', 'web.replicas=six', '- web.replicas: Invalid type. Expected: integer, given: string'],
    ['a size Kubernetes cannot read', 'persistence.db-data.size=20GB', '- persistence.db-data.size: Does not match pattern'],
  ])('the schema refuses %s (--set %s)', async (_what, set, message) => {
    const r = await template(...prod, '--set', set);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it('a PodDisruptionBudget given minAvailable has that bound only, as Kubernetes requires', async () => {
    const r = await template(...prod, '--set', 'web.podDisruptionBudget.minAvailable=1');
    expect((objectsByKey(r.stdout)['PodDisruptionBudget/web'].spec as object)).toEqual({ minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' } } });
  });

  it('turning autoscaling on through values renders the HPA convert --autoscale makes', async () => {
    const [rendered, converted] = await Promise.all([
      template('--set', 'worker.autoscaling.enabled=true,worker.autoscaling.minReplicas=3,worker.autoscaling.maxReplicas=5,worker.autoscaling.targetCPUUtilizationPercentage=60'),
      runCli(['convert', '-f', 'compose.yaml', '--autoscale', 'worker=3:5:60'], { cwd: FIXTURE }),
    ]);
    const hpa = withoutHelmLabels(objectsByKey(rendered.stdout)['HorizontalPodAutoscaler/worker']);
    expect(hpa).toEqual({ ...objectsByKey(converted.stdout)['HorizontalPodAutoscaler/worker'], metadata: { ...objectsByKey(converted.stdout)['HorizontalPodAutoscaler/worker'].metadata as object, namespace: 'default' } });
  });

  it('turning an Ingress on through values renders the Ingress convert makes from x-k8s.expose', async () => {
    const exposed = path.join(tmp, 'exposed');
    fs.mkdirSync(exposed);
    const compose = parse(fs.readFileSync(path.join(FIXTURE, 'compose.yaml'), 'utf8'));
    compose.services.web['x-k8s'] = { expose: { hosts: ['shop.example.com'], ingressClassName: 'nginx' } };
    fs.writeFileSync(path.join(exposed, 'compose.yaml'), stringify(compose));
    const [rendered, converted] = await Promise.all([
      template('--set', 'web.ingress.enabled=true,web.ingress.className=nginx,web.ingress.hosts[0].host=shop.example.com,web.ingress.hosts[0].path=/'),
      runCli(['convert', '-q', '-f', 'compose.yaml'], { cwd: exposed }),
    ]);
    const ingress = objectsByKey(converted.stdout)['Ingress/web'];
    expect(ingress).toBeDefined();
    expect(withoutHelmLabels(objectsByKey(rendered.stdout)['Ingress/web'])).toEqual({ ...ingress, metadata: { ...(ingress.metadata as object), namespace: 'default' } });
  });

  it('global.imageRegistry moves every image to the registry, init containers\' too', async () => {
    const r = await template('--set', 'global.imageRegistry=mirror.example.com');
    const images = [...r.stdout.matchAll(/image: "?([^"\n]+)/g)].map((m) => m[1]);
    expect(images.filter((i) => !i.startsWith('mirror.example.com/'))).toEqual([]);
  });

  it('values.schema.json accepts values.yaml merged with each environment\'s file', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(read('values.schema.json')));
    const base = parse(read('values.yaml'));
    const problems = ENVS.map((env) => (validate(mergeValues(base, parse(read(`values-${env}.yaml`)))) ? [] : validate.errors)).flat();
    expect(problems).toEqual([]);
  });
});

describe.skipIf(unavailable !== undefined || installUnavailable() !== undefined)(`helm install --dry-run=client ${unavailable ?? installUnavailable() ?? ''}`, () => {
  it('installs two releases in two namespaces, with no object of one in the other\'s way', async () => {
    const installs = await withDiscoveryServer((kubeconfig) =>
      Promise.all(
        ['team-a', 'team-b'].map((ns, i) => runHelm(helm, ['install', `shop${i}`, chart, '-n', ns, '-f', path.join(chart, 'values-prod.yaml'), '--dry-run=client'], { KUBECONFIG: kubeconfig })),
      ),
    );
    expect(installs.map((r) => r.stderr)).toEqual(['', '']);
    const placed = installs.map((r) => Object.values(objectsByKey(r.stdout.slice(r.stdout.indexOf('\nMANIFEST:\n') + 11, r.stdout.indexOf('\nNOTES:\n')))).map((o) => `${(o.metadata as { namespace?: string }).namespace}/${o.kind}/${(o.metadata as { name: string }).name}`));
    expect(placed[0].filter((o) => placed[1].includes(o))).toEqual([]);
    expect(placed[0]).toContain('team-a/Service/db');
  });

  it('prints notes saying where the release is and how to reach each Service', async () => {
    const r = await withDiscoveryServer((kubeconfig) => runHelm(helm, ['install', 'shop', chart, '-n', 'team-a', '--dry-run=client'], { KUBECONFIG: kubeconfig }));
    expect(r.stdout).toContain('shop 0.1.0 is installed as release shop in namespace team-a.');
    expect(r.stdout).toContain('web: kubectl -n team-a port-forward service/web 8080:8080');
  });
});

describe('compose secrets in the chart', () => {
  const secretsChart = path.join(tmp, 'secrets');
  beforeAll(async () => {
    const r = await runCli(['convert', '-f', 'compose.yaml', '--env', 'prod', '--format', 'helm', '-o', secretsChart], { cwd: SECRETS, env: { API_TOKEN: 'tok-9f8e7d6c5b4a' } });
    if (r.code !== 0) throw new Error(r.stderr);
  });

  it('are in no file of the chart', () => {
    const texts = listFiles(secretsChart).map((f) => fs.readFileSync(f, 'utf8'));
    expect(texts.filter((t) => t.includes('S3cr3t-db-pa55word') || t.includes('tok-9f8e7d6c5b4a'))).toEqual([]);
  });

  it.skipIf(unavailable !== undefined)('render no Secret unless their values are given', async () => {
    const r = await runHelm(helm, ['template', 'r', secretsChart]);
    expect(Object.keys(objectsByKey(r.stdout)).filter((k) => k.startsWith('Secret/'))).toEqual([]);
  });

  it.skipIf(unavailable !== undefined)('render the Secret from a file given with --set-file', async () => {
    const r = await runHelm(helm, ['template', 'r', secretsChart, '--set-file', `secrets.db-password.stringData.db_password=${path.join(SECRETS, 'db_password.txt')}`]);
    expect(objectsByKey(r.stdout)['Secret/db-password'].stringData).toEqual({ db_password: 'S3cr3t-db-pa55word\n' });
  });
});

describe('text that looks like a template', () => {
  it.skipIf(unavailable !== undefined)('reaches the cluster as compose wrote it', async () => {
    const dir = path.join(tmp, 'braces');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    configs: [{source: page, target: /srv/page.tmpl}]\nconfigs:\n  page:\n    content: "Hello {{ .Name }}, {{- end }} `x`"\n');
    const r = await runCli(['convert', '-f', 'compose.yaml', '--format', 'helm', '-o', 'chart'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rendered = await runHelm(helm, ['template', 'r', path.join(dir, 'chart')]);
    expect(Object.values(objectsByKey(rendered.stdout)['ConfigMap/page'].data as object)).toEqual(['Hello {{ .Name }}, {{- end }} `x`']);
  });
});

/** Paths of the schema's leaf properties (no properties of their own) that lack `field`. */
function leavesWithout(field: string, schema: { properties?: Record<string, any> }, at = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([k, child]) => (child.properties ? leavesWithout(field, child, `${at}${k}.`) : field in child ? [] : [`${at}${k}`]));
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
