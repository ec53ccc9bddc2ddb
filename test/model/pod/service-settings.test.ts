// Applying a service's settings to its workload (src/model/pod/service-settings.ts).

import { describe, expect, it } from 'vitest';
import type { WorkloadPlan } from '../../../src/model/base/plan';
import { withContainerSettings, withPodSettings, type ServiceSettings } from '../../../src/model/pod/service-settings';

const settings: ServiceSettings = {
  container: { tty: true },
  pod: { hostname: 'web', nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' }, securityContext: { supplementalGroups: [5] } },
  volumes: [{ name: 'dshm', source: { kind: 'emptyDir', medium: 'Memory' } }],
  mounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
  metadata: { annotations: { team: 'a', owner: 'compose' }, labels: { tier: 'web' } },
};

const workload: WorkloadPlan = {
  kind: 'Deployment',
  service: 'web',
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' }, annotations: { owner: 'x-k8s' } },
  selector: { 'app.kubernetes.io/name': 'web' },
  podLabels: { 'app.kubernetes.io/name': 'web' },
  pod: { containers: [{ name: 'web', image: 'nginx' }], volumes: [], nodeSelector: { 'kubernetes.io/arch': 'arm64', disk: 'ssd' } },
};

describe('withPodSettings', () => {
  it('adds pod settings and metadata, letting what the workload already says (x-k8s, placement) win', () => {
    const w = withPodSettings(workload, settings);
    expect(w.pod.hostname).toBe('web');
    expect(w.pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64', disk: 'ssd' });
    expect(w.pod.securityContext).toEqual({ supplementalGroups: [5] });
    expect(w.metadata.annotations).toEqual({ team: 'a', owner: 'x-k8s' });
    expect(w.podAnnotations).toEqual({ team: 'a', owner: 'compose' });
    expect(w.metadata.labels).toEqual({ tier: 'web', 'app.kubernetes.io/name': 'web' });
  });
});

describe('withContainerSettings', () => {
  it('renames its volumes away from names the pod already uses, mounts included', () => {
    const { container, volumes } = withContainerSettings({ name: 'web', image: 'nginx', volumeMounts: [{ name: 'dshm', mountPath: '/data' }] }, settings, [{ name: 'dshm', source: { kind: 'claim', claimName: 'dshm' } }]);
    expect(volumes.map((v) => v.name)).toEqual(['dshm-2']);
    expect(container.volumeMounts).toEqual([{ name: 'dshm', mountPath: '/data' }, { name: 'dshm-2', mountPath: '/dev/shm' }]);
    expect(container.tty).toBe(true);
  });
});
