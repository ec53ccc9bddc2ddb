// `.env` and `env_file` syntax as docker compose reads it (compose-go's dotenv package):
//   # comment                 KEY=value            export KEY=value
//   KEY=value # comment       KEY='literal $x'     KEY="escapes \n and ${OTHER}"
//   KEY="multi                KEY                  (no `=`: taken from the lookup, if set)
//   line"
// Unquoted and double-quoted values interpolate `${VAR}` from earlier entries, then the lookup.

import { interpolateString, InterpolationError } from './interpolate';

export interface DotenvEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$', f: '\f', b: '\b', v: '\v' };

/**
 * Parses dotenv text. `lookup` supplies variables for `${VAR}` in values and for bare `KEY` lines;
 * earlier entries of the same file take part too.
 */
export function parseDotenv(text: string, lookup: (name: string) => string | undefined = () => undefined): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const own = new Map<string, string>();
  const resolve = (name: string) => (own.has(name) ? own.get(name) : lookup(name));
  const interpolate = (value: string, line: number) => {
    try {
      return interpolateString(value, { lookup: resolve, onUnset: () => undefined });
    } catch (e) {
      if (e instanceof InterpolationError) throw new DotenvError(e.message, line, 1);
      throw e;
    }
  };

  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const lineStart = line;
    let end = src.indexOf('\n', i);
    if (end < 0) end = src.length;
    const raw = src.slice(i, end);
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i = end + 1;
      line++;
      continue;
    }
    const body = trimmed.replace(/^export\s+/, '');
    const eq = body.search(/[=:]/);
    if (eq < 0) {
      if (!KEY.test(body)) throw new DotenvError(`invalid line "${trimmed}": expected KEY=VALUE`, lineStart, 1);
      const v = resolve(body);
      if (v !== undefined) {
        entries.push({ key: body, value: v, line: lineStart });
        own.set(body, v);
      }
      i = end + 1;
      line++;
      continue;
    }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) {
      throw new DotenvError(`invalid variable name "${key}"`, lineStart, raw.indexOf(key) + 1 || 1);
    }
    // Position just after the separator, in the whole source, so quoted values may span lines.
    const valueStart = i + raw.indexOf(body) + eq + 1;
    let j = valueStart;
    while (j < src.length && (src[j] === ' ' || src[j] === '\t')) j++;
    const read = readValue(src, j, end, key, lineStart, interpolate);
    const value = read.value;
    line += read.newlines;
    end = read.end;
    entries.push({ key, value, line: lineStart });
    own.set(key, value);
    i = end + 1;
    line++;
  }
  return entries;
}

/**
 * The value starting at `start` (after the separator and blanks), on a line ending at `lineEnd`:
 * quoted (it may span lines: `end` is where its last line ends, `newlines` how many it spans) or
 * bare (up to a ` #` comment). Double-quoted and bare values are interpolated.
 */
function readValue(
  src: string,
  start: number,
  lineEnd: number,
  key: string,
  lineStart: number,
  interpolate: (value: string, line: number) => string,
): { value: string; end: number; newlines: number } {
  const quote = src[start];
  if (quote === "'" || quote === '"') {
    const quoted = readQuoted(src, start, key, lineStart);
    const end = src.indexOf('\n', quoted.close);
    return { value: quote === '"' ? interpolate(quoted.text, lineStart) : quoted.text, end: end < 0 ? src.length : end, newlines: quoted.newlines };
  }
  let v = src.slice(start, lineEnd);
  const comment = v.search(/\s#/);
  if (comment >= 0) v = v.slice(0, comment);
  return { value: interpolate(v.trim(), lineStart), end: lineEnd, newlines: 0 };
}

/**
 * The quoted value whose opening quote is at `open`: its text (escapes read inside double quotes
 * only), the index of its closing quote, and how many line breaks it spans.
 */
function readQuoted(src: string, open: number, key: string, lineStart: number): { text: string; close: number; newlines: number } {
  const quote = src[open];
  let text = '';
  let newlines = 0;
  for (let k = open + 1; k < src.length; k++) {
    const c = src[k];
    if (c === '\n') newlines++;
    if (quote === '"' && c === '\\' && k + 1 < src.length) {
      const n = src[k + 1];
      text += ESCAPES[n] ?? '\\' + n;
      k++;
      continue;
    }
    if (c === quote) return { text, close: k, newlines };
    text += c;
  }
  throw new DotenvError(`unterminated quoted value for ${key}`, lineStart, 1);
}
