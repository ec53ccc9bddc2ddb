// Loading inline compose files through memoryHost, for the loader tests (compose-go's style:
// files in, project or diagnostics out).

import { loadProject, type LoadOptions } from '../../src/compose/loader';
import { Diagnostics, formatDiagnosticShort } from '../../src/common/diagnostics';
import { memoryHost } from '../../src/common/host';

export const DIR = '/project';

export interface Loaded {
  project: ReturnType<typeof loadProject>['project'];
  /** Every diagnostic as one short line: `file:line:col: severity [code] path: message`. */
  lines: string[];
  errors: string[];
  warnings: string[];
  notes: string[];
}

/**
 * Loads `files` (path relative to /project → text). `main` lists the -f files in order
 * (default: compose.yaml); pass `main: []` with `cwd` to let the loader find them.
 */
export function load(files: Record<string, string>, opts: Partial<Omit<LoadOptions, 'files' | 'host' | 'diags'>> & { main?: string[] } = {}): Loaded {
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [p.startsWith('/') ? p : `${DIR}/${p}`, t]));
  const diags = new Diagnostics();
  const main = opts.main ?? ['compose.yaml'];
  const { project } = loadProject({
    env: {},
    ...opts,
    files: main.map((p) => ({ path: p.startsWith('/') ? p : `${DIR}/${p}` })),
    host: memoryHost(abs),
    diags,
  });
  const lines = diags.list.map(formatDiagnosticShort);
  return {
    project,
    lines,
    errors: diags.list.filter((d) => d.severity === 'error').map(formatDiagnosticShort),
    warnings: diags.list.filter((d) => d.severity === 'warning').map(formatDiagnosticShort),
    notes: diags.list.filter((d) => d.severity === 'note').map(formatDiagnosticShort),
  };
}
