// The key table is complete (every key of the Compose schema has a row), the README's table is
// generated from it, and every unsupported key is reported with its location and reason.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';
import { KEYS_END, KEYS_START, renderKeyTable, replaceKeySection } from '../../../src/model/keys/key-docs';
import { SERVICE_KEYS } from '../../../src/model/keys/service-keys';
import { ROOT, SHARED } from '../../helpers';

/** The schema the project ships (the loader validates with it), else the corpus copy. */
const SCHEMA_FILES = [path.join(ROOT, 'src', 'compose', 'schema', 'compose-spec.json'), path.join(SHARED, 'corpus', 'compose-spec', 'compose-spec.schema.json')];
const schemaFile = SCHEMA_FILES.find((f) => fs.existsSync(f));

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
}

/** Service keys, and deploy.* keys with their sub-keys, as row paths (`deploy.update_config.order`). */
function schemaKeys(file: string): string[] {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  const defs = schema.$defs ?? schema.definitions;
  const keys: string[] = Object.keys(defs.service.properties);
  const walk = (node: SchemaNode, prefix: string) => {
    for (const [k, child] of Object.entries(node.properties ?? {})) {
      keys.push(`${prefix}.${k}`);
      walk(child, `${prefix}.${k}`);
    }
  };
  walk(defs.deployment, 'deploy');
  return keys;
}

describe('the key table', () => {
  it.skipIf(!schemaFile)(`has a row for every service and deploy key of the Compose schema ${schemaFile ? '' : '(skipped: no schema found)'}`, () => {
    const keys = schemaKeys(schemaFile!);
    expect(keys.length).toBeGreaterThan(120);
    expect(keys.filter((k) => !(k in SERVICE_KEYS))).toEqual([]);
  });

  it.skipIf(!schemaFile)('has no row for a key the schema does not define', () => {
    const keys = new Set(schemaKeys(schemaFile!));
    expect(Object.keys(SERVICE_KEYS).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('gives a reason for every key it does not convert', () => {
    for (const [key, rule] of Object.entries(SERVICE_KEYS)) {
      const text = rule.status === 'mapped' ? rule.to : rule.why;
      expect(text.length, key).toBeGreaterThan(5);
    }
  });
});

describe('the README key table', () => {
  it('is the one generated from the key table (run `npm run docs:keys` when this fails)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(KEYS_START);
    expect(replaceKeySection(readme)).toBe(readme);
  });

  it('has one row per key, with the reason and the alternative of a reported key', () => {
    const table = renderKeyTable({
      ulimits: { status: 'unsupported', why: 'no per-container ulimits', instead: 'set them in the entrypoint' },
      image: { status: 'mapped', to: 'container `image`' },
    });
    expect(table).toContain('| `image` | converted | container `image` |');
    expect(table).toContain('| `ulimits` | **reported** | no per-container ulimits. Instead: set them in the entrypoint |');
    expect(table.indexOf('`image`')).toBeLessThan(table.indexOf('`ulimits`'));
  });

  it('replaces only the text between the markers', () => {
    const readme = `# t\n${KEYS_START}\nold\n${KEYS_END}\nafter\n`;
    expect(replaceKeySection(readme, 'NEW')).toBe(`# t\n${KEYS_START}\nNEW\n${KEYS_END}\nafter\n`);
    expect(replaceKeySection('# no markers\n', 'NEW')).toBeUndefined();
  });
});

describe('reporting keys that are not converted', () => {
  const run = (yaml: string) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }) });

  it('names file:line:col, the compose path, the reason and the alternative', () => {
    const result = run('services:\n  web:\n    image: nginx\n    ulimits:\n      nofile: 1024\n');
    const d = result.diagnostics.find((x) => x.code === 'unsupported-key');
    expect(d).toMatchObject({
      severity: 'warning',
      path: 'services.web.ulimits',
      pos: { file: '/p/compose.yaml', line: 4, col: 5 },
      hint: expect.stringContaining('ulimit -n'),
    });
    expect(d?.message).toContain('Kubernetes has no per-container ulimits');
  });

  it('descends into deploy and reports its unconverted sub-keys one by one', () => {
    const result = run(
      ['services:', '  web:', '    image: nginx', '    deploy:', '      update_config:', '        parallelism: 2', '        delay: 10s', '      rollback_config:', '        parallelism: 1', '        delay: 5s'].join('\n') + '\n',
    );
    const reported = result.diagnostics.filter((d) => d.code === 'unsupported-key').map((d) => [d.path, d.pos?.line]);
    expect(reported).toEqual([
      ['services.web.deploy.update_config.delay', 7],
      ['services.web.deploy.rollback_config', 8],
    ]);
  });

  it('skips x- extensions and does not report converted or ignored keys', () => {
    const result = run('services:\n  web:\n    image: nginx\n    container_name: w\n    x-note: hi\n    ports: ["80"]\n');
    expect(result.diagnostics.filter((d) => d.code === 'unsupported-key' || d.code === 'unknown-key')).toEqual([]);
  });
});
