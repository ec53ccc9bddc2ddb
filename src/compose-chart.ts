// ComposeChart, the cdk8s construct of the library: a PlanChart (kube/chart.ts) made from a plan, or
// from compose files and conversion options, loaded and planned here as convert() does.

import type { ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { ConversionError, type Diagnostic } from './common/diagnostics';
import { PlanChart } from './kube/chart';
import type { AppPlan } from './model/base/plan';
import { nodeHost } from './node-host';
import { planCompose, type ConvertInput } from './plan-compose';

/**
 * Either a plan (from `planApp()`), or the same input as `convert()` / the CLI: compose files and
 * conversion options, loaded and planned here. Invalid input throws a ConversionError carrying the
 * diagnostics; warnings and notes are kept on `chart.diagnostics`.
 */
export type ComposeChartProps = ChartProps &
  ({ readonly plan: AppPlan } | (Omit<ConvertInput, 'host'> & { readonly host?: ConvertInput['host'] }));

export class ComposeChart extends PlanChart {
  readonly diagnostics: readonly Diagnostic[];

  constructor(scope: Construct, id: string, props: ComposeChartProps) {
    const planned = 'plan' in props ? { plan: props.plan, diagnostics: [] } : planCompose({ ...props, host: props.host ?? nodeHost() });
    if (!planned.plan) throw new ConversionError(planned.diagnostics);
    super(scope, id, { labels: props.labels, plan: planned.plan });
    this.diagnostics = planned.diagnostics;
  }
}
