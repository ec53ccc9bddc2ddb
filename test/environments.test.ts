// Environments end to end, through the CLI: one golden per environment (built-in dev, staging,
// prod and a user's own qa.yaml), all accepted by kubectl; `--env a --env b -o DIR` writes the
// same objects per directory; and `kubectl kustomize overlays/<env>` of `--format kustomize` gives
// exactly the objects and fields of `convert --env <env>`.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubeValidate, kubeValidateUnavailable, ROOT, runCli } from './helpers';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'environments');
const COMPOSE = path.join(FIXTURE, 'compose.yaml');
const ENVS = [
  { name: 'dev', spec: 'dev' },
  { name: 'staging', spec: 'staging' },
  { name: 'prod', spec: 'prod' },
  { name: 'qa', spec: path.join(FIXTURE, 'qa.yaml') },
];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-envs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv, { cwd: FIXTURE });

type Obj = { kind: string; metadata: { name: string } };
const byKey = (docs: Obj[]) => Object.fromEntries(docs.map((d) => [`${d.kind}/${d.metadata.name}`, d]));
const parseStream = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
const readDir = (dir: string): Obj[] => fs.readdirSync(dir).sort().flatMap((f) => parseStream(fs.readFileSync(path.join(dir, f), 'utf8')));

const plain = new Map<string, string>();

