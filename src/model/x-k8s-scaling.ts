// A service's scaling keys in its compose file: `x-k8s: { replicas, resources, autoscale, pdb }`.
// Other x-k8s keys belong to other planning steps; only these four are read and checked here.

import type { ComposeProject, ComposeService } from '../compose/types';
import { joinPath } from '../common/source-map';
import type { Diagnostics } from '../common/diagnostics';
import type { ServiceScaling } from './scaling-types';
import { SERVICE_SCALING_FIELDS, SettingsReader } from './settings-reader';

/** The x-k8s keys scaling.ts owns (for whoever reports unknown x-k8s keys). */
export const X_K8S_SCALING_KEYS: readonly string[] = Object.keys(SERVICE_SCALING_FIELDS);

/** The scaling keys of `services.<name>.x-k8s`, checked; invalid values are errors at file:line:col. */
export function xK8sScaling(service: ComposeService, project: ComposeProject, diags: Diagnostics): ServiceScaling {
  const ext = service['x-k8s'];
  const path = joinPath(joinPath('services', service.name), 'x-k8s');
  if (ext === undefined || ext === null) return {};
  const reader = new SettingsReader(diags, (p) => project.sourceMap.get(p), 'x-k8s', 'x-k8s');
  if (typeof ext !== 'object' || Array.isArray(ext)) {
    reader.error(path, 'invalid-value', 'must be a mapping');
    return {};
  }
  const mine = Object.fromEntries(Object.entries(ext).filter(([k]) => X_K8S_SCALING_KEYS.includes(k)));
  return reader.object<ServiceScaling>(mine, path, SERVICE_SCALING_FIELDS) ?? {};
}
