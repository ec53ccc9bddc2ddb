// --no-interpolate: `${VAR}` text kept as written, as `docker compose config --no-interpolate` keeps it,
// and a kept placeholder that fails a check is reported as such, at its line.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertYaml, manifest, runCli } from '../helpers';
import { load } from './load';

const COMPOSE = `services:
  web:
    image: \${REGISTRY:-docker.io}/nginx:\${TAG}
    environment:
      VERSION: \${TAG:-latest}
      PRICE: "$$5"
    command: ["sh", "-c", "echo $$HOME"]
`;

describe('the loader with noInterpolate', () => {
  it('keeps ${VAR} as written in every string', () => {
    const { project } = load({ 'compose.yaml': COMPOSE }, { noInterpolate: true, env: { TAG: '1.27' } });
    expect(project?.services.web.image).toBe('${REGISTRY:-docker.io}/nginx:${TAG}');
  });

  it('keeps $$ as written too', () => {
    const { project } = load({ 'compose.yaml': COMPOSE }, { noInterpolate: true });
    expect(project?.services.web.environment?.PRICE).toBe('$$5');
  });

  it('warns about no unset variable, since none is looked up', () => {
    expect(load({ 'compose.yaml': COMPOSE }, { noInterpolate: true }).warnings).toEqual([]);
  });

  it('still reads `environment: [FOO]` from the environment, as docker compose config --no-interpolate does', () => {
    const { project } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    environment: [FOO]\n' }, { noInterpolate: true, env: { FOO: 'bar' } });
    expect(project?.services.web.environment?.FOO).toBe('bar');
  });

  it('interpolates as before without it', () => {
    const { project } = load({ 'compose.yaml': COMPOSE }, { env: { TAG: '1.27' } });
    expect(project?.services.web.image).toBe('docker.io/nginx:1.27');
  });
});

describe('convert with noInterpolate', () => {
  it('writes the placeholders into the manifests, ready for a later templating step', () => {
    const result = convertYaml(COMPOSE, { noInterpolate: true });
    const container = (manifest(result, 'Deployment', 'web') as { spec: { template: { spec: { containers: { image: string; env: unknown[] }[] } } } }).spec.template.spec.containers[0];
    expect(container.image).toBe('${REGISTRY:-docker.io}/nginx:${TAG}');
    expect(container.env).toContainEqual({ name: 'VERSION', value: '${TAG:-latest}' });
  });

  it.each([
    ['a published port', 'ports: ["${PORT}:80"]', 'services.web.ports[0]'],
    ['a replica count', 'deploy: { replicas: "${REPLICAS}" }', 'services.web.deploy.replicas'],
    ['a memory limit', 'mem_limit: ${MEM}', 'services.web.mem_limit'],
    ['a healthcheck interval', 'healthcheck: { test: ["CMD", "true"], interval: "${EVERY}" }', 'services.web.healthcheck.interval'],
  ])('reports %s that keeps a placeholder as an error at its line, naming --no-interpolate', (_what, yaml, where) => {
    const result = convertYaml(`services:\n  web:\n    image: nginx\n    ${yaml}\n`, { noInterpolate: true });
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ path: where, pos: { line: 4 }, hint: expect.stringMatching(/^--no-interpolate keeps this value as written/) });
  });

  it('leaves the hints of other errors alone', () => {
    const result = convertYaml('services:\n  web:\n    image: nginx:${TAG}\n    mem_limit: lots\n', { noInterpolate: true });
    expect(result.diagnostics.find((d) => d.path === 'services.web.mem_limit')?.hint).not.toContain('--no-interpolate');
  });
});

describe('compose2k8s config --no-interpolate', () => {
  it('prints the text as written, $$ and all, as docker compose does', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-noint-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    const r = await runCli(['config', '--no-interpolate'], { cwd: dir, env: { TAG: '1.27' } });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.stdout).toContain('PRICE: $$5\n      VERSION: ${TAG:-latest}');
  });
});
