// PlanChart: the only place that turns a plan into cdk8s constructs (typed L1 classes of
// cdk8s-plus-32, named only in k8s.ts; see DESIGN.md for why not its high-level constructs). It
// takes a plan, however it was made; compose-chart.ts (the library's ComposeChart) plans one first.

import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { MANAGED_BY } from '../model/base/names';
import type { AppPlan } from '../model/base/plan';
import { k8s } from './k8s';
import { KubeConfigMap, KubeNamespace, KubePersistentVolumeClaim, KubeSecret, KubeService } from './objects';
import { objectMeta } from './pod';
import { buildJobReader } from './rbac';
import { applyCommonMetadata } from './metadata';
import { buildNetwork } from './network';
import { buildScaling } from './scaling';
import { buildWorkload, claimSpec } from './workloads';

export type PlanChartProps = ChartProps & { readonly plan: AppPlan };

/** The objects of one plan, named as the plan names them (no hashes). */
export class PlanChart extends Chart {
  readonly plan: AppPlan;

  constructor(scope: Construct, id: string, props: PlanChartProps) {
    super(scope, id, { labels: props.labels, disableResourceNameHashes: true });
    this.plan = props.plan;
    const plan = this.plan;
    const ns = plan.namespace;
    if (ns) {
      new KubeNamespace(this, 'namespace', { metadata: { name: ns, labels: { 'app.kubernetes.io/part-of': plan.project, 'app.kubernetes.io/managed-by': MANAGED_BY } } });
    }
    for (const s of plan.secrets) {
      new KubeSecret(this, `secret-${s.metadata.name}`, { metadata: objectMeta(s.metadata, ns), type: 'Opaque', stringData: { ...s.stringData } });
    }
    for (const c of plan.configMaps) {
      new KubeConfigMap(this, `configmap-${c.metadata.name}`, { metadata: objectMeta(c.metadata, ns), data: { ...c.data } });
    }
    for (const c of plan.claims) {
      new KubePersistentVolumeClaim(this, `pvc-${c.metadata.name}`, { metadata: objectMeta(c.metadata, ns), spec: claimSpec(c) });
    }
    for (const s of plan.services) {
      new KubeService(this, `service-${s.metadata.name}`, {
        metadata: objectMeta(s.metadata, ns),
        spec: {
          type: s.type,
          ...(s.headless ? { clusterIp: 'None' } : {}),
          selector: { ...s.selector },
          ports: s.ports.map((p) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromNumber(p.targetPort), protocol: p.protocol, ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}) })),
        },
      });
    }
    buildJobReader(this, plan);
    for (const w of plan.workloads) buildWorkload(this, w, plan);
    buildNetwork(this, plan);
    buildScaling(this, plan);
    // Last: onto every object made before.
    applyCommonMetadata(this, plan);
  }
}
