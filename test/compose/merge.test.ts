// Several -f files merged by compose's rules (compose-go override/merge_*_test.go, spec 13-merge.md):
// base + override → want, and every merged value still points at the file that set it.

import { describe, expect, it } from 'vitest';
import { load } from './load';

const base = (service: string) => `services:\n  web:\n    image: nginx\n${service}`;

function merged(baseYaml: string, overrideYaml: string) {
  const r = load({ 'compose.yaml': baseYaml, 'override.yaml': overrideYaml }, { main: ['compose.yaml', 'override.yaml'] });
  expect(r.errors).toEqual([]);
  return r;
}

describe('mappings and scalars', () => {
  it('merges mappings key by key and replaces scalars', () => {
    const r = merged(base('    restart: always\n    working_dir: /a\n'), 'services:\n  web:\n    working_dir: /b\n    user: app\n');
    expect(r.project!.services.web).toMatchObject({ image: 'nginx', restart: 'always', working_dir: '/b', user: 'app' });
  });

  it('adds services from the override', () => {
    const r = merged(base(''), 'services:\n  db:\n    image: postgres\n');
    expect(Object.keys(r.project!.services).sort()).toEqual(['db', 'web']);
  });

  it('reports a mapping over a list at the overriding node', () => {
    const r = load({ 'compose.yaml': base('    ports: ["80"]\n'), 'o.yaml': 'services:\n  web:\n    ports:\n      a: 1\n' }, { main: ['compose.yaml', 'o.yaml'] });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/o\.yaml:3:5: error \[merge-conflict\] services\.web\.ports: cannot merge: a mapping cannot override a list/)]);
  });
});

describe('replaced, not merged', () => {
  it.each(['command', 'entrypoint'])('%s is replaced whole', (key) => {
    const r = merged(base(`    ${key}: ["a", "b"]\n`), `services:\n  web:\n    ${key}: c d\n`);
    expect(r.project!.services.web[key]).toEqual(['c', 'd']);
  });

  it('healthcheck.test is replaced while the other healthcheck keys merge', () => {
    const r = merged(base('    healthcheck:\n      test: ["CMD", "a"]\n      interval: 5s\n'), 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "b"]\n');
    expect(r.project!.services.web.healthcheck).toEqual({ test: ['CMD', 'b'], interval: '5s' });
  });

  it('logging options merge only for the same driver', () => {
    const same = merged(base('    logging:\n      driver: syslog\n      options: {a: "1"}\n'), 'services:\n  web:\n    logging:\n      options: {b: "2"}\n');
    expect(same.project!.services.web.logging).toEqual({ driver: 'syslog', options: { a: '1', b: '2' } });
    const other = merged(base('    logging:\n      driver: syslog\n      options: {a: "1"}\n'), 'services:\n  web:\n    logging:\n      driver: json-file\n      options: {b: "2"}\n');
    expect(other.project!.services.web.logging).toEqual({ driver: 'json-file', options: { b: '2' } });
  });
});

describe('lists that append and stay unique', () => {
  it('ports append; the same long-form port is kept once', () => {
    const r = merged(base('    ports: ["8080:80", {target: 443, published: "8443"}]\n'), 'services:\n  web:\n    ports: ["9090:90", {target: 443, published: "8443"}]\n');
    expect(r.project!.services.web.ports!.map((p) => `${p.published}:${p.target}`)).toEqual(['8080:80', '8443:443', '9090:90']);
  });

  it('volumes are unique by target, the override winning in place', () => {
    const r = merged(base('    volumes: ["data:/data", "./a:/app"]\n'), 'services:\n  web:\n    volumes: ["other:/data", "logs:/logs"]\nvolumes: {data: {}, other: {}, logs: {}}\n');
    expect(r.project!.services.web.volumes!.map((v) => `${v.source}:${v.target}`)).toEqual(['other:/data', '/project/a:/app', 'logs:/logs']);
  });

  it('expose, secrets and configs are unique by value and target', () => {
    const r = merged(
      base('    expose: ["80", "81"]\n    secrets: [a, {source: b, target: /x}]\n    configs: [c]\n'),
      'services:\n  web:\n    expose: ["81", "82"]\n    secrets: [{source: z, target: /x}, a]\n    configs: [c, d]\nsecrets: {a: {file: ./a}, b: {file: ./b}, z: {file: ./z}}\nconfigs: {c: {file: ./c}, d: {file: ./d}}\n',
    );
    const web = r.project!.services.web;
    expect(web.expose).toEqual(['80', '81', '82']);
    expect(web.secrets).toEqual([{ source: 'a' }, { source: 'z', target: '/x' }]);
    expect(web.configs!.map((c) => c.source)).toEqual(['c', 'd']);
  });

  it('dns given as one string appends to a list', () => {
    const r = merged(base('    dns: 8.8.8.8\n'), 'services:\n  web:\n    dns: [1.1.1.1, 8.8.8.8]\n');
    expect(r.project!.services.web.dns).toEqual(['8.8.8.8', '1.1.1.1']);
  });
});

