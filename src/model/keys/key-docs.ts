// The README's key support table, generated from the key table (service-keys.ts) so that the two
// never disagree. `npm run docs:keys` rewrites the section between the markers; a test fails when
// the README's section is stale.

import { SERVICE_KEYS, type KeyRule } from './service-keys';

export const KEYS_START = '<!-- keys:start -->';
export const KEYS_END = '<!-- keys:end -->';

const STATUS_TEXT = { mapped: 'converted', ignored: 'ignored', unsupported: '**reported**' } as const;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function describe(rule: KeyRule): string {
  switch (rule.status) {
    case 'mapped':
      return rule.to;
    case 'ignored':
      return rule.why;
    case 'unsupported':
      return rule.instead ? `${rule.why}. Instead: ${rule.instead}` : rule.why;
  }
}

/** The Markdown table: one row per key of the table, sorted by path, with a count per status. */
export function renderKeyTable(rows: Readonly<Record<string, KeyRule>> = SERVICE_KEYS): string {
  const paths = Object.keys(rows).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counts = { mapped: 0, ignored: 0, unsupported: 0 };
  for (const p of paths) counts[rows[p].status]++;
  const lines = [
    `Generated from \`src/model/keys/service-keys.ts\` by \`npm run docs:keys\`: ${paths.length} service keys, ` +
      `${counts.mapped} converted, ${counts.ignored} ignored (no effect on a cluster), ${counts.unsupported} reported ` +
      '(a warning with `file:line:col`, the reason and what to do instead).',
    '',
    '| service key | status | becomes / why |',
    '|---|---|---|',
    ...paths.map((p) => `| \`${p}\` | ${STATUS_TEXT[rows[p].status]} | ${escapeCell(describe(rows[p]))} |`),
  ];
  return lines.join('\n');
}

/** The README with the section between the markers replaced; undefined when a marker is missing. */
export function replaceKeySection(readme: string, table: string = renderKeyTable()): string | undefined {
  return replaceMarkedSection(readme, KEYS_START, KEYS_END, table);
}

/** `text` with what lies between the `start` and `end` markers replaced by `section`; undefined without them. */
export function replaceMarkedSection(text: string, start: string, end: string, section: string): string | undefined {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`;
}
