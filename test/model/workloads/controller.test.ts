// restart, deploy.mode and kompose.controller.type → the workload kind (src/model/workloads/controller.ts).

import { describe, expect, it } from 'vitest';
import type { ComposeService } from '../../../src/compose/types';
import { chooseController, jobServices, parseRestart, restartIntent, runsAsJob } from '../../../src/model/workloads/controller';
import { convert, memoryHost } from '../../../src/index';

const svc = (s: Partial<ComposeService>): ComposeService => ({ name: 's', image: 'busybox', ...s });

describe('chooseController', () => {
  it('runs restart "no" once as a Job that never retries', () => {
    expect(chooseController(svc({ restart: 'no' }))).toEqual({ kind: 'Job', restartPolicy: 'Never', backoffLimit: 0, by: 'restart' });
  });

  it('takes backoffLimit from on-failure:N', () => {
    expect(chooseController(svc({ restart: 'on-failure:4' }))).toMatchObject({ kind: 'Job', restartPolicy: 'OnFailure', backoffLimit: 4 });
  });

  it('lets deploy.restart_policy beat restart, with max_attempts as backoffLimit', () => {
    const s = svc({ restart: 'always', deploy: { restart_policy: { condition: 'on-failure', max_attempts: 2 } } });
    expect(chooseController(s)).toMatchObject({ kind: 'Job', restartPolicy: 'OnFailure', backoffLimit: 2, by: 'deploy.restart_policy.condition' });
    expect(chooseController(svc({ restart: 'no', deploy: { restart_policy: { condition: 'any' } } })).kind).toBe('Deployment');
  });

  it('keeps a service that declares ports a Deployment whatever its restart policy', () => {
    expect(chooseController(svc({ restart: 'no', ports: [{ target: 80, protocol: 'tcp' }] })).kind).toBe('Deployment');
    expect(chooseController(svc({ restart: 'on-failure', expose: ['80'] })).kind).toBe('Deployment');
  });

  it('keeps always and unless-stopped (and no restart key) as Deployments', () => {
    for (const restart of ['always', 'unless-stopped', undefined]) expect(chooseController(svc({ restart })).kind).toBe('Deployment');
  });

  it('makes deploy.mode global a DaemonSet and replicated-job a Job', () => {
    expect(chooseController(svc({ deploy: { mode: 'global' } })).kind).toBe('DaemonSet');
    expect(chooseController(svc({ deploy: { mode: 'replicated-job' } }))).toMatchObject({ kind: 'Job', restartPolicy: 'OnFailure' });
  });

  it('makes a stateful service a StatefulSet only when asked', () => {
    expect(chooseController(svc({}), { statefulCandidate: true }).kind).toBe('Deployment');
    expect(chooseController(svc({}), { statefulCandidate: true, preferStatefulSet: true }).kind).toBe('StatefulSet');
    expect(chooseController(svc({}), { statefulCandidate: false, preferStatefulSet: true }).kind).toBe('Deployment');
  });

  it('honours x-k8s.controller over the kompose label over deploy.mode', () => {
    expect(chooseController(svc({ labels: { 'kompose.controller.type': 'DaemonSet' } })).kind).toBe('DaemonSet');
    expect(chooseController(svc({ 'x-k8s': { controller: 'statefulset' }, labels: { 'kompose.controller.type': 'daemonset' } })).kind).toBe('StatefulSet');
    expect(chooseController(svc({ labels: { 'kompose.controller.type': 'deployment' }, deploy: { mode: 'global' } })).kind).toBe('Deployment');
  });
});

describe('restart parsing', () => {
  it('reads YAML false as "no" and rejects unknown values', () => {
    expect(parseRestart(false)?.condition).toBe('never');
    expect(parseRestart('sometimes')).toBeUndefined();
    expect(restartIntent(svc({}))).toBeUndefined();
  });
});

describe('jobServices', () => {
  it('names the services that run to completion, for service_completed_successfully waits', () => {
    const services = { init: svc({ name: 'init', restart: 'no' }), web: svc({ name: 'web' }) };
    expect([...jobServices({ services } as never)]).toEqual(['init']);
    expect(runsAsJob(services.web)).toBe(false);
  });
});

