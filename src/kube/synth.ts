// The cdk8s stage as a function: plan → manifests in `kubectl apply` order, through a PlanChart in
// an App of its own (nothing is written: each object is read back as JSON).

import { App } from 'cdk8s';
import type { AppPlan } from '../model/base/plan';
import { PlanChart } from './chart';
import { sortManifests, type Manifest } from './manifest';

/**
 * Plan → manifests in `kubectl apply` order. Each object prints its own JSON; chart.toJson() would
 * first order the objects by their construct dependencies and run the constructs' validations, but
 * the chart adds neither, and sortManifests() orders them again, by kind and name (unique per plan).
 */
export function synthesize(plan: AppPlan): Manifest[] {
  const app = new App({ outdir: '/nonexistent' });
  const chart = new PlanChart(app, plan.project, { plan });
  return sortManifests(chart.apiObjects.map((o) => o.toJson() as Manifest));
}
