// Profiles (spec 15-profiles.md): services with profiles are off unless enabled.

import { describe, expect, it } from 'vitest';
import { load } from './load';

const files = {
  'compose.yaml': [
    'services:',
    '  web:',
    '    image: nginx',
    '  debug:',
    '    image: busybox',
    '    profiles: [dev, debug]',
    '  seed:',
    '    image: seed',
    '    profiles: [setup]',
    '',
  ].join('\n'),
};

describe('profiles', () => {
  it('services without profiles are always on; others only when one of their profiles is active', () => {
    expect(Object.keys(load(files).project!.services)).toEqual(['web']);
    expect(Object.keys(load(files, { profiles: ['debug'] }).project!.services)).toEqual(['web', 'debug']);
    expect(Object.keys(load(files, { profiles: ['dev', 'setup'] }).project!.services)).toEqual(['web', 'debug', 'seed']);
  });

  it('"*" enables every profile', () => {
    expect(Object.keys(load(files, { profiles: ['*'] }).project!.services)).toHaveLength(3);
  });

  it('an enabled service that depends on a disabled one is an error at the dependency', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n    profiles: [db]\n' });
    expect(r.errors).toEqual([
      '/project/compose.yaml:4:18: error [disabled-service] services.web.depends_on.db: service "web" depends on service "db", which is disabled by its profiles (db)',
    ]);
  });

  it('an optional dependency (required: false) on a disabled service is fine', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on:\n      db: {condition: service_started, required: false}\n  db:\n    image: postgres\n    profiles: [db]\n' });
    expect(r.errors).toEqual([]);
  });

  it('a disabled service may depend on another disabled one', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    profiles: [p]\n    depends_on: [b]\n  b:\n    image: y\n    profiles: [q]\n' });
    expect(r.errors).toEqual([]);
    expect(r.project!.services).toEqual({});
  });

  it('links and network_mode service: to a disabled service are errors too', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    links: [db]\n    network_mode: "service:db"\n  db:\n    image: postgres\n    profiles: [db]\n' });
    expect(r.errors.map((e) => e.replace(/^.*\[disabled-service\] /, '').replace(/:.*/, ''))).toEqual(['services.web.links[0]', 'services.web.network_mode']);
  });
});