describe('convert --env', () => {
  it.each(ENVS)('$name converts to its golden', async ({ name, spec }) => {
    const { code, stdout, stderr } = await cli('convert', '-f', COMPOSE, '--env', spec);
    // Kept before the snapshot checks: the other tests compare with it, whatever the goldens say.
    plain.set(name, stdout);
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot(path.join(FIXTURE, `expected.${name}.k8s.yaml`));
    await expect(stderr.split(FIXTURE + '/').join('')).toMatchFileSnapshot(path.join(FIXTURE, `expected.${name}.diagnostics.txt`));
  });

  it('prod scales what is stateless, keeps the database at 1 and warns', () => {
    const prod = byKey(parseStream(plain.get('prod')!)) as Record<string, any>;
    expect(prod['Deployment/web'].spec.replicas).toBe(2);
    expect(prod['Deployment/worker'].spec.replicas).toBe(3);
    expect(prod['Deployment/db'].spec.replicas).toBe(1);
    expect(prod['HorizontalPodAutoscaler/web'].spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(prod['HorizontalPodAutoscaler/api'].spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(prod['HorizontalPodAutoscaler/db']).toBeUndefined();
    expect(prod['PodDisruptionBudget/web'].spec).toMatchObject({ maxUnavailable: 1 });
    expect(prod['PodDisruptionBudget/db']).toBeUndefined();
    expect(prod['Deployment/web'].spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(fs.readFileSync(path.join(FIXTURE, 'expected.prod.diagnostics.txt'), 'utf8')).toContain('[stateful-not-scaled]');
  });

  it('dev has one replica each and no resources, HPA or PDB', () => {
    const dev = parseStream(plain.get('dev')!) as any[];
    expect(dev.filter((d) => d.kind === 'HorizontalPodAutoscaler' || d.kind === 'PodDisruptionBudget')).toEqual([]);
    for (const d of dev.filter((o) => o.kind === 'Deployment' && o.metadata.name !== 'worker')) expect(d.spec.replicas).toBe(1);
    const web = dev.find((d) => d.kind === 'Deployment' && d.metadata.name === 'web');
    expect(web.spec.template.spec.containers[0].resources).toBeUndefined();
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`every environment's output is accepted by kubectl ${unavailable ?? ''}`, () => {
    const { ok, output } = kubeValidate(new Map([...plain].map(([name, text]) => [`env-${name}`, text])));
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
  });
});

describe('several environments at once', () => {
  it('--env dev --env prod -o DIR writes DIR/dev and DIR/prod, each what --env alone gives', async () => {
    const out = path.join(tmp, 'variants');
    const { code, stderr } = await cli('convert', '-f', COMPOSE, '--env', 'dev', '--env', 'prod', '-o', out);
    expect(stderr).toMatch(/wrote \d+ files to .*\(dev, prod\)/);
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['dev', 'prod']);
    for (const name of ['dev', 'prod']) expect(byKey(readDir(path.join(out, name)))).toEqual(byKey(parseStream(plain.get(name)!)));
  });

  it('several --env without -o is a usage error', async () => {
    const { code, stderr } = await cli('convert', '-f', COMPOSE, '--env', 'dev', '--env', 'prod');
    expect(code).toBe(2);
    expect(stderr).toContain('pass -o DIR');
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

describe('--format kustomize', () => {
  const out = path.join(tmp, 'kustomize');
  it('writes base/ and overlays/<env>/ holding only the differences', async () => {
    const { code, stderr } = await cli('convert', '-f', COMPOSE, ...ENVS.flatMap((e) => ['--env', e.spec]), '--format', 'kustomize', '-o', out);
    expect(stderr).toContain('base and overlays: dev, staging, prod, qa');
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(out, 'overlays')).sort()).toEqual(['dev', 'prod', 'qa', 'staging']);
    const prod = fs.readdirSync(path.join(out, 'overlays', 'prod'));
    expect(prod).toContain('patch-deployment-web.yaml');
    expect(prod.filter((f) => !f.startsWith('patch-') && f !== 'kustomization.yaml').every((f) => /horizontalpodautoscaler|poddisruptionbudget/.test(f))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'overlays', 'qa', 'kustomization.yaml'), 'utf8')).toContain('namespace: shop-qa');
  });

  it.skipIf(!kubectl).each(ENVS)(`kubectl kustomize overlays/$name gives exactly convert --env $name ${kubectl ? '' : '(skipped: kubectl is not on PATH)'}`, ({ name }) => {
    const built = spawnSync('kubectl', ['kustomize', path.join(out, 'overlays', name)], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(byKey(parseStream(built.stdout))).toEqual(byKey(parseStream(plain.get(name)!)));
  });
});

describe('--format kustomize -j', () => {
  const out = path.join(tmp, 'kustomize-json');
  it('writes resources and patches as .json, kustomization.yaml as the one name kustomize reads', async () => {
    const { code } = await cli('convert', '-f', COMPOSE, ...ENVS.flatMap((e) => ['--env', e.spec]), '--format', 'kustomize', '-j', '-o', out);
    expect(code).toBe(0);
    const prod = fs.readdirSync(path.join(out, 'overlays', 'prod'));
    expect(prod.filter((f) => !f.endsWith('.json'))).toEqual(['kustomization.yaml']);
  });

  it.skipIf(!kubectl).each(ENVS)(`kubectl kustomize overlays/$name of the JSON files gives exactly convert --env $name ${kubectl ? '' : '(skipped: kubectl is not on PATH)'}`, ({ name }) => {
    const built = spawnSync('kubectl', ['kustomize', path.join(out, 'overlays', name)], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(byKey(parseStream(built.stdout))).toEqual(byKey(parseStream(plain.get(name)!)));
  });
});

describe('kustomize overlays of every example and fixture', () => {
  // Broader than the fixture: ConfigMaps, Secrets, init containers, probes, several volumes. Each
  // example is converted with prod and with qa.yaml (a namespace, annotations, storage class).
  const examples = ['examples', 'test/fixtures']
    .flatMap((root) => fs.readdirSync(path.join(ROOT, root)).sort().map((name) => ({ name: `${root}/${name}`, dir: path.join(ROOT, root, name) })))
    .filter(({ dir }) => ['compose.yaml', 'docker-compose.yml'].some((f) => fs.existsSync(path.join(dir, f))));

  it.skipIf(!kubectl).each(examples)(`$name: kubectl kustomize of each overlay equals convert --env ${kubectl ? '' : '(skipped: kubectl is not on PATH)'}`, async ({ name, dir }) => {
    const file = ['compose.yaml', 'docker-compose.yml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f))!;
    const out = path.join(tmp, `example-${name.replace(/\//g, '-')}`);
    const qa = path.join(FIXTURE, 'qa.yaml');
    const written = await cli('convert', '-f', file, '--env', 'prod', '--env', qa, '--format', 'kustomize', '-o', out);
    expect(written.code, written.stderr).toBe(0);
    for (const [env, spec] of [['prod', 'prod'], ['qa', qa]]) {
      const alone = await cli('convert', '-f', file, '--env', spec);
      const built = spawnSync('kubectl', ['kustomize', path.join(out, 'overlays', env)], { encoding: 'utf8' });
      expect(built.stderr).toBe('');
      expect(byKey(parseStream(built.stdout))).toEqual(byKey(parseStream(alone.stdout)));
    }
  });
});

describe('compose2k8s envs', () => {
  it('lists each built-in preset with its description', async () => {
    const { code, stdout } = await cli('envs');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^dev {8}One replica of everything/m);
    expect(stdout).toMatch(/^prod {7}At least two replicas/m);
    expect(stdout).toMatch(/^staging {4}\S/m);
  });

  it('--help names them', async () => {
    const { stdout } = await cli('--help');
    expect(stdout).toContain('envs');
    expect(stdout).toContain('dev, prod, staging');
  });
});

describe('bad --env', () => {
  it('an unknown name is a usage error listing the built-in ones', async () => {
    const { code, stderr } = await cli('convert', '-f', COMPOSE, '--env', 'production');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown environment "production"; built-in ones are dev, prod, staging');
  });

  it('an invalid preset file fails with file:line:col and the source line, writing nothing', async () => {
    const file = path.join(tmp, 'broken.yaml');
    fs.writeFileSync(file, 'replicas: 2\nautoscale:\n  min: 2\n  max: 10\n  target: 70\n');
    const out = path.join(tmp, 'never');
    const { code, stderr } = await cli('convert', '-f', COMPOSE, '--env', file, '-o', out);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}:5:11: error [preset-unknown-key] autoscale.target: unknown key "target" in environment preset broken`);
    expect(stderr).toContain('   5 |   target: 70');
    expect(fs.existsSync(out)).toBe(false);
  });
});
