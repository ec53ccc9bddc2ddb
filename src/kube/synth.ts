import { App } from 'cdk8s';
import type { AppPlan } from '../model/plan';
import { sortManifests, type Manifest } from '../output/emit';
import { ComposeChart } from './chart';

/** Plan → manifests in `kubectl apply` order, through the ComposeChart. */
export function synthesize(plan: AppPlan): Manifest[] {
  const app = new App({ outdir: '/nonexistent' });
  const chart = new ComposeChart(app, plan.project, { plan });
  return sortManifests(chart.toJson() as Manifest[]);
}
