// "Done when": a compose file that uses every service key converts, and each key is converted or
// reported at its own line. every-key/compose.yaml uses every key of the Compose schema.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';
import { SERVICE_KEYS } from '../../../src/model/keys/service-keys';
import { kubeValidate, kubeValidateUnavailable, ROOT, SHARED } from '../../helpers';

const DIR = path.join(__dirname, 'every-key');
const text = fs.readFileSync(path.join(DIR, 'compose.yaml'), 'utf8');
const result = convert({
  files: ['/p/compose.yaml'],
  env: { APP_SECRET: 's3cret' },
  profiles: ['tools'],
  host: memoryHost({ '/p/compose.yaml': text, '/p/app.labels': 'com.example.from-file=yes\n', '/p/app/Dockerfile': 'FROM busybox\n' }),
});

/** Row paths (`deploy.update_config.order`) of every key the file's services use, with the compose path. */
function usedKeys(): { row: string; path: string }[] {
  const doc = parse(text) as { services: Record<string, Record<string, unknown>> };
  const out: { row: string; path: string }[] = [];
  const walk = (value: Record<string, unknown>, row: string, composePath: string) => {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('x-') || k === '<<') continue;
      const r = row ? `${row}.${k}` : k;
      out.push({ row: r, path: `${composePath}.${k}` });
      const deeper = Object.keys(SERVICE_KEYS).some((key) => key.startsWith(`${r}.`));
      if (deeper && v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, r, `${composePath}.${k}`);
    }
  };
  for (const [name, service] of Object.entries(doc.services)) walk(service, '', `services.${name}`);
  return out;
}

describe('a compose file using every service key', () => {
  it('converts', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  const schemaFile = [path.join(ROOT, 'src', 'compose', 'schema', 'compose-spec.json'), path.join(SHARED, 'corpus', 'compose-spec', 'compose-spec.schema.json')].find((f) => fs.existsSync(f));
  it.skipIf(!schemaFile)('uses every key of the schema', () => {
    const schema = JSON.parse(fs.readFileSync(schemaFile!, 'utf8'));
    const defs = schema.$defs ?? schema.definitions;
    const used = new Set(usedKeys().map((k) => k.row));
    expect(Object.keys(defs.service.properties).filter((k) => !used.has(k))).toEqual([]);
    expect(Object.keys(defs.deployment.properties).filter((k) => !used.has(`deploy.${k}`))).toEqual([]);
  });

  it('reports each key it does not convert at that key, and no other', () => {
    const reported = new Set(result.diagnostics.filter((d) => d.code === 'unsupported-key' || d.code === 'unknown-key').map((d) => d.path));
    const problems: string[] = [];
    for (const { row, path: p } of usedKeys()) {
      const rule = SERVICE_KEYS[row];
      const parentUnsupported = row.split('.').slice(0, -1).some((_, i, parts) => SERVICE_KEYS[parts.slice(0, i + 1).join('.')]?.status === 'unsupported');
      if (!rule) problems.push(`${row}: no row in the key table`);
      else if (rule.status === 'unsupported' && !parentUnsupported && !reported.has(p)) problems.push(`${p}: unsupported but not reported`);
      else if (rule.status !== 'unsupported' && reported.has(p)) problems.push(`${p}: ${rule.status} but reported`);
    }
    expect(problems).toEqual([]);
  });

  it('makes no workload for a provider service and runs network_mode: service:app inside app\'s pod', () => {
    expect(result.manifests.filter((m) => m.metadata.name === 'llm-gateway')).toEqual([]);
    const app = result.manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'app') as { spec: { template: { spec: { containers: { name: string }[] } } } } | undefined;
    expect(app?.spec.template.spec.containers.map((c) => c.name)).toContain('sidecar');
  });

  it('points every report at a line of the file', () => {
    for (const d of result.diagnostics.filter((x) => x.code === 'unsupported-key')) expect(d.pos?.line, d.path).toBeGreaterThan(0);
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`gives output kubectl accepts ${unavailable ?? ''}`, () => {
    const { ok, output } = kubeValidate(new Map([['every-key', result.yaml]]));
    expect(output).not.toContain('INVALID');
    expect(ok).toBe(true);
  });
});
