// `compose2k8s config`: the resolved project in `docker compose config`'s layout.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/main';
import { projectConfig, projectConfigYaml } from '../../src/compose/config-output';
import { load } from './load';

describe('projectConfig', () => {
  const r = load(
    {
      'compose.yaml': [
        'name: shop',
        'services:',
        '  web:',
        '    build: ./web',
        '    ports: ["8080:80"]',
        '    environment: [B=2, A=1]',
        '    depends_on: [db]',
        '    volumes: ["./static:/static:ro"]',
        '  db:',
        '    image: postgres',
        '    volumes: ["data:/var/lib/postgresql/data"]',
        '    networks: [back]',
        'volumes:',
        '  data: {}',
        'networks:',
        '  back: {}',
        '  ext: {external: true}',
        'secrets:',
        '  token: {file: ./token.txt}',
        '',
      ].join('\n'),
    },
  );
  const config = projectConfig(r.project!);

  it('prints what docker compose prints for each service', () => {
    expect(config.services).toEqual({
      db: {
        image: 'postgres',
        networks: { back: null },
        volumes: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data', volume: {} }],
      },
      web: {
        build: { context: '/project/web', dockerfile: 'Dockerfile' },
        depends_on: { db: { condition: 'service_started', required: true } },
        environment: { A: '1', B: '2' },
        networks: { default: null },
        ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
        volumes: [{ type: 'bind', source: '/project/static', target: '/static', read_only: true, bind: { create_host_path: true } }],
      },
    });
  });

  it('names networks, volumes and secrets <project>_<key>, external ones by their key, and adds the default network', () => {
    expect(config.networks).toEqual({ back: { name: 'shop_back' }, default: { name: 'shop_default' }, ext: { external: true, name: 'ext' } });
    expect(config.volumes).toEqual({ data: { name: 'shop_data' } });
    expect(config.secrets).toEqual({ token: { file: '/project/token.txt', name: 'shop_token' } });
  });

  it('starts with name and services, and quotes strings that look like numbers', () => {
    const text = projectConfigYaml(r.project!);
    expect(text.split('\n')[0]).toBe('name: shop');
    expect(text).toContain('published: "8080"');
    expect(parse(text)).toEqual(config);
  });
});

describe('round trip', () => {
  it('the printed config loads again to the same config, literal $ included', () => {
    const first = load({
      'compose.yaml': [
        'name: rt',
        'services:',
        '  web:',
        '    build: {context: ./web, args: [A=1]}',
        '    command: echo $$HOME "${GREETING:-hi}"',
        '    ports: ["127.0.0.1:8080-8081:80-81/udp"]',
        '    volumes: ["./src:/src:ro", "cache:/cache"]',
        '    environment: {PASSWORD: "pa$$word"}',
        '    healthcheck: {test: ["CMD", "true"], interval: 5s}',
        '    depends_on: {db: {condition: service_healthy}}',
        '  db:',
        '    image: postgres',
        '    networks: {back: {aliases: [database]}}',
        'volumes: {cache: {}}',
        'networks: {back: {}}',
        '',
      ].join('\n'),
    });
    expect(first.errors).toEqual([]);
    const text = projectConfigYaml(first.project!);
    expect(text).toContain('- $$HOME');
    expect(text).toContain('PASSWORD: pa$$word');
    const second = load({ 'compose.yaml': text });
    expect(second.errors).toEqual([]);
    expect(projectConfig(second.project!)).toEqual(projectConfig(first.project!));
  });
});

describe('compose2k8s config (CLI)', () => {
  function cli(files: Record<string, string>, args: string[], env: Record<string, string> = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-config-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    let stdout = '';
    let stderr = '';
    return run(['config', ...args], { cwd: dir, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '' })
      .then((code) => ({ code, stdout, stderr }))
      .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  }

  it('finds compose.yaml and its override, interpolates from .env, and prints YAML', async () => {
    const r = await cli({ 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n', 'compose.override.yaml': 'services:\n  web:\n    user: app\n', '.env': 'TAG=1.25\n' }, ['-p', 'demo']);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).services.web).toEqual({ image: 'nginx:1.25', user: 'app', networks: { default: null } });
    expect(parse(r.stdout).name).toBe('demo');
  });

  it('--profile and --services list the enabled services', async () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    profiles: [dev]\n' };
    expect((await cli(files, ['--services'])).stdout).toBe('web\n');
    expect((await cli(files, ['--services', '--profile', 'dev'])).stdout).toBe('debug\nweb\n');
  });

  it('reports errors with file:line:col and a caret, exit code 1, nothing on stdout', async () => {
    const r = await cli({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    restart: 5\n' }, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('compose.yaml:4:14: error [schema] services.web.restart: must be a string');
    expect(r.stderr).toContain('   4 |     restart: 5\n     |              ^');
  });

  it('folds env_file into environment as docker compose config does, environment: winning', async () => {
    const r = await cli({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: [a.env, {path: b.env}, {path: none.env, required: false}]\n    environment: {B: own}\n', 'a.env': 'A=1\nB=from-a\nC=${HOST_VAR}\n', 'b.env': 'A=2\n' }, [], { HOST_VAR: 'h' });
    expect(r.code).toBe(0);
    const web = parse(r.stdout).services.web;
    expect(web.environment).toEqual({ A: '2', B: 'own', C: 'h' });
    expect(web.env_file).toBeUndefined();
  });

  it('a missing required env_file is an error at its entry', async () => {
    const r = await cli({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: gone.env\n' }, []);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compose\.yaml:4:15: error \[env-file-missing\] services\.web\.env_file\[0\]: env file \S*gone\.env not found/);
  });

  it('no compose file here or above is a usage error (exit 2)', async () => {
    const r = await cli({ 'readme.txt': 'no compose file' }, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[no-compose-file] no compose file found in');
  });

  it('--format json prints the same project as JSON; -q prints nothing', async () => {
    const files = { 'compose.yaml': 'name: j\nservices:\n  web:\n    image: nginx\n' };
    expect(JSON.parse((await cli(files, ['--format', 'json'])).stdout)).toEqual({ name: 'j', services: { web: { image: 'nginx', networks: { default: null } } }, networks: { default: { name: 'j_default' } } });
    const quiet = await cli(files, ['-q']);
    expect([quiet.code, quiet.stdout]).toEqual([0, '']);
  });
});
