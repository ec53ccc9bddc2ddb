// Replica counts that YAML reads as numbers but Kubernetes refuses (src/model/workloads/workload.ts).
// Found by fuzzing: `.inf` reached the output as `replicas: .inf`, and -1 or 1e308 as replica
// counts the API server rejects.

import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/index';
import { memoryHost } from '../../../src/common/host';

const at = (key: string, value: string) => {
  const compose = key === 'scale' ? `services:\n  web:\n    image: nginx\n    scale: ${value}\n` : `services:\n  web:\n    image: nginx\n    deploy:\n      replicas: ${value}\n`;
  return convert({ files: ['/p/compose.yaml'], host: memoryHost({ '/p/compose.yaml': compose }) });
};

describe('replica counts', () => {
  it.each([
    ['deploy.replicas', '.inf', 5],
    ['deploy.replicas', '-1', 5],
    ['deploy.replicas', '1e308', 5],
    ['scale', '2147483648', 4],
    ['scale', '-3', 4],
  ])('%s: %s is an error at its line', (key, value, line) => {
    const r = at(key, value);
    expect(r.ok).toBe(false);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: `services.web.${key}`, pos: { file: '/p/compose.yaml', line } });
  });

  it.each([['deploy.replicas', '0', 0], ['scale', '2147483647', 2147483647]])('%s: %s is kept', (key, value, replicas) => {
    const r = at(key, value);
    expect(r.ok).toBe(true);
    expect(r.manifests.find((m) => m.kind === 'Deployment')).toMatchObject({ spec: { replicas } });
  });
});
