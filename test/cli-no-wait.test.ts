// `convert --no-wait`: no depends_on wait init containers; without it, a secret stays out of stderr.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-cli-no-wait-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const SECRET = 'pa55-Zx81-never-printed';
fs.writeFileSync(path.join(tmp, 'pw.txt'), SECRET);
fs.writeFileSync(
  path.join(tmp, 'compose.yaml'),
  'services:\n  web:\n    image: nginx\n    depends_on: [db]\n    volumes: ["./pw.txt:/pw"]\n    secrets: [pw]\n  db:\n    image: postgres:16\nsecrets:\n  pw:\n    file: ./pw.txt\n',
);

const cli = (argv: string[]) => runCli(argv, { cwd: tmp });

describe('convert --no-wait', () => {
  it('waits for depends_on by default', async () => {
    const { code, stdout } = await cli(['convert']);
    expect(code).toBe(0);
    expect(stdout).toContain('name: wait-for-db');
    expect(stdout).toContain('image: busybox:1.36.1');
  });

  it('makes no wait init containers with --no-wait', async () => {
    const { code, stdout } = await cli(['convert', '--no-wait']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('initContainers');
    expect(stdout).toContain('name: db');
  });

  it('prints the secret only inside its Secret on stdout, never on stderr', async () => {
    const { stdout, stderr } = await cli(['convert', '--strict']);
    expect(stderr).toContain('bind-mount-secret-file');
    expect(stderr).not.toContain(SECRET);
    expect(stdout).toBe('');
    const ok = await cli(['convert']);
    const docs = ok.stdout.split(/^---$/m);
    expect(docs.filter((d) => d.includes(SECRET)).map((d) => /kind: (\w+)/.exec(d)?.[1])).toEqual(['Secret']);
  });
});
