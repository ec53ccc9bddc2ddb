// `compose2k8s build --dry-run`: each planned step as one line a POSIX shell runs as it is.

import { posixQuote } from '../common/shell-quote';
import type { BuildStep } from './plan-builds';

const CONTROL: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\', "'": "\\'" };

/**
 * One argument, quoted for a POSIX shell: as it is when nothing in it is special, in single quotes
 * otherwise, and as `$'…'` (POSIX.1-2024, bash, zsh, ksh) when it holds a line break or another
 * control character, so that every command stays on one line.
 */
export function shellQuote(word: string): string {
  if (!/[\x00-\x1f\x7f]/.test(word)) return posixQuote(word);
  return `$'${word.replace(/[\x00-\x1f\x7f\\']/g, (ch) => CONTROL[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** A step as a shell line; an inline Dockerfile is piped in with printf. */
export function formatStep(step: BuildStep): string {
  const command = step.argv.map(shellQuote).join(' ');
  return step.stdin === undefined ? command : `printf '%s' ${shellQuote(step.stdin)} | ${command}`;
}