describe('merged by key', () => {
  it('environment merges by name across list and mapping forms', () => {
    const r = merged(base('    environment: ["A=1", "B=2", "C"]\n'), 'services:\n  web:\n    environment:\n      B: three\n      D: "4"\n');
    expect(r.project!.services.web.environment).toEqual({ A: '1', B: 'three', C: null, D: '4' });
  });

  it('labels merge by key', () => {
    const r = merged(base('    labels: {a: "1", b: "2"}\n'), 'services:\n  web:\n    labels: ["b=x", "c=y"]\n');
    expect(r.project!.services.web.labels).toEqual({ a: '1', b: 'x', c: 'y' });
  });

  it('depends_on in list form merges with the mapping form', () => {
    const r = merged(base('    depends_on: [db]\n') + '  db:\n    image: postgres\n  cache:\n    image: redis\n', 'services:\n  web:\n    depends_on:\n      db: {condition: service_healthy}\n      cache: {condition: service_started}\n');
    expect(r.project!.services.web.depends_on).toEqual({
      db: { condition: 'service_healthy', required: true },
      cache: { condition: 'service_started', required: true },
    });
  });

  it('service networks in list form merge with the mapping form', () => {
    const r = merged(base('    networks: [front]\n') + 'networks: {front: {}, back: {}}\n', 'services:\n  web:\n    networks:\n      front: {aliases: [www]}\n      back: {}\n');
    expect(r.project!.services.web.networks).toEqual({ front: { aliases: ['www'] }, back: {} });
  });

  it('build: PATH merges with build: {args}', () => {
    const r = merged(base('    build: ./app\n'), 'services:\n  web:\n    build:\n      args: [X=1]\n');
    expect(r.project!.services.web.build).toMatchObject({ context: '/project/app', args: { X: '1' } });
  });
});

describe('!reset and !override', () => {
  it('!reset removes the value of the earlier file', () => {
    const r = merged(base('    ports: ["80:80"]\n    environment: {A: "1"}\n'), 'services:\n  web:\n    ports: !reset []\n    environment: !reset {}\n');
    expect(r.project!.services.web.ports).toBeUndefined();
    expect(r.project!.services.web.environment).toBeUndefined();
  });

  it('!override replaces a list instead of appending', () => {
    const r = merged(base('    ports: ["80:80", "443:443"]\n'), 'services:\n  web:\n    ports: !override ["8080:80"]\n');
    expect(r.project!.services.web.ports!.map((p) => p.published)).toEqual(['8080']);
  });

  it('!override replaces a mapping instead of merging', () => {
    const r = merged(base('    environment: {A: "1", B: "2"}\n'), 'services:\n  web:\n    environment: !override {C: "3"}\n');
    expect(r.project!.services.web.environment).toEqual({ C: '3' });
  });

  it('!reset null removes a scalar', () => {
    const r = merged(base('    user: root\n'), 'services:\n  web:\n    user: !reset null\n');
    expect(r.project!.services.web.user).toBeUndefined();
  });
});

describe('positions after merging', () => {
  it('each value points at the file and line that set it', () => {
    const r = merged(base('    ports: ["80:80"]\n    environment: {A: "1"}\n'), 'services:\n  web:\n    ports: ["81:81"]\n    environment:\n      B: "2"\n');
    const map = r.project!.sourceMap;
    expect(map.get('services.web.ports[0]')).toEqual({ file: '/project/compose.yaml', line: 4, col: 13 });
    expect(map.get('services.web.ports[1]')).toEqual({ file: '/project/override.yaml', line: 3, col: 13 });
    expect(map.get('services.web.environment.A')).toMatchObject({ file: '/project/compose.yaml', line: 5 });
    expect(map.get('services.web.environment.B')).toMatchObject({ file: '/project/override.yaml', line: 5 });
    expect(map.get('services.web.image')).toMatchObject({ file: '/project/compose.yaml', line: 3 });
  });

  it('a bad value from the override file is reported in the override file', () => {
    const r = load({ 'compose.yaml': base(''), 'o.yaml': 'services:\n  web:\n    ports: ["80:80", "banana"]\n' }, { main: ['compose.yaml', 'o.yaml'] });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/o\.yaml:3:22: error \[invalid-value\] services\.web\.ports\[1\]/)]);
  });
});
