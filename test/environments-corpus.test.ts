// Environments over real projects: every compose file of ../shared/corpus/awesome-compose converts
// with --env prod and with the qa.yaml fixture preset, keeping every rule of k8s-invariants.ts;
// kubectl accepts every output, and the prod Kustomize overlay of each builds to exactly what
// `convert --env prod` gives.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubeValidate, kubeValidateUnavailable, ROOT, SHARED, runCli } from './helpers';
import { announcedObjects, invariantProblems, type Doc } from './k8s-invariants';

const CORPUS = path.join(SHARED, 'corpus', 'awesome-compose');
const QA = path.join(ROOT, 'test', 'fixtures', 'environments', 'qa.yaml');
const NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);
const files = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .sort()
      .flatMap((dir) => (fs.statSync(path.join(CORPUS, dir)).isDirectory() ? fs.readdirSync(path.join(CORPUS, dir)).filter((f) => NAMES.has(f)).map((f) => path.join(dir, f)) : []))
  : [];
const missing = files.length === 0 ? `skipped: ${CORPUS} not found` : undefined;
const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-envs-corpus-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (cwd: string, ...argv: string[]) => runCli(argv, { cwd });

type Obj = { kind: string; metadata: { name: string } };
const byKey = (text: string) => Object.fromEntries(parseAllDocuments(text).map((d) => d.toJS() as Obj).filter(Boolean).map((d) => [`${d.kind}/${d.metadata.name}`, d]));
const outputs = new Map<string, string>();

describe.skipIf(missing !== undefined)(`environments over the awesome-compose corpus ${missing ?? ''}`, () => {
  it.each(files)('%s converts with --env prod and --env qa.yaml', async (file) => {
    const cwd = path.join(CORPUS, path.dirname(file));
    for (const [env, spec] of [['prod', 'prod'], ['qa', QA]]) {
      const r = await cli(cwd, 'convert', '-f', path.basename(file), '--env', spec);
      expect(r.code, r.stderr).toBe(0);
      // What kubectl's validation does not check, the API server's value rules included.
      expect(invariantProblems(parseAllDocuments(r.stdout).map((d) => d.toJS() as Doc), announcedObjects(r.stderr))).toEqual([]);
      outputs.set(`${file}-${env}`, r.stdout);
    }
  });

  it.skipIf(!kubectl).each(files)(`%s: kubectl kustomize overlays/prod equals convert --env prod ${kubectl ? '' : '(skipped: no kubectl)'}`, async (file) => {
    const cwd = path.join(CORPUS, path.dirname(file));
    const out = path.join(tmp, file.replace(/[^A-Za-z0-9]+/g, '-'));
    const r = await cli(cwd, 'convert', '-f', path.basename(file), '--env', 'prod', '--format', 'kustomize', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const built = spawnSync('kubectl', ['kustomize', path.join(out, 'overlays', 'prod')], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(byKey(built.stdout)).toEqual(byKey(outputs.get(`${file}-prod`) ?? (await cli(cwd, 'convert', '-f', path.basename(file), '--env', 'prod')).stdout));
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`kubectl accepts every output ${unavailable ?? ''}`, () => {
    expect(outputs.size).toBe(files.length * 2);
    const { ok, output } = kubeValidate(outputs);
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
  }, 600_000);
});
