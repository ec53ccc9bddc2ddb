// extends: same file and file:, chains, paths relative to the declaring file, merge rules, cycles.

import { describe, expect, it } from 'vitest';
import { load } from './load';

describe('extends', () => {
  it('copies a service of the same file and merges its own keys on top', () => {
    const r = load({
      'compose.yaml': [
        'services:',
        '  base:',
        '    image: app',
        '    environment: {A: "1", B: "2"}',
        '    ports: ["80:80"]',
        '    command: ["run"]',
        '  web:',
        '    extends: base',
        '    environment: {B: "3"}',
        '    ports: ["81:81"]',
        '    command: ["serve"]',
        '',
      ].join('\n'),
    });
    expect(r.errors).toEqual([]);
    const web = r.project!.services.web;
    expect(web).toMatchObject({ image: 'app', environment: { A: '1', B: '3' }, command: ['serve'] });
    expect(web.ports!.map((p) => p.target)).toEqual([80, 81]);
    expect(web.extends).toBeUndefined();
    expect(Object.keys(r.project!.services).sort()).toEqual(['base', 'web']);
  });

  it('loads file: relative to the declaring file, and resolves the base\'s paths against its own directory', () => {
    const r = load({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: common/services.yaml\n      service: webapp\n    image: mine\n',
      'common/services.yaml': 'services:\n  webapp:\n    build: ./app\n    volumes: ["./conf:/etc/conf"]\n    env_file: web.env\n',
    });
    expect(r.errors).toEqual([]);
    const web = r.project!.services.web;
    expect(web.build!.context).toBe('/project/common/app');
    expect(web.volumes![0].source).toBe('/project/common/conf');
    expect(web.env_file![0].path).toBe('/project/common/web.env');
    expect(Object.keys(r.project!.services)).toEqual(['web']);
  });

  it('follows chains across files, each file relative to the previous one', () => {
    const r = load({
      'compose.yaml': 'services:\n  test:\n    extends:\n      file: dir/compose.yaml\n      service: test\n',
      'dir/compose.yaml': 'services:\n  test:\n    extends:\n      file: base.yaml\n      service: test\n    user: app\n',
      'dir/base.yaml': 'services:\n  test:\n    image: hello-world\n',
    });
    expect(r.errors).toEqual([]);
    expect(r.project!.services.test).toMatchObject({ image: 'hello-world', user: 'app' });
  });

  it('!reset in the extending service removes an inherited value', () => {
    const r = load({ 'compose.yaml': 'services:\n  base:\n    image: app\n    ports: ["80:80"]\n  web:\n    extends: base\n    ports: !reset []\n' });
    expect(r.project!.services.web.ports).toBeUndefined();
  });

  it('inherited values keep the position of the base file', () => {
    const r = load({
      'compose.yaml': 'services:\n  web:\n    extends: {file: base.yaml, service: b}\n',
      'base.yaml': 'services:\n  b:\n    image: app\n    ports: ["nope"]\n',
    });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/base\.yaml:4:13: error \[invalid-value\] services\.web\.ports\[0\]/)]);
  });

  it('reports a cycle at the extends that closes it', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n' });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/compose\.yaml:4:14: error \[extends-cycle\] services\.a\.extends: service "a" extends itself through a cycle: compose\.yaml:a → compose\.yaml:b → compose\.yaml:c → compose\.yaml:a/)]);
  });

  it('reports a cycle across files', () => {
    const r = load({
      'compose.yaml': 'services:\n  a:\n    extends: {file: other.yaml, service: b}\n',
      'other.yaml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n',
    });
    expect(r.errors.some((e) => e.includes('[extends-cycle]'))).toBe(true);
    expect(r.errors.every((e) => /^\/project\/\S+\.yaml:\d+:\d+: /.test(e))).toBe(true);
  });

  it('reports an unknown base service and a missing file with their location', () => {
    const unknown = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    extends: nope\n' });
    expect(unknown.errors).toEqual(['/project/compose.yaml:4:14: error [extends-not-found] services.web.extends: service "web" extends "nope", which is not defined in /project/compose.yaml']);
    const missing = load({ 'compose.yaml': 'services:\n  web:\n    extends: {file: gone.yaml, service: x}\n' });
    expect(missing.errors).toEqual([expect.stringMatching(/^\/project\/compose\.yaml:3:5: error \[file-not-found\] compose file \/project\/gone\.yaml not found/)]);
  });
});
