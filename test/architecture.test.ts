// The checker of src/'s shape (scripts/architecture.cjs): it finds what it must find. The rules
// themselves are applied to src/ in the last block.

import { describe, expect, it } from 'vitest';

interface Layer {
  readonly name: string;
  readonly folders: readonly string[];
  readonly never?: readonly string[];
}
interface Result {
  readonly cycles: readonly string[];
  readonly layers: readonly string[];
  readonly lengths: readonly string[];
}
const architecture = require('../scripts/architecture.cjs') as {
  check: (files?: Record<string, string>, layers?: readonly Layer[]) => Result;
  MAX_FILE_LINES: number;
};

const LAYERS: readonly Layer[] = [
  { name: 'low', folders: ['low'] },
  { name: 'mid', folders: ['mid'], never: ['low'] },
  { name: 'high', folders: ['high', '.'] },
];

const fn = (name: string, lines: number, comment = '') => `${comment}\nexport function ${name}(): number {\n${'  void 0;\n'.repeat(lines - 3)}  return 1;\n}\n`;

describe('the architecture checker', () => {
  it('finds a cycle made of type-only imports and names both files', () => {
    const files = {
      'low/a.ts': "import type { B } from './b';\nexport type A = B[];\n",
      'low/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
    };
    expect(architecture.check(files, LAYERS).cycles).toEqual(['import cycle: low/a.ts → low/b.ts → low/a.ts']);
  });

  it('finds a cycle through a dynamic import() and a type in import(\'…\')', () => {
    const files = {
      'high/a.ts': "export const a = () => import('./b');\n",
      'high/b.ts': "export type B = import('./a').A;\n",
    };
    expect(architecture.check(files, LAYERS).cycles).toHaveLength(1);
  });

  it('finds an import against the layers and names both files', () => {
    const files = { 'low/a.ts': "import { b } from '../high/b';\nexport const a = b;\n", 'high/b.ts': 'export const b = 1;\n' };
    expect(architecture.check(files, LAYERS).layers).toEqual(['low/a.ts imports high/b.ts: low may import only its own layer and lower ones, and high comes after it']);
  });

  it('finds an import of a folder a layer must never use', () => {
    const files = { 'mid/a.ts': "import type { B } from '../low/b';\nexport type A = B;\n", 'low/b.ts': 'export type B = 1;\n' };
    expect(architecture.check(files, LAYERS).layers).toEqual(['mid/a.ts imports types from low/b.ts: mid never imports low']);
  });

  it('finds a file in a folder that has no layer', () => {
    const files = { 'helm/chart.ts': 'export const x = 1;\n' };
    expect(architecture.check(files, LAYERS).layers).toEqual(['helm/chart.ts: its folder helm/ has no layer; add it to LAYERS in scripts/architecture.cjs']);
  });

  it('lets a file import its own layer and lower ones', () => {
    const files = { 'high/a.ts': "import { b } from '../mid/b';\nimport { c } from './c';\nexport const a = b + c;\n", 'mid/b.ts': 'export const b = 1;\n', 'high/c.ts': 'export const c = 1;\n' };
    const { cycles, layers } = architecture.check(files, LAYERS);
    expect([...cycles, ...layers]).toEqual([]);
  });

  it(`finds a file over ${architecture.MAX_FILE_LINES} lines`, () => {
    const files = { 'low/long.ts': '// x\n'.repeat(architecture.MAX_FILE_LINES + 1) };
    expect(architecture.check(files, LAYERS).lengths).toEqual([`low/long.ts: ${architecture.MAX_FILE_LINES + 1} lines, over ${architecture.MAX_FILE_LINES}`]);
  });

  it('finds a function over 60 lines whose comment does not say why', () => {
    const files = { 'low/f.ts': fn('walk', 61, '/** Walks. */') };
    expect(architecture.check(files, LAYERS).lengths).toEqual(['low/f.ts:2: walk is 61 lines, over 60; shorten it, or say why in its comment ("Long: …")']);
  });

  it('accepts a long function whose comment says why', () => {
    const files = { 'low/f.ts': fn('tokenize', 80, '/** Walks the text once. Long: one loop keeps line numbers exact. */') };
    expect(architecture.check(files, LAYERS).lengths).toEqual([]);
  });
});

describe('src/', () => {
  const { cycles, layers, lengths } = architecture.check();

  it('has no import cycle', () => {
    expect(cycles).toEqual([]);
  });

  it('imports only along the layers, in the pipeline\'s direction', () => {
    expect(layers).toEqual([]);
  });

  it(`has no file over ${architecture.MAX_FILE_LINES} lines and no long function without a reason`, () => {
    expect(lengths).toEqual([]);
  });
});
