// parseComposeYaml: YAML → plain data with a source position for every node; YAML errors as diagnostics.

import { describe, expect, it, onTestFinished } from 'vitest';
import { parseComposeYaml, PARSE_LIMITS } from '../../src/compose/parse';
import { Diagnostics } from '../../src/common/diagnostics';

const FILE = '/p/compose.yaml';

function parse(text: string) {
  const diags = new Diagnostics();
  const parsed = parseComposeYaml(FILE, text, diags);
  return { parsed, diags: diags.list };
}

describe('parseComposeYaml', () => {
  it('returns the document as plain data', () => {
    const { parsed, diags } = parse('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n');
    expect(diags).toEqual([]);
    expect(parsed?.value).toEqual({ services: { web: { image: 'nginx', ports: ['80:80'] } } });
  });

  it('records the position of scalars at their value and of collections at their key', () => {
    const { parsed } = parse('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n');
    expect(parsed!.sourceMap.exact('services.web.image')).toEqual({ file: FILE, line: 3, col: 12 });
    expect(parsed!.sourceMap.exact('services.web.ports')).toEqual({ file: FILE, line: 4, col: 5 });
    expect(parsed!.sourceMap.exact('services.web.ports[0]')).toEqual({ file: FILE, line: 5, col: 9 });
    expect(parsed!.sourceMap.exact('services.web')).toEqual({ file: FILE, line: 2, col: 3 });
  });

  it('points an unclosed [ or { at the bracket, not where yaml gave up', () => {
    const seq = parse('services:\n  web:\n    ports: [80:80\n    image: x\n').diags[0];
    expect(seq.pos).toEqual({ file: FILE, line: 3, col: 12 });
    expect(seq.hint).toContain('"[" is never closed');
    const map = parse('x: [1]\na: {b: [2]\n').diags[0];
    expect(map.pos).toEqual({ file: FILE, line: 2, col: 4 });
  });

  it('reports a syntax error with its line and column and returns nothing', () => {
    const { parsed, diags } = parse('services:\n  web:\n    ports: [80,\n');
    expect(parsed).toBeUndefined();
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', pos: { file: FILE, line: 3, col: 12 } });
  });

  it('reports tab indentation', () => {
    const { diags } = parse('services:\n\tweb:\n\t\timage: nginx\n');
    expect(diags[0]).toMatchObject({ code: 'yaml-syntax', message: 'Tabs are not allowed as indentation', pos: { line: 2, col: 1 } });
  });

  it('reports a duplicate key at the second occurrence', () => {
    const { diags } = parse('services:\n  web:\n    image: a\n    image: b\n');
    expect(diags[0]).toMatchObject({ code: 'yaml-syntax', message: 'Map keys must be unique', pos: { line: 4, col: 5 } });
  });

  it('keeps the yaml package position suffix out of the message (we print our own)', () => {
    const { diags } = parse('a: "unterminated\n');
    expect(diags.length).toBeGreaterThan(0);
    for (const d of diags) expect(d.message).not.toMatch(/at line \d+, column \d+/);
  });

  it('resolves anchors, aliases and merge keys, explicit keys winning', () => {
    const { parsed } = parse('x-base: &base\n  image: nginx\n  restart: always\nservices:\n  web:\n    <<: *base\n    restart: "no"\n');
    expect((parsed!.value as any).services.web).toEqual({ image: 'nginx', restart: 'no' });
  });

  it('records !reset and !override tags by path for the merge step', () => {
    const { parsed } = parse('services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: b\n');
    expect([...parsed!.mergeTags]).toEqual([
      ['services.web.ports', '!reset'],
      ['services.web.environment', '!override'],
    ]);
    expect((parsed!.value as any).services.web.environment).toEqual({ A: 'b' });
  });

  it('keeps a number too large for a double as the text written, not Infinity', () => {
    const { parsed } = parse('n: 1e999\n');
    expect((parsed!.value as any).n).toBe('1e999');
  });

  it('gives null for an empty document', () => {
    const { parsed, diags } = parse('');
    expect(diags).toEqual([]);
    expect(parsed?.value).toBeNull();
  });

  it('stops an alias bomb with a diagnostic instead of expanding it', () => {
    // A low node limit keeps the test quick whatever the defaults are (2M nodes took ~20 s to reach).
    const saved = PARSE_LIMITS.maxNodes;
    PARSE_LIMITS.maxNodes = 20_000;
    onTestFinished(() => void (PARSE_LIMITS.maxNodes = saved));
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { parsed, diags } = parse(lines.join('\n') + '\n');
    expect(parsed).toBeUndefined();
    expect(diags.map((d) => d.code)).toEqual(['yaml-too-large']);
  });
});
