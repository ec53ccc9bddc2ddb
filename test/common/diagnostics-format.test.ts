// formatDiagnostic splits each source once per sources map (it used to split per diagnostic, which
// made thousands of warnings on a large file quadratic); the printed lines must stay right.

import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/common/diagnostics';

describe('formatDiagnostic', () => {
  it('prints the source line and caret of each diagnostic from one shared sources map', () => {
    const sources = new Map([['a.yaml', 'services:\r\n  web:\n    image: 1\n']]);
    const at = (line: number, col: number) => formatDiagnostic({ code: 'x', severity: 'warning', message: 'm', pos: { file: 'a.yaml', line, col } }, sources);
    expect(at(3, 12)).toBe('a.yaml:3:12: warning [x] m\n   3 |     image: 1\n     |            ^');
    expect(at(1, 1)).toBe('a.yaml:1:1: warning [x] m\n   1 | services:\n     | ^');
    expect(at(9, 1)).toBe('a.yaml:9:1: warning [x] m');
  });

  it('reads a source added to the map after an earlier diagnostic was printed', () => {
    const sources = new Map([['a.yaml', 'one\n']]);
    const d = (file: string) => ({ code: 'x', severity: 'error' as const, message: 'm', pos: { file, line: 1, col: 2 } });
    expect(formatDiagnostic(d('b.yaml'), sources)).toBe('b.yaml:1:2: error [x] m');
    sources.set('b.yaml', 'two\n');
    expect(formatDiagnostic(d('b.yaml'), sources)).toContain('   1 | two');
  });
});
