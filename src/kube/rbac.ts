// The ServiceAccount + Role + RoleBinding that let init containers `kubectl wait` for Jobs
// (depends_on: service_completed_successfully): read-only access to Jobs in the namespace.

import type { Chart } from 'cdk8s';
import type { AppPlan } from '../model/base/plan';
import { k8s } from './k8s';
import { KubeRole, KubeRoleBinding, KubeServiceAccount } from './objects';
import { objectMeta } from './pod';

export function buildJobReader(chart: Chart, plan: AppPlan): void {
  const reader = plan.jobReader;
  if (!reader) return;
  const ns = plan.namespace;
  const metadata = objectMeta(reader.metadata, ns);
  const name = reader.metadata.name;
  new KubeServiceAccount(chart, `serviceaccount-${name}`, { metadata });
  new KubeRole(chart, `role-${name}`, { metadata, rules: [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] }] });
  new KubeRoleBinding(chart, `rolebinding-${name}`, {
    metadata,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    // Without a namespace the subject is the binding's own namespace, wherever it is applied.
    subjects: [{ kind: 'ServiceAccount', name, ...(ns ? { namespace: ns } : {}) }],
  });
}
