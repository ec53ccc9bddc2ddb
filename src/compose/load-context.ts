// What loading a file needs and passes on: the loader's shared state (LoaderContext), the scope a
// file is read in (FileScope) and the file itself (FileRef). Apart from load-file.ts, so that
// include.ts and extends.ts, which load-file.ts calls, need not import it back.

import type { Diagnostics, SourcePos } from '../common/diagnostics';
import type { Host } from '../common/host';
import type { Environment } from './env';

export interface LoaderContext {
  readonly host: Host;
  readonly diags: Diagnostics;
  /** Text of every file read, for diagnostics with a caret. */
  readonly sources: Map<string, string>;
  /** Unset variables already reported, so each is reported once per project, as compose does. */
  readonly warnedUnset?: Set<string>;
  /** `--no-interpolate`: strings are kept as written; paths of those holding a variable are added here. */
  readonly keptVariables?: Set<string>;
}

/** What a file is loaded with: its variables, the directory its relative paths mean, and its callers. */
export interface FileScope {
  readonly env: Environment;
  readonly dir: string;
  /** Files whose `include` led here, outermost first, to report include cycles. */
  readonly includeChain: readonly string[];
  /** `file#service` pairs whose `extends` led here, to report extends cycles across files. */
  readonly extendsChain: readonly string[];
}

export interface FileRef {
  readonly path: string;
  readonly content?: string;
  /** The node that named this file (an include or extends entry), for "not found" errors. */
  readonly from?: SourcePos;
}
