// An environment's labels and annotations (AppPlan.commonLabels, commonAnnotations) on everything
// the chart makes, as kustomize's `labels` (with includeTemplates) and `commonAnnotations` put them:
// every object's metadata, each pod template, and the labels (not the annotations) of a
// StatefulSet's claim templates. The one place they are applied.

import { ApiObject, type Chart } from 'cdk8s';
import type { AppPlan, Labels, WorkloadPlan } from '../model/base/plan';
import type { k8s } from './k8s';

/** A workload's pod template metadata. */
export function templateMetadata(w: WorkloadPlan, plan: AppPlan): k8s.ObjectMeta {
  const annotations = w.podAnnotations || hasKeys(plan.commonAnnotations) ? { ...w.podAnnotations, ...plan.commonAnnotations } : undefined;
  return { labels: { ...w.podLabels, ...plan.commonLabels }, ...(annotations ? { annotations } : {}) };
}

/** The labels of a claim template. */
export function claimTemplateLabels(labels: Labels, plan: AppPlan): Record<string, string> {
  return { ...labels, ...plan.commonLabels };
}

/** Onto every object made so far: call last. */
export function applyCommonMetadata(chart: Chart, plan: AppPlan): void {
  const labels = Object.entries(plan.commonLabels ?? {});
  const annotations = Object.entries(plan.commonAnnotations ?? {});
  if (!labels.length && !annotations.length) return;
  // Object metadata only: templates got theirs from templateMetadata.
  for (const obj of chart.node.findAll().filter(ApiObject.isApiObject)) {
    for (const [k, v] of labels) obj.metadata.addLabel(k, v);
    for (const [k, v] of annotations) obj.metadata.addAnnotation(k, v);
  }
}

function hasKeys(m: Labels | undefined): boolean {
  return m !== undefined && Object.keys(m).length > 0;
}