describe('controllers in a conversion', () => {
  const run = (yaml: string, options = {}) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }), ...options });
  const find = (r: ReturnType<typeof run>, kind: string) => r.manifests.find((m) => m.kind === kind) as Record<string, any> | undefined;

  it('keeps a server with restart "no" a Deployment, reported at the restart line', () => {
    const r = run('services:\n  api:\n    image: nginx\n    restart: "no"\n    ports: ["80"]\n');
    expect(find(r, 'Job')).toBeUndefined();
    expect(find(r, 'Deployment')?.metadata.name).toBe('api');
    expect(r.diagnostics.find((d) => d.code === 'restart-policy')).toMatchObject({ path: 'services.api.restart', pos: { line: 4, col: 14 } });
  });

  it('warns when an explicit Job declares ports', () => {
    const r = run('services:\n  api:\n    image: nginx\n    restart: "no"\n    expose: ["80"]\n    x-k8s: { controller: job }\n');
    expect(find(r, 'Job')?.spec.template.spec.restartPolicy).toBe('Never');
    expect(r.diagnostics.find((d) => d.code === 'job-with-ports')?.path).toBe('services.api.x-k8s.controller');
  });

  it('maps update_config to rollingUpdate bounds (stop-first: maxUnavailable)', () => {
    const r = run('services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        parallelism: 3\n');
    expect(find(r, 'Deployment')?.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3, maxSurge: 0 } });
  });

  it('turns placement constraints into nodeSelector and NotIn affinity', () => {
    const r = run('services:\n  web:\n    image: nginx\n    deploy:\n      placement:\n        constraints: ["node.hostname==n1", "node.labels.disk!=hdd", "node.platform.os==Linux"]\n');
    const spec = find(r, 'Deployment')?.spec.template.spec;
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'n1', 'kubernetes.io/os': 'linux' });
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([{ key: 'disk', operator: 'NotIn', values: ['hdd'] }]);
  });

  it('turns spread preferences into a soft topology spread and a cap of one per node into an anti-affinity', () => {
    const r = run('services:\n  web:\n    image: nginx\n    deploy:\n      placement:\n        preferences: [{ spread: node.labels.zone }]\n        max_replicas_per_node: 1\n');
    const spec = find(r, 'Deployment')?.spec.template.spec;
    expect(spec.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'p' } } }]);
    expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
  });

  it('reports a per-node cap above one at its line', () => {
    const r = run('services:\n  web:\n    image: nginx\n    deploy:\n      placement:\n        max_replicas_per_node: 3\n');
    expect(r.diagnostics.find((d) => d.code === 'placement-max-replicas')).toMatchObject({ path: 'services.web.deploy.placement.max_replicas_per_node', pos: { line: 6 } });
    expect(find(r, 'Deployment')?.spec.template.spec.affinity).toBeUndefined();
  });

  it('gives a StatefulSet a claim per pod and a headless governing Service with --controller statefulset', () => {
    const r = run('services:\n  db:\n    image: postgres\n    volumes: ["data:/var/lib/postgresql/data"]\nvolumes:\n  data: {}\n', { controller: 'statefulset' });
    const sts = find(r, 'StatefulSet');
    expect(sts?.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
    expect(sts?.spec.serviceName).toBe('db');
    expect(find(r, 'Service')?.spec.clusterIP).toBe('None');
    expect(find(r, 'PersistentVolumeClaim')).toBeUndefined();
  });
});

describe('lifecycle hooks', () => {
  const run = (yaml: string) => convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': yaml }) });
  const pod = (r: ReturnType<typeof run>) => (r.manifests.find((m) => m.kind === 'Deployment') as Record<string, any>).spec.template.spec;

  it('runs one post_start hook as an exec handler, as written', () => {
    const spec = pod(run('services:\n  app:\n    image: nginx\n    post_start:\n      - command: ["nginx", "-s", "reload"]\n'));
    expect(spec.containers[0].lifecycle).toEqual({ postStart: { exec: { command: ['nginx', '-s', 'reload'] } } });
  });

  it('joins several pre_stop hooks into one shell command, quoting each word', () => {
    const spec = pod(run('services:\n  app:\n    image: nginx\n    pre_stop:\n      - command: ["echo", "it\'s done"]\n      - command: sleep 2\n'));
    expect(spec.containers[0].lifecycle.preStop.exec.command).toEqual(['/bin/sh', '-c', "echo 'it'\\''s done' && sleep 2"]);
  });

  it('turns pre_start steps into init containers with the service image by default', () => {
    const spec = pod(run('services:\n  app:\n    image: ghcr.io/a/app:1\n    pre_start:\n      - command: ["migrate"]\n'));
    expect(spec.initContainers).toEqual([{ name: 'pre-start-1', image: 'ghcr.io/a/app:1', args: ['migrate'] }]);
  });
});

describe('DaemonSets', () => {
  it('warn when every node\'s pod would mount one ReadWriteOnce claim', () => {
    const r = convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': 'services:\n  agent:\n    image: fluent/fluent-bit\n    deploy: { mode: global }\n    volumes: ["buf:/buf"]\nvolumes:\n  buf: {}\n' }) });
    expect(r.manifests.map((m) => m.kind)).toContain('DaemonSet');
    expect(r.diagnostics.find((d) => d.code === 'daemonset-shared-claim')).toMatchObject({ path: 'services.agent.volumes', pos: { line: 5 } });
  });
});

describe('deploy values compose does not know', () => {
  it('are reported at their line', () => {
    const r = convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': 'services:\n  a:\n    image: nginx\n    deploy:\n      mode: everywhere\n      endpoint_mode: anycast\n' }) });
    expect(r.diagnostics.filter((d) => d.code === 'deploy-mode' || d.code === 'endpoint-mode').map((d) => [d.code, d.pos?.line])).toEqual([
      ['deploy-mode', 5],
      ['endpoint-mode', 6],
    ]);
  });
});
