// The conversions of ../shared/corpus/compose-spec (compose-go's test data, the specification's
// snippets): every file that converts gives output that keeps the rules of k8s-invariants.ts, the
// API server's value rules included. (conformance.test.ts checks how each file loads or fails.)

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnosticShort } from '../src/common/diagnostics';
import { convertFile, SHARED } from './helpers';
import { announcedObjects, invariantProblems, type Doc } from './k8s-invariants';

const CORPUS = path.join(SHARED, 'corpus', 'compose-spec');

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return fs.statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

const converted = fs.existsSync(CORPUS)
  ? walk(CORPUS)
      .map((file) => ({ file: path.relative(CORPUS, file), result: convertFile(file) }))
      .filter(({ result }) => result.ok)
  : [];
const missing = converted.length === 0 ? `(skipped: ${CORPUS} not found)` : '';

describe.skipIf(missing !== '')(`compose-spec corpus outputs ${missing}`, () => {
  it.each(converted)('$file: keeps every rule the API server checks', ({ result }) => {
    const announced = announcedObjects(result.diagnostics.map(formatDiagnosticShort).join('\n'));
    expect(invariantProblems(result.manifests as Doc[], announced)).toEqual([]);
  });
});
