// The CLI's stderr report of a run, shared by convert (one conversion or several environments) and
// config: the diagnostics as diagnostic-report.ts lays them out (--quiet, --verbose), file names
// relative to the working directory, and one closing summary line.

import { formatReport, summarizeDiagnostics, type ReportDetail } from '../common/diagnostic-report';
import type { Diagnostic } from '../common/diagnostics';
import { type CliIO, displayPath } from './io';

export interface ReportFlags {
  /** Errors and the summary only. */
  readonly quiet?: boolean;
  /** Every occurrence in full, none grouped. */
  readonly verbose?: boolean;
}

/** Prints the diagnostics; `sources` (file → text) gives each its source line. */
export function printDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], sources: Iterable<readonly [string, string]>, flags: ReportFlags): void {
  const shown = new Map<string, string>();
  for (const [file, text] of sources) shown.set(displayPath(file, io.cwd), text);
  const relative = diagnostics.map((d) => (d.pos ? { ...d, pos: { ...d.pos, file: displayPath(d.pos.file, io.cwd) } } : d));
  const detail: ReportDetail = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'grouped';
  io.stderr(formatReport(relative, shown, detail));
}

/**
 * The closing line: `compose2k8s: 2 errors (…), 14 warnings (…); nothing was written`. Counts every
 * diagnostic, printed or not; nothing when there is neither a diagnostic nor an outcome to tell.
 */
export function printSummary(io: CliIO, diagnostics: readonly Diagnostic[], outcome?: string): void {
  const parts = [summarizeDiagnostics(diagnostics), outcome].filter((p) => p);
  if (parts.length) io.stderr(`compose2k8s: ${parts.join('; ')}\n`);
}

export const NOTHING_WRITTEN = 'nothing was written';
