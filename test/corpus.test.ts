// Every compose file of ../shared/corpus/awesome-compose (real projects, CC0) converts with exit
// code 0 through the CLI, and one batched kube-validate call accepts every output.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main';
import { parseAllDocuments } from 'yaml';
import { kubeValidate, kubeValidateUnavailable, SHARED } from './helpers';
import { announcedObjects, invariantProblems, type Doc } from './k8s-invariants';

const CORPUS = path.join(SHARED, 'corpus', 'awesome-compose');
const COMPOSE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);

function composeFiles(): string[] {
  if (!fs.existsSync(CORPUS)) return [];
  return fs
    .readdirSync(CORPUS)
    .sort()
    .flatMap((dir) => (fs.statSync(path.join(CORPUS, dir)).isDirectory() ? fs.readdirSync(path.join(CORPUS, dir)).filter((f) => COMPOSE_NAMES.has(f)).map((f) => path.join(dir, f)) : []));
}

const files = composeFiles();
const corpusMissing = files.length === 0 ? `skipped: ${CORPUS} not found (../shared is not beside the project)` : undefined;
const outputs = new Map<string, string>();

describe.skipIf(corpusMissing !== undefined)(`awesome-compose corpus ${corpusMissing ? `(${corpusMissing})` : ''}`, () => {
  it('holds the 39 compose files it is documented to hold', () => {
    expect(files).toHaveLength(39);
  });

  it.each(files)('%s converts with exit code 0', async (file) => {
    let stdout = '';
    let stderr = '';
    // The project's own directory, as `cd sample && compose2k8s convert` would; no variables set.
    // --verbose: every external object is named in a line of its own (announcedExternal reads them).
    const code = await run(['convert', '--verbose', '-f', path.basename(file)], {
      cwd: path.join(CORPUS, path.dirname(file)),
      env: {},
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: async () => '',
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^apiVersion: /);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain(' error [');
    outputs.set(file, stdout);
    // What kubectl's validation does not check: names, port names, selectors, references.
    const docs = parseAllDocuments(stdout).map((d) => (d as { toJS(): Doc }).toJS());
    expect(invariantProblems(docs, announcedObjects(stderr))).toEqual([]);
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`kubectl accepts every output ${unavailable ? `(${unavailable})` : ''}`, { timeout: 300_000 }, () => {
    expect(outputs.size, 'every file converted first').toBe(files.length);
    // One stream (kubectl starts once, not 39 times); kubectl names each object it accepts or rejects.
    const stream = [...outputs].map(([file, yaml]) => `# ${file}\n${yaml}`).join('---\n');
    const { ok, output } = kubeValidate(new Map([['awesome-compose', stream]]));
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
    expect(output.match(/created \(dry run\)/g)?.length).toBe(stream.split(/^kind: /m).length - 1);
  });
});
