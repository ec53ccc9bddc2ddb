// Printing many diagnostics so that they stay readable: errors first, then warnings, then notes, one
// code after another; the repeats of one code under one service (or top-level object) as one entry
// that lists what repeats; a code's first entry with its source line, the next two without it, the
// services after those only named; each hint once; and a summary of the counts by severity and
// code. Pure text: the CLI writes it to stderr, and the library still returns every diagnostic.

import { parentPath } from './source-map';
import { codeClass } from './diagnostic-codes';
import { formatDiagnostic, sortDiagnostics, type Diagnostic, type Severity } from './diagnostics';

/** `quiet`: errors only; `grouped`: repeats as one; `verbose`: every occurrence in full. */
export type ReportDetail = 'quiet' | 'grouped' | 'verbose';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

// Top-level keys whose entries are named objects: a repeat is counted per entry, not per key.
const NAMED_OBJECTS = new Set(['services', 'volumes', 'networks', 'secrets', 'configs', 'models']);
const TOP_KEY = /^[A-Za-z0-9_-]+/;

// How much of a line the listed names may take before the rest is left to --verbose.
const ITEMS_WIDTH = 120;

// Entries printed per code; the services (or objects) after these are only named.
const ENTRIES_PER_CODE = 3;
const NO_SOURCES: ReadonlyMap<string, string> = new Map();

/** The service or top-level object a path is under: `services.web.ports[0]` → `services.web`. */
function subjectOf(path: string | undefined): string {
  const top = TOP_KEY.exec(path ?? '')?.[0] ?? '';
  if (!NAMED_OBJECTS.has(top)) return top;
  return /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+|\["(?:[^"\\]|\\.)*"\])?/.exec(path!)![0];
}

interface DiagnosticGroup {
  readonly subject: string;
  /** In file order; the first gives the group its position. */
  readonly members: readonly Diagnostic[];
}

/**
 * One group per (severity, code, subject); errors, then warnings, then notes; within a severity, code
 * by code in the file order of each code's first occurrence; a code's groups in file order.
 */
function groupDiagnostics(list: readonly Diagnostic[]): DiagnosticGroup[][] {
  const codes = new Map<string, Map<string, Diagnostic[]>>();
  for (const d of bySeverity(list)) {
    const codeKey = `${d.severity} ${d.code}`;
    const subjects = codes.get(codeKey) ?? codes.set(codeKey, new Map()).get(codeKey)!;
    const subject = subjectOf(d.path);
    const members = subjects.get(subject) ?? subjects.set(subject, []).get(subject)!;
    members.push(d);
  }
  return [...codes.values()].map((subjects) => [...subjects].map(([subject, members]) => ({ subject, members })));
}

function bySeverity(list: readonly Diagnostic[]): Diagnostic[] {
  const sorted = sortDiagnostics(list);
  return SEVERITIES.flatMap((s) => sorted.filter((d) => d.severity === s));
}

/** The diagnostics as the CLI prints them, one entry after another, each ending with a newline. */
export function formatReport(list: readonly Diagnostic[], sources: ReadonlyMap<string, string>, detail: ReportDetail): string {
  const shown = detail === 'quiet' ? list.filter((d) => d.severity === 'error') : list;
  if (detail === 'verbose') return bySeverity(shown).map((d) => formatDiagnostic(d, sources) + '\n').join('');
  const hints = new Set<string>();
  const entries: string[] = [];
  for (const groups of groupDiagnostics(shown)) {
    groups.slice(0, ENTRIES_PER_CODE).forEach((g, i) => entries.push(formatGroup(g, i === 0 ? sources : NO_SOURCES, hints)));
    const more = groups.slice(ENTRIES_PER_CODE).map((g) => g.subject);
    if (more.length) entries.push(alsoIn(more));
  }
  return entries.map((e) => e + '\n').join('');
}

/** A group as one entry (with its source line when `sources` has it); a hint printed by an earlier entry is not repeated. */
function formatGroup(group: DiagnosticGroup, sources: ReadonlyMap<string, string>, hints: Set<string>): string {
  const [first, ...rest] = group.members;
  const many = rest.length ? codeClass(first.code)?.many : undefined;
  const items = itemsOf(many ? group.members : rest, group.subject);
  const entry: Diagnostic = many
    ? { ...first, path: commonPath(group.members), message: `${group.members.length} ${many.message}${items.length ? `: ${listed(items)}` : ''}`, hint: many.hint ?? first.hint }
    : first;
  const hint = entry.hint && !hints.has(entry.hint) ? entry.hint : undefined;
  if (hint) hints.add(hint);
  const text = formatDiagnostic({ ...entry, hint }, sources);
  if (!rest.length || many) return text;
  const where = group.subject ? ` in ${group.subject}` : '';
  return `${text}\n  and ${rest.length} more like it${where}${items.length ? `: ${listed(items)}` : ` ${VERBOSE}`}`;
}

/** `  also in 9 more services: a, b, …` (or volumes, …), else `  also in 2 more: services.a, volumes.b`. */
function alsoIn(subjects: readonly string[]): string {
  const top = TOP_KEY.exec(subjects[0])?.[0] ?? '';
  const one = NAMED_OBJECTS.has(top) && subjects.every((s) => s.startsWith(`${top}.`));
  const names = one ? subjects.map((s) => s.slice(top.length + 1)) : subjects.map((s) => s || '(no path)');
  return `  also in ${subjects.length} more${one ? ` ${top}` : ''}: ${listed(names, true)}`;
}

/** What each occurrence is about: its item, else its path below the subject; each once. */
function itemsOf(members: readonly Diagnostic[], subject: string): string[] {
  const items = members.map((d) => d.item ?? (d.path ?? '').slice(subject.length).replace(/^\./, '')).filter((i) => i !== '');
  return [...new Set(items)];
}

const VERBOSE = '(--verbose lists each)';

/** `a, b, c`, or as many as fit and `… (--verbose lists each)`; `withVerbose` points to it anyway. */
function listed(items: readonly string[], withVerbose = false): string {
  let text = '';
  for (const [i, item] of items.entries()) {
    const next = text ? `${text}, ${item}` : item;
    if (i > 0 && next.length > ITEMS_WIDTH) return `${text}, … ${VERBOSE}`;
    text = next;
  }
  return withVerbose ? `${text} ${VERBOSE}` : text;
}

/** The longest path every member's path starts with (by whole segments). */
function commonPath(members: readonly Diagnostic[]): string | undefined {
  let common = members[0].path;
  const under = (p: string | undefined, prefix: string) => p === prefix || p?.startsWith(`${prefix}.`) || p?.startsWith(`${prefix}[`);
  while (common && !members.every((d) => under(d.path, common!))) common = parentPath(common);
  return common || undefined;
}

/** `2 errors (2 invalid-value), 14 warnings (9 bind-mount-empty-dir, 5 unset-variable), 130 notes (…)`; '' for none. */
export function summarizeDiagnostics(list: readonly Diagnostic[]): string {
  return SEVERITIES.flatMap((severity) => {
    const counts = new Map<string, number>();
    for (const d of list) if (d.severity === severity) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
    if (!counts.size) return [];
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const codes = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)).map(([code, n]) => `${n} ${code}`);
    return [`${total} ${severity}${total === 1 ? '' : 's'} (${codes.join(', ')})`];
  }).join(', ');
}
