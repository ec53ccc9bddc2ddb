// Golden tests: every examples/<app>/ and test/fixtures/<case>/ holding a compose file converts to
// its expected.k8s.yaml (regenerate with `npx vitest -u`, review the diff), and kubectl accepts it.
// A fixture may hold options.json (convert() options) and expected.diagnostics.txt is written beside.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeClass } from '../src/common/diagnostic-codes';
import type { Diagnostic } from '../src/common/diagnostics';
import { convertFile, diagnosticLines, kubeValidate, kubeValidateUnavailable, ROOT } from './helpers';

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

function cases(root: string): { name: string; dir: string; file: string }[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort()
    .map((name) => ({ name, dir: path.join(root, name) }))
    .filter(({ dir }) => fs.statSync(dir).isDirectory())
    .flatMap(({ name, dir }) => {
      const file = COMPOSE_NAMES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
      return file ? [{ name, dir, file }] : [];
    });
}

const all = [...cases(path.join(ROOT, 'examples')).map((c) => ({ ...c, name: `examples/${c.name}` })), ...cases(path.join(ROOT, 'test', 'fixtures')).map((c) => ({ ...c, name: `fixtures/${c.name}` }))];
const outputs = new Map<string, string>();
const diagnostics = new Map<string, readonly Diagnostic[]>();

describe('golden conversions', () => {
  it.each(all)('$name converts to its expected.k8s.yaml', async ({ dir, file }) => {
    const optionsFile = path.join(dir, 'options.json');
    const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
    const result = convertFile(file, options);
    await expect(diagnosticLines(result).join('\n') + '\n').toMatchFileSnapshot(path.join(dir, 'expected.diagnostics.txt'));
    expect(result.ok).toBe(true);
    await expect(result.yaml).toMatchFileSnapshot(path.join(dir, 'expected.k8s.yaml'));
    outputs.set(dir, result.yaml);
    diagnostics.set(dir, result.diagnostics);
  });

  it('reports each code with the severity DIAGNOSTIC_CODES gives it', () => {
    expect(diagnostics.size, 'every case converted first').toBe(all.length);
    const unlike = [...diagnostics.values()].flat().filter((d) => codeClass(d.code)?.severity !== d.severity);
    expect(unlike.map((d) => `${d.severity} [${d.code}]`)).toEqual([]);
  });

  it('converts byte-identically twice', () => {
    for (const { file } of all.slice(0, 3)) expect(convertFile(file).yaml).toBe(convertFile(file).yaml);
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`every golden output is accepted by kubectl ${unavailable ? `(${unavailable})` : ''}`, () => {
    const docs = new Map(all.map(({ name, dir }) => [name, outputs.get(dir) ?? fs.readFileSync(path.join(dir, 'expected.k8s.yaml'), 'utf8')]));
    const { ok, output } = kubeValidate(docs);
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
  });
});
