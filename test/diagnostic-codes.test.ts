// DIAGNOSTIC_CODES (src/diagnostic-codes.ts) classes every code the sources emit and no other. The
// compiler already refuses an unclassed string literal passed to Diagnostics.error/warn/note; this
// reads the sources, so it also covers codes built from parts and entries nothing emits any more.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../src/common/diagnostic-codes';
import { ROOT } from './helpers';

// Codes built from parts in the sources, and every code each can become.
const BUILT: Record<string, readonly string[]> = {
  'external-${what}': ['external-config', 'external-secret'],
  '${what}-file-missing': ['config-file-missing', 'secret-file-missing'],
  '${what}-too-large': ['config-too-large', 'secret-too-large'],
  // SettingsReader: its prefix ('preset' | 'x-k8s') and suffix ('invalid-value' | 'unknown-key').
  '${this.code}-${suffix}': ['preset-invalid-value', 'preset-unknown-key', 'x-k8s-invalid-value', 'x-k8s-unknown-key'],
};

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const sources = tsFiles(path.join(ROOT, 'src'))
  .filter((f) => !f.endsWith('diagnostic-codes.ts'))
  .map((f) => fs.readFileSync(f, 'utf8'));

/** The first argument of every `.error(`, `.warn(` and `.note(` call that is a string or template literal. */
const emitted = new Set(sources.flatMap((text) => [...text.matchAll(/\.(?:error|warn|note)\(\s*(['`])([^'`]*)\1/g)].map((m) => m[2])));
/** Every quoted string in the sources: a code chosen by an expression (`a ? 'x' : 'y'`) is among them. */
const quoted = new Set(sources.flatMap((text) => [...text.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1])));
const classed = new Set(Object.keys(DIAGNOSTIC_CODES));

describe('DIAGNOSTIC_CODES', () => {
  it('classes every code the sources emit', () => {
    expect([...emitted].filter((c) => !c.includes('${') && !classed.has(c)), 'add them to src/diagnostic-codes.ts').toEqual([]);
  });

  it('knows what each code built from parts can become', () => {
    expect([...emitted].filter((c) => c.includes('${') && !(c in BUILT)), 'add them to BUILT in this test').toEqual([]);
  });

  it('classes every code a code built from parts can become', () => {
    expect(Object.values(BUILT).flat().filter((c) => !classed.has(c))).toEqual([]);
  });

  it('holds no code that nothing emits', () => {
    const reachable = new Set([...emitted, ...quoted, ...Object.values(BUILT).flat()]);
    expect([...classed].filter((c) => !reachable.has(c))).toEqual([]);
  });
});
