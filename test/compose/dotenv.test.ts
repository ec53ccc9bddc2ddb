// .env syntax as docker compose reads it (compose-go's dotenv package).

import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv } from '../../src/compose/dotenv';

const parse = (text: string, env: Record<string, string> = {}) => Object.fromEntries(parseDotenv(text, (n) => env[n]).map((e) => [e.key, e.value]));

describe('.env syntax', () => {
  it('reads KEY=value lines, skipping blank lines and comments', () => {
    expect(parse('# a comment\n\nA=1\n  # indented comment\nB=two words\n')).toEqual({ A: '1', B: 'two words' });
  });

  it('accepts "export ", spaces around "=", and KEY: value', () => {
    expect(parse('export A=1\nB = 2\nC: 3\n')).toEqual({ A: '1', B: '2', C: '3' });
  });

  it('an empty value is an empty string', () => {
    expect(parse('A=\nB=""\n')).toEqual({ A: '', B: '' });
  });

  it('drops an inline " # comment" after an unquoted value, but keeps a # inside a word', () => {
    expect(parse('A=value # comment\nB=val#ue\n')).toEqual({ A: 'value', B: 'val#ue' });
  });

  it('single quotes are literal: no escapes, no interpolation', () => {
    expect(parse("A='x\\ny ${B} # not a comment'\n", { B: 'b' })).toEqual({ A: 'x\\ny ${B} # not a comment' });
  });

  it('double quotes allow escapes and span lines', () => {
    expect(parse('A="line1\\nline2\\t\\"q\\""\nB="multi\nline"\nC=after\n')).toEqual({ A: 'line1\nline2\t"q"', B: 'multi\nline', C: 'after' });
  });

  it('a quoted value may be followed by a comment', () => {
    expect(parse('A="x" # comment\nB=\'y\' # comment\n')).toEqual({ A: 'x', B: 'y' });
  });

  it('interpolates ${VAR} from earlier entries, then the lookup, in unquoted and double-quoted values', () => {
    expect(parse('A=1\nB=${A}-$A\nC="${B}/${HOME_DIR}"\nD=${MISSING:-dflt}\n', { HOME_DIR: '/home/me' })).toEqual({ A: '1', B: '1-1', C: '1-1//home/me', D: 'dflt' });
  });

  it('a bare KEY takes its value from the lookup, and is left out when unset', () => {
    expect(parse('A\nB\n', { A: 'from-env' })).toEqual({ A: 'from-env' });
  });

  it('strips a byte order mark and CRLF line ends', () => {
    expect(parse('\uFEFFA=1\r\nB=2\r\n')).toEqual({ A: '1', B: '2' });
  });

  it('reports an invalid line and an unterminated quote with their line', () => {
    expect(() => parse('A=1\nNOT VALID\n')).toThrow(DotenvError);
    try {
      parse('A=1\nB="open\nC=2\n');
    } catch (e) {
      expect(e).toBeInstanceOf(DotenvError);
      expect((e as DotenvError).line).toBe(2);
    }
    expect.assertions(3);
  });
});
