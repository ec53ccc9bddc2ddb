// Quoting a word for a POSIX shell, the one rule behind every command line compose2k8s writes: the
// `sh -c` scripts of lifecycle hooks (model/pod/lifecycle.ts) and `compose2k8s build --dry-run`
// (images/shell-quote.ts, which keeps each command on one line).

/** Words a shell takes literally: no quotes needed. */
const LITERAL = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word for any POSIX shell (dash included): as it is when nothing in it is special, in single
 * quotes otherwise. A line break stays inside the quotes, so the word may span lines.
 */
export function posixQuote(word: string): string {
  return LITERAL.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
