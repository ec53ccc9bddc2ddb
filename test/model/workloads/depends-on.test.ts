// depends_on → wait init containers (src/model/workloads/depends-on.ts), through the whole planner.

import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/index';
import { memoryHost } from '../../../src/common/host';
import type { Container } from '../../../src/model/base/plan';

function plan(compose: string, options: { noWait?: boolean } = {}) {
  const result = convert({ files: ['/p/compose.yaml'], env: {}, ...options, host: memoryHost({ '/p/compose.yaml': compose }) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const waits = (service: string): readonly Container[] => result.plan!.workloads.find((w) => w.service === service)?.pod.initContainers ?? [];
  return { result, waits };
}

/** What Pod Security "restricted" asks of every container, so our waits never block admission. */
const RESTRICTED = { runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

const base = `
services:
  web:
    image: nginx:1.27
    depends_on:
      db: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
  db:
    image: postgres:16
    healthcheck: { test: ["CMD", "pg_isready"] }
  migrate:
    image: migrate/migrate:v4.17.1
    restart: "no"
`;

describe('depends_on waits', () => {
  it('waits for a dependency\'s Service on its port with the pinned busybox', () => {
    const [db] = plan(base).waits('web');
    expect(db).toEqual({ name: 'wait-for-db', image: 'busybox:1.36.1', command: ['sh', '-c', 'until nc -z -w 2 db 5432; do echo "waiting for db:5432"; sleep 2; done'], securityContext: RESTRICTED });
  });

  it('waits for a Job\'s completion with kubectl, under a ServiceAccount that may read Jobs', () => {
    const { result, waits } = plan(base);
    expect(waits('web')[1]).toEqual({ name: 'wait-for-migrate', image: 'registry.k8s.io/kubectl:v1.32.0', args: ['wait', '--for=condition=complete', 'job/migrate', '--timeout=-1s'], securityContext: RESTRICTED });
    expect(result.plan!.workloads.find((w) => w.service === 'web')!.pod.serviceAccountName).toBe('p-job-reader');
    const kinds = result.manifests.filter((m) => m.metadata.name === 'p-job-reader').map((m) => m.kind);
    expect(kinds).toEqual(['ServiceAccount', 'Role', 'RoleBinding']);
    const role = result.manifests.find((m) => m.kind === 'Role') as unknown as { rules: unknown[] };
    expect(role.rules).toEqual([{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] }]);
  });

  it('makes no waits and no RBAC objects with --no-wait', () => {
    const { result, waits } = plan(base, { noWait: true });
    expect(waits('web')).toEqual([]);
    expect(result.manifests.some((m) => m.kind === 'Role' || m.kind === 'ServiceAccount')).toBe(false);
  });

  it('skips a missing optional dependency and bounds the wait for a present one', () => {
    const { waits } = plan(`
services:
  web:
    image: nginx:1.27
    depends_on:
      cache: { condition: service_started, required: false }
      ghost: { condition: service_started, required: false }
  cache:
    image: redis:7
`);
    const all = waits('web');
    expect(all.map((c) => c.name)).toEqual(['wait-for-cache']);
    expect(all[0].command![2]).toContain('if [ $i -ge 60 ]; then echo "cache:6379 not reachable; starting without it (required: false)"; exit 0; fi');
  });

  it('reports a dependency it cannot wait for: no port, or never completing', () => {
    const { result, waits } = plan(`
services:
  web:
    image: nginx:1.27
    depends_on:
      app: { condition: service_started }
      cache: { condition: service_completed_successfully }
  app:
    image: example/app:1
  cache:
    image: redis:7
`);
    expect(waits('web')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['depends-on-no-port', 'depends-on-not-job']));
  });
});

describe('a dependency awaited for completion', () => {
  it('runs as a Job when it has no restart policy (compose\'s default "no"), and stays a Deployment when it listens', () => {
    const { result } = plan(`
services:
  web:
    image: nginx:1.27
    depends_on:
      seed: { condition: service_completed_successfully }
      api: { condition: service_completed_successfully }
  seed:
    image: busybox:1.36.1
  api:
    image: example/api:1
    expose: ["8080"]
`);
    const kind = (s: string) => result.plan!.workloads.find((w) => w.service === s)!.kind;
    expect(kind('seed')).toBe('Job');
    expect(result.plan!.workloads.find((w) => w.service === 'seed')!.pod.restartPolicy).toBe('Never');
    expect(kind('api')).toBe('Deployment');
    expect(kind('web')).toBe('Deployment');
  });
});

describe('a waiting pod with its own service account', () => {
  it('keeps the account the user chose and says it must read Jobs', () => {
    const { result } = plan(`
services:
  web:
    image: nginx:1.27
    labels:
      kompose.serviceaccount-name: web-sa
    depends_on:
      seed: { condition: service_completed_successfully }
  seed:
    image: busybox:1.36.1
`);
    expect(result.plan!.workloads.find((w) => w.service === 'web')!.pod.serviceAccountName).toBe('web-sa');
    expect(result.diagnostics.find((d) => d.code === 'wait-service-account')?.message).toContain('"web-sa"');
  });
});
