// A command string → argv, as compose splits `command:` and `entrypoint:` strings.

/**
 * Splits a command string into argv the way compose does (go-shellwords): whitespace separates
 * words, single quotes are literal, double quotes allow `\"` and `\\`, a backslash escapes the next
 * character. No expansion happens. Throws on an unterminated quote.
 */
export function splitShellWords(input: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\' || input[i + 1] === '$')) current += input[++i];
      else current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < input.length) {
      current += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote === '"' ? 'double' : 'single'} quote in "${input}"`);
  if (inWord) words.push(current);
  return words;
}
