// The objects exactly as client-side `kubectl apply` would send them to the API server (namespace
// set, last-applied-configuration annotation added): `kubectl apply --dry-run=client -o json`
// against the fake API server of ../shared/tools/kube-validate. Callers skip when it is unavailable.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { KUBE_VALIDATE } from './helpers';

const SERVER = path.join(path.dirname(KUBE_VALIDATE), 'server.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    http.get(`http://127.0.0.1:${port}/version`, (r) => resolve(r.statusCode === 200)).on('error', () => resolve(false));
  });

/** The applied objects of a YAML stream, in namespace `namespace`. */
export async function kubectlClientApply(yaml: string, namespace: string): Promise<Record<string, any>[]> {
  const port = await freePort();
  const server = spawn(process.execPath, [SERVER, String(port)], { stdio: 'ignore' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-apply-'));
  try {
    for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: kv, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: kv, user: {}}]\ncontexts: [{name: kv, context: {cluster: kv, user: kv}}]\ncurrent-context: kv\n`);
    fs.writeFileSync(path.join(dir, 'in.yaml'), yaml);
    const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'apply', '--dry-run=client', '-o', 'json', '-n', namespace, '-f', path.join(dir, 'in.yaml')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`kubectl failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    return out.kind === 'List' ? out.items : [out];
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
