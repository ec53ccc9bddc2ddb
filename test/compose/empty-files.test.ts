// Files with nothing in them, and files with several YAML documents, loaded as docker compose loads
// them: compose-go's loadYamlFile skips a document without content and merges every other document
// like one more -f file; only a project whose files are all empty is "empty compose file".

import { describe, expect, it } from 'vitest';
import { load } from './load';

const BASE = 'services:\n  web:\n    image: nginx\n';

describe('an empty or comment-only file', () => {
  const EMPTY_FORMS: Record<string, string> = {
    'no bytes': '',
    'only comments': '# compose.extras.yaml: always loaded last, for forks to fill\n# services:\n#   web:\n#     environment: [DEBUG=1]\n',
    'only blank lines': '\n\n  \n',
    'a bare document start': '---\n',
    'a document start and end': '---\n...\n',
    'a document start with a comment': '--- # nothing yet\n',
  };

  for (const [name, text] of Object.entries(EMPTY_FORMS)) {
    it(`holding ${name} loads as an empty override`, () => {
      const r = load({ 'compose.yaml': BASE, 'compose.extras.yaml': text }, { main: ['compose.yaml', 'compose.extras.yaml'] });
      expect(r.lines).toEqual([]);
    });
  }

  it('leaves the model of the other files as it was', () => {
    const r = load({ 'compose.yaml': BASE, 'compose.extras.yaml': '# nothing\n' }, { main: ['compose.yaml', 'compose.extras.yaml'] });
    expect(r.project!.services.web.image).toBe('nginx');
  });

  it('may come first, before the file that defines the services', () => {
    const r = load({ 'compose.yaml': BASE, 'empty.yaml': '' }, { main: ['empty.yaml', 'compose.yaml'] });
    expect(Object.keys(r.project!.services)).toEqual(['web']);
  });

  it('is found as compose.override.yaml and loads as nothing', () => {
    const r = load({ 'compose.yaml': BASE, 'compose.override.yaml': '# local changes go here\n' }, { main: [], cwd: '/project' });
    expect(r.errors).toEqual([]);
  });

  it('included, imports nothing', () => {
    const r = load({ 'compose.yaml': `include:\n  - extras.yaml\n${BASE}`, 'extras.yaml': '# empty for now\n' });
    expect(r.errors).toEqual([]);
  });

  it('alone is an error: the project has nothing to run', () => {
    const r = load({ 'compose.yaml': '# nothing\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:1:1: error [empty-file] empty compose file']);
  });

  it('in a project whose files are all empty is an error naming the first file', () => {
    const r = load({ 'a.yaml': '', 'b.yaml': '---\n' }, { main: ['a.yaml', 'b.yaml'] });
    expect(r.errors).toEqual(['/project/a.yaml:1:1: error [empty-file] empty compose project: every compose file is empty']);
  });

  it('holding an explicit null is refused, as compose-go refuses it', () => {
    const r = load({ 'compose.yaml': BASE, 'null.yaml': '~\n' }, { main: ['compose.yaml', 'null.yaml'] });
    expect(r.errors).toEqual(['/project/null.yaml:1:1: error [empty-file] empty compose file: the document is null']);
  });
});

describe('a file with several YAML documents', () => {
  it('merges them in order, like -f files', () => {
    const r = load({ 'compose.yaml': `${BASE}---\nservices:\n  web:\n    environment:\n      HELLO: world\n` });
    expect(r.project!.services.web).toMatchObject({ image: 'nginx', environment: { HELLO: 'world' } });
  });

  it('ignores a trailing document separator', () => {
    const r = load({ 'compose.yaml': `${BASE}---\n` });
    expect(r.lines).toEqual([]);
  });

  it('keeps the position of each value in its own document', () => {
    const r = load({ 'compose.yaml': `${BASE}---\nservices:\n  web:\n    ports: ["x"]\n` });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/compose\.yaml:7:13: error \[invalid-value\] services\.web\.ports\[0\]/)]);
  });

  it('applies a later document\'s !reset to an earlier one', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n---\nservices:\n  web:\n    ports: !reset []\n' });
    expect(r.project!.services.web.ports).toBeUndefined();
  });
});
