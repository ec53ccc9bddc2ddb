// YAML anchors, aliases and merge keys (spec 10-fragments.md), and x- extensions (11-extension.md).

import { describe, expect, it } from 'vitest';
import { load } from './load';

describe('anchors, aliases and merge keys', () => {
  it('an alias repeats the anchored value', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: app\n    environment: &env\n      A: "1"\n  b:\n    image: app\n    environment: *env\n' });
    expect(r.project!.services.b.environment).toEqual({ A: '1' });
  });

  it('<< merges a mapping; explicit keys win, and earlier merged maps beat later ones', () => {
    const r = load({
      'compose.yaml': [
        'x-one: &one',
        '  image: one',
        '  restart: always',
        'x-two: &two',
        '  image: two',
        '  user: two',
        'services:',
        '  web:',
        '    <<: [*one, *two]',
        '    restart: "no"',
        '',
      ].join('\n'),
    });
    expect(r.errors).toEqual([]);
    expect(r.project!.services.web).toMatchObject({ image: 'one', restart: 'no', user: 'two' });
  });

  it('a value reached through an alias is reported where the alias is used', () => {
    const r = load({ 'compose.yaml': 'x-ports: &p ["nope"]\nservices:\n  web:\n    image: nginx\n    ports: *p\n' });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/compose\.yaml:\d+:\d+: error \[invalid-value\] services\.web\.ports\[0\]/)]);
  });

  it('x- fields are accepted silently at the top level and in services', () => {
    const r = load({ 'compose.yaml': 'x-anything: {a: [1, 2]}\nservices:\n  web:\n    image: nginx\n    x-custom: 1\n' });
    expect(r.lines).toEqual([]);
    expect(r.project!.extensions).toEqual({ 'x-anything': { a: [1, 2] } });
  });

  it('an alias bomb fails with a diagnostic, not a hang', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = load({ 'compose.yaml': `x-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nservices:\n  web:\n    image: nginx\n` });
    expect(r.errors).toEqual([expect.stringContaining('[yaml-too-large]')]);
  });
});
