// Shared test helpers: paths to ../shared, running kube-validate, converting a folder.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type CliIO } from '../src/cli/main';
import { convert } from '../src/index';
import { convertWithHost, type ConvertInput, type ConvertResult } from '../src/convert';
import { memoryHost } from '../src/common/host';
import type { Manifest } from '../src/kube/manifest';
import { formatDiagnosticShort, sortDiagnostics } from '../src/common/diagnostics';

export const ROOT = path.resolve(__dirname, '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const KUBE_VALIDATE = path.join(SHARED, 'tools', 'kube-validate', 'kube-validate');
/** The CLI bundle bin/compose2k8s.js runs (`npm run build` writes it). */
export const { BUNDLE } = require('../bin/load-bundle.js') as { BUNDLE: string };

/** Why kube-validate cannot run here, or undefined when it can. */
export function kubeValidateUnavailable(): string | undefined {
  if (!fs.existsSync(KUBE_VALIDATE)) return `skipped: ${KUBE_VALIDATE} not found (../shared is not beside the project)`;
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) return 'skipped: kubectl is not on PATH';
  return undefined;
}

/** Validates YAML texts in one kube-validate call; returns kubectl's output and whether all passed. */
export function kubeValidate(docs: ReadonlyMap<string, string>): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-validate-'));
  try {
    const files = [...docs].map(([name, text]) => {
      const file = path.join(dir, name.replace(/[^A-Za-z0-9._-]+/g, '_') + '.yaml');
      fs.writeFileSync(file, text);
      return file;
    });
    const r = spawnSync(KUBE_VALIDATE, files, { encoding: 'utf8', timeout: 300_000 });
    return { ok: r.status === 0, output: `${r.stdout}\n${r.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Converts a compose file with a fixed, empty environment (goldens must not depend on the machine). */
export function convertFile(file: string, options: Record<string, unknown> = {}): ConvertResult {
  return convert({ files: [path.resolve(file)], env: {}, ...options });
}

/** Diagnostics as short lines in file order (as the CLI prints them), paths relative to the repository. */
export function diagnosticLines(result: ConvertResult): string[] {
  return sortDiagnostics(result.diagnostics).map((d) => {
    const line = formatDiagnosticShort(d.pos ? { ...d, pos: { ...d.pos, file: path.relative(ROOT, d.pos.file) } } : d);
    return line.split(ROOT + '/').join('');
  });
}

/** The project directory of in-memory conversions. */
export const MEM_DIR = '/project';

/**
 * Converts compose text held in memory (`/project/compose.yaml`), with extra files beside it
 * (keys relative to /project), a fixed environment and no file system access.
 */
export function convertYaml(text: string, options: Partial<ConvertInput> & { extraFiles?: Record<string, string> } = {}): ConvertResult {
  const { extraFiles = {}, ...rest } = options;
  const files: Record<string, string> = { [`${MEM_DIR}/compose.yaml`]: text };
  for (const [rel, content] of Object.entries(extraFiles)) files[`${MEM_DIR}/${rel}`] = content;
  return convertWithHost({ files: [`${MEM_DIR}/compose.yaml`], env: {}, host: memoryHost(files), ...rest });
}

/** The manifest of `kind` named `name`, or undefined. */
export function manifest(result: ConvertResult, kind: string, name: string): Manifest | undefined {
  return result.manifests.find((m) => m.kind === kind && m.metadata.name === name);
}

/** Diagnostic codes, in file order. */
export function codes(result: ConvertResult): string[] {
  return sortDiagnostics(result.diagnostics).map((d) => d.code);
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured stdout/stderr, a fixed environment and optional stdin. */
export async function runCli(
  argv: readonly string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; stdin?: string },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd: opts.cwd,
    env: opts.env ?? {},
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
