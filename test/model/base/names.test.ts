// Kubernetes names from compose names: sanitised, readable, never hashed; collisions reported.

import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/common/diagnostics';
import { NameRegistry, portName, toDns1035Label, toDns1123Label, toLabelValue, uniqueName } from '../../../src/model/base/names';

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('toDns1123Label', () => {
  it.each([
    ['web', 'web'],
    ['My_App', 'my-app'],
    ['db.primary', 'db-primary'],
    ['__weird__name__', 'weird-name'],
    ['a--b', 'a-b'],
    ['-leading-and-trailing-', 'leading-and-trailing'],
    ['1st', '1st'],
    ['émoji🙂svc', 'moji-svc'],
  ])('%j → %j', (input, expected) => {
    expect(toDns1123Label(input)).toBe(expected);
  });

  it('cuts at 63 characters without leaving a trailing "-"', () => {
    const name = toDns1123Label('a'.repeat(62) + '_b');
    expect(name).toBe('a'.repeat(62));
    expect(toDns1123Label('x'.repeat(100))).toHaveLength(63);
  });

  it('never returns an empty name', () => {
    expect(toDns1123Label('___')).toMatch(DNS1123);
  });
});

describe('toDns1035Label (Service names)', () => {
  it('keeps a name that starts with a letter', () => {
    expect(toDns1035Label('Redis_Cache')).toBe('redis-cache');
  });

  it('prefixes a name that starts with a digit', () => {
    expect(toDns1035Label('1password')).toBe('s-1password');
    expect(toDns1035Label('1password')).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('stays within 63 characters after prefixing', () => {
    expect(toDns1035Label('9'.repeat(63)).length).toBeLessThanOrEqual(63);
  });
});

describe('toLabelValue', () => {
  it('keeps dots, underscores and case, replaces the rest', () => {
    expect(toLabelValue('My_App.v2')).toBe('My_App.v2');
    expect(toLabelValue('a b/c')).toBe('a-b-c');
  });

  it('trims non-alphanumerics at both ends and cuts at 63', () => {
    expect(toLabelValue('_x_')).toBe('x');
    expect(toLabelValue('y'.repeat(80))).toHaveLength(63);
  });
});

describe('portName', () => {
  it('is protocol-port, lowercase, at most 15 characters', () => {
    expect(portName('UDP', 65535)).toBe('udp-65535');
    expect(portName('sctp', 65535).length).toBeLessThanOrEqual(15);
  });
});

describe('uniqueName', () => {
  it('keeps a name nothing holds', () => {
    expect(uniqueName('data', () => false)).toBe('data');
  });

  it('numbers a taken name from 2', () => {
    const taken = new Set(['data', 'data-2']);
    expect(uniqueName('data', (n) => taken.has(n))).toBe('data-3');
  });

  it('cuts a 63-character name so that its number fits in a DNS label', () => {
    const long = 'a'.repeat(63);
    expect(uniqueName(long, (n) => n === long)).toBe(`${'a'.repeat(61)}-2`);
  });
});

describe('NameRegistry', () => {
  it('gives the wanted name to its first owner and again to the same owner', () => {
    const names = new NameRegistry(new Diagnostics());
    expect(names.claim('Service', 'my-app', 'service "my_app"')).toBe('my-app');
    expect(names.claim('Service', 'my-app', 'service "my_app"')).toBe('my-app');
  });

  it('suffixes a colliding name and reports both compose names', () => {
    const diags = new Diagnostics();
    const names = new NameRegistry(diags);
    names.claim('Deployment', 'my-app', 'service "my_app"');
    const pos = { file: '/p/compose.yaml', line: 7, col: 3 };
    expect(names.claim('Deployment', 'my-app', 'service "my.app"', { path: 'services["my.app"]', pos })).toBe('my-app-2');
    expect(diags.list).toEqual([
      expect.objectContaining({
        code: 'name-collision',
        severity: 'warning',
        path: 'services["my.app"]',
        pos,
        message: 'Deployment name "my-app" for service "my.app" is already taken by service "my_app"; using "my-app-2"',
      }),
    ]);
  });

  it('counts on past taken suffixes', () => {
    const names = new NameRegistry(new Diagnostics());
    names.claim('Service', 'a', 'one');
    names.claim('Service', 'a', 'two');
    expect(names.claim('Service', 'a', 'three')).toBe('a-3');
  });

  it('keeps kinds apart: a Service and a Deployment may share a name', () => {
    const diags = new Diagnostics();
    const names = new NameRegistry(diags);
    names.claim('Service', 'web', 'service "web"');
    expect(names.claim('Deployment', 'web', 'service "web (deployment)"')).toBe('web');
    expect(diags.list).toEqual([]);
    expect(names.isTaken('Service', 'web')).toBe(true);
    expect(names.isTaken('ConfigMap', 'web')).toBe(false);
  });

  it('keeps a suffixed name within 63 characters', () => {
    const names = new NameRegistry(new Diagnostics());
    const long = 'x'.repeat(63);
    names.claim('Service', long, 'one');
    expect(names.claim('Service', long, 'two').length).toBeLessThanOrEqual(63);
  });
});
