// A secret's value appears in its Secret and nowhere else: not in ConfigMaps, annotations, other
// objects, diagnostics or hints, whichever way compose brings it in (src/model/storage/file-objects.ts).

import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/index';
import { memoryHost } from '../../../src/common/host';

const FILE_VALUE = 'file-secret-Qm9vIQ';
const ENV_VALUE = 'env-secret-WmFwIQ';
const BINARY_VALUE = 'bin-secret-\u0000-Zm9v';

const compose = `
services:
  app:
    image: nginx:1.27
    labels:
      com.example.secret-name: db_password
    secrets:
      - db_password
      - source: api_token
        target: token
        mode: 0400
      - blob
    volumes:
      - ./db_password.txt:/etc/app/password
    env_file: ./db_password.txt
  worker:
    image: busybox:1.36.1
    secrets: [api_token, db_password]
secrets:
  db_password:
    file: ./db_password.txt
  api_token:
    environment: API_TOKEN
  blob:
    file: ./blob.bin
`;

function run(strict = false) {
  return convert({
    files: ['/p/compose.yaml'],
    env: { API_TOKEN: ENV_VALUE },
    strict,
    host: memoryHost({ '/p/compose.yaml': compose, '/p/db_password.txt': `DB=${FILE_VALUE}\n`, '/p/blob.bin': BINARY_VALUE }),
  });
}

describe('secret values', () => {
  const result = run();

  it('convert, each into its own Secret', () => {
    expect(result.ok).toBe(true);
    const secrets = result.manifests.filter((m) => m.kind === 'Secret');
    expect(secrets.map((s) => s.metadata.name)).toEqual(['api-token', 'db-password']);
    expect(JSON.stringify(secrets)).toContain(FILE_VALUE);
    expect(JSON.stringify(secrets)).toContain(ENV_VALUE);
  });

  it('appear in no other object: not a ConfigMap (bind mount, env_file), annotation or workload', () => {
    const others = result.manifests.filter((m) => m.kind !== 'Secret');
    expect(others.length).toBeGreaterThan(0);
    for (const value of [FILE_VALUE, ENV_VALUE, 'bin-secret']) expect(JSON.stringify(others)).not.toContain(value);
  });

  it('appear in no diagnostic message or hint, even for a secret that cannot be stored', () => {
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['bind-mount-secret-file', 'env-file-secret-file', 'external-secret']));
    const text = JSON.stringify(result.diagnostics);
    for (const value of [FILE_VALUE, ENV_VALUE, 'bin-secret']) expect(text).not.toContain(value);
  });

  it('stay out of the error output of a failed (--strict) conversion', () => {
    const failed = run(true);
    expect(failed.ok).toBe(false);
    expect(failed.yaml).toBe('');
    const text = JSON.stringify(failed.diagnostics);
    for (const value of [FILE_VALUE, ENV_VALUE, 'bin-secret']) expect(text).not.toContain(value);
  });
});
