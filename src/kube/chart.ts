// ComposeChart: the only place that turns a plan into cdk8s constructs (typed L1 classes of
// cdk8s-plus-32, named only in k8s.ts; see DESIGN.md for why not its high-level constructs).

import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { ConversionError, type Diagnostic } from '../common/diagnostics';
import type { AppPlan, WorkloadPlan } from '../model/plan';
import { nodeHost } from '../node-host';
import { planCompose, type ConvertInput } from '../plan-compose';
import { k8s } from './k8s';
import { objectMeta } from './pod';
import { buildJobReader } from './rbac';
import { buildNetwork } from './network';
import { buildScaling } from './scaling';
import { buildWorkload } from './workloads';

/**
 * Either a plan (from `planApp()`), or the same input as `convert()` / the CLI: compose files and
 * conversion options, loaded and planned here. Invalid input throws a ConversionError carrying the
 * diagnostics; warnings and notes are kept on `chart.diagnostics`.
 */
export type ComposeChartProps = ChartProps &
  ({ readonly plan: AppPlan } | (Omit<ConvertInput, 'host'> & { readonly host?: ConvertInput['host'] }));

export class ComposeChart extends Chart {
  readonly plan: AppPlan;
  readonly diagnostics: readonly Diagnostic[];

  constructor(scope: Construct, id: string, props: ComposeChartProps) {
    super(scope, id, { labels: props.labels, disableResourceNameHashes: true });
    if ('plan' in props) {
      this.plan = props.plan;
      this.diagnostics = [];
    } else {
      const result = planCompose({ ...props, host: props.host ?? nodeHost() });
      if (!result.plan) throw new ConversionError(result.diagnostics);
      this.plan = result.plan;
      this.diagnostics = result.diagnostics;
    }
    const plan = this.plan;
    const ns = plan.namespace;
    if (ns) {
      new k8s.KubeNamespace(this, 'namespace', { metadata: { name: ns, labels: { 'app.kubernetes.io/part-of': plan.project, 'app.kubernetes.io/managed-by': 'compose2k8s' } } });
    }
    for (const s of plan.secrets) {
      new k8s.KubeSecret(this, `secret-${s.metadata.name}`, { metadata: objectMeta(s.metadata, ns), type: 'Opaque', stringData: { ...s.stringData } });
    }
    for (const c of plan.configMaps) {
      new k8s.KubeConfigMap(this, `configmap-${c.metadata.name}`, { metadata: objectMeta(c.metadata, ns), data: { ...c.data } });
    }
    for (const c of plan.claims) {
      new k8s.KubePersistentVolumeClaim(this, `pvc-${c.metadata.name}`, {
        metadata: objectMeta(c.metadata, ns),
        spec: {
          accessModes: [...c.accessModes],
          ...(c.storageClassName ? { storageClassName: c.storageClassName } : {}),
          resources: { requests: { storage: k8s.Quantity.fromString(c.size) } },
        },
      });
    }
    for (const s of plan.services) {
      new k8s.KubeService(this, `service-${s.metadata.name}`, {
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
    for (const w of plan.workloads) this.workload(w, ns);
    buildNetwork(this, plan);
    // Last: it also puts the environment's labels and annotations on every object made before it.
    buildScaling(this, plan);
  }

  private workload(w: WorkloadPlan, ns: string | undefined): void {
    buildWorkload(this, w, ns);
  }
}
