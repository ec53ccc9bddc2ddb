// Variable interpolation as the Compose specification defines it (12-interpolation.md), following
// compose-go's template grammar:
//   $$            a literal $
//   $VAR ${VAR}   the value, or blank (with a warning) when unset
//   ${VAR:-d}     d when VAR is unset or empty      ${VAR-d}   d when VAR is unset
//   ${VAR:?msg}   error when VAR is unset or empty  ${VAR?msg} error when VAR is unset
//   ${VAR:+alt}   alt when VAR is set and non-empty ${VAR+alt} alt when VAR is set
// Defaults and alternatives may themselves hold interpolations: ${A:-${B:-c}}.

export interface InterpolationHooks {
  lookup(name: string): string | undefined;
  /** Called for a plain `${VAR}` or `$VAR` whose variable is unset. */
  onUnset(name: string): void;
}

export class InterpolationError extends Error {}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Interpolates one string; throws InterpolationError for bad syntax and `:?`/`?` failures. */
export function interpolateString(input: string, hooks: InterpolationHooks): string {
  if (!input.includes('$')) return input;
  return new Interpolator(input, hooks).run();
}

class Interpolator {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly hooks: InterpolationHooks,
  ) {}

  run(): string {
    const out = this.until(undefined);
    return out;
  }

  /** Reads text up to (not including) an unbalanced `stop` character, or to the end. */
  private until(stop: '}' | undefined): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (stop && c === stop) return out;
      if (c !== '$') {
        out += c;
        this.i++;
        continue;
      }
      const next = this.s[this.i + 1];
      if (next === '$') {
        out += '$';
        this.i += 2;
      } else if (next === '{') {
        this.i += 2;
        out += this.braced();
      } else if (next !== undefined && NAME_START.test(next)) {
        this.i++;
        const name = this.name();
        out += this.plain(name);
      } else {
        // A lone `$` (end of string, `$ `, `$1`) stays as written, like compose-go.
        out += '$';
        this.i++;
      }
    }
    if (stop) throw new InterpolationError(`invalid interpolation format for "${this.s}": missing closing brace`);
    return out;
  }

  private name(): string {
    const start = this.i;
    while (this.i < this.s.length && NAME_CHAR.test(this.s[this.i])) this.i++;
    return this.s.slice(start, this.i);
  }

  private plain(name: string): string {
    const v = this.hooks.lookup(name);
    if (v === undefined) {
      this.hooks.onUnset(name);
      return '';
    }
    return v;
  }

  private braced(): string {
    const start = this.i;
    if (!NAME_START.test(this.s[this.i] ?? '')) {
      throw new InterpolationError(`invalid interpolation format for "${this.s}": "\${" must be followed by a variable name`);
    }
    const name = this.name();
    const c = this.s[this.i];
    if (c === '}') {
      this.i++;
      return this.plain(name);
    }
    if (c === undefined) throw new InterpolationError(`invalid interpolation format for "${this.s}": missing closing brace`);
    let op = '';
    if (c === ':' && ['-', '?', '+'].includes(this.s[this.i + 1] ?? '')) op = ':' + this.s[this.i + 1];
    else if (c === '-' || c === '?' || c === '+') op = c;
    if (!op) {
      const bad = this.s.slice(start - 2, Math.min(this.s.length, this.i + 1));
      throw new InterpolationError(`invalid interpolation format for "${this.s}": unsupported "${bad}"; use \${VAR}, \${VAR:-default} or \${VAR:?error}`);
    }
    this.i += op.length;
    const value = this.hooks.lookup(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    // The operand is evaluated only when it is used, so `${A:-${B}}` does not warn about B when A is set.
    const operand = (): string => {
      const text = this.until('}');
      this.i++; // the closing brace
      return text;
    };
    const skip = (): void => {
      this.skipOperand();
    };
    switch (op) {
      case ':-':
        if (nonEmpty) return skip(), value!;
        return operand();
      case '-':
        if (set) return skip(), value!;
        return operand();
      case ':+':
        if (nonEmpty) return operand();
        return skip(), '';
      case '+':
        if (set) return operand();
        return skip(), '';
      case ':?':
      case '?': {
        const ok = op === ':?' ? nonEmpty : set;
        if (ok) return skip(), value!;
        const msg = operand();
        throw new InterpolationError(`required variable ${name} is missing a value${msg ? `: ${msg}` : ''}`);
      }
    }
    return '';
  }

  /** Skips an operand up to its matching closing brace without evaluating it. */
  private skipOperand(): void {
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '$' && this.s[this.i + 1] === '$') {
        this.i += 2;
        continue;
      }
      if (c === '$' && this.s[this.i + 1] === '{') {
        depth++;
        this.i += 2;
        continue;
      }
      if (c === '}') {
        if (depth === 0) {
          this.i++;
          return;
        }
        depth--;
      }
      this.i++;
    }
    throw new InterpolationError(`invalid interpolation format for "${this.s}": missing closing brace`);
  }
}
