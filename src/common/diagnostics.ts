// Diagnostics are data, not logs: every problem found anywhere in the pipeline is collected here with
// a code, a severity, the compose path and the source position, and printed once by the CLI.

import type { CodeOf, Severity } from './diagnostic-codes';

export type { Severity } from './diagnostic-codes';

/** A position in a source file, 1-based like editors and compilers show it. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface Diagnostic {
  /** Stable identifier, e.g. `unsupported-key`, `yaml-syntax`, `unset-variable`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Compose path of the offending node, e.g. `services.web.ports[0]`. */
  readonly path?: string;
  readonly pos?: SourcePos;
  /** What the user can do about it. */
  readonly hint?: string;
  /**
   * The name or value this occurrence is about (a variable, a host path), when the path does not say
   * it: the CLI lists these when it prints repeats of one code under one service as one.
   */
  readonly item?: string;
}

type Where = { path?: string; pos?: SourcePos; hint?: string; item?: string };

/** Collects diagnostics; one instance per conversion. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.list.push(d);
  }

  error(code: CodeOf<'error'>, message: string, at: Where = {}): void {
    this.add({ code, severity: 'error', message, ...at });
  }

  warn(code: CodeOf<'warning'>, message: string, at: Where = {}): void {
    this.add({ code, severity: 'warning', message, ...at });
  }

  note(code: CodeOf<'note'>, message: string, at: Where = {}): void {
    this.add({ code, severity: 'note', message, ...at });
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

/** Thrown by `convert()` when the input is invalid; carries every diagnostic found so far. */
export class ConversionError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticShort(d)).join('\n'));
    this.name = 'ConversionError';
  }
}

export function formatLocation(pos: SourcePos | undefined): string {
  return pos ? `${pos.file}:${pos.line}:${pos.col}` : '';
}

/** One line: `compose.yaml:12:9 warning [code] services.web.ulimits: message`. */
export function formatDiagnosticShort(d: Diagnostic): string {
  const where = d.pos ? `${formatLocation(d.pos)}: ` : '';
  const path = d.path ? `${d.path}: ` : '';
  return `${where}${d.severity} [${d.code}] ${path}${d.message}`;
}

// Split each source once: splitting per diagnostic made 3,000 warnings on a 1 MB file take seconds.
const splitSources = new WeakMap<ReadonlyMap<string, string>, Map<string, readonly string[]>>();

function sourceLines(sources: ReadonlyMap<string, string>, file: string): readonly string[] | undefined {
  let files = splitSources.get(sources);
  if (!files) splitSources.set(sources, (files = new Map()));
  let lines = files.get(file);
  if (!lines) {
    const text = sources.get(file);
    if (text === undefined) return undefined;
    files.set(file, (lines = text.split(/\r?\n/)));
  }
  return lines;
}

/**
 * Full form, like the yaml package's prettifyError: the one-line summary, the source line and a caret
 * under the column, then the hint.
 */
export function formatDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const lines = [formatDiagnosticShort(d)];
  const sourceLine = d.pos ? sourceLines(sources, d.pos.file)?.[d.pos.line - 1] : undefined;
  if (d.pos && sourceLine !== undefined) {
    const shown = sourceLine.length > 200 ? sourceLine.slice(0, 200) + '…' : sourceLine;
    const gutter = String(d.pos.line).padStart(4);
    lines.push(`${gutter} | ${shown}`);
    lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, Math.min(d.pos.col - 1, 200)))}^`);
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

/** Sort for printing: by file, line, column, then code; stable for equal positions. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const pa = a.d.pos;
      const pb = b.d.pos;
      if (pa && pb) {
        if (pa.file !== pb.file) return pa.file < pb.file ? -1 : 1;
        if (pa.line !== pb.line) return pa.line - pb.line;
        if (pa.col !== pb.col) return pa.col - pb.col;
      } else if (pa || pb) {
        return pa ? -1 : 1;
      }
      return a.i - b.i;
    })
    .map(({ d }) => d);
}
