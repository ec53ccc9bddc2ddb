// Validation against the vendored Compose JSON schema: one clear error per offending node, at its
// file:line:col, also after several files were merged.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from './load';

describe('schema validation', () => {
  it('accepts a valid file with x- extensions anywhere compose allows them', () => {
    const r = load({ 'compose.yaml': 'x-defaults: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: nginx\n    x-note: free-form\nnetworks:\n  front:\n    x-owner: me\n' });
    expect(r.errors).toEqual([]);
    expect(r.project!.services.web.restart).toBe('always');
  });

  it('an unknown service key is reported at the key', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    imagee: typo\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:4:13: error [schema] services.web.imagee: additional property "imagee" is not allowed in services.web']);
  });

  it('a wrong type says what was expected', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    build: 3\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:4:12: error [schema] services.web.build: must be a string or a mapping']);
  });

  it('a bad enum value lists the allowed ones, not the oneOf around it', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: healthy\n  db:\n    image: postgres\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:6:20: error [schema] services.web.depends_on.db.condition: must be one of "service_started", "service_healthy", "service_completed_successfully"']);
  });

  it('an unknown top-level key is an error; x- top-level keys are fine', () => {
    const r = load({ 'compose.yaml': 'servicess:\n  web: {}\nx-ok: 1\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:1:1: error [schema] servicess: additional property "servicess" is not allowed at the top level']);
  });

  it('points into the override file when the override brings the bad value', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n', 'prod.yaml': 'services:\n  web:\n    restart: 5\n    mem_limit: [1]\n' }, { main: ['compose.yaml', 'prod.yaml'] });
    expect(r.errors.map((e) => e.replace(/ error.*?\] /, ' ')).sort()).toEqual(['/project/prod.yaml:3:14: services.web.restart: must be a string', '/project/prod.yaml:4:5: services.web.mem_limit: must be a number or a string']);
  });

  it('the generated validator is up to date with compose-spec.json', () => {
    const root = path.resolve(__dirname, '..', '..');
    expect(() => execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-compose-schema.js'), '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
