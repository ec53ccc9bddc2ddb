// The flags a Kompose user looks for, through the CLI: -j/--json, --volumes and --emptyvols,
// --pvc-request-size, --no-interpolate, --service-group-mode and --service-group-name.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubeValidate, kubeValidateUnavailable, ROOT, runCli } from './helpers';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-kompose-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(argv, { cwd: tmp });
const SEED = path.join(ROOT, 'examples', 'seed', 'docker-compose.yml');
const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, any> });

function compose(text: string): string {
  const file = path.join(tmp, 'compose.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('-j, --json', () => {
  it('prints one v1 List holding what the YAML stream holds', async () => {
    const [json, yaml] = [await cli('convert', '-f', SEED, '-j'), await cli('convert', '-f', SEED)];
    expect(JSON.parse(json.stdout)).toEqual({ apiVersion: 'v1', kind: 'List', items: docs(yaml.stdout) });
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`prints a List kubectl applies ${unavailable ?? ''}`, async () => {
    const { ok, output } = kubeValidate(new Map([['list.json', (await cli('convert', '-f', SEED, '--json')).stdout]]));
    expect([ok, output]).toEqual([true, expect.stringContaining('deployment.apps/web created (dry run)')]);
  });

  it('writes .json files with -o, one object each', async () => {
    await cli('convert', '-f', SEED, '-j', '-o', 'out');
    expect(fs.readdirSync(path.join(tmp, 'out')).every((f) => f.endsWith('.json') && JSON.parse(fs.readFileSync(path.join(tmp, 'out', f), 'utf8')).kind)).toBe(true);
  });

  it('replaces a previous run\'s YAML files in the same directory', async () => {
    await cli('convert', '-f', SEED, '-o', 'out');
    expect((await cli('convert', '-f', SEED, '-j', '-o', 'out')).code).toBe(0);
  });

  it('writes .json files in each environment\'s directory', async () => {
    await cli('convert', '-f', SEED, '-j', '--env', 'dev', '--env', 'prod', '-o', 'out');
    expect(fs.readdirSync(path.join(tmp, 'out', 'prod')).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });
});

describe('--volumes and --emptyvols', () => {
  it('--volumes emptyDir makes every named volume an emptyDir', async () => {
    const { stdout } = await cli('convert', '-f', SEED, '--volumes', 'emptyDir');
    expect(docs(stdout).map((d) => d.kind)).not.toContain('PersistentVolumeClaim');
  });

  it('--emptyvols does the same, with a note that it is deprecated', async () => {
    const [old, now] = [await cli('convert', '-f', SEED, '--emptyvols'), await cli('convert', '-f', SEED, '--volumes', 'emptyDir')];
    expect([old.stdout === now.stdout, old.stderr.split('\n')[0]]).toEqual([true, 'compose2k8s: --emptyvols is deprecated (as in Kompose); use --volumes emptyDir']);
  });

  it('refuses --emptyvols with another --volumes', async () => {
    expect((await cli('convert', '-f', SEED, '--emptyvols', '--volumes', 'hostPath')).code).toBe(2);
  });

  it('refuses a type Kompose does not have, listing the four', async () => {
    expect((await cli('convert', '-f', SEED, '--volumes', 'nfs')).stderr).toContain('persistentVolumeClaim, emptyDir, hostPath, configMap');
  });

  it('lets an explicit --bind-mounts decide for bind mounts', async () => {
    const file = compose('services:\n  web:\n    image: nginx:1.27\n    volumes: ["./site:/usr/share/nginx/html"]\n');
    fs.mkdirSync(path.join(tmp, 'site'));
    fs.writeFileSync(path.join(tmp, 'site', 'index.html'), '<h1>hi</h1>\n');
    const { stdout } = await cli('convert', '-f', file, '--volumes', 'emptyDir', '--bind-mounts', 'configMap');
    expect(docs(stdout).map((d) => d.kind)).toContain('ConfigMap');
  });
});

describe('--pvc-request-size', () => {
  const size = (stdout: string) => docs(stdout).find((d) => d.kind === 'PersistentVolumeClaim')?.spec.resources.requests.storage;

  it('is --pvc-size by Kompose\'s name', async () => {
    expect(size((await cli('convert', '-f', SEED, '--pvc-request-size', '300Mi')).stdout)).toBe('300Mi');
  });

  it('refuses two different sizes by the two names', async () => {
    expect((await cli('convert', '-f', SEED, '--pvc-request-size', '300Mi', '--pvc-size', '1Gi')).code).toBe(2);
  });
});

describe('--no-interpolate', () => {
  it('keeps ${VAR} in the manifests', async () => {
    const file = compose('services:\n  web:\n    image: nginx:${TAG:-1.27}\n');
    expect((await cli('convert', '-f', file, '--no-interpolate')).stdout).toContain('image: nginx:${TAG:-1.27}');
  });
});

describe('--service-group-mode and --service-group-name', () => {
  const SHARING = 'services:\n  app: { image: nginx:1.27, volumes: ["data:/d"] }\n  backup: { image: busybox:1.36, command: ["sleep", "infinity"], volumes: ["data:/d"] }\nvolumes: { data: {} }\n';

  it('volume mode runs the services sharing a volume in one Deployment, named by --service-group-name', async () => {
    const { stdout } = await cli('convert', '-f', compose(SHARING), '--service-group-mode', 'volume', '--service-group-name', 'app-with-backup');
    expect(docs(stdout).filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name)).toEqual(['app-with-backup']);
  });

  it('--multiple-container-mode is label mode, with a note that it is deprecated', async () => {
    const file = compose('services:\n  a: { image: nginx:1.27, labels: { kompose.service.group: web } }\n  b: { image: busybox:1.36, labels: { kompose.service.group: web } }\n');
    const [old, now] = [await cli('convert', '-f', file, '--multiple-container-mode'), await cli('convert', '-f', file, '--service-group-mode', 'label')];
    expect([old.stdout === now.stdout, old.stderr.split('\n')[0]]).toEqual([true, 'compose2k8s: --multiple-container-mode is deprecated (as in Kompose); use --service-group-mode label']);
  });

  it('refuses --service-group-name outside volume mode', async () => {
    const r = await cli('convert', '-f', SEED, '--service-group-mode', 'label', '--service-group-name', 'x');
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('use it with --service-group-mode volume')]);
  });
});

describe('--help', () => {
  it.each(['-j, --json', '--volumes <type>', '--emptyvols', '--pvc-request-size <size>', '--no-interpolate', '--service-group-mode <mode>', '--service-group-name <name>'])('lists %s', async (flag) => {
    expect((await cli('convert', '--help')).stdout).toContain(flag);
  });

  it('lists --no-interpolate for config too', async () => {
    expect((await cli('config', '--help')).stdout).toContain('--no-interpolate');
  });
});
