// The workload flags of `convert`: --controller and --network-policies.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-cli-workloads-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
fs.writeFileSync(
  path.join(tmp, 'compose.yaml'),
  'services:\n  db:\n    image: postgres:16\n    volumes: ["data:/var/lib/postgresql/data"]\n    networks: [back]\n  web:\n    image: nginx\n    ports: ["80:80"]\n    networks: [back]\nnetworks:\n  back: {}\nvolumes:\n  data: {}\n',
);

const cli = (argv: string[]) => runCli(argv, { cwd: tmp });

const kinds = (yaml: string) => parseAllDocuments(yaml).map((d) => `${d.get('kind')}/${(d.get('metadata') as { get(k: string): unknown }).get('name')}`);

describe('convert --controller', () => {
  it('keeps a Deployment with strategy Recreate by default', async () => {
    const { code, stdout } = await cli(['convert']);
    expect(code).toBe(0);
    expect(kinds(stdout)).toContain('Deployment/db');
    expect(kinds(stdout)).toContain('PersistentVolumeClaim/data');
  });

  it('makes a StatefulSet with a claim per pod with --controller statefulset', async () => {
    const { code, stdout } = await cli(['convert', '--controller', 'statefulset']);
    expect(code).toBe(0);
    expect(kinds(stdout)).toContain('StatefulSet/db');
    expect(kinds(stdout)).not.toContain('PersistentVolumeClaim/data');
    expect(kinds(stdout)).toContain('Deployment/web');
  });

  it('rejects an unknown controller as a usage error', async () => {
    const { code, stderr } = await cli(['convert', '--controller', 'replicaset']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected one of deployment, statefulset');
  });
});

describe('convert --network-policies', () => {
  it('adds one NetworkPolicy per network, and one for the published port', async () => {
    const { code, stdout } = await cli(['convert', '--network-policies']);
    expect(code).toBe(0);
    expect(kinds(stdout).filter((k) => k.startsWith('NetworkPolicy/'))).toEqual(['NetworkPolicy/back-network', 'NetworkPolicy/web-published']);
    expect(kinds((await cli(['convert'])).stdout).some((k) => k.startsWith('NetworkPolicy/'))).toBe(false);
  });
});
