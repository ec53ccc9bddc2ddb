// `--format helm` against the real helm, over every example, fixture and awesome-compose corpus file,
// for the built-in dev, staging and prod and a user's own preset (qa.yaml): `helm template R DIR -f
// DIR/values-<env>.yaml` renders exactly the objects and fields of `convert --env <env>`, apart from
// Helm's own labels (HELM_LABELS, and managed-by: Helm) and the release's namespace where convert
// names none; values.schema.json accepts values.yaml and each environment's merge (Ajv here, helm
// too when it renders); `helm lint --strict` finds nothing in any chart, with any of its values
// files. The corpus is every compose file of ../shared/corpus/awesome-compose/<project>/ (39).
// Helm runs two at a time (test/helm-binary.ts), the projects' conversions meanwhile.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, SHARED, runCli } from './helpers';
import { helmBinary, inNamespace, mergeValues, objectsByKey, runHelm, secretValues, withoutHelmLabels } from './helm-binary';

const QA = path.join(ROOT, 'test', 'fixtures', 'environments', 'qa.yaml');
const ENVS = [
  { name: 'dev', spec: 'dev' },
  { name: 'staging', spec: 'staging' },
  { name: 'prod', spec: 'prod' },
  { name: 'qa', spec: QA },
];
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const CORPUS = path.join(SHARED, 'corpus', 'awesome-compose');

/** The first compose file in `dir`, as docker compose finds it. */
const composeFileIn = (dir: string) => COMPOSE_NAMES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
const subdirs = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort().filter((d) => fs.statSync(path.join(dir, d)).isDirectory()) : []);

/** Every example and fixture with a compose file, and each compose file of the corpus (when ../shared is there). */
const projects = [
  ...['examples', 'test/fixtures'].flatMap((root) => subdirs(path.join(ROOT, root)).map((d) => ({ name: `${root}/${d}`, file: composeFileIn(path.join(ROOT, root, d)) }))),
  ...subdirs(CORPUS).flatMap((d) => COMPOSE_NAMES.filter((f) => fs.existsSync(path.join(CORPUS, d, f))).map((f) => ({ name: `corpus/${d}/${f}`, file: path.join(CORPUS, d, f) }))),
].flatMap(({ name, file }) => (file ? [{ name, file }] : []));

const binary = helmBinary();
const unavailable = 'unavailable' in binary ? binary.unavailable : undefined;
const helm = 'helm' in binary ? binary.helm : '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-helm-eq-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const charts: string[] = [];

/** Said in the title when ../shared is not beside the project: the corpus is then not covered. */
const corpusMissing = fs.existsSync(CORPUS) ? '' : `(corpus skipped: ${CORPUS} not found)`;

describe.skipIf(unavailable !== undefined)(`helm template of each environment's values equals convert --env ${unavailable ?? corpusMissing}`, () => {
  it('covers the examples, the fixtures and the corpus', () => {
    expect(projects.filter((p) => p.name.startsWith('examples/')).length).toBeGreaterThan(0);
    expect(projects.filter((p) => p.name.startsWith('corpus/')).length).toBe(fs.existsSync(CORPUS) ? 39 : 0);
  });

  it.concurrent.each(projects)('$name', async ({ name, file }) => {
    const cwd = path.dirname(file);
    const chart = path.join(tmp, name.replace(/[^A-Za-z0-9]+/g, '-'));
    const written = await runCli(['convert', '-q', '-f', file, ...ENVS.flatMap((e) => ['--env', e.spec]), '--format', 'helm', '-o', chart], { cwd });
    expect(written.code, written.stderr).toBe(0);
    charts.push(chart);
    expect(schemaProblems(chart), 'values.schema.json against values.yaml and each values-<env>.yaml').toEqual([]);
    const renders = ENVS.map(async ({ name: env, spec }) => {
      const alone = objectsByKey((await runCli(['convert', '-q', '-f', file, '--env', spec], { cwd })).stdout);
      // Secret values are never in the chart's values files: they are the user's to pass, as here.
      const secrets = secretValues(alone);
      const secretsFile = path.join(chart, '..', `${path.basename(chart)}-${env}-secrets.yaml`);
      if (secrets) fs.writeFileSync(secretsFile, secrets);
      const values = ['-f', path.join(chart, `values-${env}.yaml`), ...(secrets ? ['-f', secretsFile] : [])];
      const [rendered, lint] = await Promise.all([runHelm(helm, ['template', 'r', chart, ...values]), runHelm(helm, ['lint', '--strict', '--quiet', chart, ...values])]);
      return { env, rendered, lint, alone };
    });
    for (const { env, rendered, lint, alone } of await Promise.all(renders)) {
      expect(rendered.stderr, env).toBe('');
      expect(withoutHelmLabels(objectsByKey(rendered.stdout)), env).toEqual(inNamespace(alone, 'default'));
      // --quiet prints warnings and errors only; --strict makes a warning fail.
      expect(lint.stdout + lint.stderr, `helm lint --strict with values-${env}.yaml`).toBe('');
    }
  });

  it('helm lint --strict finds nothing in any chart with its values.yaml', async () => {
    expect(charts.length).toBe(projects.length);
    const lint = await runHelm(helm, ['lint', '--strict', '--quiet', ...charts]);
    expect(lint.stdout + lint.stderr).toBe('');
  }, 120_000);
});

/** What values.schema.json finds wrong in values.yaml alone and merged with each environment's file (as Helm merges them). */
function schemaProblems(chart: string): unknown[] {
  const read = (file: string) => parse(fs.readFileSync(path.join(chart, file), 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ strict: false }).compile(JSON.parse(fs.readFileSync(path.join(chart, 'values.schema.json'), 'utf8')));
  const base = read('values.yaml');
  return [base, ...ENVS.map((e) => mergeValues(base, read(`values-${e.name}.yaml`)))].flatMap((values) => (validate(values) ? [] : (validate.errors ?? [])));
}
