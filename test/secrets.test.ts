// Secret values never leave their Secret: not into ConfigMaps, annotations or other objects, not
// into anything the CLI prints on stderr (diagnostics with their source lines, hints, summaries),
// whether the conversion succeeds, fails, writes a directory or prints the project (`config`).
// End to end through the CLI on real files; test/model/storage/secrets-never-leak.test.ts covers the model.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers';

const FILE_SECRET = 'file-secret-T3BlbiBzZXNhbWU';
const ENV_SECRET = 'env-secret-aHVudGVyMg';
const DOTENV_SECRET = 'dotenv-secret-c3dvcmRmaXNo';
const VALUES = [FILE_SECRET, ENV_SECRET, DOTENV_SECRET];
/** Each value as it could appear encoded: plain, base64 (Secret.data), JSON-escaped. */
const FORMS = VALUES.flatMap((v) => [v, Buffer.from(v).toString('base64'), Buffer.from(`${v}\n`).toString('base64')]);

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-secrets-')));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const COMPOSE = `
services:
  app:
    image: nginx:1.27
    labels:
      com.example.uses: db_password
    secrets:
      - db_password
      - source: api_token
        target: token
      - dotenv_token
    volumes:
      - ./secrets/db_password.txt:/etc/app/password:ro
    env_file: ./secrets/db_password.txt
    configs: [app_config]
  worker:
    image: busybox:1.36.1
    command: ["sh", "-c", "cat /run/secrets/db_password"]
    secrets: [db_password, api_token]
secrets:
  db_password:
    file: ./secrets/db_password.txt
  api_token:
    environment: API_TOKEN
  dotenv_token:
    environment: DOTENV_TOKEN
configs:
  app_config:
    file: ./app.conf
`;

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env });

const leaks = (text: string) => FORMS.filter((f) => text.includes(f));

describe('secret values through the CLI', () => {
  const dir = project('app', {
    'compose.yaml': COMPOSE,
    'secrets/db_password.txt': `PASSWORD=${FILE_SECRET}\n`,
    'app.conf': 'listen 80\n',
    '.env': `DOTENV_TOKEN=${DOTENV_SECRET}\n`,
  });
  const env = { API_TOKEN: ENV_SECRET };

  it('are each in a Secret, and in no other object (ConfigMap, annotation, workload)', async () => {
    const r = await cli(['convert'], dir, env);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    const secrets = docs.filter((d) => d.kind === 'Secret');
    // The real check below means something only if the values did go somewhere.
    for (const v of VALUES) expect(JSON.stringify(secrets), v).toContain(v);
    const others = docs.filter((d) => d.kind !== 'Secret');
    expect(others.map((d) => d.kind)).toEqual(expect.arrayContaining(['ConfigMap', 'Deployment']));
    expect(leaks(JSON.stringify(others))).toEqual([]);
    expect(leaks(r.stderr)).toEqual([]);
  });

  it('stay out of stderr when --strict fails the conversion', async () => {
    const r = await cli(['convert', '--strict'], dir, env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error \[/);
    expect(leaks(r.stderr)).toEqual([]);
  });

  it('stay in the Secret files of an -o directory', async () => {
    const out = path.join(root, 'out-app');
    const r = await cli(['convert', '-o', out], dir, env);
    expect(r.code).toBe(0);
    const files = fs.readdirSync(out);
    expect(files.some((f) => /-secret-/.test(f))).toBe(true);
    for (const f of files.filter((f) => !/-secret-/.test(f))) expect(leaks(fs.readFileSync(path.join(out, f), 'utf8')), f).toEqual([]);
    expect(leaks(r.stderr)).toEqual([]);
  });

  it('are not printed by `config`', async () => {
    const r = await cli(['config'], dir, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('db_password');
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });
});

describe('secret values in broken input', () => {
  it('are not echoed when the .env file that holds them has a syntax error on their line', async () => {
    const dir = project('broken-dotenv', {
      'compose.yaml': 'services:\n  app:\n    image: nginx\n    secrets: [t]\nsecrets:\n  t:\n    environment: DOTENV_TOKEN\n',
      '.env': `DOTENV_TOKEN="${DOTENV_SECRET}\n`,
    });
    const r = await cli(['convert'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\.env:1:\d+: error \[env-file-syntax\]/);
    expect(leaks(r.stderr)).toEqual([]);
  });

  it('are not echoed when the compose file breaks after the secret was read', async () => {
    const dir = project('broken-compose', {
      'compose.yaml': 'services:\n  app:\n    image: nginx\n    secrets: [s]\n    ports: ["not-a-port"]\nsecrets:\n  s:\n    file: ./s.txt\n',
      's.txt': FILE_SECRET,
    });
    const r = await cli(['convert'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compose\.yaml:5:\d+: error/);
    expect(leaks(r.stderr)).toEqual([]);
  });
});
