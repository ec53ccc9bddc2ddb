// Running planned build steps one after another through an injected process starter (the CLI passes
// one over node's child_process; tests pass their own). The first step that fails stops the run, so
// nothing is pushed or loaded after a failed build, and the failure keeps the command's last lines.

import type { BuildStep } from './plan-builds';

/** Runs one step's argv (with its stdin and env); each chunk of its output goes to `onOutput`. */
export type StartStep = (step: BuildStep, onOutput: (text: string) => void) => Promise<{ readonly code: number } | { readonly error: string }>;

export type RunOutcome =
  | { readonly ok: true; readonly done: readonly BuildStep[] }
  | {
      readonly ok: false;
      readonly done: readonly BuildStep[];
      readonly failed: BuildStep;
      /** `exit code 1`, or why the command could not start. */
      readonly reason: string;
      /** The last lines the command printed, for the report. */
      readonly lastLines: readonly string[];
    };

export interface RunHooks {
  /** Before each step starts. */
  readonly onStart?: (step: BuildStep) => void;
  /** Each chunk of a step's output, as it comes. */
  readonly onOutput?: (text: string) => void;
}

/** The last `keep` lines of a stream of chunks; progress lines ended by "\r" count as lines. */
class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly keep: number) {}

  push(text: string): void {
    const parts = (this.partial + text).split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  }

  /** The kept lines, the unfinished last one included; blank lines left out. */
  last(): string[] {
    return [...this.lines, this.partial].filter((l) => l.trim() !== '').slice(-this.keep);
  }
}

/** Runs `steps` in order and stops at the first that fails. */
export async function runSteps(steps: readonly BuildStep[], start: StartStep, hooks: RunHooks = {}, keepLines = 20): Promise<RunOutcome> {
  const done: BuildStep[] = [];
  for (const step of steps) {
    hooks.onStart?.(step);
    const tail = new LineTail(keepLines);
    const result = await start(step, (text) => {
      tail.push(text);
      hooks.onOutput?.(text);
    });
    if ('error' in result || result.code !== 0) {
      return { ok: false, done, failed: step, reason: 'error' in result ? result.error : `exit code ${result.code}`, lastLines: tail.last() };
    }
    done.push(step);
  }
  return { ok: true, done };
}
