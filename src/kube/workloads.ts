// Workload plans → Deployment, StatefulSet, DaemonSet and Job constructs.

import type { Construct } from 'constructs';
import type { AppPlan, ClaimPlan, WorkloadPlan } from '../model/base/plan';
import { claimTemplateLabels, templateMetadata } from './metadata';
import { k8s } from './k8s';
import { KubeDaemonSet, KubeDeployment, KubeJob, KubeStatefulSet } from './objects';
import { intOrString, objectMeta, podSpec } from './pod';

export function claimSpec(c: ClaimPlan): k8s.PersistentVolumeClaimSpec {
  return {
    accessModes: [...c.accessModes],
    ...(c.storageClassName ? { storageClassName: c.storageClassName } : {}),
    resources: { requests: { storage: k8s.Quantity.fromString(c.size) } },
  };
}

function rollingUpdate(r: NonNullable<WorkloadPlan['rollingUpdate']>): { maxUnavailable?: k8s.IntOrString; maxSurge?: k8s.IntOrString } {
  return {
    ...(r.maxUnavailable !== undefined ? { maxUnavailable: intOrString(r.maxUnavailable) } : {}),
    ...(r.maxSurge !== undefined ? { maxSurge: intOrString(r.maxSurge) } : {}),
  };
}

export function buildWorkload(scope: Construct, w: WorkloadPlan, plan: AppPlan): void {
  const metadata = objectMeta(w.metadata, plan.namespace);
  const template: k8s.PodTemplateSpec = { metadata: templateMetadata(w, plan), spec: podSpec(w.pod) };
  const selector = { matchLabels: { ...w.selector } };
  switch (w.kind) {
    case 'Deployment': {
      const strategy = w.strategy === 'Recreate' ? { type: 'Recreate' } : w.rollingUpdate ? { type: 'RollingUpdate', rollingUpdate: rollingUpdate(w.rollingUpdate) } : undefined;
      new KubeDeployment(scope, `deployment-${w.metadata.name}`, { metadata, spec: { replicas: w.replicas, selector, ...(strategy ? { strategy } : {}), template } });
      return;
    }
    case 'StatefulSet':
      new KubeStatefulSet(scope, `statefulset-${w.metadata.name}`, {
        metadata,
        spec: {
          replicas: w.replicas,
          selector,
          serviceName: w.serviceName ?? w.metadata.name,
          template,
          ...(w.volumeClaimTemplates?.length
            ? { volumeClaimTemplates: w.volumeClaimTemplates.map((c) => ({ metadata: { name: c.metadata.name, labels: claimTemplateLabels(c.metadata.labels, plan) }, spec: claimSpec(c) })) }
            : {}),
        },
      });
      return;
    case 'DaemonSet':
      new KubeDaemonSet(scope, `daemonset-${w.metadata.name}`, {
        metadata,
        spec: { selector, ...(w.rollingUpdate ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: rollingUpdate(w.rollingUpdate) } } : {}), template },
      });
      return;
    case 'Job':
      new KubeJob(scope, `job-${w.metadata.name}`, {
        metadata,
        spec: {
          ...(w.completions !== undefined ? { completions: w.completions } : {}),
          ...(w.parallelism !== undefined ? { parallelism: w.parallelism } : {}),
          ...(w.backoffLimit !== undefined ? { backoffLimit: w.backoffLimit } : {}),
          template,
        },
      });
      return;
  }
}
